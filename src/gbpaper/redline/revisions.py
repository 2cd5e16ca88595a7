"""What a redline marks: the revisions of NEW's units, as the Word paper writes them, and the
tags that tie a unit's text in the paper to its revision."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Literal, NamedTuple, Sequence, Union

from gbpaper import diff, model
from gbpaper.render.text import Leaf, Styles

if TYPE_CHECKING:
    from gbpaper.redline.slots import Slot

Status = Literal["same", "inserted", "deleted"]
Leaves = tuple[tuple[Leaf, Styles], ...]  # runs of text as their leaves, each in its emphasis


@dataclass(frozen=True)
class Marker:
    """A lettered item's letter, which the Word paper types with a tab after it."""

    text: str


Content = Union[Leaves, Marker]  # leaves in their emphasis, or a letter


class Span(NamedTuple):
    """Text of one status: kept, inserted or deleted. (A named tuple: a revision makes one for
    every word and space before it joins them.)"""

    status: Status
    content: Content


@dataclass(frozen=True)
class Line:
    """A Word paragraph of a revised unit: its spans, then its paragraph mark, `deleted` for one
    that OLD had and NEW has not (accepting joins the paragraph to the next)."""

    spans: tuple[Span, ...]
    mark: Status


@dataclass(frozen=True)
class Whole:
    """A unit inserted or deleted whole: its text, what the writer puts before it (a number, a
    letter, a note's mark) and its paragraph mark; for a table's cell, its row as well."""

    status: Literal["inserted", "deleted"]
    row: bool = False


@dataclass(frozen=True)
class Revised:
    """A unit changed word by word: `lead` is the status of what the writer puts before its text
    (`inserted` for the letter of an item that is new); its lines, the first in the writer's
    paragraph and each further one a paragraph after it in the same style."""

    lead: Status
    lines: tuple[Line, ...]


Revision = Union[Whole, Revised]


@dataclass(frozen=True)
class Redline:
    """NEW's paper with OLD's removed text placed in it, its revised text tagged, and the
    revisions by tag; `plain` is NEW's paper as built, whose title the file's properties give."""

    paper: model.Paper
    revisions: tuple[Revision, ...]
    plain: model.Paper


@dataclass(frozen=True)
class Side:
    """One side of a redline: its paper, its build as the comparison reads it, and the slots of
    its paper that hold the build's items (each item's words where the paper has them)."""

    paper: model.Paper
    build: diff.Build
    slots: tuple[Slot, ...]


# Tags ------------------------------------------------------------------------------------

TAG = "\U0010fffd"  # then two digits of base DIGITS, each a character from DIGIT_ZERO on
DIGIT_ZERO = 0xF0000  # Unicode's supplementary private use area A
DIGITS = 0xFFFE  # its characters


def tag(number: int) -> str:
    return TAG + chr(DIGIT_ZERO + number // DIGITS) + chr(DIGIT_ZERO + number % DIGITS)


def untag(text: str) -> tuple[str, int | None, str]:
    """(what comes before the tag, the tag's number, what comes after it); (text, None, "")
    when text holds no tag."""
    at = text.find(TAG)
    digits = [ord(c) - DIGIT_ZERO for c in text[at + 1:at + 3]] if at >= 0 else []
    if len(digits) < 2 or not all(0 <= digit < DIGITS for digit in digits):
        return text, None, ""
    return text[:at], digits[0] * DIGITS + digits[1], text[at + 3:]


def merged_leaves(leaves: Leaves) -> Leaves:
    """Leaves with each run of texts side by side in the same emphasis as one text."""
    out: list[tuple[Leaf, Styles]] = []
    texts: list[str] = []  # the values of the texts that end out, to be joined into its last
    for leaf, styles in leaves:
        if texts and isinstance(leaf, model.Text) and out[-1][1] == styles:
            texts.append(leaf.value)
            continue
        if len(texts) > 1:
            out[-1] = (model.Text("".join(texts)), out[-1][1])
        texts = [leaf.value] if isinstance(leaf, model.Text) else []
        out.append((leaf, styles))
    if len(texts) > 1:
        out[-1] = (model.Text("".join(texts)), out[-1][1])
    return tuple(out)


def inlines(leaves: Sequence[tuple[Leaf, Styles]]) -> model.Inlines:
    """Leaves in their emphasis as runs, those side by side in one emphasis under one node."""
    out: list[model.Inline] = []
    for outer, group in groupby(leaves, key=lambda leaf: leaf[1][:1]):
        members = list(group)
        if not outer:
            out += [leaf for leaf, _ in members]
        else:
            out.append(model.Emphasis(outer[0], inlines([(leaf, styles[1:]) for leaf, styles in members])))
    return tuple(out)
