"""The document model: one finished, numbered paper that every renderer reads.

Everything here is frozen. The assembler and the numbering build it once; renderers only
print it (they never count), so the text and the Word paper cannot disagree.

The kinds of block (`Block`) and of a paragraph's trailing part (`Part`) are closed unions:
every consumer dispatches over them with `match` and ends with `assert_never`, so that the
type checker names any consumer that a new kind has not reached.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Literal, Union, assert_never



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
    """The place of a footnote reference; `number` is the footnote's number in the paper.
    Two or more side by side are notes at one place, printed with a comma between them."""

    number: int


@dataclass(frozen=True)
class CrossRef:
    """`[#label]`, resolved: `value` is what it prints (a paragraph number, `19(b)`, a
    section's numeral or letter, a table's number)."""

    target: str
    value: str


Inline = Union[Text, Emphasis, NoteRef, CrossRef]
Inlines = tuple[Inline, ...]
NOTE_SEPARATOR = ","  # printed between the calls of several notes at one place: `reports¹,²`


@dataclass(frozen=True)
class Footnote:
    number: int
    content: Inlines
    ibid: bool = False


# A paragraph's trailing parts: one kind per paragraph, each printed on a line of its own.


@dataclass(frozen=True)
class DashItem:
    """`- item` of a paragraph's dash list."""

    content: Inlines


@dataclass(frozen=True)
class LetteredItem:
    """`(a) item` (depth 1) or `(i) sub-item` (depth 2); `marker` is printed as it stands, in
    the paper's language (`(a)`, `a)`)."""

    marker: str
    depth: Literal[1, 2]
    content: Inlines
    label: str | None = None


@dataclass(frozen=True)
class QuotedParagraph:
    """One paragraph of a displayed quotation."""

    content: Inlines


Part = Union[DashItem, LetteredItem, QuotedParagraph]


@dataclass(frozen=True)
class Paragraph:
    number: int | None  # None in an appendix whose paragraphs are not numbered
    content: Inlines
    parts: tuple[Part, ...]
    footnotes: tuple[Footnote, ...]
    label: str | None = None


Numbering = Literal["roman", "letter"]


@dataclass(frozen=True)
class Heading:
    key: str
    text: str
    numeral: str | None  # a Roman numeral or a letter, as `numbering` says
    level: int  # 1 for a section of the outline's top level, 2 and 3 for those nested in it
    numbering: Numbering | None = None

    @property
    def display(self) -> str:
        return f"{self.numeral}. {self.text}" if self.numeral else self.text


Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Caption:
    """A table's caption: `label` is its numbered name in the paper's language (`Table 1.`)."""

    label: str
    content: Inlines


@dataclass(frozen=True)
class Table:
    caption: Caption | None
    align: tuple[Align, ...]  # one per column
    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    footnotes: tuple[Footnote, ...]
    label: str | None = None


Block = Union[Heading, Paragraph, Table]


def map_inlines(block: Block, change: Callable[[Inlines], Inlines]) -> Block:
    """The block with `change` made to each of its runs of text and its notes' (a heading,
    whose text is no run of inlines, stays as it is)."""
    def notes(footnotes: tuple[Footnote, ...]) -> tuple[Footnote, ...]:
        return tuple(replace(note, content=change(note.content)) for note in footnotes)

    match block:
        case Heading():
            return block
        case Paragraph():
            return replace(block, content=change(block.content), footnotes=notes(block.footnotes),
                           parts=tuple(replace(part, content=change(part.content)) for part in block.parts))
        case Table():
            caption = block.caption and replace(block.caption, content=change(block.caption.content))
            return replace(block, caption=caption, header=tuple(change(cell) for cell in block.header),
                           rows=tuple(tuple(change(cell) for cell in row) for row in block.rows),
                           footnotes=notes(block.footnotes))
        case _:
            assert_never(block)


def block_footnotes(block: Block) -> tuple[Footnote, ...]:
    match block:
        case Heading():
            return ()
        case Paragraph() | Table():
            return block.footnotes
        case _:
            assert_never(block)


Layout = Literal["2007", "2011"]
MastheadRole = Literal["office", "body", "symbol", "session", "place_month", "committee", "segment",
                       "committee_code", "date", "original"]


@dataclass(frozen=True)
class MastheadLine:
    """A line of the first page's masthead, worded in the paper's language; its role says
    where the Word paper sets it (the text output prints the lines in order)."""

    role: MastheadRole
    text: str


@dataclass(frozen=True)
class SummaryField:
    label: str  # `Policy implications`, in the paper's language
    content: Inlines


@dataclass(frozen=True)
class Summary:
    """The "Purpose of the document" box of the 2011 layout."""

    heading: str
    purpose: Inlines
    fields: tuple[SummaryField, ...]  # those given, in the contract's order


@dataclass(frozen=True)
class Appendix:
    """An appendix or annex: `label` as printed (`Appendix I`, `Annex`), its title, its blocks."""

    key: str
    label: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Paper:
    symbol: str
    language: str
    layout: Layout
    notice: str | None  # printed above the masthead
    masthead: tuple[MastheadLine, ...]
    purpose: str | None  # the purpose line (2007 layout)
    agenda: str | None
    title: str
    subtitle: str | None
    summary: Summary | None
    blocks: tuple[Block, ...]
    date_line: str | None  # the end's place and date (2007 layout)
    closing: Inlines  # () when there is none
    appendices: tuple[Appendix, ...]
    stamp: str | None  # the Word file's stamp, at the foot of its first page
    locale: str  # the language tag for proofing and hyphenation, e.g. fr-FR
    author: str  # the Word file's author: the Office, in the paper's language

    @property
    def file_stem(self) -> str:
        """`GB.300-MNE-2-1.en`, `GB.323-INS-8(Rev.1).en`: the symbol with `/` as `-`, then the
        language."""
        return f"{self.symbol.replace('/', '-')}.{self.language}"

    @property
    def all_blocks(self) -> tuple[Block, ...]:
        """The body's blocks, then each appendix's, in reading order."""
        return self.blocks + tuple(block for appendix in self.appendices for block in appendix.blocks)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.all_blocks if isinstance(b, Paragraph))

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """Every footnote, in the order of its number."""
        return tuple(note for block in self.all_blocks for note in block_footnotes(block))

    def pformat(self) -> str:
        """The model as indented text, one node a line: what the assembler made, apart from
        any renderer (in the spirit of docutils' `Node.pformat`)."""
        from gbpaper.model_dump import dump_paper

        return dump_paper(self)
