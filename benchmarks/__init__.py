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
# The session benchmark's section of results.md, kept when the paper benchmark rewrites the rest.
SESSION_BEGIN, SESSION_END = "<!-- session: begin -->", "<!-- session: end -->"


@dataclass(frozen=True)
class GeneratedPaper:
    """A synthetic paper on disk: its folder for gbpaper, its Markdown for pandoc, its size."""

    scale: int
    folder: Path
    markdown: Path
    word_folder: Path  # the paper with its biggest Markdown submission as a Word document
    word_source: Path  # that Markdown submission
    paragraphs: int
    footnotes: int
    list_items: int
    cross_references: int

    def to_json(self) -> str:
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()})

    @classmethod
    def from_json(cls, text: str) -> GeneratedPaper:
        fields = json.loads(text)
        paths = {name: Path(fields[name]) for name in ("folder", "markdown", "word_folder", "word_source")}
        return cls(**{**fields, **paths})
