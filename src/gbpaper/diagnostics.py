"""Locations in the inputs, and the errors and warnings that point at them.

Every message gbpaper prints about an input is a Diagnostic: `path:line:col: error: message`.
They are collected, never raised one by one, so that a run reports every problem at once.
"""
from __future__ import annotations

import difflib
import heapq
import re
from dataclasses import dataclass, field
from typing import Iterable, Literal, NamedTuple

Severity = Literal["error", "warning"]
# A file name's bytes that are not UTF-8 come from the file system as lone surrogates
# (U+DC80 to U+DCFF stand for the bytes 0x80 to 0xFF), which no output stream can encode.
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    """A character as Python writes it escaped (\\n, \\x1b); a byte that is not UTF-8 as \\xe9."""
    char = match.group()
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1]


def one_line(text: str) -> str:
    """text as one printable line: control characters, and bytes of a file name that are not
    UTF-8, escaped."""
    return _UNPRINTABLE.sub(_escaped, text)


def encodable(text: str) -> str:
    """text with the bytes of a file name that are not UTF-8 escaped, so that UTF-8 and JSON
    can hold it."""
    return _SURROGATE.sub(_escaped, text)


class Location(NamedTuple):
    """A place in an input file; line and column count from 1, columns in characters. In a file
    whose lines are not lines of text (a Word document's paragraphs), `context` quotes what the
    line is, so that it can be found: `heading "Promotional activities"`. It is no part of the
    place itself, and a message about the place ends with it. (A named tuple: a paper has one
    for every line, made at C's speed.)"""

    path: str
    line: int = 1
    col: int = 1
    context: str = ""

    def shifted(self, chars: int) -> Location:
        return Location(self.path, self.line, self.col + chars, self.context)

    # Compared, ordered and hashed as the place alone, its context aside.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self[:3] == other[:3]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:3])

    def __lt__(self, other: tuple[object, ...]) -> bool:
        return self[:3] < other[:3]

    def __le__(self, other: tuple[object, ...]) -> bool:
        return self[:3] <= other[:3]

    def __gt__(self, other: tuple[object, ...]) -> bool:
        return self[:3] > other[:3]

    def __ge__(self, other: tuple[object, ...]) -> bool:
        return self[:3] >= other[:3]


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    message: str

    @property
    def text(self) -> str:
        """The message, with what its location quotes of the file (if anything) after it."""
        context = self.location.context
        return f"{self.message} ({context})" if context else self.message

    def format(self) -> str:
        """One line, whatever the path and message hold (a file name may hold a line break)."""
        loc = self.location
        return one_line(f"{loc.path}:{loc.line}:{loc.col}: {self.severity}: {self.text}")

    def sort_key(self) -> tuple:
        return (self.location, self.severity != "error", self.message)

    def as_json(self) -> dict[str, str | int]:
        """The diagnostic as `gbpaper check --format json` gives it, for editors and CI."""
        loc = self.location
        return {"path": encodable(loc.path), "line": loc.line, "col": loc.col, "severity": self.severity,
                "message": encodable(self.text)}


# Problems shown for one file. A file with more (a binary file, a paragraph of a million '[^')
# shows the first MAX_PER_FILE by place, then one line, where the first of the others is, that
# says how many more there are: a flood helps nobody, and would fill memory.
MAX_PER_FILE = 100
MAX_SUGGESTIONS = 100  # wrong names of a paper that get a "did you mean" (Diagnostics.suggesting)


class _Latest:
    """A diagnostic kept for its file, ordered so that a heap of them has the latest by place
    on top (heapq keeps the least on top)."""

    __slots__ = ("diag", "key", "order")

    def __init__(self, diag: Diagnostic, order: int) -> None:
        self.diag, self.key, self.order = diag, diag.sort_key(), order

    def __lt__(self, other: _Latest) -> bool:
        return self.key > other.key


@dataclass
class _File:
    """One file's problems: the first MAX_PER_FILE by place (`kept`, a heap, the latest on top),
    and of the others their number, the first by place, and whether one is an error."""

    kept: list[_Latest] = field(default_factory=list)
    more: int = 0
    first_more: Diagnostic | None = None
    more_is_error: bool = False
    more_order: int = 0  # when the first problem past MAX_PER_FILE came

    def add(self, diag: Diagnostic, order: int) -> None:
        if len(self.kept) < MAX_PER_FILE:
            heapq.heappush(self.kept, _Latest(diag, order))
            return
        if self.more == 0:
            self.more_order = order
        latest = self.kept[0]
        if _Latest(diag, order) < latest:  # no earlier than the latest kept: not shown
            self.set_aside(diag)
        else:
            self.set_aside(heapq.heapreplace(self.kept, _Latest(diag, order)).diag)

    def set_aside(self, diag: Diagnostic) -> None:
        self.more += 1
        self.more_is_error = self.more_is_error or diag.severity == "error"
        if self.first_more is None or diag.sort_key() < self.first_more.sort_key():
            self.first_more = diag

    def shown(self) -> list[tuple[int, Diagnostic]]:
        """The problems shown, each with when it came: those kept, and the line that counts
        the others."""
        shown = [(kept.order, kept.diag) for kept in self.kept]
        if self.first_more is not None:
            more = f"{self.more:,} more problem{'s' if self.more > 1 else ''}"
            shown.append((self.more_order, Diagnostic(
                self.first_more.location, "error" if self.more_is_error else "warning",
                f"{more} in this file, not shown: gbpaper shows the first {MAX_PER_FILE} of a file")))
        return shown


@dataclass
class Diagnostics:
    """Collects diagnostics through a whole run; `items` gives them in the order they came,
    `sorted()` by place. Of a file, MAX_PER_FILE at most (see _File)."""

    _files: dict[str, _File] = field(default_factory=dict, repr=False)
    _count: int = field(default=0, repr=False)
    _suggested: int = field(default=0, repr=False)

    def error(self, location: Location, message: str) -> None:
        self._add(Diagnostic(location, "error", message))

    def warning(self, location: Location, message: str) -> None:
        self._add(Diagnostic(location, "warning", message))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        for diag in other:
            self._add(diag)

    def _add(self, diag: Diagnostic) -> None:
        self._files.setdefault(diag.location.path, _File()).add(diag, self._count)
        self._count += 1

    @property
    def items(self) -> list[Diagnostic]:
        """The problems shown, in the order they came."""
        came = sorted((shown for file in self._files.values() for shown in file.shown()), key=lambda shown: shown[0])
        return [diag for _, diag in came]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def error_paths(self) -> set[str]:
        """The files that have an error so far."""
        return {d.location.path for d in self.items if d.severity == "error"}

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=Diagnostic.sort_key)

    def suggesting(self) -> bool:
        """Whether the wrong name about to be reported may get a "did you mean": the first
        MAX_SUGGESTIONS of those collected here may. Each costs a comparison with every choice,
        and thousands of wrong names against thousands of choices (headings against sections,
        references against labels) would take minutes to check."""
        self._suggested += 1
        return self._suggested <= MAX_SUGGESTIONS


def quote(text: str, limit: int = 40) -> str:
    """The offending text for a message: quoted whole when short, shortened when not."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


MAX_CHOICES = 200  # choices held against a wrong word, each with difflib, when there are many


def _likely(word: str, choices: list[str]) -> list[str]:
    """The choices worth holding against word, at most MAX_CHOICES: all of them when they are
    few; of many (a plan of thousands of sections, a paper of thousands of labels), those that
    start with its letter, are about as long and share the longest start with it, so that a
    suggestion costs a scan, not a comparison with each."""
    if len(choices) <= MAX_CHOICES:
        return choices
    size = len(word)
    pool = [c for c in choices if c[:1] == word[:1] and abs(len(c) - size) <= 2]
    # Of those, the ones that share the longest start with it (most typos are further on):
    # narrowed a letter at a time while more than MAX_CHOICES are left.
    for k in range(1, size):
        if len(pool) <= MAX_CHOICES:
            break
        narrower = [c for c in pool if c[k:k + 1] == word[k]]
        if len(narrower) >= MAX_CHOICES:
            pool = narrower
            continue
        chosen = set(narrower)
        pool = narrower + [c for c in pool if c not in chosen][:MAX_CHOICES - len(narrower)]
    return pool[:MAX_CHOICES]


def did_you_mean(word: str, choices: Iterable[str], describe=None, cutoff: float = 0.6) -> str:
    """'; did you mean 'x'?' for the nearest choice, or '' when none is as near as cutoff."""
    choices = list(choices)
    folded = {c.casefold(): c for c in choices}
    near = difflib.get_close_matches(word.casefold(), _likely(word.casefold(), list(folded)), n=1, cutoff=cutoff)
    if not near:
        return ""
    best = folded[near[0]]
    detail = describe(best) if describe else None
    extra = f" ({detail})" if detail else ""
    return f"; did you mean '{best}'{extra}?"
