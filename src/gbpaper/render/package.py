"""Writing the Word paper's package: the same bytes every time, each unchanged part compressed
once per build.

A Word paper is the reference document with a few parts written anew (the body, the notes, the
header that holds the symbol, the properties); the rest (the styles, the theme, the fonts, the
numbering) are the reference's, and most of the file's bytes. `Packer` deflates a part once and
gives the same compressed member to every paper whose part is the same, and writes the zip
itself: python-docx would compress every part of every paper, and Python's zipfile cannot take
a member already compressed. The zip is written as zipfile writes it (members stored or
deflated at level 6, the time 1980-01-01 00:00, Unix, mode 644), with `[Content_Types].xml`
first and the others in name order, so that the same parts give the same bytes.

The styles are the largest part, and the only reference part that differs by language (its
default run language): a paper is opened with the styles left out, and the styles of its
language are written once per build.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.parser import parse_xml
from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document

LEVEL = 6  # zlib's default, as zipfile's
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip can say
DOS_TIME = 0
VERSION = 20  # deflate: what a reader needs, and what the writer claims
UNIX = 3
MODE = 0o644 << 16
UTF8_NAME = 0x800


@dataclass(frozen=True)
class Member:
    """A zip member, compressed."""

    name: str
    crc: int
    size: int
    deflated: bytes


def member(name: str, data: bytes) -> Member:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Member(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def zipped(members: Iterable[Member]) -> bytes:
    """The zip of members, in their order."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    count = 0
    for item in members:
        name = item.name.encode("utf-8")
        flags = 0 if item.name.isascii() else UTF8_NAME
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", VERSION, 0, flags, zlib.DEFLATED, DOS_TIME,
                             DOS_DATE, item.crc, len(item.deflated), item.size, len(name), 0)
        directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags,
                                     zlib.DEFLATED, DOS_TIME, DOS_DATE, item.crc, len(item.deflated), item.size,
                                     len(name), 0, 0, 0, 0, MODE, offset) + name)
        chunks += [header, name, item.deflated]
        offset += len(header) + len(name) + len(item.deflated)
        count += 1
    listing = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(listing), offset, 0)
    return b"".join(chunks) + listing + end


class Packer:
    """Writes papers' packages for one build from one reference document, whose styles part is
    `styles_name` holding `styles` (its bytes). Holds each member it deflated, with the bytes it
    was deflated from: a paper whose part is the same bytes takes the same member."""

    def __init__(self, styles_name: str, styles: bytes, languages: Mapping[str, Member] | None = None) -> None:
        self.styles_name = styles_name
        self.styles = styles
        self.members: dict[str, tuple[bytes, Member]] = {}
        self.languages: dict[str, Member] = dict(languages or {})  # (given: compiled before)

    def pack(self, document: Document, language: str) -> bytes:
        """The package of document, opened without its styles, with the styles of language."""
        package = document.part.package
        parts = list(package.iter_parts())
        members = [self.member(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
                   self.member(PACKAGE_URI.rels_uri.membername, package.rels.xml)]
        for part in parts:
            name = part.partname.membername
            members.append(self.language_styles(language) if name == self.styles_name else self.member(name, part.blob))
            if len(part.rels):
                members.append(self.member(part.partname.rels_uri.membername, part.rels.xml))
        members.sort(key=lambda m: (m.name != CONTENT_TYPES_URI.membername, m.name))
        return zipped(members)

    def member(self, name: str, data: bytes) -> Member:
        """The member `name` holding data: the one deflated before when it held the same."""
        known = self.members.get(name)
        if known is not None and known[0] == data:
            return known[1]
        made = member(name, data)
        self.members[name] = (data, made)
        return made

    def language_styles(self, language: str) -> Member:
        """The styles with language as every run's default, so that Word proofs and hyphenates
        the paper in it."""
        if language not in self.languages:
            styles = parse_xml(self.styles)
            element: etree._Element = styles
            for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr"):  # each the first child of the last
                child = element.find(qn(tag))
                if child is None:
                    child = etree.Element(qn(tag))
                    element.insert(0, child)
                element = child
            lang = element.find(qn("w:lang"))
            if lang is None:
                lang = etree.SubElement(element, qn("w:lang"))
            lang.set(qn("w:val"), language)
            self.languages[language] = member(self.styles_name, serialize_part_xml(styles))
        return self.languages[language]
