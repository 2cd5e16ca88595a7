"""The inline syntax of unit text: *italic*, **bold**, \\ escapes, [^note] and [#label].

Parsed by hand rather than with a CommonMark library: the contract makes an unclosed `*` or
`[^` an error to report at its column, where CommonMark quietly prints it as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Union

from gbpaper.diagnostics import Diagnostics, Location, quote
from gbpaper.sources.limits import FileLimits
from gbpaper.sources.text import SourceText

LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*\Z")
LABEL_RULE = "letters, digits, '-', '_', '.', ':'"


@dataclass(frozen=True, slots=True)
class RawNoteRef:
    label: str
    location: Location


@dataclass(frozen=True, slots=True)
class RawCrossRef:
    label: str
    location: Location


Style = Literal["italic", "bold"]


@dataclass(frozen=True, slots=True)
class RawEmphasis:
    style: Style
    children: tuple[RawInline, ...]


RawInline = Union[str, RawEmphasis, RawNoteRef, RawCrossRef]

_WIDTH: dict[Style, int] = {"italic": 1, "bold": 2}
_SPECIAL = re.compile(r"[\\*\[{]")
_LABEL_HERE = re.compile(r"\{#[^{}]*\}")
_PUNCTUATED_MARKER = re.compile(r"\s*[.,;:][\s.,;:]*\[\^")  # `[^a]. [^b]`
_NEXT_STARS = re.compile(r"(?:\\.|[^\\*])*?(\*+)", re.S)
_REF_END = re.compile(r"[^\[\]]*\]")


def label_problem(label: str, kind: str) -> str:
    if not label:
        return f"empty {kind} label"
    return f"{kind} label {quote(label)} may hold only {LABEL_RULE}, starting with a letter or digit"


class _Frame:
    """The content of one emphasis (or of the whole text) as it is read."""

    def __init__(self, style: Style | None, opener: Location | None) -> None:
        self.style, self.opener = style, opener
        self._children: list[RawInline] = []
        self._text: list[str] = []  # text read since the last node, joined once (not one by one)

    @property
    def emphasis(self) -> Style:
        """The style of an emphasis frame (every frame but the text's own, at the bottom)."""
        assert self.style is not None, "the text itself is no emphasis"
        return self.style

    @property
    def at(self) -> Location:
        """Where an emphasis frame was opened."""
        assert self.opener is not None, "the text itself is no emphasis"
        return self.opener

    def add_text(self, text: str) -> None:
        if text:
            self._text.append(text)

    def add(self, node: RawInline) -> None:
        if isinstance(node, str):
            self.add_text(node)
            return
        self._flush()
        self._children.append(node)

    def content(self) -> list[RawInline]:
        self._flush()
        return self._children

    def _flush(self) -> None:
        if self._text:
            self._children.append("".join(self._text))
            self._text = []


def parse_inline(src: SourceText, diags: Diagnostics, notes_allowed: bool = True,
                 refused: str = "in a footnote or in the closing line",
                 limits: FileLimits | None = None) -> tuple[RawInline, ...]:
    """The inline content of src; every syntax error in it is reported, none is guessed. Where
    notes are not allowed, `refused` says where a footnote reference stands in the message.
    Each italic or bold run opened and each reference is counted against `limits`, if given
    (Refused past them)."""
    s = src.text
    stack = [_Frame(None, None)]
    bullets: set[Location] = set()  # `* ` starting a line: meant as a list item, most likely
    i, n = 0, len(s)
    while i < n:
        match = _SPECIAL.search(s, i)
        if match is None:
            stack[-1].add_text(s[i:])
            break
        j = match.start()
        stack[-1].add_text(s[i:j])
        c = s[j]
        if c == "\\":
            stack[-1].add_text(s[j + 1 : j + 2] or "\\")
            i = j + 2
        elif c == "*":
            k = j
            while k < n and s[k] == "*":
                k += 1
            after = _next_run(s, k) if k - j == 3 else 0
            where = src.location(j)
            if k - j == 1 and where.col == 1 and s[k : k + 1] == " ":
                bullets.add(where)
            depth = len(stack)
            _emphasis_run(stack, k - j, where, diags, after)
            for _ in range(depth, len(stack)):  # the runs it opened
                _count(limits, where)
            i = k
        elif s.startswith("[^", j) or s.startswith("[#", j):
            i = _reference(s, j, src, stack[-1], diags, notes_allowed, refused, limits)
        elif label := _LABEL_HERE.match(s, j):
            diags.error(src.location(j), f"{quote(label.group())} labels a paragraph, a lettered item or a "
                        "table's caption only at the very end of its text (in YAML: 'label:'); write \\{ "
                        "for a literal '{'")
            stack[-1].add_text(label.group())
            i = label.end()
        else:
            stack[-1].add_text(c)
            i = j + 1
    while len(stack) > 1:
        frame = stack.pop()
        mark = "*" * _WIDTH[frame.emphasis]
        hint = "a list item starts with '- ', not '* '" if frame.at in bullets else \
            "write \\* for a literal asterisk"
        diags.error(frame.at, f"'{mark}' opens {frame.emphasis} text that is never closed ({hint})")
        stack[-1].add_text(mark)
        for node in frame.content():
            stack[-1].add(node)
    return tuple(stack[0].content())


def _emphasis_run(stack: list[_Frame], width: int, where: Location, diags: Diagnostics,
                  next_run: int) -> None:
    """A run of `width` asterisks closes the emphasis open on top when it matches, else opens.

    `***` closes both of two open emphases, or opens both: bold innermost when the next run of
    asterisks is `**` (`***a** b*`), italic innermost otherwise (`***a* b**`).
    """
    if width > 3:
        diags.error(where, f"{width} asterisks in a row; write \\* for a literal asterisk")
        return
    if width < 3:
        style: Style = "italic" if width == 1 else "bold"
        if stack[-1].style == style:
            _close(stack, diags)
        elif any(frame.style == style for frame in stack):  # **a *b** c*: crossed, not nested
            inner, outer = stack[-1], stack[-2]
            diags.error(where, f"'{'*' * width}' would close the {style} text opened at "
                        f"{_place(outer.at, where)}, but the {inner.emphasis} text opened at "
                        f"{_place(inner.at, where)} is still open: close the "
                        f"'{'*' * _WIDTH[inner.emphasis]}' first")
            stack.pop()
            stack[-1].add(RawEmphasis(inner.emphasis, tuple(inner.content())))
            _close(stack, diags)
            stack.append(_Frame(inner.style, inner.opener))  # read on as the writer meant
        else:
            stack.append(_Frame(style, where))
        return
    if stack[-1].style is not None:
        width -= _WIDTH[stack[-1].style]
        _close(stack, diags)
        _emphasis_run(stack, width, where, diags, next_run)
        return
    order: tuple[Style, Style] = ("italic", "bold") if next_run == 2 else ("bold", "italic")
    stack.append(_Frame(order[0], where))
    stack.append(_Frame(order[1], where.shifted(_WIDTH[order[0]])))


def _place(opener: Location, where: Location) -> str:
    """Where an emphasis was opened, said from where it is closed."""
    return f"column {opener.col}" if opener.line == where.line else f"line {opener.line}, column {opener.col}"


def _close(stack: list[_Frame], diags: Diagnostics) -> None:
    frame = stack.pop()
    if not frame.content():
        diags.error(frame.at, f"empty {frame.emphasis} text")
    stack[-1].add(RawEmphasis(frame.emphasis, tuple(frame.content())))


def _next_run(s: str, start: int) -> int:
    """The length of the next run of unescaped asterisks at or after start (0 if none)."""
    match = _NEXT_STARS.search(s, start)
    return len(match.group(1)) if match else 0


def _reference(s: str, j: int, src: SourceText, frame: _Frame, diags: Diagnostics, notes_allowed: bool,
               refused: str, limits: FileLimits | None) -> int:
    """Parses `[^label]` or `[#label]` at j, counted against limits; returns the offset after it."""
    where = src.location(j)
    note = s[j + 1] == "^"
    kind = "footnote reference" if note else "cross-reference"
    closed = _REF_END.match(s, j + 2)
    if closed is None:  # no ']' before the next '[' or the end: read on after the '[^' or '[#'
        diags.error(where, f"'{s[j:j + 2]}' opens a {kind} that is never closed with ']'")
        frame.add_text(s[j : j + 2])
        return j + 2
    end = closed.end() - 1
    label = s[j + 2 : end]
    _count(limits, where, note=bool(note and notes_allowed and LABEL.match(label)))
    if not LABEL.match(label):
        diags.error(where, label_problem(label, kind))
    elif note and not notes_allowed:
        diags.error(where, f"a footnote reference is not allowed {refused}")
    elif note:
        frame.add(RawNoteRef(label, where))
        # Markers side by side are notes at one place; with punctuation between them they
        # would move together across it all the same, and the writer's intent is unclear.
        if beside := _PUNCTUATED_MARKER.match(s, end + 1):
            diags.error(src.location(beside.end() - 2),
                        "two footnote markers with only punctuation between them; write them side "
                        f"by side for two notes at one place ([^{label}][^...]), or put words between them")
    else:
        frame.add(RawCrossRef(label, where))
    return end + 1


def _count(limits: FileLimits | None, where: Location, note: bool = False) -> None:
    """A run or reference counted against limits, if the text has any (a footnote reference as
    a note of the paper too)."""
    if limits is not None:
        (limits.note if note else limits.run)(where)


def iter_refs(content: tuple[RawInline, ...]):
    """Every footnote reference and cross-reference in content, in reading order."""
    for node in content:
        if isinstance(node, RawEmphasis):
            yield from iter_refs(node.children)
        elif not isinstance(node, str):
            yield node
