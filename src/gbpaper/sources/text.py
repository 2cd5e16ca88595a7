"""Bytes to text: UTF-8 only, line ends unified, characters Word cannot hold refused."""
from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from bisect import bisect_right
from contextvars import ContextVar
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.sources.limits import MAX_LINES, TOO_MANY_LINES

MAX_BYTES = 5 * 1024 * 1024

# The file being read, for the one-line report of an internal error.
reading: ContextVar[str | None] = ContextVar("reading", default=None)

# Ordinary whitespace, which folds: a no-break space (U+00A0, U+202F before French ':' and
# inside guillemets) is text, and never folds into a space.
SPACE = " \t\n\r\f\v"
# What fold() replaces: white space other than one plain space (a single space between two words,
# most of a text's, is left as it is, not replaced by itself).
_SPACE_RUN = re.compile(f"[{SPACE[1:]}][{SPACE}]*| [{SPACE}]+")
_WORD = re.compile(f"[^{SPACE}]+")


def fold(text: str) -> str:
    """text with each run of ordinary whitespace as one space, and none around it."""
    return _SPACE_RUN.sub(" ", text).strip(SPACE)


# C0 controls other than TAB, LF and CR; DEL; C1 controls; the non-characters U+FFFE, U+FFFF;
# surrogates (which UTF-8 never decodes to, but a YAML escape `"\ud800"` may write).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def cannot_hold(char: str) -> str:
    """The error for a character that FORBIDDEN refuses."""
    return f"character U+{ord(char):04X} cannot be stored in a Word document"


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
        start, loc = self.segments[max(0, self._segment_after(offset) - 1)]
        return loc.shifted(offset - start) if self.exact else loc

    def slice(self, start: int, end: int) -> SourceText:
        """The text from start to end, its segments shifted to match."""
        inside = self.segments[self._segment_after(start) : self._segment_after(end - 1)]
        segs = ((0, self.location(start)),) + tuple((seg_start - start, seg_loc) for seg_start, seg_loc in inside)
        return SourceText(self.text[start:end], segs, self.exact)

    def _segment_after(self, offset: int) -> int:
        """The index of the first segment that starts after offset (a binary search: a text
        of many lines is looked up once for each of its markers)."""
        return bisect_right(self.segments, offset, key=itemgetter(0))

    def folded(self) -> SourceText:
        """The text without the whitespace around it, inner runs of whitespace as one space;
        each word keeps its place in the source."""
        lead = len(self.text) - len(self.text.lstrip(SPACE))
        folded = fold(self.text)
        if folded == self.text[lead:].rstrip(SPACE):
            return self.slice(lead, lead + len(folded))
        if not self.exact:
            return SourceText(folded, (self.segments[0],), exact=False)
        segments: list[tuple[int, Location]] = []
        offset = 0
        for word in _WORD.finditer(self.text):
            where = self.location(word.start())
            if not segments or segments[-1][1].shifted(offset - segments[-1][0]) != where:
                segments.append((offset, where))
            offset += len(word.group()) + 1
        return SourceText(folded, tuple(segments))


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def line_cols(text: str, offsets: list[int]) -> Iterator[tuple[int, int]]:
    """line_col() of each of the offsets, in increasing order, in one pass over the text."""
    line, start, done = 1, 0, 0
    for offset in offsets:
        line += text.count("\n", done, offset)
        newline = text.rfind("\n", done, offset)
        if newline >= 0:
            start = newline + 1
        done = offset
        yield line, offset - start + 1


def read_text(path: Path, shown: str, diags: Diagnostics, max_bytes: int = MAX_BYTES,
              max_lines: int | None = MAX_LINES, read_on: bool = False) -> str | None:
    """The file's text, NFC, with LF line ends and no BOM; None (with errors) if it is unusable
    (among other reasons, over max_bytes long or, unless max_lines is None, over max_lines lines:
    the cost of reading a file grows with its lines, and 5 MB of empty lines are millions).
    Characters Word cannot hold are errors, and make it unusable too unless `read_on` (see
    decode)."""
    data = read_bytes(path, shown, diags, max_bytes)
    return None if data is None else text_of(data, shown, diags, max_lines, read_on)


def text_of(data: bytes, shown: str, diags: Diagnostics, max_lines: int | None = MAX_LINES,
            read_on: bool = False) -> str | None:
    """The text of a file's bytes, as read_text gives it."""
    text = decode(data, shown, diags, read_on)
    if text is not None and max_lines is not None and text.count("\n", 0, len(text) - 1) >= max_lines:
        diags.error(Location(shown, max_lines + 1), TOO_MANY_LINES)
        return None
    return text


def read_bytes(path: Path, shown: str, diags: Diagnostics, max_bytes: int = MAX_BYTES) -> bytes | None:
    """The file's bytes; None (with an error) if it is not a regular file, is over max_bytes
    long or cannot be read."""
    reading.set(shown)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would never end
            diags.error(Location(shown), "not a regular file")
            return None
        if info.st_size > max_bytes:
            diags.error(Location(shown), f"the file is {info.st_size:,} bytes, over the limit of "
                        f"{max_bytes:,} ({max_bytes // 2**20} MB)")
            return None
        data = read_at_once(path, max_bytes + 1)
    except OSError as exc:
        diags.error(Location(shown), f"cannot read the file: {exc.strerror}")
        return None
    if data is None:
        diags.error(Location(shown), "not a file that can be read at once (the system writes it as it is read)")
        return None
    if len(data) > max_bytes:  # it grew since it was looked at
        diags.error(Location(shown), f"the file is over the limit of {max_bytes:,} bytes ({max_bytes // 2**20} MB)")
        return None
    return data


def read_at_once(path: Path, limit: int) -> bytes | None:
    """At most limit bytes of the file at path, read without waiting: opened non-blocking, so
    that a file the system fills as it is read (/proc/kmsg) gives None rather than a wait
    without end, and never as a controlling terminal."""
    flags = os.O_RDONLY
    for flag in ("O_NONBLOCK", "O_NOCTTY", "O_BINARY"):  # those this system has
        flags |= getattr(os, flag, 0)
    with os.fdopen(os.open(path, flags), "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        chunks, size = [], 0
        while size < limit:
            chunk = file.read(limit - size)
            if chunk is None:
                return None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def decode(data: bytes, shown: str, diags: Diagnostics, read_on: bool = False) -> str | None:
    """The text of data, UTF-8; None (with an error) if it is not UTF-8. A character Word cannot
    hold is an error at its place, and the text None too, unless `read_on`: then the character
    is read as a space (which keeps every place after it), so that the text's other problems are
    found as well."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # (before UTF-16's, which the first begins as)
        diags.error(Location(shown), "the file is UTF-32, not UTF-8; save it as UTF-8")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.error(Location(shown), "the file is UTF-16, not UTF-8; save it as UTF-8")
        return None
    if b"\0" in data and (wide := _wide_encoding(data)):
        diags.error(Location(shown), f"the file is {wide} without a byte order mark, not UTF-8; save it as UTF-8")
        return None
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[bom : bom + exc.start].decode("utf-8")
        line, col = line_col(good, len(good))
        byte = data[bom + exc.start]
        diags.error(
            Location(shown, line, col),
            f"the file is not UTF-8: byte 0x{byte:02x}{_legacy(byte)} at byte offset "
            f"{bom + exc.start}; save it as UTF-8",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    forbidden = [match.start() for match in FORBIDDEN.finditer(text)]
    for offset, (line, col) in zip(forbidden, line_cols(text, forbidden)):
        diags.error(Location(shown, line, col), cannot_hold(text[offset]))
    if forbidden and not read_on:
        return None
    if forbidden:
        text = FORBIDDEN.sub(" ", text)
    return unicodedata.normalize("NFC", text)


WIDE_SAMPLE = 4096  # bytes looked at to tell UTF-16 or UTF-32 without a byte order mark


def _wide_encoding(data: bytes) -> str | None:
    """"UTF-32" or "UTF-16" when data reads as text of that encoding without a byte order mark:
    nearly every character of a paper (letters, digits, spaces, punctuation) is below U+0100, so
    in nearly every unit of four bytes, or two, the byte of the character is not NUL and the
    others are (at one end or the other); None otherwise."""
    sample = data[:WIDE_SAMPLE]
    for name, size in (("UTF-32", 4), ("UTF-16", 2)):
        units = [sample[i : i + size] for i in range(0, len(sample) - size + 1, size)]
        for char_at in (0, size - 1):  # little endian, big endian
            wide = sum(1 for unit in units if unit[char_at] and unit.count(0) == size - 1)
            if units and wide >= 0.9 * len(units):
                return name
    return None


def _legacy(byte: int) -> str:
    """The character the byte is in Windows-1252, the likeliest other encoding, if it is one."""
    char = bytes([byte]).decode("cp1252", errors="replace")
    return "" if unicodedata.category(char).startswith("C") or char == "\ufffd" else f" ('{char}' in Windows-1252)"
