"""Bytes to text: UTF-8 only, line ends unified, characters Word cannot hold refused."""
from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from gbpaper.diagnostics import Diagnostics, Location

MAX_BYTES = 5 * 1024 * 1024

# The file being read, for the one-line report of an internal error.
reading: ContextVar[str | None] = ContextVar("reading", default=None)

# C0 controls other than TAB, LF and CR; DEL; C1 controls; the non-characters U+FFFE, U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


@dataclass(frozen=True)
class SourceText:
    """A piece of text and where each of its parts came from.

    `segments` maps offsets in `text` to source locations: each (offset, location) says that
    text[offset] was read at location and the characters after it follow on the same line.
    Wrapped lines joined with spaces, or a YAML scalar, are both described this way.
    """

    text: str
    segments: tuple[tuple[int, Location], ...]
    exact: bool = True

    @classmethod
    def at(cls, text: str, location: Location, exact: bool = True) -> SourceText:
        return cls(text, ((0, location),), exact)

    def location(self, offset: int = 0) -> Location:
        start, loc = self.segments[0]
        for seg_start, seg_loc in self.segments:
            if seg_start > offset:
                break
            start, loc = seg_start, seg_loc
        return loc.shifted(offset - start) if self.exact else loc

    def slice(self, start: int, end: int) -> SourceText:
        """The text from start to end, its segments shifted to match."""
        segs: list[tuple[int, Location]] = [(0, self.location(start))]
        for seg_start, seg_loc in self.segments:
            if start < seg_start < end:
                segs.append((seg_start - start, seg_loc))
        return SourceText(self.text[start:end], tuple(segs), self.exact)


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def read_text(path: Path, shown: str, diags: Diagnostics) -> str | None:
    """The file's text, NFC, with LF line ends and no BOM; None (with errors) if it is unusable."""
    reading.set(shown)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            diags.error(Location(shown), f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error(Location(shown), f"cannot read the file: {exc.strerror}")
        return None
    return decode(data, shown, diags)


def decode(data: bytes, shown: str, diags: Diagnostics) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, col = line_col(good, len(good))
        diags.error(
            Location(shown, line, col),
            f"the file is not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}; "
            "save it as UTF-8",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = False
    for match in _FORBIDDEN.finditer(text):
        line, col = line_col(text, match.start())
        diags.error(
            Location(shown, line, col),
            f"character U+{ord(match.group()):04X} cannot be stored in a Word document",
        )
        bad = True
    if bad:
        return None
    return unicodedata.normalize("NFC", text)
