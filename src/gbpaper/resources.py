"""Where gbpaper finds its templates: the checkout's templates/ folder."""
from __future__ import annotations

import os
from pathlib import Path

TEMPLATES_DIR = Path(os.environ.get("GBPAPER_TEMPLATES", Path(__file__).resolve().parents[2] / "templates"))
