"""Where each item of the comparison is in a paper: its units (the Word paragraphs it is
written in) and their text as pieces, each what the text output prints and what the Word paper
writes for it, in the order of the text output."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple, Union, assert_never

from gbpaper import diff, model
from gbpaper.redline.revisions import Content, Leaves, Marker
from gbpaper.render.text import Leaf, Styles, inline_pieces, plain

Kind = diff.Kind

Where = tuple[Union[str, int], ...]  # where a unit's text is in its paper


class Piece(NamedTuple):
    """Text as the text output prints it, and what the Word paper writes for it: leaves in
    their emphasis (nothing for a mark of emphasis, a dash item's `-`, a quotation's `>`), or an
    item's letter. `space` for the white space between words. (A named tuple: a paper has one
    for every word and every space, made and compared at C's speed.)"""

    printed: str
    content: Content
    space: bool = False


@dataclass(frozen=True)
class Unit:
    """A Word paragraph's worth of an item: where its text is, what of it the comparison leaves
    out before its pieces (a heading's numeral typed in its text) and after them (an appendix
    label's numeral), and its pieces."""

    path: Where
    lead: Leaves
    pieces: tuple[Piece, ...]
    trail: Leaves = ()


@dataclass(frozen=True)
class Slot:
    """An item of the comparison in its paper: its kind, its units, and where it stands."""

    kind: Kind
    units: tuple[Unit, ...]
    block: tuple[int, int] | None = None  # (container, index): 0 the body, k + 1 appendix k
    note: int | None = None  # a footnote's number


def same_text(olds: tuple[Unit, ...], news: tuple[Unit, ...]) -> bool:
    """Whether two items' units hold the same text, in the same emphasis, with the same notes'
    marks: the revision of one into the other changes nothing."""
    return len(olds) == len(news) and all((a.lead, a.pieces, a.trail) == (b.lead, b.pieces, b.trail)
                                          for a, b in zip(olds, news))


def _printed(text: str, cell: bool) -> str:
    """Text as the text output prints it: a `|` in a table's cell written `\\|`."""
    return text.replace("|", "\\|") if cell else text


def _text_pieces(value: str, styles: Styles, node: model.Text | None = None, cell: bool = False) -> list[Piece]:
    """A text as pieces, its words apart from the white space between them."""
    chunks = _RUNS.findall(value)
    if node is not None and len(chunks) == 1:
        return [Piece(_printed(plain(value), cell), ((node, styles),), value[0] in diff.SPACES)]
    return [_chunk_piece(chunk, styles, cell) for chunk in chunks]


@lru_cache(maxsize=1 << 16)  # one piece for a word met again, in the same emphasis: a paper's words repeat
def _chunk_piece(chunk: str, styles: Styles, cell: bool) -> Piece:
    return Piece(_printed(plain(chunk), cell), ((model.Text(chunk), styles),), chunk[0] in diff.SPACES)


_RUNS = re.compile(f"[{diff.SPACES}]+|[^{diff.SPACES}]+")  # runs of white space (as diff tells it) and of the rest


def _inline_pieces(nodes: model.Inlines, cell: bool = False) -> list[Piece]:
    """Runs as pieces, printed as the text output prints them."""
    pieces: list[Piece] = []
    for printed, leaf, styles in inline_pieces(nodes):
        if isinstance(leaf, model.Text):
            pieces += _text_pieces(leaf.value, styles, leaf, cell)
        else:
            pieces.append(Piece(_printed(printed, cell), () if leaf is None else ((leaf, styles),)))
    return pieces


SPACE = Piece(" ", (), True)  # between a part's mark and its text, a tab in Word


def _part_pieces(part: model.Part) -> list[Piece]:
    """A paragraph's part as the text output prints its line: `- `, `(a) `, `> ` before it."""
    match part:
        case model.DashItem(content):
            return [Piece("-", ()), SPACE, *_inline_pieces(content)]
        case model.LetteredItem(marker, _, content):
            return [Piece(marker, Marker(marker)), SPACE, *_inline_pieces(content)]
        case model.QuotedParagraph(content):
            return [Piece(">", ()), SPACE, *_inline_pieces(content)]
        case _:
            assert_never(part)


def _line(path: Where, pieces: list[Piece], outside: str = "", caption: bool = False) -> Slot:
    """A heading's slot: one line, the comparison leaving out its numeral or a caption's
    number; `outside` is what the writer prints before the unit's text (`I. `, `Table 1. `)."""
    start = diff.compared_start(outside + "".join(p.printed for p in pieces), caption) - len(outside)
    lead: list[tuple[Leaf, Styles]] = []
    while start > 0:
        piece = pieces.pop(0)
        start -= len(piece.printed)
        if isinstance(piece.content, Marker):
            raise AssertionError("a letter in a heading's numeral")
        lead += piece.content
    return Slot("heading", (Unit(path, tuple(lead), tuple(pieces)),))


def _text_line(path: Where, text: str, outside: str = "") -> Slot:
    return _line(path, _text_pieces(text, ()), outside)


def _label_line(path: Where, label: str) -> Slot:
    """An appendix's label: its words, the comparison leaving out its numeral (`Appendix II`)."""
    words, numeral = diff.label_parts(label)
    trail: Leaves = ((model.Text(numeral), ()),) if numeral else ()
    return Slot("heading", (Unit(path, (), tuple(_text_pieces(words, ())), trail),))


FRONT = ("purpose", "agenda", "title", "subtitle")  # the lines between the masthead and the text


def slots(paper: model.Paper) -> list[Slot]:
    """The paper's items, in the order of its text output, as the comparison reads them."""
    found: list[Slot] = []
    if paper.notice:
        found.append(_text_line(("notice",), paper.notice))
    found += [_text_line(("masthead", i), line.text) for i, line in enumerate(paper.masthead)]
    for name in FRONT:
        value = getattr(paper, name)
        if value:
            found.append(_text_line((name,), value))
    if paper.summary:
        found.append(_text_line(("summary", "heading"), paper.summary.heading))
        found.append(_line(("summary", "purpose"), _inline_pieces(paper.summary.purpose)))
        found += [_line(("summary", "field", i), _field_pieces(f)) for i, f in enumerate(paper.summary.fields)]
    _block_slots(found, paper.blocks, 0)
    if paper.date_line:
        found.append(_text_line(("date_line",), paper.date_line))
    if paper.closing:
        found.append(_line(("closing",), _inline_pieces(paper.closing)))
    for k, appendix in enumerate(paper.appendices):
        found.append(_label_line(("appendix", k, "label"), appendix.label))
        found.append(_text_line(("appendix", k, "title"), appendix.title))
        _block_slots(found, appendix.blocks, k + 1)
    return found


def _field_pieces(summary_field: model.SummaryField) -> list[Piece]:
    """`Label: text`, the label in bold as the Word paper writes it."""
    return [*_text_pieces(f"{summary_field.label}: ", ("bold",)), *_inline_pieces(summary_field.content)]


def _block_slots(found: list[Slot], blocks: tuple[model.Block, ...], container: int) -> None:
    for b, block in enumerate(blocks):
        path: Where = ("block", container, b)
        where = (container, b)
        match block:
            case model.Heading():
                slot = _text_line(path, block.text, f"{block.numeral}. " if block.numeral else "")
                found.append(replace(slot, block=where))
            case model.Paragraph():
                units = [Unit((*path, "content"), (), tuple(_inline_pieces(block.content)))]
                units += [Unit((*path, "part", p), (), tuple(_part_pieces(part)))
                          for p, part in enumerate(block.parts)]
                # An unnumbered paragraph of one line reads as a heading in the text output.
                one_line = block.number is None and not block.parts and not block.footnotes
                if one_line:
                    found.append(replace(_line(units[0].path, list(units[0].pieces)), block=where))
                else:
                    found.append(Slot("paragraph", tuple(units), where))
                found += [_note_slot(note, where) for note in block.footnotes]
            case model.Table():
                if block.caption:
                    caption = _line((*path, "caption"), _inline_pieces(block.caption.content),
                                    f"{plain(block.caption.label)} ", caption=True)
                    found.append(replace(caption, block=where))
                for r, cells in enumerate((block.header, *block.rows)):
                    found.append(Slot("row", _row_units(path, r, cells), where))
                found += [_note_slot(note, where) for note in block.footnotes]
            case _:
                assert_never(block)


def _row_units(path: Where, r: int, cells: tuple[model.Inlines, ...]) -> tuple[Unit, ...]:
    """A row's cells, as the text output prints the row: `| a | b |`, each `|` a word that
    the Word paper does not print."""
    bar = Piece("|", ())
    units = []
    for k, cell in enumerate(cells):
        pieces = [bar, SPACE, *_inline_pieces(cell, cell=True), SPACE]
        if k == len(cells) - 1:
            pieces.append(bar)
        units.append(Unit((*path, "cell", r, k), (), tuple(pieces)))
    return tuple(units)


def _note_slot(note: model.Footnote, where: tuple[int, int]) -> Slot:
    return Slot("footnote", (Unit(("note", note.number), (), tuple(_inline_pieces(note.content))),), where,
                note=note.number)


def block_at(paper: model.Paper, where: tuple[int, int]) -> model.Block:
    """The block at (container, index): 0 the body, k + 1 appendix k."""
    container, index = where
    blocks = paper.blocks if container == 0 else paper.appendices[container - 1].blocks
    return blocks[index]
