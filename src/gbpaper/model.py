"""The document model: one finished, numbered paper that every renderer reads.

Everything here is frozen. The assembler and the numbering build it once; renderers only
print it (they never count), so the text and the Word paper cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union


@dataclass(frozen=True)
class Text:
    """Literal text, as the submission wrote it (escapes already removed)."""

    value: str


@dataclass(frozen=True)
class Emphasis:
    style: Literal["italic", "bold"]
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """The place of a footnote reference; `number` is the footnote's number in the paper."""

    number: int


@dataclass(frozen=True)
class CrossRef:
    """`[#label]`, resolved: `value` is a paragraph number or a section's Roman numeral."""

    target: str
    value: str


Inline = Union[Text, Emphasis, NoteRef, CrossRef]
Inlines = tuple[Inline, ...]


@dataclass(frozen=True)
class Footnote:
    number: int
    content: Inlines
    ibid: bool = False


@dataclass(frozen=True)
class Paragraph:
    number: int
    content: Inlines
    items: tuple[Inlines, ...]
    footnotes: tuple[Footnote, ...]
    label: str | None = None


@dataclass(frozen=True)
class Heading:
    key: str
    text: str
    numeral: str | None
    level: int

    @property
    def display(self) -> str:
        return f"{self.numeral}. {self.text}" if self.numeral else self.text


Block = Union[Heading, Paragraph]


@dataclass(frozen=True)
class Masthead:
    """The first page's fixed lines, already worded in the paper's language."""

    office: str
    body: str
    symbol: str
    session: str
    place_month: str
    committee: str | None
    committee_code: str | None


@dataclass(frozen=True)
class Paper:
    symbol: str
    language: str
    masthead: Masthead
    purpose: str
    agenda: str | None
    title: str
    subtitle: str | None
    blocks: tuple[Block, ...]
    date_line: str
    closing: Inlines
    locale: str  # the language tag for proofing and hyphenation, e.g. fr-FR
    author: str  # the Word file's author: the Office, in the paper's language

    @property
    def file_stem(self) -> str:
        """`GB.300-MNE-2-1.en`: the symbol with `/` as `-`, then the language."""
        return f"{self.symbol.replace('/', '-')}.{self.language}"

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))
