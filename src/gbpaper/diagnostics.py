"""Locations in the inputs, and the errors and warnings that point at them.

Every message gbpaper prints about an input is a Diagnostic: `path:line:col: error: message`.
They are collected, never raised one by one, so that a run reports every problem at once.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

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


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column count from 1, columns in characters. In a file
    whose lines are not lines of text (a Word document's paragraphs), `context` quotes what the
    line is, so that it can be found: `heading "Promotional activities"`. It is no part of the
    place itself, and a message about the place ends with it."""

    path: str
    line: int = 1
    col: int = 1
    context: str = field(default="", compare=False)

    def shifted(self, chars: int) -> Location:
        return Location(self.path, self.line, self.col + chars, self.context)


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
# gets one line saying how many more there are: a flood helps nobody, and would fill memory.
MAX_PER_FILE = 100


@dataclass
class Diagnostics:
    """Collects diagnostics through a whole run; they are read sorted by place."""

    items: list[Diagnostic] = field(default_factory=list)
    _shown: dict[str, int] = field(default_factory=dict, repr=False)
    _more: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)  # path -> (index, count)

    def error(self, location: Location, message: str) -> None:
        self._add(Diagnostic(location, "error", message))

    def warning(self, location: Location, message: str) -> None:
        self._add(Diagnostic(location, "warning", message))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        for diag in other:
            self._add(diag)

    def _add(self, diag: Diagnostic) -> None:
        path = diag.location.path
        shown = self._shown.get(path, 0)
        if shown < MAX_PER_FILE:
            self._shown[path] = shown + 1
            self.items.append(diag)
            return
        # One line, where the first problem not shown is, counts them all.
        index, count = self._more.get(path, (len(self.items), 0))
        if count == 0:
            self.items.append(diag)
        first = self.items[index]
        severity: Severity = "error" if "error" in (first.severity, diag.severity) else "warning"
        self._more[path] = (index, count + 1)
        self.items[index] = Diagnostic(first.location, severity, f"{count + 1:,} more problem"
                                       f"{'s' if count else ''} in this file, not shown: gbpaper "
                                       f"shows the first {MAX_PER_FILE} of a file")

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def error_paths(self) -> set[str]:
        """The files that have an error so far."""
        return {d.location.path for d in self.items if d.severity == "error"}

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=Diagnostic.sort_key)


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
