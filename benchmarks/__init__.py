"""Benchmarks of gbpaper against pandoc on synthetic papers (`make bench`).

What the generator and the runner share. The runner imports only this and the standard
library, so that it stays small: a child process's peak memory counts the pages of the process
that started it, and the generator holds a whole paper.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "benchmarks" / "build"


@dataclass(frozen=True)
class GeneratedPaper:
    """A synthetic paper on disk: its folder for gbpaper, its Markdown for pandoc, its size."""

    scale: int
    folder: Path
    markdown: Path
    paragraphs: int
    footnotes: int
    list_items: int
    cross_references: int

    def to_json(self) -> str:
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()})

    @classmethod
    def from_json(cls, text: str) -> GeneratedPaper:
        fields = json.loads(text)
        return cls(**{**fields, "folder": Path(fields["folder"]), "markdown": Path(fields["markdown"])})
