"""`python -m gbpaper.compiled`: compiles gbpaper's modules to Python's bytecode and its
templates to Jinja's, once after each change, so that a run reads them instead of compiling
them again. `make` runs it when a module or template changed; it writes even where Python
itself writes no bytecode (PYTHONDONTWRITEBYTECODE), and a run never writes either."""
from __future__ import annotations

import compileall
import sys
from pathlib import Path

from gbpaper.render.text import compile_templates


def main() -> int:
    compiled = compileall.compile_dir(Path(__file__).parent, quiet=1)
    compile_templates()
    return 0 if compiled else 1


if __name__ == "__main__":
    sys.exit(main())
