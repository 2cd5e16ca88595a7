"""A Word file's package, a zip of XML parts: read within bounds and parsed safely, and written
the same bytes every time. The reference document and Word submissions are read this way.

A package is unpacked only as far as its limits allow: a bounded number of members, each stored
or deflated, none encrypted, unpacking to a bounded size in all as their sizes say and as they
unpack, so that a zip bomb is found before it fills memory. Its XML is parsed with no entity
resolved, no DTD loaded and nothing fetched from the network.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from docx.oxml.ns import nsmap, qn
from lxml import etree

from gbpaper.diagnostics import quote

MEGABYTE = 2**20
ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})  # all that Word reads
ZIP_ENCRYPTED = 0x1  # the bit of a member's flags that says it is encrypted
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6
CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The root and the entries' attributes that python-docx's package reader takes for granted, in
# [Content_Types].xml and in a relationships part (`.rels`).
PACKAGE_ENTRIES: Mapping[str, tuple[str, Mapping[str, tuple[str, ...]]]] = MappingProxyType({
    CONTENT_TYPES: (f"{{{CONTENT_TYPES_NS}}}Types", {
        f"{{{CONTENT_TYPES_NS}}}Default": ("Extension", "ContentType"),
        f"{{{CONTENT_TYPES_NS}}}Override": ("PartName", "ContentType"),
    }),
    ".rels": (f"{{{RELATIONSHIPS_NS}}}Relationships", {
        f"{{{RELATIONSHIPS_NS}}}Relationship": ("Id", "Type", "Target"),
    }),
})
# XML as gbpaper may trust it: no entity resolved, no DTD loaded, nothing fetched from the
# network, no text node over 10 MB and no nesting over MAX_XML_DEPTH deep (libxml2's). Comments
# and processing instructions, which Word ignores, are dropped, so that the text around one in a
# w:t is one text, as Word shows it.
XML_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
MAX_XML_DEPTH = 256
MAX_XML_TEXT_MB = 10  # libxml2's limit on a text node or an attribute value, without XML_PARSE_HUGE
OFF = frozenset({"false", "0", "off"})  # the values that turn a WordprocessingML on/off property off


@dataclass(frozen=True)
class Limits:
    """How large a package of one kind may be; `kind` names it in messages ("a reference
    document")."""

    kind: str
    members: int
    unpacked_bytes: int  # its members, unpacked, together
    xml_bytes: int  # its XML parts, together


class Unfit(Exception):
    """What makes a package unfit to be read, in words that follow its name ("the reference
    document has ...")."""


class TooDeep(Unfit):
    """A part whose XML is nested deeper than MAX_XML_DEPTH, and where in it (`offset`, in its
    bytes) the parser stopped."""

    def __init__(self, part: str, line: int, column: int, offset: int) -> None:
        super().__init__(f"has a part, {quote(part)}, whose XML is nested more than {MAX_XML_DEPTH} levels deep "
                         f"(line {line}, column {column}), deeper than Word nests anything")
        self.part, self.offset = part, offset


@dataclass(frozen=True)
class Package:
    """A package's members, unpacked, and its XML parts, parsed, by member name."""

    contents: Mapping[str, bytes]
    xml: Mapping[str, etree._Element]


def megabytes(size: int, beside: int | None = None) -> str:
    """size in megabytes, to one decimal, or more when it would read the same as `beside`, the
    limit it is over (a size one byte over 20 MB is not "20 MB, more than the 20 MB")."""
    digits = 1
    while beside is not None and digits < 7 and f"{size / MEGABYTE:.{digits}f}" == f"{beside / MEGABYTE:.{digits}f}":
        digits += 1
    shown = f"{size / MEGABYTE:.{digits}f}"
    return (shown.removesuffix(".0") if digits == 1 else shown) + " MB"


def read_package(data: bytes, limits: Limits) -> Package:
    """The package in data, unless it breaks its limits (see unpack_package and parse_package).
    Raises Unfit, or zipfile.BadZipFile for data that is no zip at all."""
    return parse_package(unpack_package(data, limits), limits)


def unpack_package(data: bytes, limits: Limits) -> Mapping[str, bytes]:
    """The members of the package in data, unpacked, unless it breaks its limits: at most
    `members` members, no two of one name, each stored or deflated (all that Word writes and
    reads), none encrypted, unpacking to at most `unpacked_bytes` in all as their sizes say and
    as they unpack. Every member is unpacked, so that a corrupt one is found here, and read with
    a bound, so that one that lies about its size is found before it fills memory. Nothing is
    parsed yet, so that a reader may tell what kind of file the members make before their XML
    is judged. Raises Unfit, or zipfile.BadZipFile for data that is no zip at all."""
    kind = limits.kind
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.members:
            raise Unfit(f"has {len(members)} members, more than the {limits.members} {kind} may have")
        seen: set[str] = set()
        for member in members:
            name = member.filename.lower()  # (a package's part names are the same in any case)
            if name in seen:
                raise Unfit(f"has two members named {quote(member.filename)}, which a package may not have: "
                            "programs differ on which of them they read; save the document again")
            seen.add(name)
            if member.flag_bits & ZIP_ENCRYPTED:
                raise Unfit(f"has an encrypted member, {quote(member.filename)}; Word cannot read one")
            if member.compress_type not in ZIP_METHODS:
                raise Unfit(f"has a member, {quote(member.filename)}, compressed by method "
                            f"{member.compress_type}; Word reads members stored or deflated only")
        unpacked = sum(member.file_size for member in members)
        if unpacked > limits.unpacked_bytes:
            raise Unfit(f"unpacks to {megabytes(unpacked)}, more than the "
                        f"{megabytes(limits.unpacked_bytes)} {kind} may hold")
        return MappingProxyType({member.filename: unpack(archive, member) for member in members})


def parse_package(contents: Mapping[str, bytes], limits: Limits) -> Package:
    """The package of the unpacked members, its XML parts parsed: at most `xml_bytes` of them,
    each well-formed with no document type declaration. Raises Unfit."""
    xml_names = xml_members(contents)
    xml_size = sum(len(contents[name]) for name in xml_names)
    if xml_size > limits.xml_bytes:
        raise Unfit(f"has {megabytes(xml_size)} of XML, more than the {megabytes(limits.xml_bytes)} "
                    f"{limits.kind} may have")
    xml = {}
    for name in xml_names:
        xml[name] = root = parse_part(name, contents[name])
        if name == CONTENT_TYPES or name.lower().endswith(".rels"):
            check_entries(name, root)
    return Package(MappingProxyType(dict(contents)), MappingProxyType(xml))


def check_entries(name: str, root: etree._Element) -> None:
    """[Content_Types].xml and a relationships part must have the root element and the entries'
    attributes that python-docx's package reader takes for granted (PACKAGE_ENTRIES)."""
    root_tag, entries = PACKAGE_ENTRIES[CONTENT_TYPES if name == CONTENT_TYPES else ".rels"]
    if root.tag != root_tag:
        raise Unfit(f"has a part, {quote(name)}, whose root element is {prefixed(root.tag)}, "
                    f"not {prefixed(root_tag)}")
    for entry in root:
        for attribute in entries.get(entry.tag, ()):
            if entry.get(attribute) is None:
                raise Unfit(f"has an entry {prefixed(entry.tag)} in {quote(name)} without its "
                            f"{attribute} attribute")


def unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A member's contents, unpacked no further than one byte past the size it declares (which
    unpack_package has bounded), their checksum checked."""
    try:
        with archive.open(member) as stream:
            content = stream.read(member.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        raise Unfit(f"has a corrupt member, {quote(member.filename)} ({exc})") from exc
    if len(content) != member.file_size:
        raise Unfit(f"has a corrupt member, {quote(member.filename)}, which does not unpack to "
                    "its size")
    return content


def content_types(contents: Mapping[str, bytes]) -> tuple[dict[str, str], dict[str, str]]:
    """[Content_Types].xml's defaults, by extension, and overrides, by part name (both in lower
    case); none when the package has no such member."""
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if CONTENT_TYPES in contents:
        types = parse_part(CONTENT_TYPES, contents[CONTENT_TYPES])
        for entry in types.iterchildren(f"{{{CONTENT_TYPES_NS}}}Default"):
            defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
        for entry in types.iterchildren(f"{{{CONTENT_TYPES_NS}}}Override"):
            overrides[entry.get("PartName", "").lower()] = entry.get("ContentType", "")
    return defaults, overrides


def content_type(name: str, types: tuple[dict[str, str], dict[str, str]]) -> str:
    """The content type of the member `name`, by its part name or its extension ('' if none)."""
    defaults, overrides = types
    return overrides.get(f"/{name}".lower()) or defaults.get(name.rpartition(".")[2].lower(), "")


def xml_members(contents: Mapping[str, bytes]) -> list[str]:
    """The members that are XML: [Content_Types].xml, the relationships, and every part whose
    content type, by its name or its extension, is XML (the parts python-docx parses among them)."""
    types = content_types(contents)
    return [name for name in contents
            if name.lower().endswith((".xml", ".rels")) or content_type(name, types).endswith("xml")]


def parse_part(name: str, content: bytes) -> etree._Element:
    """A part's XML, parsed with no entity resolved, no DTD loaded, nothing fetched, no text
    node or depth beyond libxml2's limits. A part with a document type declaration is refused:
    python-docx keeps an entity it declares unresolved and writes it out without the
    declaration, which makes the paper's file corrupt, and Word reads no part that has one."""
    try:
        root = etree.fromstring(content, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        if exc.msg.startswith("Excessive depth in document"):
            line, column = exc.position
            raise TooDeep(name, line, column, _offset(content, line, column)) from exc
        if exc.msg.startswith("Resource limit exceeded"):  # (libxml2's, the XML well-formed or not)
            line, column = exc.position
            raise Unfit(f"has a part, {quote(name)}, with a text or value of more than {MAX_XML_TEXT_MB} MB in "
                        f"one piece (line {line}, column {column}), more than gbpaper reads") from exc
        raise Unfit(f"has a part, {quote(name)}, that is not well-formed XML ({exc.msg})") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise Unfit(f"has a part, {quote(name)}, with a document type declaration (<!DOCTYPE>), "
                    "which a Word document may not have")
    return root


def _offset(content: bytes, line: int, column: int) -> int:
    """The offset in content of a line and column (from 1) as libxml2 counts them."""
    start = 0
    for _ in range(line - 1):
        start = content.find(b"\n", start) + 1
    return start + column - 1


def prefixed(tag: str) -> str:
    """`w:document` for lxml's `{namespace}document`, where the namespace has a prefix."""
    name = etree.QName(tag)
    prefix = next((prefix for prefix, uri in nsmap.items() if uri == name.namespace), None)
    return f"{prefix}:{name.localname}" if prefix else name.localname


def is_on(toggle: etree._Element) -> bool:
    """An on/off property's value: on unless its w:val says off."""
    return toggle.get(qn("w:val"), "true") not in OFF


def repacked(data: bytes) -> bytes:
    """The package in data with its members in a fixed order, [Content_Types].xml first, with
    fixed stamps and compression, so that the same parts give the same bytes (python-docx stamps
    every member with the current time)."""
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(packed, "w") as target:
        names = sorted(source.namelist(), key=lambda name: (name != CONTENT_TYPES, name))
        for name in names:
            member = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3  # Unix, whatever the machine
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(name), compresslevel=ZIP_LEVEL)
    return packed.getvalue()
