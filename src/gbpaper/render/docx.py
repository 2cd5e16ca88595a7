"""The Word paper: the finished Paper written in the house style of a reference document.

As with pandoc's --reference-doc, the reference document (templates/gb-reference.docx unless
`gbpaper build --reference-docx FILE` names another) gives everything but the words: the named
GB styles, the dash list, the page set-up, the headers and footers, the footnote separators.
The renderer keeps all of it, replaces the body and the notes with the paper's, writes the
paper's symbol into the header of pages 2 on and its stamp, if any, into the footer of page 1.
python-docx 1.2 has no footnotes, and its `Document.add_paragraph` walks the whole body on every
call, so the paper is written as XML here.
"""
from __future__ import annotations

import copy
import functools
import gc
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterable, Iterator, Literal, Mapping, NamedTuple, assert_never, cast

import docx
from docx.document import Document
from docx.exceptions import InvalidXmlError
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part as PackagePart
from docx.opc.part import PartFactory, XmlPart
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.parts.settings import SettingsPart
from docx.parts.styles import StylesPart
from docx.section import Section
from docx.shared import Inches, Length
from lxml import etree

from gbpaper.diagnostics import Diagnostics, Location, quote
from gbpaper.model import (
    NOTE_SEPARATOR,
    Appendix,
    Block,
    CrossRef,
    DashItem,
    Emphasis,
    Footnote,
    Heading,
    Inline,
    Inlines,
    Layout,
    LetteredItem,
    MastheadLine,
    MastheadRole,
    NoteRef,
    Paper,
    Paragraph,
    Part,
    QuotedParagraph,
    Summary,
    Table,
    Text,
)
from gbpaper.ooxml import MEGABYTE, XML_PARSER, Limits, is_on, prefixed, read_package
from gbpaper.ooxml import Unfit as _Unfit
from gbpaper.ooxml import megabytes as _megabytes
from gbpaper.render import reference_cache
from gbpaper.render.package import Member, Packer
from gbpaper.render.reference_cache import Compiled
from gbpaper.sources.text import read_at_once
from gbpaper.resources import TEMPLATES_DIR

DEFAULT_REFERENCE = TEMPLATES_DIR / "gb-reference.docx"

# The styles that code outside this module names too (the reference writer, the tests).
HEADER = "GB Header"
FOOTNOTE_REFERENCE = "GB Footnote Reference"
FOOTNOTE_TEXT = "GB Footnote Text"
NOTICE = "GB Notice"
MASTHEAD_OFFICE = "GB Masthead Office"
MASTHEAD_BODY = "GB Masthead Body"
MASTHEAD_SYMBOL = "GB Masthead Symbol"
MASTHEAD_LINE = "GB Masthead Line"
MASTHEAD_SESSION = "GB Masthead Session"
MASTHEAD_DATE = "GB Masthead Date"
COMMITTEE = "GB Committee"
COMMITTEE_CODE = "GB Committee Code"
SEGMENT = "GB Segment"
AGENDA = "GB Agenda"
TITLE = "GB Title"
SUMMARY_HEADING = "GB Summary Heading"
SUMMARY_TEXT = "GB Summary Text"
PARAGRAPH = "GB Paragraph"
PARAGRAPH_UNNUMBERED = "GB Paragraph Unnumbered"
LIST_ITEM = "GB List Item"
HEADING_1 = "GB Heading 1"
HEADING_NUMBERED = "GB Heading Numbered"
HEADING_2 = "GB Heading 2"
HEADING_3 = "GB Heading 3"
LETTERED_ITEM = "GB Lettered Item"
LETTERED_SUBITEM = "GB Lettered Subitem"
QUOTATION = "GB Quotation"
TABLE = "GB Table"
TABLE_CAPTION = "GB Table Caption"
TABLE_HEADING = "GB Table Heading"
TABLE_TEXT = "GB Table Text"
APPENDIX_LABEL = "GB Appendix Label"
APPENDIX_TITLE = "GB Appendix Title"
STAMP = "GB Stamp"

# Every style the paper is written in, by name and kind. The reference document says how each
# looks; the renderer only names them.
STYLES: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(
        (
            NOTICE, MASTHEAD_OFFICE, MASTHEAD_BODY, MASTHEAD_SYMBOL, MASTHEAD_LINE, MASTHEAD_SESSION,
            MASTHEAD_DATE, COMMITTEE, COMMITTEE_CODE, SEGMENT, "GB Purpose", AGENDA, TITLE,
            "GB Subtitle", SUMMARY_HEADING, SUMMARY_TEXT, HEADING_1, HEADING_NUMBERED, HEADING_2,
            HEADING_3, PARAGRAPH, PARAGRAPH_UNNUMBERED, LIST_ITEM, LETTERED_ITEM, LETTERED_SUBITEM,
            QUOTATION, TABLE_CAPTION, TABLE_HEADING, TABLE_TEXT, "GB Date Line", "GB Closing",
            APPENDIX_LABEL, APPENDIX_TITLE, FOOTNOTE_TEXT, HEADER, STAMP,
        ),
        "paragraph",
    ),
    FOOTNOTE_REFERENCE: "character",
    TABLE: "table",
})


class Fallback(NamedTuple):
    """What the paper is written in when the reference document lacks a style."""

    style: str | None  # an older GB style; None for no style at all
    used_for: str  # what the missing style is for, as the warning says it


# The styles added with the genre's blocks, and then with the 2011 layout, appendices, the
# notice and the stamp. A reference document made before them is still fit: each missing one is
# replaced by the nearest older style, with a warning. A table without its style gets its
# borders written on it; an appendix's label starts a new page in any style.
FALLBACKS: Mapping[str, Fallback] = MappingProxyType({
    HEADING_2: Fallback(HEADING_1, "lettered and second-level headings"),
    HEADING_3: Fallback(HEADING_1, "unnumbered third-level headings"),
    LETTERED_ITEM: Fallback(PARAGRAPH, "lettered items"),
    LETTERED_SUBITEM: Fallback(PARAGRAPH, "lettered sub-items"),
    QUOTATION: Fallback(PARAGRAPH, "quotations"),
    TABLE: Fallback(None, "tables"),
    TABLE_CAPTION: Fallback(PARAGRAPH, "table captions"),
    TABLE_HEADING: Fallback(PARAGRAPH, "table header rows"),
    TABLE_TEXT: Fallback(PARAGRAPH, "table cells"),
    NOTICE: Fallback(FOOTNOTE_TEXT, "notices above the masthead"),
    MASTHEAD_SESSION: Fallback(MASTHEAD_OFFICE, "session lines at the left of the masthead (2011 layout)"),
    MASTHEAD_DATE: Fallback(MASTHEAD_LINE, "the masthead's Date: and Original: lines"),
    SEGMENT: Fallback(COMMITTEE, "segments"),
    SUMMARY_HEADING: Fallback(HEADING_1, "the summary box's headings"),
    SUMMARY_TEXT: Fallback(PARAGRAPH, "the summary box's purpose and fields"),
    PARAGRAPH_UNNUMBERED: Fallback(PARAGRAPH, "unnumbered paragraphs"),
    APPENDIX_LABEL: Fallback(AGENDA, "appendix labels"),
    APPENDIX_TITLE: Fallback(TITLE, "appendix titles"),
    STAMP: Fallback(FOOTNOTE_TEXT, "stamps"),
})

# The paragraphs that must stand on the same page as the paragraph after them, so that no
# heading (a "Draft decision" above its lead-in, say) is left at the foot of a page. The reference
# document's styles say so (tools/make_reference_docx.py); where the style a paper is written in
# does not (an older reference's fallback: a caption in GB Paragraph), the paragraph says so itself.
KEPT_WITH_NEXT = frozenset({
    HEADING_1, HEADING_NUMBERED, HEADING_2, HEADING_3, SUMMARY_HEADING, TABLE_CAPTION,
    APPENDIX_LABEL, APPENDIX_TITLE,
})

Side = Literal["left", "right"]


class Place(NamedTuple):
    """Where a masthead line stands: a row of the masthead's table, a side, a style."""

    row: int
    side: Side
    style: str


# The masthead of each layout, by the role of each line (gb-layout.md; genre.md §8). A row's
# cell holds its lines in the masthead's order; a row with no line is left out; a row with lines
# on one side only is one cell across the table, its lines aligned by their style. Each layout
# places every role, so that a line never goes missing.
MASTHEAD_PLACES: Mapping[Layout, Mapping[MastheadRole, Place]] = MappingProxyType({
    # INTERNATIONAL LABOUR OFFICE | GB.300/MNE/2/1
    # Governing Body              | 300th Session / Geneva, November 2007
    # Subcommittee on ...         | MNE
    "2007": MappingProxyType({
        "office": Place(0, "left", MASTHEAD_OFFICE),
        "symbol": Place(0, "right", MASTHEAD_SYMBOL),
        "body": Place(1, "left", MASTHEAD_BODY),
        "session": Place(1, "right", MASTHEAD_LINE),
        "place_month": Place(1, "right", MASTHEAD_LINE),
        "committee": Place(2, "left", COMMITTEE),
        "committee_code": Place(2, "right", COMMITTEE_CODE),
        "segment": Place(3, "left", SEGMENT),
        "date": Place(4, "right", MASTHEAD_DATE),
        "original": Place(4, "right", MASTHEAD_DATE),
    }),
    # INTERNATIONAL LABOUR OFFICE / Governing Body
    # 326th Session, Geneva, 10-24 March 2016 | GB.326/POL/8
    # Policy Development Section              | POL
    # MNE Segment
    #                                         | Date: 24 February 2016 / Original: English
    "2011": MappingProxyType({
        "office": Place(0, "left", MASTHEAD_OFFICE),
        "body": Place(0, "left", MASTHEAD_BODY),
        "session": Place(1, "left", MASTHEAD_SESSION),
        "symbol": Place(1, "right", MASTHEAD_SYMBOL),
        "place_month": Place(1, "left", MASTHEAD_SESSION),
        "committee": Place(2, "left", COMMITTEE),
        "committee_code": Place(2, "right", COMMITTEE_CODE),
        "segment": Place(3, "left", SEGMENT),
        "date": Place(4, "right", MASTHEAD_DATE),
        "original": Place(4, "right", MASTHEAD_DATE),
    }),
})
SIDES: tuple[Side, ...] = ("left", "right")

# A table's rules, as the GB Table style draws them and as a table without that style gets
# them: single lines of half a point all round and between the cells.
TABLE_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")
BOX_BORDERS = TABLE_BORDERS[:4]  # the summary box: a frame round its one cell
BORDER: Mapping[str, str] = MappingProxyType(
    {"val": "single", "sz": "4", "space": "0", "color": "auto"}
)

# The space between a cell's text and its sides, in twips, as GB Table and Word's own table
# style give it. In the reference's compatibility mode (Word 2010) a table's left border stands
# that far left of where the table is indented to: indented by as much, its borders meet the
# margins.
CELL_MARGIN = 108
BOX_PADDING = 113  # twips (2 mm) between the summary box's frame and its first and last lines

# Columns of a table share its width in proportion to their longest cell, counted in characters
# within these limits, so that a column of short figures is not squeezed and one long cell
# does not take the whole table.
COLUMN_CHARACTERS = (6, 30)

# Fixed stamps, so that nothing in the file depends on when it was built.
CORE_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
CORE_LIMIT = 255  # characters in a core property

# The namespaces that Word (2010 on) declares on the root of every story part (the body, the
# headers and footers, the notes), and those of them that its readers may skip (mc:Ignorable).
# Readers such as docx2python look a prefix up on the root, so the body and the notes, which a
# reference document may hold with `w:` alone, are given them all.
WORD_NAMESPACES: Mapping[str, str] = MappingProxyType({
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": "urn:schemas-microsoft-com:vml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
})
WORD_IGNORABLE = "w14 wp14"

# Word 2010's copy of the styles, which Word 2013 on neither writes nor needs; python-docx's
# template has one that knows none of the GB styles. A paper has none.
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
# A page's width (Word's largest, 22 inches) and the least width left for its text (1 inch),
# in EMU as python-docx gives them.
MAX_PAGE_WIDTH = Inches(22)
MIN_TEXT_WIDTH = Inches(1)
EMPTY_STYLES = f'<w:styles xmlns:w="{nsmap["w"]}"/>'.encode()
APP_PROPERTIES = PackURI("/docProps/app.xml")
EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
APPLICATION = "gbpaper"

# An en dash between two numbers (`2012–13`, `10–24 March`) is a range, which must not end a
# line. Line breaking (Unicode's, LibreOffice's and Word's) allows a break after an en dash, and
# WordprocessingML has no way to forbid one at a character, save its non-breaking hyphen
# (w:noBreakHyphen), which is a hyphen and not a dash. So the Word paper keeps the dash as typed
# and follows it with U+2060 WORD JOINER, Unicode's invisible "no break here", which takes no
# room. The text output, which has no lines to break, keeps the range as typed. A range is joined
# within one piece of text: one split by emphasis or a note at its dash is left as it is.
RANGE_DASH = re.compile("(?<=[0-9])\u2013(?=[0-9])")
RANGE_DASH_JOINED = "\u2013\u2060"

# The reference document's notes part as a live XML tree, as python-docx does for comments.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart


# What a reference document may be: far more than any real one needs (gb-reference.docx is
# 27 KB, 0.4 MB unpacked; a house template with a logo and embedded fonts a few MB), far less
# than would make a build read, unpack or parse gigabytes. Its XML parts are bounded apart,
# for parsed they take ten to twenty times their size in memory.
MAX_REFERENCE_BYTES = 20 * MEGABYTE  # the file
MAX_UNPACKED_BYTES = 50 * MEGABYTE  # its members, unpacked, together
MAX_XML_BYTES = 10 * MEGABYTE  # its XML parts, together
MAX_MEMBERS = 1000
FILE_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
NOTE_ID = re.compile("-?[0-9]{1,9}")  # a note's w:id: Word's are whole numbers, its separators -1 and 0
REFERENCE_LIMITS = Limits("a reference document", MAX_MEMBERS, MAX_UNPACKED_BYTES, MAX_XML_BYTES)


@dataclass(frozen=True)
class Reference:
    """A reference document that holds all the renderer needs, read and checked once for a
    whole build. Its bytes are opened afresh for each paper and language, a tree to write in;
    `style_ids` gives the id of each GB style in this document, by name (for a missing style
    that has a fallback, the fallback's id); `unkept` names the styles of KEPT_WITH_NEXT that
    do not keep their paragraph with the next in this document."""

    data: bytes
    style_ids: Mapping[str, str]
    unkept: frozenset[str]
    slim: bytes  # the document with its styles left out, which each paper is opened from
    packer: Packer  # writes each paper's package, the styles in its language


def read_reference(path: Path, diags: Diagnostics) -> Reference | None:
    """The reference document at `path`, read once for the whole build, or None after an error
    for what makes it unfit (a file that is no bounded, well-formed Word document, or one that
    lacks what the paper needs); a warning for each newer style it lacks, which the paper
    replaces with an older one."""
    where = Location(str(path))
    try:
        data = _read_bounded(path)
        if (compiled := reference_cache.read(data)) is not None:
            return _reference(data, compiled)
        contents = _check_package(data)
        document = docx.Document(io.BytesIO(data))
        _check_parts(document)
        style_ids = _style_ids(document)
        problems = list(_shortcomings(document, style_ids))
    except OSError as exc:
        diags.error(where, f"cannot read the reference document: {exc.strerror}")
        return None
    except _Unfit as exc:
        diags.error(where, f"the reference document {exc}")
        return None
    except (PackageNotFoundError, zipfile.BadZipFile, NotImplementedError, KeyError, ValueError,
            etree.XMLSyntaxError):  # NotImplementedError: a zip of a version that Python cannot read
        diags.error(where, "not a Word document (.docx); a reference document must be one")
        return None
    for problem in problems:
        diags.error(where, f"the reference document {problem}")
    for name, fallback in FALLBACKS.items():
        if name not in style_ids:
            diags.warning(where, f"the reference document has no {STYLES[name]} style '{name}'; "
                                 f"{_fallback_words(fallback)}")
            if fallback.style in style_ids:
                style_ids[name] = style_ids[fallback.style]
    if problems:
        return None
    styles = document.part.part_related_by(RT.STYLES).partname.membername
    body = document.part.partname.membername
    notes = document.part.part_related_by(RT.FOOTNOTES).partname.membername
    unkept = _unkept(document.styles.element, style_ids)
    del document  # its trees, a reference's largest, freed before the slim copy parses two of them
    gc.collect()
    return _reference(data, Compiled(style_ids, tuple(sorted(unkept)), _slim(contents, styles, body, notes),
                                     styles, contents[styles], {}))


def _reference(data: bytes, compiled: Compiled) -> Reference:
    """The reference document `data`, as read (or compiled before: reference_cache.py)."""
    languages = {language: Member(*member) for language, member in compiled.languages.items()}
    return Reference(data, MappingProxyType(dict(compiled.style_ids)), frozenset(compiled.unkept), compiled.slim,
                     Packer(compiled.styles_name, compiled.styles, languages))


def compile_reference(path: Path, locales: Iterable[str]) -> bool:
    """Compile the reference document at `path` with its styles in each of `locales` for later
    builds (see reference_cache.py); False, and nothing kept, if it reads with any diagnostic."""
    reference_cache.forget()
    diags = Diagnostics()
    reference = read_reference(path, diags)
    if reference is None or diags.items:
        return False
    packer = reference.packer
    languages = {locale: packer.language_styles(locale) for locale in sorted(set(locales))}
    reference_cache.write(reference.data, Compiled(  # (plain str: lxml's text is a subclass)
        {str(name): str(id_) for name, id_ in reference.style_ids.items()}, tuple(map(str, sorted(reference.unkept))),
        reference.slim, str(packer.styles_name), packer.styles,
        {locale: (m.name, m.crc, m.size, m.deflated) for locale, m in languages.items()}))
    return True


def _slim(contents: Mapping[str, bytes], styles: str, body: str, notes: str) -> bytes:
    """The package of `contents` (the reference's members, unpacked once) as each paper is
    opened from it: its styles part empty (each paper takes the styles of its language from
    the Packer, written once per build), its body
    holding only its section properties and its notes only their separators (each paper
    replaces them), its members stored, so that unpacking them costs a copy. However much the
    reference's own body and notes hold, a paper then parses none of it."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as target:
        for name, content in contents.items():
            if name == styles:
                content = EMPTY_STYLES
            elif name in (body, notes):
                root = etree.fromstring(content, XML_PARSER)
                story = root.find(qn("w:body")) if name == body else root
                assert story is not None, "read_reference refuses a document without a body"
                for child in list(story):
                    if child.tag == qn("w:footnote") and child.get(qn("w:type"), "normal") != "normal":
                        continue
                    if child.tag != qn("w:sectPr") or story[-1] is not child:
                        story.remove(child)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(name, content)
    return packed.getvalue()


def _read_bounded(path: Path) -> bytes:
    """The bytes of the file at `path`, which must be a regular file (a pipe would never end,
    a device such as /dev/zero never stop) of at most MAX_REFERENCE_BYTES. It is looked at
    before it is opened, for opening some devices does something, and again once open."""
    _check_file(os.stat(path))
    data = read_at_once(path, MAX_REFERENCE_BYTES + 1)
    if data is None:
        raise _Unfit("is not a file that can be read at once (the system writes it as it is read)")
    if len(data) > MAX_REFERENCE_BYTES:  # it grew while it was read
        raise _Unfit(f"is more than the {_megabytes(MAX_REFERENCE_BYTES)} a reference document may be")
    return data


def _check_file(status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = next((words for test, words in FILE_KINDS if test(status.st_mode)), "something else")
        raise _Unfit(f"is {kind}, not a file")
    if status.st_size > MAX_REFERENCE_BYTES:
        raise _Unfit(f"is {_megabytes(status.st_size, MAX_REFERENCE_BYTES)}, more than the "
                     f"{_megabytes(MAX_REFERENCE_BYTES)} "
                     "a reference document may be")


def _check_package(data: bytes) -> Mapping[str, bytes]:
    """The zip's members, unpacked; raise _Unfit unless it is within REFERENCE_LIMITS, each XML
    part well-formed (see ooxml.read_package). Raises zipfile.BadZipFile for a file that is no
    zip at all."""
    return read_package(data, REFERENCE_LIMITS).contents


def _check_parts(document: Document) -> None:
    """Raise _Unfit unless each part the renderer reads or writes is of its kind, with its root
    element: the body, the styles, the settings, the notes (whose ids must be whole numbers), the
    core properties, and the headers and footers that the page set-up names."""
    _check_part(document.part, "main document", XmlPart, "w:document")
    if document.element.find(qn("w:body")) is None:
        raise _Unfit(f"has no body (w:body) in its main document part, {_part_name(document.part)}")
    for source, reltype, kind, part_type, root in (
        (document.part.package, RT.CORE_PROPERTIES, "core properties", CorePropertiesPart,
         "cp:coreProperties"),
        (document.part, RT.STYLES, "styles", StylesPart, "w:styles"),
        (document.part, RT.SETTINGS, "settings", SettingsPart, "w:settings"),
        (document.part, RT.FOOTNOTES, "notes", XmlPart, "w:footnotes"),
    ):
        assert source is not None
        rels = [rel for rel in source.rels.values() if rel.reltype == reltype]
        if len(rels) > 1:
            raise _Unfit(f"has {len(rels)} {kind} parts, where a Word document has one")
        if rels and rels[0].is_external:
            raise _Unfit(f"has its {kind} part outside it, at {quote(rels[0].target_ref)}")
        if rels:
            _check_part(rels[0].target_part, kind, part_type, root)
    section_properties = document.element.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    for reference in () if section_properties is None else section_properties:
        if reference.tag in (qn("w:headerReference"), qn("w:footerReference")):
            _check_story(document, reference)
    if any(rel.reltype == RT.FOOTNOTES for rel in document.part.rels.values()):
        notes = document.part.part_related_by(RT.FOOTNOTES)
        for note in cast(XmlPart, notes).element.iterchildren(qn("w:footnote")):
            note_id = note.get(qn("w:id"), "0")
            if not NOTE_ID.fullmatch(note_id):
                raise _Unfit(f"has a note in {_part_name(notes)} whose id, {quote(note_id)}, is not a "
                             "whole number of at most nine digits")
    if section_properties is None:
        return  # _shortcomings says so
    # python-docx reads the page set-up's values when they are asked for: asked here, one that
    # it cannot read (a width of `wide`, a w:titlePg of `maybe`) is found here.
    try:
        section = document.sections[-1]
        _ = (section.page_width, section.left_margin, section.right_margin,
             section.different_first_page_header_footer)
    except (ValueError, InvalidXmlError) as exc:
        raise _Unfit(f"has a page set-up that cannot be read ({exc})") from exc


def _check_story(document: Document, reference: etree._Element) -> None:
    """A header or footer that the page set-up names must be one that the document holds."""
    is_header = reference.tag == qn("w:headerReference")
    kind = "header" if is_header else "footer"
    rel_id = reference.get(qn("r:id"), "")
    rel = document.part.rels.get(rel_id)
    if rel is None or rel.is_external or rel.reltype != (RT.HEADER if is_header else RT.FOOTER):
        raise _Unfit(f"has a page set-up that names a {kind}, {quote(rel_id)}, which it does not hold")
    part_type, root = (HeaderPart, "w:hdr") if is_header else (FooterPart, "w:ftr")
    _check_part(rel.target_part, kind, part_type, root)


def _check_part(part: PackagePart, kind: str, part_type: type[XmlPart], root: str) -> None:
    """A part must be of the type python-docx gives a part of its kind (by its content type),
    and have the root element of its kind."""
    if not isinstance(part, part_type):
        raise _Unfit(f"has a {kind} part, {_part_name(part)}, of the content type "
                     f"{quote(part.content_type, 80)}")
    if part.element.tag != qn(root):
        raise _Unfit(f"has a {kind} part, {_part_name(part)}, whose root element is "
                     f"{prefixed(part.element.tag)}, not {root}")


def _part_name(part: PackagePart) -> str:
    return quote(str(part.partname).lstrip("/"))


def _fallback_words(fallback: Fallback) -> str:
    if fallback.style is None:
        return f"{fallback.used_for} are written with no style, their borders set on each"
    return f"{fallback.used_for} are written in '{fallback.style}'"


def _style_ids(document: Document) -> dict[str, str]:
    """The id of each GB style that the document defines with the kind the paper needs."""
    found: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name: str = style.xpath("string(w:name/@w:val)")
        kind = STYLES.get(name)
        style_id = style.get(qn("w:styleId"))
        if kind is not None and style.get(qn("w:type"), "paragraph") == kind and style_id:
            found[name] = style_id
    return found


def _unkept(styles: etree._Element, style_ids: Mapping[str, str]) -> frozenset[str]:
    """The styles of KEPT_WITH_NEXT that do not keep their paragraph with the next: as the first
    style up each one's chain of w:basedOn that says, or else as the document's defaults say."""
    by_id = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:keepNext')}")

    def keeps(style_id: str) -> bool:
        seen: set[str] = set()  # a chain may loop, and be as long as the document has styles
        while (style := by_id.get(style_id)) is not None and style_id not in seen:
            keep = style.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
            if keep is not None:
                return is_on(keep)
            seen.add(style_id)
            based_on = style.find(qn("w:basedOn"))
            style_id = "" if based_on is None else based_on.get(qn("w:val"), "")
        return default is not None and is_on(default)

    return frozenset(name for name in KEPT_WITH_NEXT if name in style_ids and not keeps(style_ids[name]))


def _shortcomings(document: Document, style_ids: Mapping[str, str]) -> Iterator[str]:
    """What the renderer needs and the reference document lacks, in words for its editor."""
    for name, kind in STYLES.items():
        if name not in style_ids and name not in FALLBACKS:
            yield f"has no {kind} style '{name}'"
    if not any(rel.reltype == RT.FOOTNOTES for rel in document.part.rels.values()):
        yield "has no footnotes part (word/footnotes.xml, which holds the notes' separators)"
    if document.element.body.sectPr is None:
        yield "has no page set-up (the section properties at the end of its body)"
        return
    section = document.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:
        yield "gives no page width or no side margins"
    elif not (0 <= left and 0 <= right and 0 < page <= MAX_PAGE_WIDTH and page - left - right >= MIN_TEXT_WIDTH):
        yield (f"has a page set-up that no page can have: width {Length(page).twips} twips, side margins "
               f"{Length(left).twips} and {Length(right).twips} (a page is at most {Length(MAX_PAGE_WIDTH).twips} "
               f"twips wide, margins are not negative, and they leave at least {Length(MIN_TEXT_WIDTH).twips} for "
               "the text)")
    if HEADER in style_ids and not _symbol_paragraphs(section, style_ids[HEADER]):
        yield f"has no paragraph in style '{HEADER}' in the header of pages 2 on, where the symbol goes"


def _symbol_paragraphs(section: Section, header_style_id: str) -> list[etree._Element]:
    """The paragraphs of the header of pages 2 on that are to hold the paper's symbol."""
    if section.header.is_linked_to_previous:
        return []
    header = section.header.part.element
    return [p for p in header.iter(qn("w:p")) if _paragraph_style(p) == header_style_id]


def _paragraph_style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


@functools.cache
def _clark(tag: str) -> str:
    """`w:p` as lxml spells it, `{namespace}p`; cached, as the body asks for a few names often."""
    return qn(tag)


def _add(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a `w:` element to `parent`; attribute names are given without `w:`."""
    if not attributes:
        return etree.SubElement(parent, _clark(tag))
    return etree.SubElement(
        parent, _clark(tag), {_clark(f"w:{name}"): value for name, value in attributes.items()}
    )


def _joined_ranges(text: str) -> str:
    """text with a range's en dash joined to the number after it (RANGE_DASH)."""
    return RANGE_DASH.sub(RANGE_DASH_JOINED, text) if "\u2013" in text else text


_Cell = tuple[tuple[str, str], ...]  # a masthead cell's lines, each (style, text)


def _masthead_rows(layout: Layout, lines: tuple[MastheadLine, ...]) -> list[tuple[_Cell, ...]]:
    """The masthead's rows in order, as MASTHEAD_PLACES sets the lines out: each row its left
    and right cells, or one cell when its lines stand on one side only."""
    places = MASTHEAD_PLACES[layout]
    rows: dict[int, dict[Side, list[tuple[str, str]]]] = {}
    for line in lines:
        place = places[line.role]
        rows.setdefault(place.row, {}).setdefault(place.side, []).append((place.style, line.text))
    return [tuple(tuple(row[side]) for side in SIDES if side in row) for _, row in sorted(rows.items())]


def _heading_style(heading: Heading) -> str:
    """The style of a heading. The papers of 2005-10 show headings bold at the left, numbered
    (`I. Knowledge development`) or not (gb-layout.md): a Roman-numbered heading, at any depth
    of the outline, and an unnumbered one at its top level keep those two styles. Lettered
    headings (`A. Issues`, under a Roman-numbered one in later papers) take GB Heading 2, and
    unnumbered headings nested in the outline the style of their level (GB Heading 2: bold
    italic, GB Heading 3: italic, in the reference), so that an editor can tell them apart."""
    match heading.numbering:
        case "roman":
            return HEADING_NUMBERED
        case "letter":
            return HEADING_2
        case None:
            return {1: HEADING_1, 2: HEADING_2}.get(heading.level, HEADING_3)
        case _:
            assert_never(heading.numbering)


def _printed(inlines: Inlines) -> str:
    """What `inlines` print, a note's mark as one character."""
    pieces = []
    for inline in inlines:
        match inline:
            case Text(value) | CrossRef(value=value):
                pieces.append(value)
            case Emphasis(children=children):
                pieces.append(_printed(children))
            case NoteRef():
                pieces.append("*")
            case _:
                assert_never(inline)
    return "".join(pieces)


def _column_widths(table: Table, width: int) -> list[int]:
    """Each column's share of `width`, in twips, in proportion to the characters it needs on a
    line (its longest cell, but only the longest word of its header, which may wrap), within
    COLUMN_CHARACTERS; the last column takes what rounding leaves."""
    low, high = COLUMN_CHARACTERS

    def need(header: Inlines, cells: tuple[Inlines, ...]) -> int:
        words = [len(word) for word in _printed(header).split()]
        longest = max([*words, *(len(_printed(cell)) for cell in cells)], default=0)
        return min(max(longest, low), high)

    weights = [need(column[0], column[1:]) for column in zip(table.header, *table.rows, strict=True)]
    widths = [width * weight // sum(weights) for weight in weights]
    widths[-1] += width - sum(widths)
    return widths


class _Writer:
    """Writes the paper as WordprocessingML in the reference document's styles, and numbers
    its notes' ids on from the reference's separators (Word numbers notes by their order).
    `width` is the width of the text, in twips, which the masthead and the tables span."""

    def __init__(self, reference: Reference, first_note_id: int, width: int) -> None:
        self.style_ids = reference.style_ids
        self.unkept = reference.unkept
        self.note_id_offset = first_note_id - 1
        self.width = width
        # The first paragraph and run of each kind, built, from which the others are copied:
        # copying an element with its properties costs a third of building it.
        self.shapes: dict[tuple[object, ...], etree._Element] = {}

    def note_id(self, number: int) -> str:
        return str(number + self.note_id_offset)

    def copied(self, parent: etree._Element, kind: tuple[object, ...],
               build: Callable[[etree._Element], etree._Element]) -> etree._Element:
        """Append an element of `kind`, a copy of the first one `build` made."""
        shape = self.shapes.get(kind)
        if shape is None:
            shape = self.shapes[kind] = build(OxmlElement("w:body"))
        element = copy.copy(shape)  # lxml copies an element whole, its children too
        parent.append(element)
        return element

    def paragraph(
        self,
        parent: etree._Element,
        style: str,
        *properties: tuple[str, str | None],
        keep_with_next: bool = False,
    ) -> etree._Element:
        """Append a paragraph in `style`; `properties` are more of its w:pPr, each a tag and a
        w:val or None, in the order the schema gives them after w:pStyle and w:keepNext. The
        paragraph is kept with the next when asked or when its style should and does not."""

        def build(holder: etree._Element) -> etree._Element:
            paragraph = _add(holder, "w:p")
            paragraph_properties = _add(paragraph, "w:pPr")
            _add(paragraph_properties, "w:pStyle", val=self.style_ids[style])
            if keep_with_next or style in self.unkept:
                _add(paragraph_properties, "w:keepNext")
            for tag, value in properties:
                _add(paragraph_properties, tag, **({} if value is None else {"val": value}))
            return paragraph

        return self.copied(parent, ("w:p", style, keep_with_next, properties), build)

    def run(
        self,
        paragraph: etree._Element,
        emphasis: frozenset[str] = frozenset(),
        character_style: str | None = None,
    ) -> etree._Element:
        """Append a run, italic and/or bold as `emphasis` says, in `character_style` if given."""

        def build(holder: etree._Element) -> etree._Element:
            run = _add(holder, "w:r")
            if emphasis or character_style:
                properties = _add(run, "w:rPr")
                if character_style:
                    _add(properties, "w:rStyle", val=self.style_ids[character_style])
                if "bold" in emphasis:
                    _add(properties, "w:b")
                if "italic" in emphasis:
                    _add(properties, "w:i")
            return run

        return self.copied(paragraph, ("w:r", emphasis, character_style), build)

    def text_run(
        self,
        paragraph: etree._Element,
        text: str,
        emphasis: frozenset[str] = frozenset(),
        character_style: str | None = None,
    ) -> etree._Element:
        """Append a run of text, as `run` makes it, its spaces kept."""

        def build(holder: etree._Element) -> etree._Element:
            run = self.run(holder, emphasis, character_style)
            etree.SubElement(run, _clark("w:t"), {_clark("xml:space"): "preserve"})
            return run

        run = self.copied(paragraph, ("w:t", emphasis, character_style), build)
        run[-1].text = _joined_ranges(text)
        return run

    def inlines(
        self, paragraph: etree._Element, inlines: Inlines, emphasis: frozenset[str] = frozenset()
    ) -> None:
        """Append the runs of `inlines`; nested emphasis adds up (bold inside italic is both).
        Notes side by side are notes at one place: a raised comma goes between their marks."""
        previous: Inline | None = None
        for inline in inlines:
            match inline:
                case Emphasis(style, children):
                    self.inlines(paragraph, children, emphasis | {style})
                case NoteRef(number):
                    if isinstance(previous, NoteRef):
                        self.text_run(paragraph, NOTE_SEPARATOR, emphasis, FOOTNOTE_REFERENCE)
                    run = self.run(paragraph, emphasis, FOOTNOTE_REFERENCE)
                    _add(run, "w:footnoteReference", id=self.note_id(number))
                case Text(value) | CrossRef(value=value):
                    self.text_run(paragraph, value, emphasis)
                case _:
                    assert_never(inline)
            previous = inline

    def text_paragraph(self, parent: etree._Element, style: str, text: str,
                       *properties: tuple[str, str | None]) -> None:
        paragraph = self.paragraph(parent, style, *properties)
        if text:
            self.text_run(paragraph, text)

    def mark(self, paragraph: etree._Element, mark: str) -> None:
        """A paragraph's number or an item's letter, typed as text and followed by a tab, so
        that it survives copy and paste; the style's hanging indent lines the text up after it."""
        _add(self.text_run(paragraph, mark), "w:tab")

    def masthead(self, body: etree._Element, paper: Paper) -> None:
        """The first page's masthead: a borderless two-column table as wide as the text, its
        lines placed by role as the paper's layout says (MASTHEAD_PLACES), its cells sitting on
        their last line, so that `Governing Body` is level with the place and month (2007)."""
        columns = (self.width // 2, self.width - self.width // 2)
        table = _add(body, "w:tbl")
        properties = _add(table, "w:tblPr")
        _add(properties, "w:tblW", w=str(self.width), type="dxa")
        _add(properties, "w:tblLayout", type="fixed")
        margins = _add(properties, "w:tblCellMar")
        _add(margins, "w:left", w="0", type="dxa")
        _add(margins, "w:right", w="0", type="dxa")
        grid = _add(table, "w:tblGrid")
        for width in columns:
            _add(grid, "w:gridCol", w=str(width))
        for cells in _masthead_rows(paper.layout, paper.masthead):
            row = _add(table, "w:tr")
            for lines, width in zip(cells, columns if len(cells) == 2 else (self.width,)):
                cell = _add(row, "w:tc")
                cell_properties = _add(cell, "w:tcPr")
                _add(cell_properties, "w:tcW", w=str(width), type="dxa")
                if len(cells) == 1:
                    _add(cell_properties, "w:gridSpan", val="2")
                _add(cell_properties, "w:vAlign", val="bottom")
                for style, text in lines:
                    self.text_paragraph(cell, style, text)

    def summary(self, body: etree._Element, summary: Summary) -> None:
        """The "Purpose of the document" box: a one-cell table framed all round, as wide as the
        text, holding its heading, its purpose and a line per field (`Label:` in bold, then the
        value); then an empty paragraph, for the text after it needs space under the frame."""
        table = _add(body, "w:tbl")
        properties = _add(table, "w:tblPr")
        self.frame(properties, None, BOX_BORDERS)
        padding = _add(properties, "w:tblCellMar")
        for edge, width in (("top", BOX_PADDING), ("left", CELL_MARGIN), ("bottom", BOX_PADDING),
                            ("right", CELL_MARGIN)):
            _add(padding, f"w:{edge}", w=str(width), type="dxa")
        _add(_add(table, "w:tblGrid"), "w:gridCol", w=str(self.width))
        cell = _add(_add(table, "w:tr"), "w:tc")
        _add(_add(cell, "w:tcPr"), "w:tcW", w=str(self.width), type="dxa")
        self.text_paragraph(cell, SUMMARY_HEADING, summary.heading)
        self.inlines(self.paragraph(cell, SUMMARY_TEXT), summary.purpose)
        for field in summary.fields:
            label = Emphasis("bold", (Text(f"{field.label}: "),))
            self.inlines(self.paragraph(cell, SUMMARY_TEXT), (label, *field.content))
        self.paragraph(body, SUMMARY_TEXT)

    def paragraph_block(self, body: etree._Element, paragraph: Paragraph, leads_in: bool) -> None:
        """`N.` typed as text, a tab, the text on the hanging indent; a paragraph without a
        number (in an appendix) its text alone, in a style of its own. Then its parts. A
        paragraph and its parts stand on one page, and with the table after it when it `leads_in`
        to one: each is kept with the next, which no style can know, so each paragraph says so."""
        style = PARAGRAPH if paragraph.number is not None else PARAGRAPH_UNNUMBERED
        element = self.paragraph(body, style, keep_with_next=bool(paragraph.parts) or leads_in)
        if paragraph.number is not None:
            self.mark(element, f"{paragraph.number}.")
        self.inlines(element, paragraph.content)
        for index, part in enumerate(paragraph.parts, start=1):
            self.part(body, part, keep_with_next=index < len(paragraph.parts) or leads_in)

    def part(self, body: etree._Element, part: Part, keep_with_next: bool) -> None:
        """A paragraph's dash item, lettered item or quoted paragraph, a paragraph of its own."""
        match part:
            case DashItem(content):
                self.inlines(self.paragraph(body, LIST_ITEM, keep_with_next=keep_with_next), content)
            case LetteredItem(marker, depth, content):
                style = LETTERED_ITEM if depth == 1 else LETTERED_SUBITEM
                element = self.paragraph(body, style, keep_with_next=keep_with_next)
                self.mark(element, marker)
                self.inlines(element, content)
            case QuotedParagraph(content):
                self.inlines(self.paragraph(body, QUOTATION, keep_with_next=keep_with_next), content)
            case _:
                assert_never(part)

    def table(self, body: etree._Element, table: Table) -> None:
        """The caption, kept with the table; the table as wide as the text, its header row
        repeated on each page, each column aligned as the model says; then an empty paragraph,
        for Word joins two tables with nothing between them, and text needs space under one.
        In a reference that lacks GB Table, the table has no style and its rules written on it."""
        if table.caption:
            caption = self.paragraph(body, TABLE_CAPTION)
            self.text_run(caption, f"{table.caption.label} ")
            self.inlines(caption, table.caption.content)
        element = _add(body, "w:tbl")
        table_style = TABLE if TABLE in self.style_ids else None
        self.frame(_add(element, "w:tblPr"), table_style, () if table_style else TABLE_BORDERS)
        widths = _column_widths(table, self.width)
        grid = _add(element, "w:tblGrid")
        for width in widths:
            _add(grid, "w:gridCol", w=str(width))
        for index, cells in enumerate((table.header, *table.rows)):
            row = _add(element, "w:tr")
            row_properties = _add(row, "w:trPr")
            _add(row_properties, "w:cantSplit")
            if index == 0:
                _add(row_properties, "w:tblHeader")
            style = TABLE_HEADING if index == 0 else TABLE_TEXT
            for content, align, width in zip(cells, table.align, widths, strict=True):
                cell = _add(row, "w:tc")
                _add(_add(cell, "w:tcPr"), "w:tcW", w=str(width), type="dxa")
                self.inlines(self.paragraph(cell, style, ("w:jc", align)), content)
        self.paragraph(body, TABLE_TEXT)

    def frame(self, properties: etree._Element, style: str | None, borders: tuple[str, ...]) -> None:
        """A table's w:tblPr, in the schema's order: its table style if any; the text's width,
        fixed; indented so that its borders meet the margins; `borders` (edges) written on it."""
        if style:
            _add(properties, "w:tblStyle", val=self.style_ids[style])
        _add(properties, "w:tblW", w=str(self.width), type="dxa")
        _add(properties, "w:tblInd", w=str(CELL_MARGIN), type="dxa")
        if borders:
            edges = _add(properties, "w:tblBorders")
            for edge in borders:
                _add(edges, f"w:{edge}", **BORDER)
        _add(properties, "w:tblLayout", type="fixed")

    def blocks(self, body: etree._Element, blocks: tuple[Block, ...]) -> None:
        """The blocks in order; a paragraph right before a table leads into it."""
        for block, following in zip(blocks, (*blocks[1:], None)):
            match block:
                case Heading():
                    self.text_paragraph(body, _heading_style(block), block.display)
                case Paragraph():
                    self.paragraph_block(body, block, leads_in=isinstance(following, Table))
                case Table():
                    self.table(body, block)
                case _:
                    assert_never(block)

    def appendix(self, body: etree._Element, appendix: Appendix) -> None:
        """An appendix on a new page: its label (the page break written on the paragraph too, so
        that it holds in any reference document), its title, then its blocks as the body's."""
        self.text_paragraph(body, APPENDIX_LABEL, appendix.label, ("w:pageBreakBefore", None))
        self.text_paragraph(body, APPENDIX_TITLE, appendix.title)
        self.blocks(body, appendix.blocks)

    def body(self, body: etree._Element, paper: Paper) -> None:
        """Replace the reference's body with the paper, in time linear in its blocks; keep the
        section properties, which Word wants last. What the paper lacks (a notice, a subtitle,
        a date line, a closing) leaves no empty paragraph."""
        section_properties = body.find(qn("w:sectPr"))
        assert section_properties is not None, "read_reference refuses a document without one"
        for child in list(body):
            body.remove(child)
        if paper.notice:
            self.text_paragraph(body, NOTICE, paper.notice)
        self.masthead(body, paper)
        front = (
            ("GB Purpose", paper.purpose),
            (AGENDA, paper.agenda),
            (TITLE, paper.title),
            ("GB Subtitle", paper.subtitle),
        )
        for style, text in front:
            if text:
                self.text_paragraph(body, style, text)
        if paper.summary:
            self.summary(body, paper.summary)
        self.blocks(body, paper.blocks)
        if paper.date_line:
            self.text_paragraph(body, "GB Date Line", paper.date_line)
        if paper.closing:
            self.inlines(self.paragraph(body, "GB Closing"), paper.closing)
        for appendix in paper.appendices:
            self.appendix(body, appendix)
        body.append(section_properties)

    def footnote(self, notes: etree._Element, footnote: Footnote) -> None:
        """A note: its mark (Word prints the number), a space, then its text. An *ibid.* note
        already holds the phrase table's italic word, put there by the assembler."""
        note = _add(notes, "w:footnote", id=self.note_id(footnote.number))
        paragraph = self.paragraph(note, FOOTNOTE_TEXT)
        _add(self.run(paragraph, character_style=FOOTNOTE_REFERENCE), "w:footnoteRef")
        self.text_run(paragraph, " ")
        self.inlines(paragraph, footnote.content)

    def finish(self, body: etree._Element, notes: etree._Element) -> None:
        """What a writer does once the body and the notes are written: nothing, for a paper."""

    def symbol(self, section: Section, symbol: str) -> None:
        """The symbol in the header of pages 2 on, in place of the reference's header text."""
        for paragraph in _symbol_paragraphs(section, self.style_ids[HEADER]):
            for child in list(paragraph)[1:]:  # all but the paragraph properties
                paragraph.remove(child)
            self.text_run(paragraph, symbol)

    def stamp(self, section: Section, stamp: str | None) -> None:
        """The stamp, in small type at the foot of page 1 alone: in the first page's footer. The
        reference's paragraphs there in GB Stamp (its sample's stamp) mark the place: the paper's
        stamp takes the first one's (or the footer's end, if it has none) and the others go; with
        no stamp they all go and the footer is otherwise the reference's. A reference whose first
        page has no footer of its own gets one for a stamp, holding the stamp alone."""
        own_first_page = (section.different_first_page_header_footer
                          and not section.first_page_footer.is_linked_to_previous)
        if not own_first_page:
            if stamp is None:
                return
            section.different_first_page_header_footer = True
        footer = section.first_page_footer.part.element
        if not own_first_page:
            for paragraph in footer.findall(qn("w:p")):  # python-docx's empty one, in its own style
                footer.remove(paragraph)
        places = [p for p in footer.iter(qn("w:p")) if _paragraph_style(p) == self.style_ids[STAMP]]
        if stamp is not None:
            paragraph = self.paragraph(footer, STAMP)
            self.text_run(paragraph, stamp)
            if places:
                places[0].addprevious(paragraph)
        for place in places:
            place.getparent().remove(place)


def _clear_notes(notes: etree._Element) -> int:
    """Drop the reference's own notes, keep its separators; return the first id that is free
    (Word gives the separators -1 and 0, LibreOffice 0 and 1)."""
    kept = []
    for note in list(notes.iterchildren(qn("w:footnote"))):
        if note.get(qn("w:type"), "normal") == "normal":
            notes.remove(note)
        else:
            kept.append(int(note.get(qn("w:id"), "0")))
    return max(kept, default=0) + 1


def _text_width(section: Section) -> int:
    """The width between the side margins, in twips (read_reference refuses a reference
    document that does not give all three)."""
    page, left, right = section.page_width, section.left_margin, section.right_margin
    assert page is not None and left is not None and right is not None
    return Length(page - left - right).twips


def _fix_core_properties(document: Document, paper: Paper) -> None:
    """Core properties owe nothing to the reference document or the clock."""
    properties = document.core_properties
    # Word's core properties hold 255 characters; a title of a complaint's length is cut there.
    properties.title = paper.title if len(paper.title) <= CORE_LIMIT else paper.title[: CORE_LIMIT - 1] + "…"
    properties.author = properties.last_modified_by = paper.author
    properties.comments = ""
    properties.created = properties.modified = CORE_TIME
    properties.revision = 1


def _drop_relationships(owner: OpcPackage | PackagePart, reltype: str) -> None:
    """Drop the package's or a part's relationships of `reltype`; a part that nothing else
    relates to is then left out of the saved file, and so is its content type."""
    relationships = owner.rels
    for rel_id in [key for key, rel in relationships.items() if rel.reltype == reltype]:
        del relationships[rel_id]


def _word_count(body: etree._Element) -> int:
    """The words of the body, near enough as Word counts them: runs of characters between white
    space (a tab too), paragraph by paragraph, the tables' too. Read in one pass over the body,
    each paragraph's text ending where the next paragraph starts (the body has no paragraph
    within a paragraph)."""
    w_p, w_tab = _clark("w:p"), _clark("w:tab")
    words = 0
    text: list[str] = []
    for node in body.iter(w_p, _clark("w:t"), w_tab):
        if node.tag == w_p:
            words += len("".join(text).split())
            text.clear()
        else:
            text.append(" " if node.tag == w_tab else node.text or "")
    return words + len("".join(text).split())


def _write_app_properties(document: Document) -> None:
    """docProps/app.xml written afresh: the reference's names its template, the application
    that saved it and its statistics, all wrong for the paper. This one names gbpaper and gives
    the body's word count; Word recounts the rest when it saves."""
    package = document.part.package
    _drop_relationships(package, RT.EXTENDED_PROPERTIES)
    blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{EXTENDED_PROPERTIES}"><Application>{APPLICATION}</Application>'
        f"<Words>{_word_count(document.element.body)}</Words></Properties>"
    ).encode("utf-8")
    package.relate_to(PackagePart(APP_PROPERTIES, CT.OFC_EXTENDED_PROPERTIES, blob, package),
                      RT.EXTENDED_PROPERTIES)


def _declare_word_namespaces(story: etree._Element) -> None:
    """Declare WORD_NAMESPACES on a story part's root, with Word's mc:Ignorable unless the part
    has its own, keeping whatever the part declares already."""
    keep = sorted({*WORD_NAMESPACES, *(prefix for prefix in story.nsmap if prefix)})
    etree.cleanup_namespaces(story, top_nsmap=dict(WORD_NAMESPACES), keep_ns_prefixes=keep)
    ignorable = f"{{{WORD_NAMESPACES['mc']}}}Ignorable"
    if story.get(ignorable) is None:
        story.set(ignorable, WORD_IGNORABLE)


def _set_proofing(document: Document) -> None:
    """Settings that let Word proof the paper: no w:proofState, which would tell Word that the
    reference's spelling and grammar were checked and found clean, so that a translation's
    errors went unflagged; and the zoom with the w:percent that the schema requires."""
    settings = document.settings.element
    for proof_state in settings.findall(qn("w:proofState")):
        settings.remove(proof_state)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def _set_language(document: Document, tag: str) -> None:
    """The paper's language in its properties; in its styles (every run's default, so that Word
    proofs and hyphenates it so) as its package is written."""
    document.core_properties.language = tag


WriterType = Callable[[Reference, int, int], "_Writer"]


def render_docx(paper: Paper, reference: Reference, writer_type: WriterType = _Writer,
                described: Paper | None = None) -> bytes:
    """The paper as a .docx in the reference document's house style: notice, masthead, summary
    box, numbered paragraphs, real footnotes, appendices, the symbol in the header of pages 2 on
    and the stamp at the foot of page 1. A redline's writer (render/redline.py) writes it with
    its revisions; `described` is then the paper that the file's properties describe."""
    document = docx.Document(io.BytesIO(reference.slim))
    # An XmlPart, as registered with PartFactory above.
    notes = cast(XmlPart, document.part.part_related_by(RT.FOOTNOTES)).element
    section = document.sections[-1]
    writer = writer_type(reference, _clear_notes(notes), _text_width(section))
    writer.body(document.element.body, paper)
    for story in (document.element, notes):  # the parts that the paper is written into
        _declare_word_namespaces(story)
    for footnote in paper.footnotes:
        writer.footnote(notes, footnote)
    writer.finish(document.element.body, notes)
    writer.symbol(section, paper.symbol)
    writer.stamp(section, paper.stamp)
    _set_language(document, paper.locale)
    _fix_core_properties(document, described or paper)
    _set_proofing(document)
    # A thumbnail would picture the reference document: no preview beats a wrong one.
    _drop_relationships(document.part.package, RT.THUMBNAIL)
    _drop_relationships(document.part, STYLES_WITH_EFFECTS)
    _write_app_properties(document)
    return reference.packer.pack(document, paper.locale)
