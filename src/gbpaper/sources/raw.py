"""A submission's blocks as written, in either format, before their inline syntax is parsed.

Every piece keeps its place in the source, so that the assembler's errors can point at it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from gbpaper.diagnostics import Location
from gbpaper.model import Align
from gbpaper.sources.text import SourceText

PartKind = Literal["dash", "lettered", "sub", "quote"]


@dataclass(frozen=True)
class RawPart:
    """A line of a paragraph's trailing part: a dash item, a lettered item or sub-item, or a
    quoted paragraph."""

    kind: PartKind
    text: SourceText
    label: SourceText | None = None


@dataclass(frozen=True)
class RawParagraph:
    section: SourceText  # the section's name as written: key or heading text
    text: SourceText
    parts: tuple[RawPart, ...]
    label: SourceText | None
    heading_at: Location  # the heading line (Markdown) or section value (YAML) that placed it


@dataclass(frozen=True)
class RawTable:
    section: SourceText
    caption: SourceText | None
    label: SourceText | None
    align: tuple[Align, ...]
    header: tuple[SourceText, ...]
    rows: tuple[tuple[SourceText, ...], ...]
    heading_at: Location
    at: Location  # the table's first row (Markdown) or its `table:` value (YAML)


RawBlock = Union[RawParagraph, RawTable]


@dataclass(frozen=True)
class RawNote:
    label: str
    text: SourceText


def part_family(kind: PartKind) -> str:
    """The kind of trailing part as a paragraph may hold only one: lettered items and their
    sub-items are one kind."""
    return {"dash": "dash items", "lettered": "lettered items", "sub": "lettered items",
            "quote": "a quotation"}[kind]
