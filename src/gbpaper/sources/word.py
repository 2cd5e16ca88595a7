"""A Word submission (.docx): front lines, headings, paragraphs with their list items, tables
and footnotes, read into the same raw blocks as a Markdown submission.

The package is read with lxml within the bounds of gbpaper.ooxml, its parts found by the
relationship types python-docx names; no converter runs. Word gives the structure that
Markdown spells: a heading style is a `#` heading, Word's numbering makes list items, real
footnotes are footnotes, italic and bold runs are emphasis. What is typed stays as typed: a `*`
or `\\` is a character, never syntax; only `{#label}` and `[#label]` are read, as in Markdown.
So the inline content of each text is built here from the runs (`WordBody.content`), not
parsed from its characters.

Places: line N is the document's Nth paragraph, counting every paragraph of the body in
document order (those in tables too, not those in text boxes), and the column is the character
in that paragraph's text. Every location quotes the first words of its paragraph, so that a
message can be found in Word. A footnote's problems point at the paragraph that holds its
reference.

What the document holds is counted against the file's limits as it is read (sources/limits.py):
as blocks, every paragraph (empty ones, those of table cells and footnotes too), table row and
footnote; the cells of table rows; as runs, the italic and bold runs of text (after neighbours
of one emphasis are joined), footnote references and cross-references.
"""
from __future__ import annotations

import bisect
import io
import posixpath
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby, islice
from types import MappingProxyType
from typing import Iterator, Literal, Mapping, NamedTuple

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from gbpaper.diagnostics import Diagnostics, Location, Severity
from gbpaper.inline import LABEL, RawEmphasis, RawInline, RawNoteRef, label_problem, parse_inline
from gbpaper.model import Align
from gbpaper.ooxml import (
    MAX_XML_DEPTH,
    MEGABYTE,
    OFF,
    RELATIONSHIPS_NS,
    Limits,
    Package,
    TooDeep,
    Unfit,
    content_type,
    content_types,
    is_on,
    parse_package,
    unpack_package,
)
from gbpaper.schema import SYMBOL as PAPER_SYMBOL
from gbpaper.schema import UNIT_CODE
from gbpaper.sources.limits import MAX_COLUMNS, FileLimits
from gbpaper.sources.raw import PartKind, RawBlock, RawNote, RawPart, RawParagraph, RawTable, part_family
from gbpaper.sources.text import FORBIDDEN, SPACE, SourceText, cannot_hold, fold

# What a Word submission may be: the 5 MB of any input file, whose parts, pictures included, may
# unpack to 50 MB (a zip bomb unpacks to far more), of which 20 MB of XML: parsed, XML takes
# twenty times its size in memory, and 20 MB is several hundred pages of text.
LIMITS = Limits("a Word submission", members=1000, unpacked_bytes=50 * MEGABYTE, xml_bytes=20 * MEGABYTE)
MAX_HEADING_LEVEL = 3
MAX_LIST_LEVEL = 2
QUOTE_CHARS = 40  # of a paragraph's first words in a message

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
P, TBL, TR, TC, R, T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r"), qn("w:t")
SDT, SDT_CONTENT, CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
PPR, RPR, PSTYLE, RSTYLE = qn("w:pPr"), qn("w:rPr"), qn("w:pStyle"), qn("w:rStyle")
VAL, ID = qn("w:val"), qn("w:id")
TXBX_CONTENT = qn("w:txbxContent")
XML_SPACE, XML_WHITESPACE = "{http://www.w3.org/XML/1998/namespace}space", " \t\r\n"
HYPERLINK, FLD_SIMPLE, FLD_CHAR, INSTR_TEXT = qn("w:hyperlink"), qn("w:fldSimple"), qn("w:fldChar"), qn("w:instrText")
FOOTNOTE_REFERENCE, ENDNOTE_REFERENCE = qn("w:footnoteReference"), qn("w:endnoteReference")
HIDDEN_TAG, CAPS_TAG = qn("w:vanish"), qn("w:caps")
SPEC_HIDDEN_TAG = qn("w:specVanish")
RFONTS = qn("w:rFonts")
# Fonts whose letters Word shows as symbols (αβγ for Symbol's abg, pictures for Wingdings'), and
# so any font the document's font table gives a symbol character set (w:charset 02).
SYMBOL_FONTS = frozenset({"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "marlett",
                          "mt extra", "zapf dingbats", "zapfdingbats", "itc zapf dingbats"})
SYMBOL_CHARSET = "02"
SPACES = frozenset(qn(f"w:{name}") for name in ("tab", "br", "cr", "ptab"))  # each read as a space
NO_BREAK_HYPHEN, SYMBOL = qn("w:noBreakHyphen"), qn("w:sym")
# A run's page number and parts of today's date, which Word shows in place of the element.
PAGE_NUMBER_BLOCK = qn("w:pgNum")
DATE_BLOCKS = frozenset(qn(f"w:{part}{length}") for part in ("day", "month", "year") for length in ("Short", "Long"))
RUBY, RUBY_BASE, RUBY_TEXT = qn("w:ruby"), qn("w:rubyBase"), qn("w:rt")
ALTERNATE_CONTENT = f"{{{MC}}}AlternateContent"
# The namespaces of what Word understands, an alternate content's choice may require: Office
# Open XML's, and Microsoft's own extensions of it.
UNDERSTOOD = ("http://schemas.openxmlformats.org/", "http://schemas.microsoft.com/office/",
              "urn:schemas-microsoft-com:")
ALT_CHUNK = qn("w:altChunk")
CONTENT_PART, SUB_DOC = qn("w:contentPart"), qn("w:subDoc")
DRAWINGS = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object"), ALTERNATE_CONTENT, CONTENT_PART})
EQUATIONS = frozenset({qn("m:oMath"), qn("m:oMathPara")})
EQUATION_LEFT_OUT = "an equation is left out: a GB paper has none; write it as text"
# What holds runs inside a paragraph and is read through. Deleted and moved-away text (w:del,
# w:moveFrom) is not: a document with tracked changes is refused before it is read.
CONTAINERS = frozenset(qn(f"w:{name}") for name in ("smartTag", "customXml", "dir", "bdo", "ins", "moveTo"))

# Unaccepted revisions: inserted, deleted and moved text, and changed properties.
TRACKED = tuple(qn(f"w:{name}") for name in (
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
    "trPrChange", "tcPrChange", "tblGridChange", "tblPrExChange", "numberingChange", "cellIns",
    "cellDel", "cellMerge"))
# What Word and its kin save under other names than .docx (load.OTHER_DOCUMENT_SUFFIXES).
OTHER_DOCUMENTS = {
    ".doc": "an old Word document (.doc, Word 97-2003)",
    ".dot": "a Word template (.dot)",
    ".docm": "a Word document with macros (.docm)",
    ".dotx": "a Word template (.dotx)",
    ".dotm": "a Word template with macros (.dotm)",
    ".rtf": "an RTF document (.rtf)",
    ".odt": "an OpenDocument text (.odt)",
}
# The content types of the main document part of some of those, which a file named .docx may hold.
OTHER_MAIN_PARTS = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": ".dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ".dotm",
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: Word 97-2003, or an encrypted .docx
PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
PAGE_NUMBER = re.compile(r"[0-9]*|[ivxlcdm]+|[IVXLCDM]+|[a-z]|[A-Z]")  # what a page field's result shows
NUMBER_FIELDS = frozenset({"REF", "NOTEREF", "PAGEREF", "SEQ"})  # numbers Word counts, gbpaper would
LEFT_OUT_FIELDS = {"TOC": "a table of contents", "INDEX": "an index", "TOA": "a table of authorities",
                   "BIBLIOGRAPHY": "a bibliography"}
ALIGNMENTS: dict[str, Align] = {"right": "right", "end": "right", "center": "center"}

_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.I)
_FRONT_LINE = re.compile(r"(unit|paper)[ \t]*:[ \t]*", re.I)
_CAPTION_PREFIX = "Table:"
_CAPTION_AFTER_NUMBER = re.compile(r"[ :.\-\u2013\u2014]*")
_OTHER_SPACE = re.compile("[\t\n\r\f\v]")
_SPACES = re.compile(" {2,}")
_REFERENCE = re.compile(r"\[#[^\[\]]*\]|\{#[^{}]*\}|\[\^[^\[\]]*\]")
_LABEL_AT_END = re.compile(r"\{#([^{}]*)\}\Z")
_MARKUP = re.compile(r"[\\*]|\[\^")  # what the inline syntax would read, and Word text means as typed
# What a list level that shows no number may show instead, as a dash item does: besides any
# dash, the bullets of Unicode and those of the Symbol and Wingdings fonts.
BULLET_CHARS = frozenset("\u2022\u2023\u2043\u2219\u00b7\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u25e6"
                         "\uf0a7\uf0b7\uf0d8\uf0fc")
_TYPED_ITEM = re.compile(r"(?:[-\u2022\u2013\u25aa\u25cf\u00b7]|\([a-z]{1,4}\)|[a-z]\))[ \t]")

ITALIC, BOLD = 1, 2
Style = int  # ITALIC | BOLD bits
SPACE_STYLE = -1  # a space's or a footnote mark's: the emphasis its neighbours share, once known


# --- What a document is, when it is not one ---------------------------------------------------


def _not_a_package(data: bytes) -> str:
    """The error for a file that is no zip, naming what it is where that can be told."""
    if data.startswith(OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return ("the document is protected by a password (it is encrypted), and gbpaper cannot "
                    "read it: remove the password in Word (File > Info > Protect Document) and save it again")
        if "WordDocument".encode("utf-16-le") in data:
            return _save_as(OTHER_DOCUMENTS[".doc"])
        return _save_as("an old Office document (Office 97-2003)")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{\\rtf"):
        return _save_as(OTHER_DOCUMENTS[".rtf"])
    if head.startswith(b"%PDF"):
        return _save_as("a PDF")
    lowered = head.lower()
    if lowered.startswith(b"<?xml") and (b"w:worddocument" in lowered or b"pkg:package" in lowered):
        return _save_as("a Word XML document (.xml)")
    if b"<html" in lowered[:512] or lowered.startswith(b"<!doctype html"):
        return _save_as("a web page (HTML)")
    if b"\0" not in data[:4096]:
        try:
            data[:4096].decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < 4090:
                return _save_as("not a Word document (not a zip package)")
        return _save_as("a text file")
    return _save_as("not a Word document (not a zip package)")


def other_document(suffix: str) -> str:
    """The error for a file that Word or its kin saved under another name than .docx."""
    return _save_as(OTHER_DOCUMENTS[suffix])


def _save_as(what: str) -> str:
    said = what if what.startswith("not ") else f"{what}, not a .docx document"
    return f"the file is {said}: save it as a .docx document (in Word: File > Save As > Word Document)"


def _other_package(contents: Mapping[str, bytes]) -> str | None:
    """The error for a zip that is another kind of document than Word's, told by its members
    alone, before any of its XML is parsed (an OpenDocument file may hold an empty XML member);
    None for one that may be a Word document."""
    mimetype = contents.get("mimetype", b"")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return _save_as(OTHER_DOCUMENTS[".odt"])
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        return _save_as("an OpenDocument file")
    if "word/document.xml" not in contents:
        for member, what in (("xl/workbook.xml", "an Excel workbook (.xlsx)"),
                             ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)")):
            if member in contents:
                return _save_as(what)
    return None


# --- The parts of the package ------------------------------------------------------------------


def _relationships(package: Package, source: str) -> list[tuple[str, str, str, bool]]:
    """(type, target part, id, external) of each relationship of the part `source` ('' for the
    package itself)."""
    folder, name = posixpath.split(source)
    rels = package.xml.get(posixpath.join(folder, "_rels", f"{name}.rels"))
    if rels is None:
        return []
    found = []
    for rel in rels.iterchildren(f"{{{RELATIONSHIPS_NS}}}Relationship"):
        target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
        if not external:
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            target = posixpath.normpath(joined)
        found.append((rel.get("Type", ""), target, rel.get("Id", ""), external))
    return found


@dataclass(frozen=True)
class _Parts:
    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    footnotes: etree._Element | None
    endnotes: etree._Element | None
    comments: etree._Element | None
    settings: etree._Element | None
    links: frozenset[str]  # the ids of the document's relationships to something outside it
    margins: tuple[etree._Element, ...] = ()  # its headers and footers
    fonts: etree._Element | None = None  # its font table


def _parts(package: Package) -> _Parts | str:
    """The parts the reader uses, or the error that says why the package is no Word document."""
    main = next((target for kind, target, _, external in _relationships(package, "")
                 if kind == RT.OFFICE_DOCUMENT and not external), "word/document.xml")
    document = package.xml.get(main)
    if document is None:
        return _save_as("a zip package with no Word document in it (no word/document.xml)")
    kind = content_type(main, content_types(package.contents))
    if kind in OTHER_MAIN_PARTS:
        return _save_as(OTHER_DOCUMENTS[OTHER_MAIN_PARTS[kind]])
    if etree.QName(document).namespace == STRICT_W:
        return ("the document is saved as Strict Open XML, which gbpaper does not read: save it as a "
                ".docx document (in Word: File > Save As > Word Document)")
    if document.tag != qn("w:document") or document.find(qn("w:body")) is None:
        return "the document has no body (w:body) in its main part: it is not a Word document"
    rels = _relationships(package, main)

    def part(kind: str) -> etree._Element | None:
        return next((package.xml[target] for rel_kind, target, _, external in rels
                     if rel_kind == kind and not external and target in package.xml), None)

    return _Parts(document, part(RT.STYLES), part(RT.NUMBERING), part(RT.FOOTNOTES), part(RT.ENDNOTES),
                  part(RT.COMMENTS), part(RT.SETTINGS),
                  frozenset(rel_id for _, _, rel_id, external in rels if external),
                  tuple(dict.fromkeys(package.xml[target] for kind, target, _, external in rels
                                      if kind in (RT.HEADER, RT.FOOTER) and not external and target in package.xml)),
                  part(RT.FONT_TABLE))


# --- Styles and numbering ---------------------------------------------------------------------


def _name(style: etree._Element) -> str:
    found = style.find(qn("w:name"))
    return "" if found is None else found.get(VAL, "").strip()


# The run properties the reader follows, as a w:rPr (a run's, a style's, the defaults') says
# them: each toggle on or off (italic, bold, their complex scripts' kin, hidden, All Caps, right
# to left, complex script) and each slot of w:rFonts its font ('' for a theme's): w:ascii for
# the characters below U+0080, w:hAnsi for the others, w:cs for a run in right-to-left or
# complex script, which Word shows with w:iCs and w:bCs for its italic and bold. A key not said
# is not there.
RunStyle = Mapping[str, "bool | str"]
TOGGLES = {qn(f"w:{name}"): name for name in ("i", "b", "iCs", "bCs", "vanish", "caps", "rtl", "cs")}
FONT_SLOTS = ("ascii", "hAnsi", "cs")
NO_RUN_STYLE: RunStyle = MappingProxyType({})


def _run_properties(rpr: etree._Element | None) -> dict[str, bool | str]:
    said: dict[str, bool | str] = {}
    for prop in () if rpr is None else rpr:
        if (name := TOGGLES.get(prop.tag)) is not None:
            said[name] = is_on(prop)
        elif prop.tag == RFONTS:
            for slot in FONT_SLOTS:
                font = "" if prop.get(qn(f"w:{slot}Theme")) is not None else prop.get(qn(f"w:{slot}"))
                if font is not None:
                    said[f"font.{slot}"] = font
    return said


def _first(name: str, *layers: RunStyle) -> bool | str | None:
    """What the first of layers that says name says of it."""
    return next((layer[name] for layer in layers if name in layer), None)


class Look(NamedTuple):
    """How a run shows: its emphasis, whether it is hidden, whether in All Caps, and the symbol
    font it is in, for its characters below U+0080 and for the others ('' for none)."""
    emphasis: Style
    hidden: bool
    caps: bool
    symbols: tuple[str, str] = ("", "")


class _Styles:
    """The document's styles, each looked up through its chain of w:basedOn (which may loop)."""

    def __init__(self, styles: etree._Element | None, fonts: etree._Element | None = None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph = ""
        self._headings: dict[str, int | None] = {}
        self._captions: dict[str, bool] = {}
        self._numbering: dict[str, tuple[str | None, str | None]] = {}
        self._runs: dict[str, RunStyle] = {}
        # The document's default run properties (their italic and bold, like a paragraph
        # style's, are the look the house style gives).
        found = None if styles is None else styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{RPR}")
        self.defaults: RunStyle = MappingProxyType(_run_properties(found))
        self.symbol_fonts = SYMBOL_FONTS | {
            font.get(qn("w:name"), "").casefold() for font in (() if fonts is None else fonts.iterchildren(qn("w:font")))
            if font.find(f"{qn('w:charset')}[@{VAL}='{SYMBOL_CHARSET}']") is not None}
        for style in () if styles is None else styles.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            self.by_id.setdefault(style_id, style)
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph = self.default_paragraph or style_id

    def chain(self, style_id: str) -> Iterator[etree._Element]:
        seen: set[str] = set()
        while style_id and style_id not in seen and (style := self.by_id.get(style_id)) is not None:
            seen.add(style_id)
            yield style
            based_on = style.find(qn("w:basedOn"))
            style_id = "" if based_on is None else based_on.get(VAL, "")

    def paragraph_style(self, ppr: etree._Element | None) -> str:
        """The paragraph's style: as its w:pStyle names it, when that is a paragraph style, else
        the document's default (as Word shows a paragraph whose style is missing)."""
        found = None if ppr is None else ppr.find(PSTYLE)
        style_id = "" if found is None else found.get(VAL, "")
        style = self.by_id.get(style_id)
        return style_id if style is not None and style.get(qn("w:type"), "paragraph") == "paragraph" else (
            self.default_paragraph)

    def heading_level(self, style_id: str) -> int | None:
        """1 for Heading 1 and the like: by the first style up the chain whose id or name is
        Word's name of a heading, or which has an outline level (9, body text, is none)."""
        if style_id not in self._headings:
            level = None
            for style in self.chain(style_id):
                named = _HEADING_NAME.fullmatch(style.get(qn("w:styleId"), "")) or _HEADING_NAME.fullmatch(_name(style))
                if named:
                    level = int(named.group(1))
                    break
                outline = style.find(f"{PPR}/{qn('w:outlineLvl')}")
                if outline is not None:
                    value = outline.get(VAL, "")
                    level = int(value) + 1 if value.isdigit() and int(value) < 9 else None
                    break
            self._headings[style_id] = level
        return self._headings[style_id]

    def is_caption(self, style_id: str) -> bool:
        if style_id not in self._captions:
            self._captions[style_id] = any(
                style.get(qn("w:styleId"), "").casefold() == "caption" or _name(style).casefold() == "caption"
                for style in self.chain(style_id))
        return self._captions[style_id]

    def numbering(self, style_id: str) -> tuple[str | None, str | None]:
        """The (numId, ilvl) a paragraph style gives, each from the first style up the chain that
        gives it."""
        if style_id not in self._numbering:
            num_id = level = None
            for style in self.chain(style_id):
                num_pr = style.find(f"{PPR}/{qn('w:numPr')}")
                if num_pr is None:
                    continue
                if num_id is None and (found := num_pr.find(qn("w:numId"))) is not None:
                    num_id = found.get(VAL)
                if level is None and (found := num_pr.find(qn("w:ilvl"))) is not None:
                    level = found.get(VAL)
            self._numbering[style_id] = (num_id, level)
        return self._numbering[style_id]

    def paragraph_look(self, style_id: str, table_style: str = "") -> RunStyle:
        """What a paragraph's runs show where they do not say, but for emphasis (the house
        style's look): as its paragraph style says, else the style of the table it stands in,
        else the document's defaults (Word's order)."""
        said: dict[str, bool | str] = {}
        for layer in [self.run_style(s) for s in (style_id, table_style) if s] + [self.defaults]:
            for name, value in layer.items():
                said.setdefault(name, value)
        for name in ("i", "b", "iCs", "bCs"):
            said.pop(name, None)
        return said

    def symbol_font(self, font: bool | str | None) -> str:
        """font, when Word shows its letters as symbols; else ''."""
        return font if isinstance(font, str) and font.casefold() in self.symbol_fonts else ""

    def conditional_look(self, table_style: str) -> bool:
        """Whether a table style hides text or puts it in capitals in some of its cells alone
        (w:tblStylePr: its first row, its bands), which the reader does not follow."""
        return any(rpr.find(HIDDEN_TAG) is not None or rpr.find(CAPS_TAG) is not None
                   for style in self.chain(table_style)
                   for rpr in style.iterfind(f"{qn('w:tblStylePr')}/{RPR}"))

    def run_style(self, style_id: str) -> RunStyle:
        """The run properties a style says, each from the first style up the chain that says it."""
        if style_id not in self._runs:
            said: dict[str, bool | str] = {}
            for style in self.chain(style_id):
                for name, value in _run_properties(style.find(RPR)).items():
                    said.setdefault(name, value)
            self._runs[style_id] = MappingProxyType(said)
        return self._runs[style_id]

    def character_style(self, style_id: str) -> RunStyle:
        """run_style for a run's w:rStyle, which Word follows only when it names a character style."""
        style = self.by_id.get(style_id)
        return self.run_style(style_id) if style is not None and style.get(qn("w:type")) == "character" else NO_RUN_STYLE


class _Numbering:
    """numbering.xml: each list's levels, and the paragraph styles linked to them."""

    def __init__(self, numbering: etree._Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, etree._Element] = {}
        self.nums: dict[str, etree._Element] = {}
        if numbering is None:
            return
        for abstract in numbering.iterchildren(qn("w:abstractNum")):
            self.abstract.setdefault(abstract.get(qn("w:abstractNumId"), ""), abstract)
        for num in numbering.iterchildren(qn("w:num")):
            self.nums.setdefault(num.get(qn("w:numId"), ""), num)

    def _abstracts(self, num_id: str) -> Iterator[tuple[etree._Element, etree._Element | None]]:
        """Each list (w:num) and its abstract definition, from num_id on through the numbering
        styles that definitions link to (numStyleLink), which name other lists."""
        seen: set[str] = set()
        while num_id not in seen and (num := self.nums.get(num_id)) is not None:
            seen.add(num_id)
            abstract_id = num.find(qn("w:abstractNumId"))
            abstract = self.abstract.get("" if abstract_id is None else abstract_id.get(VAL, ""))
            yield num, abstract
            link = None if abstract is None else abstract.find(qn("w:numStyleLink"))
            if link is None:
                return
            num_id = self.styles.numbering(link.get(VAL, ""))[0] or ""

    def level(self, num_id: str, level: int) -> etree._Element | None:
        """A list's level (w:lvl), overridden by the list or as its definition has it; None
        when the list or the level does not exist."""
        for num, abstract in self._abstracts(num_id):
            for override in num.iterchildren(qn("w:lvlOverride")):
                lvl = override.find(qn("w:lvl"))
                if override.get(qn("w:ilvl")) == str(level) and lvl is not None:
                    return lvl
            if abstract is None:
                return None
            for lvl in abstract.iterchildren(qn("w:lvl")):
                if lvl.get(qn("w:ilvl")) == str(level):
                    return lvl
        return None

    def linked_level(self, num_id: str, style_id: str) -> str | None:
        """The level (ilvl) of a list whose w:pStyle names the paragraph style style_id: the level
        that Word gives a paragraph of that style when the style's numbering says none."""
        for _, abstract in self._abstracts(num_id):
            for lvl in () if abstract is None else abstract.iterchildren(qn("w:lvl")):
                linked = lvl.find(PSTYLE)
                if linked is not None and linked.get(VAL) == style_id:
                    return lvl.get(qn("w:ilvl"))
        return None


def _shows_a_dash(lvl: etree._Element) -> bool:
    """Whether a level that shows no number (numFmt `none`) shows a dash or bullet typed as its
    text (lvlText), as a dash item does."""
    found = lvl.find(qn("w:lvlText"))
    text = "" if found is None else found.get(VAL, "")
    return not re.search(r"%[1-9]", text) and any(
        char in BULLET_CHARS or unicodedata.category(char) == "Pd" for char in text)


def _words_shown(lvl: etree._Element, fmt: str) -> str:
    """What a list level shows besides its number: for one that shows no number, any text
    (`Note:`); for a numbered level, its words (`Article %1.`); for a bullet, a word (`NB`; a
    bullet may be a letter in a symbol font, `o` or `§`). Else ''."""
    found = lvl.find(qn("w:lvlText"))
    text = "" if found is None else found.get(VAL, "")
    shown = re.sub(r"%[1-9]", "", text).strip(SPACE)
    letters = sum(unicodedata.category(c).startswith("L") for c in shown)
    return text if (fmt == "none" and shown) or letters > (1 if fmt == "bullet" else 0) else ""


# --- Paragraphs as pieces of text --------------------------------------------------------------


@dataclass(slots=True)
class _Text:
    """A run of text in one style: its characters and the column of each part of them."""

    text: str
    cols: list[tuple[int, int]]  # (offset in text, column in the paragraph), in order
    style: Style

    def col(self, offset: int) -> int:
        start, col = self.cols[max(0, bisect.bisect_right(self.cols, (offset, sys.maxsize)) - 1)]
        return col + offset - start

    def cut(self, start: int, end: int | None = None) -> _Text:
        end = len(self.text) if end is None else end
        cols = [(0, self.col(start))] + [(o - start, c) for o, c in self.cols if start < o < end]
        return _Text(self.text[start:end], cols, self.style)


@dataclass(frozen=True)
class _Mark:
    """A footnote reference: the note's id, where it stands."""

    note: str
    col: int


Piece = _Text | _Mark


@dataclass
class _Field:
    """A complex field (w:fldChar) being read: its instruction, then its result."""

    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    began: tuple[int, int] = (1, 1)  # the line (paragraph) and column of its begin mark
    caption_number: bool = False  # a SEQ field giving Word's number to a caption: `Table 1`
    # What its result holds, left out with it: the text, and how many footnote references.
    held: list[str] = field(default_factory=list)
    held_notes: int = 0

    @property
    def name(self) -> str:
        words = "".join(self.instruction).split()
        return words[0].upper() if words else ""


@dataclass
class _Paragraph:
    """A paragraph of the body as read: its number (its line), its pieces and what it is."""

    number: int
    pieces: list[Piece]
    style: str
    text: str = ""  # as Word has it, before whitespace is folded
    caption_start: int | None = None  # in a caption, the characters that Word's number takes
    events: list[tuple[int, Severity, str]] = field(default_factory=list)  # what the reader leaves out or refuses


class _Reader:
    """Reads the runs of paragraphs into pieces, following fields from one paragraph to the next,
    and notes what it leaves out."""

    def __init__(self, styles: _Styles, links: frozenset[str], note_texts: Mapping[str, str] | None = None) -> None:
        self.styles = styles
        self.links = links
        self.note_texts = note_texts or {}  # the text of each footnote, by its id
        self.fields: list[_Field] = []
        self.hyperlinks = 0
        self._col = 1  # of the next character in the paragraph being read
        self._hidden_text: list[str] = []
        self._symbol_text: dict[str, list[str]] = {}  # font -> the text in it, left out
        self._by_style = NO_RUN_STYLE  # what the paragraph's style says of its runs
        self.table_style = ""  # the style of the table being read, if one is

    def paragraph(self, p: etree._Element, number: int, style: str) -> _Paragraph:
        para = _Paragraph(number, [], style)
        for held in (f.held for f in self.fields if f.held):
            held.append(" ")  # (a field's result goes on in this paragraph)
        self._col = 1
        self._hidden_text = []
        self._symbol_text = {}
        self._by_style = self.styles.paragraph_look(style, self.table_style)
        self._read(p, para)
        for font, texts in self._symbol_text.items():
            self.left_out(para, f"text in the symbol font {font!r} is left out: {_quoted(''.join(texts))}, which "
                                "Word shows as symbols: type the characters themselves in a text font", col=1)
        para.pieces = _joined_neighbours(para.pieces, [_style_of(piece) for piece in para.pieces])
        para.text = "".join(piece.text for piece in para.pieces if isinstance(piece, _Text))
        if self._hidden_text:
            self.left_out(para, f"hidden text is left out: {_quoted(' '.join(self._hidden_text))} "
                                "(Font > Hidden in Word)", col=1)
        return para

    def left_out(self, para: _Paragraph, message: str, col: int | None = None,
                 severity: Severity = "warning") -> None:
        para.events.append((self._col if col is None else col, severity, message))

    @property
    def shown(self) -> bool:
        """Whether text read now is shown: outside fields, or in the result of fields that keep it."""
        return not self.fields or all(f.in_result and f.name not in PAGE_FIELDS and f.name not in LEFT_OUT_FIELDS
                                      for f in self.fields)

    def _read(self, element: etree._Element, para: _Paragraph) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                self._run(child, para)
            elif tag == HYPERLINK:
                if child.get(qn("r:id")) in self.links:
                    self.hyperlinks += 1
                self._read(child, para)
            elif tag == FLD_SIMPLE:
                name = (child.get(qn("w:instr"), "").split() or [""])[0].upper()
                self.fields.append(_Field([name], True, caption_number=self._field_opened(name, para)))
                self._read(child, para)
                self._field_closed(para)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._read(content, para)
            elif tag in CONTAINERS:
                self._read(child, para)
            elif tag == ALTERNATE_CONTENT:
                if (branch := _branch(child)) is not None:
                    self._read(branch, para)
            elif tag in EQUATIONS:
                self.left_out(para, EQUATION_LEFT_OUT)
            elif tag == SUB_DOC:
                self.left_out(para, "a subdocument (a document linked into this one) is left out: paste its text "
                                    "into the document")
            elif tag == CONTENT_PART:
                self._drawing(child, para)
            else:
                self._unknown(child, para)

    def _run(self, run: etree._Element, para: _Paragraph) -> None:
        style = self._run_style(None)  # (a run without properties)
        custom_mark = False  # a footnote reference whose mark, typed by hand, follows it
        for child in run:
            tag = child.tag
            if tag == RPR:  # the first child, when the run has properties
                style = self._run_style(child)
            elif tag == T and custom_mark:
                custom_mark = False
                self.left_out(para, f"a footnote's own mark, {_quoted(child.text or '')}, is left out: gbpaper "
                                    "numbers the footnotes")
            elif tag == T:  # (Word drops the spaces at its ends unless told to keep them)
                text = child.text or ""
                self._text(text if child.get(XML_SPACE) == "preserve" else text.strip(XML_WHITESPACE), style, para)
            elif tag in SPACES:
                self._text(" ", style, para)
            elif tag == NO_BREAK_HYPHEN:
                self._text("\u2011", style, para)
            elif tag == FOOTNOTE_REFERENCE:
                custom_mark = child.get(qn("w:customMarkFollows"), "false") not in OFF
                if style.hidden and self.shown:
                    self.left_out(para, f"a footnote whose reference is hidden text is left out{self._with(child)} "
                                        "(Font > Hidden in Word)")
                elif self.shown:
                    para.pieces.append(_Mark(child.get(ID, ""), self._col))
                elif (holder := self._holder()) is not None:
                    holder.held_notes += 1
                elif any(not f.in_result for f in self.fields):
                    self.left_out(para, f"a footnote whose reference is in a field's instruction is left "
                                        f"out{self._with(child)}: Word shows the field's result, not its instruction")
                else:  # (in the result of a field left out, a table of contents say)
                    self.left_out(para, f"a footnote whose reference is in a {self.fields[-1].name} field is left "
                                        f"out with the field{self._with(child)}")
            elif tag == ENDNOTE_REFERENCE:
                self.left_out(para, "an endnote: a GB paper has footnotes only; use footnotes (in Word, "
                              "References > Footnotes > Convert turns endnotes into footnotes)", severity="error")
            elif tag == FLD_CHAR:
                self._field_char(child, para)
            elif tag == INSTR_TEXT:
                if self.fields:
                    self.fields[-1].instruction.append(child.text or "")
            elif tag in DRAWINGS:
                self._drawing(child, para)
            elif tag == SYMBOL:
                self.left_out(para, f"a symbol of the font {child.get(qn('w:font'), '')!r} is left out: type "
                              "the character itself")
            elif tag == RUBY:
                self._ruby(child, para)
            elif tag in DATE_BLOCKS:
                self.left_out(para, f"today's date, as Word shows it (w:{etree.QName(child).localname}), is left "
                                    "out: type the date")
            elif tag != PAGE_NUMBER_BLOCK:  # (a page number is left out, as a PAGE field is)
                self._unknown(child, para)

    def mark_hidden(self, p: etree._Element) -> bool:
        """Whether the mark of the paragraph just read is hidden: by its own properties, its
        character style or its paragraph's style, as a run's text is; or as a style separator."""
        mark = p.find(f"{PPR}/{RPR}")
        special = None if mark is None else mark.find(SPEC_HIDDEN_TAG)
        return self._run_style(mark).hidden or (special is not None and is_on(special))

    def _with(self, reference: etree._Element) -> str:
        """', and its text with it: "..."' for the note of a footnote reference left out."""
        text = self.note_texts.get(reference.get(ID, ""), "")
        return f", and its text with it: {_quoted(text)}" if text.strip(SPACE) else ""

    def _ruby(self, ruby: etree._Element, para: _Paragraph) -> None:
        """Text with a phonetic guide above it: the text is read, the guide left out."""
        guide = " and ".join(held for rt in ruby.iter(RUBY_TEXT) if (held := _holds(rt)))
        if guide:
            self.left_out(para, f"a phonetic guide is left out: {guide}; a GB paper has none "
                                "(Home > Phonetic Guide in Word)")
        for base in ruby.iter(RUBY_BASE):
            self._read(base, para)

    def _unknown(self, element: etree._Element, para: _Paragraph) -> None:
        """An element gbpaper does not read: a warning when it holds text, which is left out
        with it (never lost silently)."""
        if not isinstance(element.tag, str):
            return  # (a comment or processing instruction)
        if _holds(element):
            self.left_out(para, _unread(element))

    def _run_style(self, rpr: etree._Element | None) -> Look:
        """How a run shows: as its own properties say, else as its character style says, and
        but for its emphasis, else as its paragraph's style says. Hidden and All Caps are
        toggles: set in the run itself, as set; else the character style's and the paragraph's
        (its style's, its table's, the defaults') cancel out when both set them."""
        own = _run_properties(rpr)
        found = None if rpr is None else rpr.find(RSTYLE)
        inherited = NO_RUN_STYLE if found is None else self.styles.character_style(found.get(VAL, ""))
        layers = (own, inherited, self._by_style)
        complex_script = any(_first(name, *layers) is True for name in ("rtl", "cs"))
        italic, bold = (_first(name, own, inherited) for name in (("iCs", "bCs") if complex_script else ("i", "b")))

        def toggle(name: str) -> bool:
            return bool(own[name]) if name in own else bool(inherited.get(name)) != bool(self._by_style.get(name))

        fonts = ("cs", "cs") if complex_script else ("ascii", "hAnsi")
        ascii, other = (self.styles.symbol_font(_first(f"font.{slot}", *layers)) for slot in fonts)
        return Look((ITALIC if italic else 0) | (BOLD if bold else 0), toggle("vanish"), toggle("caps"), (ascii, other))

    def _holder(self) -> _Field | None:
        """The innermost field whose result is left out, where what is read now goes."""
        return next((f for f in reversed(self.fields) if f.in_result and f.name in PAGE_FIELDS), None)

    def _text(self, text: str, style: Look, para: _Paragraph) -> None:
        if not text:
            return
        if self.fields and not self.shown:
            if (holder := self._holder()) is not None:
                holder.held.append(text)
            return
        emphasis, hidden, caps, (ascii, other) = style
        if hidden:
            self._hidden_text.append(text)
            return
        if (ascii or other) and text.strip(SPACE):
            font = next((f for c in text if c not in SPACE and (f := ascii if c < "\x80" else other)), "")
            if font:
                self._symbol_text.setdefault(font, []).append(text)
                return
        if caps:  # (as Word shows it; a letter whose capital is two, as ß, kept, so that columns hold)
            text = "".join(c.upper() if len(c.upper()) == 1 else c for c in text)
        para.pieces.append(_Text(text, [(0, self._col)], emphasis))  # neighbours joined once read
        self._col += len(text)

    def _field_char(self, char: etree._Element, para: _Paragraph) -> None:
        kind = char.get(qn("w:fldCharType"))
        if kind == "begin":
            self.fields.append(_Field(began=(para.number, self._col)))
        elif kind == "separate" and self.fields:
            self.fields[-1].caption_number = self._field_opened(self.fields[-1].name, para)
            self.fields[-1].in_result = True
        elif kind == "end" and self.fields:
            self._field_closed(para)

    def _field_opened(self, name: str, para: _Paragraph) -> bool:
        """A warning for a field whose result becomes text, or which is left out; whether the field
        is Word's number of a caption."""
        if name == "SEQ" and self._caption_number(para):
            return True
        if name in PAGE_FIELDS or name == "HYPERLINK":
            if name == "HYPERLINK":
                self.hyperlinks += 1
            return False
        if name in LEFT_OUT_FIELDS:
            self.left_out(para, f"{LEFT_OUT_FIELDS[name]} (a {name} field) is left out: a GB paper has none")
        elif name:
            hint = ": write [#label] where gbpaper should give a number" if name in NUMBER_FIELDS else ""
            self.left_out(para, f"a {name} field is read as the text Word last showed for it{hint}")
        return False

    def _caption_number(self, para: _Paragraph) -> bool:
        """Whether a SEQ field read now is the number of Word's Insert Caption: the first in a
        paragraph of the Caption style, after one word at most (the label, `Table`)."""
        if para.caption_start is not None or not self.styles.is_caption(para.style):
            return False
        return len("".join(piece.text for piece in para.pieces if isinstance(piece, _Text)).split()) <= 1

    def _field_closed(self, para: _Paragraph) -> None:
        closed = self.fields.pop()
        held = " ".join("".join(closed.held).split())
        if closed.held_notes or not PAGE_NUMBER.fullmatch(held):
            self.left_out(para, f"a {closed.name} field is left out, as Word shows a page number in its place, and "
                                f"with it what its result holds: {_held(held, closed.held_notes)}")
        if closed.caption_number:
            para.caption_start = self._col - 1

    def _drawing(self, element: etree._Element, para: _Paragraph) -> None:
        """A warning for a picture, chart, shape or text box: the paper cannot carry it."""
        if element.tag == ALTERNATE_CONTENT:
            if (branch := _branch(element)) is None:
                return
            element = branch
        boxes = list(element.iter(TXBX_CONTENT))
        if boxes:
            held = _held(" ".join(_holds_text(box) for box in boxes),
                         sum(1 for box in boxes for _ in box.iter(FOOTNOTE_REFERENCE)))
            said = f", and its text with it: {held}" if held else ""
            self.left_out(para, f"a text box is left out{said}; a GB paper has no text boxes: move its "
                                "text into a paragraph")
            return
        names = {etree.QName(e) for e in element.iter() if isinstance(e.tag, str)}
        namespaces = {name.namespace or "" for name in names}
        if element.tag == qn("w:object"):
            what = "an embedded object"
        elif element.tag == CONTENT_PART:
            what = "a drawing in ink"
        elif any(ns.endswith("/chart") for ns in namespaces):
            what = "a chart"
        elif any(ns.endswith("/diagram") for ns in namespaces):
            what = "a diagram"
        elif any(name.localname in ("blip", "imagedata") for name in names):
            what = "a picture"
        else:
            what = "a drawing"
        self.left_out(para, f"{what} is left out: a GB paper has text only")


def _branch(alternate: etree._Element) -> etree._Element | None:
    """What an mc:AlternateContent holds that Word itself shows: its first choice that requires
    only what Word understands, else its fallback."""
    for choice in alternate.iterchildren(f"{{{MC}}}Choice"):
        required = [choice.nsmap.get(prefix) for prefix in choice.get("Requires", "").split()]
        if all(namespace is not None and namespace.startswith(UNDERSTOOD) for namespace in required):
            return choice
    return alternate.find(f"{{{MC}}}Fallback")


def _holds_text(element: etree._Element) -> str:
    """The text that element holds (its w:t), its pieces joined by spaces."""
    return " ".join(t.text or "" for t in element.iter(T))


def _held(text: str, notes: int) -> str:
    """What is left out with something, for a message: the first words of its text and the
    number of footnote references in it, or '' for nothing."""
    said = [_quoted(text)] if text.strip(SPACE) else []
    return " and ".join(said + [f"{notes} footnote reference{'s' * (notes != 1)}"] * bool(notes))


def _holds(element: etree._Element) -> str:
    """_held for what element holds."""
    return _held(_holds_text(element), sum(1 for _ in element.iter(FOOTNOTE_REFERENCE)))


def _unread(element: etree._Element) -> str:
    """What is said of the text in an element that gbpaper does not read."""
    return (f"text in a Word element that gbpaper does not read ({etree.QName(element).localname}) is left out: "
            f"{_holds(element)}")


def _quoted(text: str) -> str:
    """The first words of text, in double quotes, for a message."""
    words = " ".join(text[: QUOTE_CHARS * 4].split())
    if len(words) > QUOTE_CHARS:
        cut = words[: QUOTE_CHARS - 1]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "\u2026"
    return f'"{words}"'


# --- Pieces to text and inline content ----------------------------------------------------------


def _normalised(pieces: list[Piece]) -> list[Piece]:
    """The pieces with their text in NFC, every whitespace character a space, each run of spaces
    one space, none at the paragraph's ends, and the spaces at a piece's ends pieces of their
    own (of no emphasis yet: see _styled), so that emphasis does not take them in."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, _Mark):
            out.append(piece)
            continue
        text = piece.text
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _OTHER_SPACE.search(text):
            text = _OTHER_SPACE.sub(" ", text)
        if text is not piece.text:
            piece = _Text(text, piece.cols if len(text) == len(piece.text) else piece.cols[:1], piece.style)
        if "  " in text:
            piece = _collapsed(piece)
        last = out[-1] if out else None
        if piece.text.startswith(" ") and (last is None or isinstance(last, _Text) and last.text.endswith(" ")):
            piece = piece.cut(1)
        if not piece.text:
            continue
        if not (piece.text.startswith(" ") or piece.text.endswith(" ")):
            out.append(piece)
            continue
        start, end = len(piece.text) - len(piece.text.lstrip(" ")), len(piece.text.rstrip(" "))
        if start:
            out.append(_Text(" ", [(0, piece.col(0))], SPACE_STYLE))
        if end > start:
            out.append(piece.cut(start, end))
            if end < len(piece.text):
                out.append(_Text(" ", [(0, piece.col(end))], SPACE_STYLE))
    while out and isinstance(out[-1], _Text) and out[-1].style == SPACE_STYLE:
        out.pop()
    return out


def _collapsed(piece: _Text) -> _Text:
    """The piece with each run of spaces one space, its columns kept for what follows."""
    parts: list[str] = []
    cols: list[tuple[int, int]] = []
    offset = done = 0
    for run in _SPACES.finditer(piece.text):
        parts.append(piece.text[done : run.start() + 1])
        cols.append((offset, piece.col(done)))
        offset += run.start() + 1 - done
        done = run.end()
    parts.append(piece.text[done:])
    cols.append((offset, piece.col(done)))
    return _Text("".join(parts), cols, piece.style)


def _styled(pieces: list[Piece]) -> list[Piece]:
    """Spaces and footnote marks take the emphasis their neighbours share; neighbours of one
    emphasis are joined; a `[#label]` or `{#label}` written across runs of different emphasis
    takes its first run's, so that it is read whole."""
    if any(isinstance(p, _Text) and p.style > 0 for p in pieces):
        styles = _shared([_style_of(p) for p in pieces])
    else:  # no emphasis, as most paragraphs have: each stretch between marks one text
        styles = [0] * len(pieces)
    return _whole_references(_joined_neighbours(pieces, styles))


def _style_of(piece: Piece) -> Style:
    return piece.style if isinstance(piece, _Text) else SPACE_STYLE


def _joined_neighbours(pieces: list[Piece], styles: list[Style]) -> list[Piece]:
    """The pieces, each text given its style, texts of one style side by side joined into one
    (footnote marks stay as they are)."""
    out: list[Piece] = []
    texts = groupby(zip(pieces, styles), key=lambda pair: pair[1] if isinstance(pair[0], _Text) else None)
    for style, group in texts:
        if style is None:
            out.extend(piece for piece, _ in group)
        else:
            out.append(_concatenated([piece for piece, _ in group if isinstance(piece, _Text)], style))
    return out


def _shared(styles: list[Style]) -> list[Style]:
    """The styles with each SPACE_STYLE the emphasis that the styles on either side of it share."""
    known = [i for i, style in enumerate(styles) if style != SPACE_STYLE]
    out = list(styles)
    for i, style in enumerate(styles):
        if style == SPACE_STYLE:
            k = bisect.bisect(known, i)
            before = styles[known[k - 1]] if k else 0
            after = styles[known[k]] if k < len(known) else 0
            out[i] = before & after
    return out


def _concatenated(texts: list[_Text], style: Style) -> _Text:
    """The texts one after another as one text of style, each part at its own column, in one
    pass (a paragraph may be tens of thousands of runs). A part that goes on at the column where
    the one before it ends needs no place of its own."""
    if len(texts) == 1 and texts[0].style == style:
        return texts[0]
    cols: list[tuple[int, int]] = []
    offset = 0
    for text in texts:
        for start, col in text.cols:
            if not cols or col != cols[-1][1] + offset + start - cols[-1][0]:
                cols.append((offset + start, col))
        offset += len(text.text)
    return _Text("".join(text.text for text in texts), cols, style)


def _whole_references(pieces: list[Piece]) -> list[Piece]:
    """The pieces with each reference written across texts of different emphasis joined into
    one text, of its first text's emphasis; references that share a text are joined with it."""
    texts = [p.text if isinstance(p, _Text) else "\0" for p in pieces]
    whole = "".join(texts)
    if "#" not in whole and "[^" not in whole:
        return pieces
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    spans: list[list[int]] = []  # [first, last] piece of each stretch to join, in order
    for match in _REFERENCE.finditer(whole):
        first = bisect.bisect_right(starts, match.start()) - 1
        last = bisect.bisect_left(starts, match.end()) - 1
        if first == last or any(isinstance(p, _Mark) for p in pieces[first : last + 1]):
            continue
        if spans and spans[-1][1] >= first:
            spans[-1][1] = last
        else:
            spans.append([first, last])
    out: list[Piece] = []
    done = 0
    for first, last in spans:
        joined = [p for p in pieces[first : last + 1] if isinstance(p, _Text)]
        out += pieces[done:first]
        out.append(_concatenated(joined, joined[0].style))
        done = last + 1
    return out + pieces[done:]


@dataclass
class _Read:
    """A text of the submission: its plain text with its places (a paragraph's, an item's, a
    cell's), its `{#label}`, and its inline content."""

    src: SourceText
    label: SourceText | None
    content: tuple[RawInline, ...]
    marks: int


class _Inline:
    """Builds the text and inline content of paragraphs, items, cells and footnotes, counting its
    runs and references against the file's limits."""

    def __init__(self, path: str, diags: Diagnostics, limits: FileLimits) -> None:
        self.path, self.diags, self.limits = path, diags, limits

    def location(self, line: int, col: int, context: str) -> Location:
        return Location(self.path, line, col, context)

    def read(self, pieces: list[Piece], line: int, context: str, labelled: str | None = "paragraph",
             note_at: Location | None = None) -> _Read:
        """The text of pieces from paragraph `line`, and its `{#label}` when `labelled` names what
        the label would name; in a footnote (note_at given) every place is note_at, the place of
        its reference."""
        pieces = _styled(_normalised(pieces))
        for piece in pieces:
            if isinstance(piece, _Mark):
                self.limits.note(note_at or self.location(line, piece.col, context))
            elif piece.style > 0:  # (its place made only past the limit)
                self.limits.run(partial(self._where, piece, 0, line, context, note_at))
        label = None
        last = pieces[-1] if pieces else None
        if labelled and isinstance(last, _Text) and "{#" in last.text:
            if found := _LABEL_AT_END.search(last.text):
                label = self._src(last.cut(found.start(1), found.end(1)), line, context, note_at)
                if not LABEL.match(label.text):
                    self.diags.error(self._where(last, found.start(), line, context, note_at),
                                     label_problem(label.text, labelled))
                pieces = pieces[:-1] + [last.cut(0, found.start())]
                while pieces and isinstance(end := pieces[-1], _Text):  # the spaces before the label dropped
                    trimmed = end.cut(0, len(end.text.rstrip(" ")))
                    if trimmed.text:
                        pieces[-1] = trimmed
                        break
                    pieces.pop()
        texts = [p for p in pieces if isinstance(p, _Text)]
        src = self._whole(texts, line, context, note_at)
        for text in texts:
            for bad in FORBIDDEN.finditer(text.text):
                self.diags.error(self._where(text, bad.start(), line, context, note_at), cannot_hold(bad.group()))
        items: list[tuple[Style, tuple[RawInline, ...]]] = []
        marks = 0
        for piece in pieces:
            if isinstance(piece, _Mark):
                marks += 1
                at = note_at or self.location(line, piece.col, context)
                items.append((SPACE_STYLE, (RawNoteRef(piece.note, at),)))
            else:
                items.append((piece.style, self._content(piece, line, context, note_at)))
        return _Read(src, label, _nested(items), marks)

    def _where(self, piece: _Text, offset: int, line: int, context: str, note_at: Location | None) -> Location:
        return note_at or self.location(line, piece.col(offset), context)

    def _src(self, piece: _Text, line: int, context: str, note_at: Location | None) -> SourceText:
        if note_at is not None:
            return SourceText.at(piece.text, note_at, exact=False)
        return SourceText(piece.text, tuple((o, self.location(line, c, context)) for o, c in piece.cols))

    def _whole(self, texts: list[_Text], line: int, context: str, note_at: Location | None) -> SourceText:
        """The plain text of the pieces, each character at its place."""
        whole = "".join(t.text for t in texts)
        if note_at is not None:
            return SourceText.at(whole, note_at, exact=False)
        segments: list[tuple[int, Location]] = []
        offset = 0
        for text in texts:
            segments += [(offset + o, self.location(line, c, context)) for o, c in text.cols]
            offset += len(text.text)
        return SourceText(whole, tuple(segments) or ((0, self.location(line, 1, context)),))

    def _content(self, piece: _Text, line: int, context: str, note_at: Location | None) -> tuple[RawInline, ...]:
        """A piece's inline content: its text as typed, with the `[#label]` it holds read (and a
        `{#label}` that is not at the end reported, as in Markdown)."""
        if "#" not in piece.text and "[^" not in piece.text:
            return (piece.text,)
        escapes = []
        for special in _MARKUP.finditer(piece.text):
            escapes.append(special.start())
            if special.group() == "[^":
                self.diags.error(self._where(piece, special.start(), line, context, note_at),
                                 "'[^' would start a Markdown footnote reference; in a Word document a footnote "
                                 "is a Word footnote (References > Insert Footnote); insert one there, or write the text otherwise")
        # Each escape puts a `\` before the character it keeps as typed, which shifts the text
        # after it by one: the columns of the piece are mapped past every escape.
        bounds = [*escapes, len(piece.text)]
        markup = piece.text[: bounds[0]] + "".join("\\" + piece.text[start:end]
                                                   for start, end in zip(bounds, bounds[1:]))
        at = {o + bisect.bisect_right(escapes, o): c for o, c in piece.cols}
        for k, start in enumerate(escapes):
            at[start + k] = at[start + k + 1] = piece.col(start)
        cols = sorted(at.items())
        src = self._src(_Text(markup, cols, piece.style), line, context, note_at)
        return parse_inline(src, self.diags, limits=self.limits)


def _nested(items: list[tuple[Style, tuple[RawInline, ...]]]) -> tuple[RawInline, ...]:
    """Inline content with its emphasis nested: italic and bold open where a piece has them and
    close where a piece has them no more; of two opened at once, the one that lasts longer is
    the outer (bold, when they last as long, as Markdown's `***` reads). Footnote marks stay
    inside the emphasis their neighbours share."""
    if not any(style > 0 for style, _ in items):  # no emphasis at all, as most paragraphs have
        return _merged([node for _, nodes in items for node in nodes])
    styles = _shared([s for s, _ in items])
    stack: list[tuple[Style, list[RawInline]]] = [(0, [])]

    def close() -> None:
        bit, children = stack.pop()
        stack[-1][1].append(RawEmphasis("italic" if bit == ITALIC else "bold", _merged(children)))

    for i, (style, (_, nodes)) in enumerate(zip(styles, items)):
        while any(not style & bit for bit, _ in stack[1:]):
            close()
        opened = {bit for bit, _ in stack[1:]}
        missing = [bit for bit in (BOLD, ITALIC) if style & bit and bit not in opened]
        if len(missing) > 1:  # the one that lasts longer first
            missing.sort(key=lambda bit: -next((j for j in range(i, len(styles)) if not styles[j] & bit),
                                               len(styles)))
        for bit in missing:
            stack.append((bit, []))
        stack[-1][1].extend(nodes)
    while len(stack) > 1:
        close()
    return _merged(stack[0][1])


def _merged(nodes: list[RawInline]) -> tuple[RawInline, ...]:
    """The nodes with neighbouring text joined, as the inline parser gives them."""
    out: list[RawInline] = []
    for node in nodes:
        if isinstance(node, str) and out and isinstance(out[-1], str):
            out[-1] += node
        elif node != "":
            out.append(node)
    return tuple(out)


# --- The document, block by block ----------------------------------------------------------------


@dataclass
class WordBody:
    """What a Word submission holds, in the terms of a Markdown one, with the inline content of
    each of its texts (looked up by the text)."""

    unit: tuple[str, Location] | None = None
    paper: tuple[str, Location] | None = None
    blocks: list[RawBlock] = field(default_factory=list)
    notes: list[RawNote] = field(default_factory=list)
    headings: list[SourceText] = field(default_factory=list)
    content: dict[SourceText, tuple[RawInline, ...]] = field(default_factory=dict)


def _block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a body, cell or note in document order, through content
    controls and alternate content; and what else stands among them that holds text (an
    embedded document, an element gbpaper does not read), for a warning."""
    for child in container:
        if child.tag in (P, TBL, ALT_CHUNK):
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _block_elements(content)
        elif child.tag in (CUSTOM_XML, qn("w:ins"), qn("w:moveTo")):
            yield from _block_elements(child)
        elif child.tag == ALTERNATE_CONTENT:
            if (branch := _branch(child)) is not None:
                yield from _block_elements(branch)
        elif child.tag in EQUATIONS or isinstance(child.tag, str) and _holds(child):
            yield child


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The rows of a table, through content controls (a repeating section's) and custom XML."""
    return _through_controls(tbl, TR)


def _through_controls(container: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The children of container of tag, and those of its content controls and custom XML."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            content = child.find(SDT_CONTENT) if child.tag == SDT else child
            if content is not None:
                yield from _through_controls(content, tag)


def read_word(data: bytes, path: str, diags: Diagnostics, limits: FileLimits) -> WordBody | None:
    """The submission in data (the bytes of the file shown as path), or None after an error for
    a file that cannot be read as one; Refused past the file's limits."""
    where = Location(path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        diags.error(where, _not_a_package(data))
        return None
    try:
        contents = unpack_package(data, LIMITS)
        if other := _other_package(contents):
            diags.error(where, other)
            return None
        package = parse_package(contents, LIMITS)
    except TooDeep as exc:
        diags.error(*_too_deep(contents, exc, path))
        return None
    except Unfit as exc:
        diags.error(where, f"the document {exc}")
        return None
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):
        diags.error(where, _save_as("not a Word document (a damaged zip package)"))
        return None
    parts = _parts(package)
    if isinstance(parts, str):
        diags.error(where, parts)
        return None
    return _Document(parts, path, diags, limits).read()


def _too_deep(contents: Mapping[str, bytes], exc: TooDeep, path: str) -> tuple[Location, str]:
    """Where and what to say for a part nested too deep to be read: in the document's body, at
    the paragraph where the nesting passes the limit (counted as its paragraph tags come: the
    body is not read), most likely a table in a table's cell, again and again; else at the
    file, naming the part."""
    if not content_type(exc.part, content_types(contents)).endswith("document.main+xml"):
        return Location(path), f"the document {exc}"
    before = contents[exc.part][: exc.offset]
    paragraph = before.count(b"<w:p>") + before.count(b"<w:p ") + 1
    return Location(path, paragraph), (f"content nested more than {MAX_XML_DEPTH} levels deep here (tables in "
                                       "table cells, say), deeper than Word nests anything, and read no further: "
                                       "a GB paper's tables hold text only")


Kind = Literal["heading", "item", "caption", "paragraph", "cell"]


class _Document:
    def __init__(self, parts: _Parts, path: str, diags: Diagnostics, limits: FileLimits) -> None:
        self.parts, self.path, self.diags, self.limits = parts, path, diags, limits
        self.styles = _Styles(parts.styles, parts.fonts)
        self.numbering = _Numbering(parts.numbering, self.styles)
        notes = () if parts.footnotes is None else parts.footnotes.iterchildren(qn("w:footnote"))
        self.reader = _Reader(self.styles, parts.links, {n.get(ID, ""): _holds_text(n) for n in notes})
        self.inline = _Inline(path, diags, limits)
        self.body = WordBody()
        self.number = 0
        self.first_context = ""
        # The structure being built, as the Markdown reader builds it.
        self.heading: SourceText | None = None
        self.heading_at = Location(path)
        self.open: tuple[SourceText, SourceText | None, list[RawPart], _Paragraph] | None = None
        self.family: str | None = None
        self.caption: tuple[_Read, _Paragraph] | None = None
        self.told_orphan = False
        self.told_levels: set[tuple[str, int]] = set()  # list levels whose words were warned of
        self.notes: dict[str, tuple[Location, str]] = {}  # note id -> its reference's place, its paragraph

    def where(self, para: _Paragraph, col: int = 1, kind: Kind = "paragraph") -> Location:
        return Location(self.path, para.number, col, _context(kind, para.text))

    def read(self) -> WordBody | None:
        settings = self.parts.settings
        if settings is not None and _protected(settings):
            self.diags.error(Location(self.path), "the document is protected by a password (Restrict Editing, "
                             "or a password to modify it): remove the protection in Word (Review > Restrict "
                             "Editing, or File > Save As > Tools > General Options) and save it again")
            return None
        body = self.parts.document.find(qn("w:body"))
        assert body is not None, "checked when the parts were found"
        if self._tracked(body):
            return None
        for element in _block_elements(body):
            if element.tag == P:
                self.paragraph(element)
            elif element.tag == TBL:
                self.table(element)
            else:
                self.limits.block(Location(self.path, max(self.number, 1)))
                self.left_out_block(element, Location(self.path, max(self.number, 1)))
        self.unended_field()
        self.close_paragraph()
        self.close_caption()
        self.footnotes()
        self.warn_at_end()
        return self.body

    # What refuses a document -----------------------------------------------------------------

    def _tracked(self, body: etree._Element) -> bool:
        """An error for tracked changes in the body or the notes, at the first of them."""
        changes = list(body.iter(*TRACKED))
        notes = self.parts.footnotes
        in_notes = [] if notes is None else list(notes.iter(*TRACKED))
        if not changes and not in_notes:
            return False
        # The first paragraph that holds a change: its own, or, for a change to a row or a
        # table, the first of that row or table; for a change in a note, the paragraph that
        # holds the note's reference.
        numbers = {p: n for n, p in enumerate(self._counted(body), start=1)}
        referring = {ref.get(qn("w:id")): p for p in numbers for ref in p.iter(FOOTNOTE_REFERENCE)}

        def holder(change: etree._Element) -> etree._Element | None:
            found = next((a for a in change.iterancestors(P) if a in numbers), None)
            if found is None:
                around = next(change.iterancestors(TR, TBL), change)
                found = next((p for p in around.iter(P) if p in numbers), None)
            return found

        holders = [h for h in [holder(changes[0])] if h is not None] if changes else []
        for change in in_notes:
            note = next(change.iterancestors(qn("w:footnote")), None)
            if note is not None and note.get(qn("w:id")) in referring:
                holders.append(referring[note.get(qn("w:id"))])
        first = min(holders, key=numbers.__getitem__, default=None)
        number, text = (numbers[first], "".join(t.text or "" for t in first.iter(T))) if first is not None else (1, "")
        count = len(changes) + len(in_notes)
        self.diags.error(Location(self.path, number, 1, _context("paragraph", text) if text else ""),
                         f"the document has {count} tracked change{'s' * (count != 1)} not yet accepted or "
                         f"rejected{' (the first here)' if count > 1 else ''}: accept or reject the tracked "
                         "changes in Word first (Review > Accept, or Reject)")
        return True

    def _counted(self, container: etree._Element) -> Iterator[etree._Element]:
        for element in _block_elements(container):
            if element.tag == P:
                yield element
            elif element.tag == TBL:
                for cell in _cells(element):
                    yield from self._counted(cell)

    # Paragraphs --------------------------------------------------------------------------------

    def read_paragraph(self, p: etree._Element) -> _Paragraph:
        self.number += 1
        ppr = p.find(PPR)
        para = self.reader.paragraph(p, self.number, self.styles.paragraph_style(ppr))
        self.limits.block(lambda: self.where(para))
        if self.number == 1:
            self.first_context = _context("paragraph", para.text)
        for col, severity, message in para.events:
            self.report(severity, self.where(para, col), message)
        return para

    def left_out_block(self, element: etree._Element, where: Location) -> None:
        """A warning at where for what stands among paragraphs and tables and is neither."""
        if element.tag == ALT_CHUNK:
            self.diags.warning(where, "a document embedded in this one (altChunk) is left out: paste its text into "
                               "the document")
        elif element.tag in EQUATIONS:
            self.diags.warning(where, EQUATION_LEFT_OUT)
        else:
            self.diags.warning(where, _unread(element))

    def unended_field(self, note_at: Location | None = None) -> None:
        """An error for a field still open at the end of the body (or of the note at note_at)
        that hides the text after it (a page number, or an instruction never followed by its
        result): that text would be lost, in a document that is damaged."""
        fields, hidden = self.reader.fields, not self.reader.shown
        self.reader.fields = []
        if not fields or not hidden:
            return
        line, col = fields[0].began
        name = f"a {fields[0].name} field" if fields[0].name else "a field"
        self.diags.error(note_at or Location(self.path, line, col),
                         f"{name} begun here never ends, and would hide all that follows it: the document is "
                         "damaged; delete the field, or save the document again in Word")

    def report(self, severity: Severity, where: Location, message: str) -> None:
        (self.diags.error if severity == "error" else self.diags.warning)(where, message)

    def paragraph(self, p: etree._Element) -> None:
        para = self.read_paragraph(p)
        if not para.text.strip(SPACE) and not any(isinstance(x, _Mark) for x in para.pieces):
            return  # an empty paragraph
        frame = p.find(f"{PPR}/{qn('w:framePr')}")
        if frame is not None and frame.get(qn("w:dropCap"), "none") != "none":
            self.diags.error(self.where(para), f"a drop cap ({_quoted(para.text)}): Word shows it as the first "
                             "letters of the next paragraph, which gbpaper would read as two; remove the drop cap "
                             "(in Word: Insert > Drop Cap > None)")
            return
        if self.reader.mark_hidden(p):
            self.diags.warning(self.where(para), "the paragraph's mark is hidden (Font > Hidden, or a style "
                               "separator): Word shows the paragraph run into the next, and gbpaper reads them "
                               "as two; unhide the mark, or join the paragraphs")
        level = self.styles.heading_level(para.style)
        if level is not None:
            self.heading_paragraph(para, level)
            return
        if self.heading is None and (front := _FRONT_LINE.match(para.text.lstrip(SPACE))):
            self.front_line(para, front)
            return
        list_level = self.list_level(p.find(PPR), para)
        if list_level is not None:
            self.list_item(para, *list_level)
            return
        caption = self.styles.is_caption(para.style) or para.text.lstrip(SPACE).startswith(_CAPTION_PREFIX)
        if caption:
            self.caption_paragraph(para)
            return
        self.close_caption()
        self.close_paragraph()
        if not self.before_heading(para):
            return
        read = self.inline.read(para.pieces, para.number, _context("paragraph", para.text))
        self.check_words(read, para, "paragraph")
        self.open = (read.src, read.label, [], para)
        self.body.content[read.src] = read.content
        self.family = None
        self.remember_notes(para)
        self.warn_typed_marker(para)

    def before_heading(self, para: _Paragraph) -> bool:
        """Whether text may stand here; an error, once, for text before the first heading."""
        if self.heading is not None:
            return True
        if not self.told_orphan:
            self.diags.error(self.where(para), "text before the first section heading; a Word submission "
                             "opens with the paragraphs 'Unit: <unit>' and 'Paper: <symbol>', then a heading "
                             "in a heading style (Heading 1) that names the section")
            self.told_orphan = True
        return False

    def check_words(self, read: _Read, para: _Paragraph, what: str) -> None:
        if not read.src.text.strip(SPACE):
            only = "a label" if read.label is not None and not read.marks else "a footnote reference"
            self.diags.error(self.where(para), f"empty {what}: it holds only {only}")

    def heading_paragraph(self, para: _Paragraph, level: int) -> None:
        self.close_caption()
        self.close_paragraph()
        text = fold(unicodedata.normalize("NFC", para.text))
        at = self.where(para, 1, "heading")
        if level > MAX_HEADING_LEVEL:
            self.diags.error(at, f"only Heading 1, 2 and 3 name sections; Heading {level} is too deep")
        if any(isinstance(x, _Mark) for x in para.pieces):
            self.diags.error(at, "a heading names a section and holds no footnote: put the footnote in a paragraph")
        lead = len(para.text) - len(para.text.lstrip(SPACE))
        self.heading = SourceText.at(text, Location(self.path, para.number, lead + 1, at.context))
        self.heading_at = at
        if level <= MAX_HEADING_LEVEL:
            self.body.headings.append(self.heading)

    def front_line(self, para: _Paragraph, front: re.Match[str]) -> None:
        key = front.group(1).lower()
        lead = len(para.text) - len(para.text.lstrip(SPACE))
        value = unicodedata.normalize("NFC", para.text.strip(SPACE)[front.end():].strip(SPACE))
        at = self.where(para, lead + front.end() + 1)
        if getattr(self.body, key) is not None:
            self.diags.error(self.where(para), f"'{key.capitalize()}:' given twice (first in paragraph "
                             f"{getattr(self.body, key)[1].line})")
            return
        setattr(self.body, key, (value, at))

    def list_level(self, ppr: etree._Element | None, para: _Paragraph) -> tuple[int, bool] | None:
        """(level from 1, bulleted) of a paragraph with list numbering, its own or its style's;
        None for one without (or whose numbering shows nothing)."""
        num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
        num_id, level = self.styles.numbering(para.style)
        if num_pr is not None:
            found = num_pr.find(qn("w:numId"))
            num_id = found.get(VAL) if found is not None else num_id
            found = num_pr.find(qn("w:ilvl"))
            level = found.get(VAL) if found is not None else level
        if not num_id or num_id == "0":
            return None
        if level is None:
            level = self.numbering.linked_level(num_id, para.style)
        ilvl = int(level) if level and level.isdigit() else 0
        lvl = self.numbering.level(num_id, ilvl)
        if lvl is None:
            return None
        found = lvl.find(qn("w:numFmt"))
        fmt = "decimal" if found is None else found.get(VAL, "decimal")
        if _run_properties(lvl.find(RPR)).get("vanish") is True:
            return None  # (its number or bullet hidden, the level shows nothing)
        if not _shows_a_dash(lvl) and (words := _words_shown(lvl, fmt)) and (num_id, ilvl) not in self.told_levels:
            self.told_levels.add((num_id, ilvl))
            numbers = {"none": "", "bullet": ", as gbpaper gives each dash item its dash"}.get(
                fmt, ", as gbpaper numbers the items itself")
            self.diags.warning(self.where(para, 1, "paragraph" if fmt == "none" else "item"),
                               f"the list's numbering shows {_quoted(words)} before the "
                               f"paragraph, which gbpaper leaves out{numbers}: type it in the paragraph's text "
                               "(the same for each paragraph of this list level)")
        if fmt == "none":
            return (ilvl + 1, True) if _shows_a_dash(lvl) else None
        return ilvl + 1, fmt == "bullet"

    def list_item(self, para: _Paragraph, level: int, bulleted: bool) -> None:
        self.close_caption()
        context = _context("item", para.text)
        at = self.where(para, 1, "item")
        read = self.inline.read(para.pieces, para.number, context, "item" if level > 1 or not bulleted else None)
        self.body.content[read.src] = read.content
        self.remember_notes(para)
        if self.open is None:
            if self.before_heading(para):
                self.diags.error(at, "a list item (a paragraph with Word's bullets or numbering) must follow a "
                                 "paragraph of its section: the paragraph that introduces the list")
            return
        kind: PartKind
        if level > MAX_LIST_LEVEL:
            self.diags.error(at, f"a list goes two levels deep, and this item is at level {level}")
            kind = "sub"
        elif level == 2:
            kind = "sub"
            if self.family == "dash items":
                self.diags.error(at, "a lettered sub-item cannot stand under a dash item (a bullet); number the "
                                 "paragraph's items with letters, and the sub-items under them")
            elif not any(part.kind == "lettered" for part in self.open[2]):
                self.diags.error(at, "a sub-item (the second level of a list) needs a lettered item above it")
        else:
            kind = "dash" if bulleted else "lettered"
        family = part_family(kind)
        if self.family is None:
            self.family = family
        elif self.family != family and not (kind == "sub" and self.family == "dash items"):
            self.diags.error(at, f"a paragraph has one kind of trailing part, and this one has {self.family} "
                             f"already: {family} here would need a paragraph of their own")
        if not read.src.text.strip(SPACE):
            what = {"dash": "list item", "lettered": "lettered item", "sub": "sub-item"}[kind]
            self.diags.error(at, f"empty {what}" + (": it holds only a label" if read.label else ""))
        self.open[2].append(RawPart(kind, read.src, read.label))

    def close_paragraph(self) -> None:
        if self.open is None:
            return
        src, label, parts, para = self.open
        self.open = None
        assert self.heading is not None, "a paragraph is opened under a heading"
        self.body.blocks.append(RawParagraph(self.heading, src, tuple(parts), label, self.heading_at))

    def warn_typed_marker(self, para: _Paragraph) -> None:
        typed = _TYPED_ITEM.match(para.text.lstrip(SPACE))
        if typed:
            self.diags.warning(self.where(para), f"the paragraph starts with {typed.group().strip()!r} typed as "
                               "text: it is a paragraph, not a list item; for a list item use Word's bullets or "
                               "numbering (Home > Bullets, Numbering)")

    # Tables and captions --------------------------------------------------------------------------

    def caption_paragraph(self, para: _Paragraph) -> None:
        self.close_caption()
        self.close_paragraph()
        pieces = para.pieces
        text = para.text
        lead = len(text) - len(text.lstrip(SPACE))
        if para.caption_start is not None:  # Word's `Table 1`, and the `: ` or `. ` after it
            after = _CAPTION_AFTER_NUMBER.match(text, para.caption_start)
            pieces = _dropped(pieces, after.end() if after else para.caption_start)
        elif text[lead:].startswith(_CAPTION_PREFIX):
            pieces = _dropped(pieces, lead + len(_CAPTION_PREFIX))
        if not self.before_heading(para):
            return
        read = self.inline.read(pieces, para.number, _context("caption", para.text), "table")
        self.body.content[read.src] = read.content
        self.remember_notes(para)
        if not read.src.text.strip(SPACE):
            self.diags.error(self.where(para, 1, "caption"), "empty table caption: write its text after 'Table:'")
        self.caption = (read, para)

    def close_caption(self) -> None:
        """A caption that no table follows is an error, as in Markdown."""
        if self.caption is None:
            return
        _, para = self.caption
        self.caption = None
        self.diags.error(self.where(para, 1, "caption"), "a table's caption ('Table:' or the Caption style) goes "
                         "directly above its table, and no table follows it; write it there, or give this "
                         "paragraph another style")

    def table(self, tbl: etree._Element) -> None:
        found = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        outer, self.reader.table_style = self.reader.table_style, "" if found is None else found.get(VAL, "")
        try:
            self.read_table(tbl)
        finally:
            self.reader.table_style = outer

    def read_table(self, tbl: etree._Element) -> None:
        caption, self.caption = self.caption, None
        self.close_paragraph()
        if self.styles.conditional_look(self.reader.table_style):
            self.diags.warning(self.cell_at(list(_cells(tbl)), 0), "the table's style hides some of its cells' text "
                               "or puts it in capitals (for its first row, say), which gbpaper does not follow: "
                               "the text is read as typed; format the cells themselves")
        rows: list[list[tuple[_Read, _Paragraph | None]]] = []
        aligns: list[list[Align]] = []
        merged: set[int] = set()  # rows with merged cells, whose count of cells is no news
        in_field = not self.reader.shown  # (in the result of a field left out, a table of contents)
        for tr in _rows(tbl):
            row = []
            row_aligns = []
            cells = list(islice(_row_cells(tr), MAX_COLUMNS + 1))
            self.limits.block(lambda: self.cell_at(cells, 0))
            self.limits.row(len(cells), lambda k: self.cell_at(cells, k))
            if _skips_columns(tr):
                self.diags.error(self.cell_at(cells, 0), "a row that leaves columns of the table's grid empty, "
                                 "before or after its cells: each cell of a table stands in one row and one "
                                 "column; give the row a cell in each column")
                merged.add(len(rows))
            for tc in cells:
                read, first, align, merge = self.cell(tc)
                row.append((read, first))
                row_aligns.append(align)
                if merge:
                    merged.add(len(rows))
            rows.append(row)
            aligns.append(row_aligns)
        if in_field and not any(read.src.text.strip(SPACE) for row in rows for read, _ in row):
            return  # left out with the field, whose warning says so
        first_cell = next((p for row in rows for _, p in row if p is not None), None)
        at = self.where(first_cell, 1, "cell") if first_cell else Location(self.path, max(self.number, 1))
        if not rows or not rows[0]:
            self.diags.error(at, "an empty table: a table's first row, its header, has one cell or more")
            return
        if self.heading is None:
            if first_cell is not None:
                self.before_heading(first_cell)
            return
        header = rows[0]
        for r, row in enumerate(rows[1:], start=1):
            if len(row) != len(header) and not {0, r} & merged:
                where = self.where(row[0][1], 1, "cell") if row and row[0][1] else at
                self.diags.error(where, f"this row has {len(row)} cell{'s' * (len(row) != 1)}, the header "
                                 f"{len(header)}: every row has as many cells as the header")
        label = caption_src = None
        if caption is not None:
            caption_src, label = caption[0].src, caption[0].label
        # A column is aligned as its first cell below the header is (or the header, in a table
        # of one row).
        below = aligns[1] if len(aligns) > 1 else []
        columns = tuple(below[c] if c < len(below) else aligns[0][c] for c in range(len(header)))
        self.body.blocks.append(RawTable(
            self.heading, caption_src, label, columns,
            tuple(read.src for read, _ in header), tuple(tuple(read.src for read, _ in row) for row in rows[1:]),
            self.heading_at, at))

    def cell_at(self, cells: list[etree._Element], k: int) -> Location:
        """Where the kth of a row's cells, none of them read yet, stands: at its first paragraph
        (after those of the cells before it), quoted; the paragraph after the table's last read,
        for a row or cell that holds none."""
        number = self.number + 1 + sum(1 for cell in cells[:k] for _ in self._counted(cell))
        first = next(self._counted(cells[k]), None) if k < len(cells) else None
        if first is None:
            return Location(self.path, number)
        return Location(self.path, number, 1, _context("cell", "".join(t.text or "" for t in first.iter(T))))

    def cell(self, tc: etree._Element) -> tuple[_Read, _Paragraph | None, Align, bool]:
        """A cell's text (its paragraphs joined by spaces), its first paragraph, its alignment,
        and whether it is merged with others (an error where the merge starts)."""
        pieces: list[Piece] = []
        first: _Paragraph | None = None
        align: Align = "left"
        merged = _merge_of(tc)
        for element in _block_elements(tc):
            if element.tag == TBL:
                self.diags.error(self.where(first, 1, "cell") if first else Location(self.path, self.number + 1),
                                 "a table inside a table cell: a GB paper's tables hold text only")
                for inner in self._counted(element):
                    self.read_paragraph(inner)
                continue
            if element.tag != P:
                self.left_out_block(element, self.where(first, 1, "cell") if first else Location(self.path, self.number + 1))
                continue
            para = self.read_paragraph(element)
            if first is None:
                first = para
                align = _alignment(element.find(PPR), self.styles, para.style)
            elif pieces:
                pieces.append(_Text(" ", [(0, 1)], SPACE_STYLE))
            pieces.extend(para.pieces)
        line = first.number if first else self.number
        context = _context("cell", first.text if first else "")
        if merged == "starts" and first is not None:
            self.diags.error(self.where(first, 1, "cell"), "merged cells: each cell of a table stands in one row "
                             "and one column; split the merged cells (in Word: Table Layout > Split Cells)")
        read = self.inline.read(pieces, line, context, labelled=None)
        self.body.content[read.src] = read.content
        if first is not None:
            self.remember_notes(first, pieces)
        return read, first, align, merged is not None

    # Footnotes, and what is left for the end -----------------------------------------------------

    def remember_notes(self, para: _Paragraph, pieces: list[Piece] | None = None) -> None:
        for piece in para.pieces if pieces is None else pieces:
            if isinstance(piece, _Mark) and piece.note not in self.notes:
                self.notes[piece.note] = (Location(self.path, para.number, piece.col), para.text)

    def footnotes(self) -> None:
        """Each note referenced in the body, read at its reference's place."""
        part = self.parts.footnotes
        by_id: dict[str, list[etree._Element]] = {}
        for n in () if part is None else part.iterchildren(qn("w:footnote")):
            if n.get(qn("w:type"), "normal") == "normal":
                by_id.setdefault(n.get(ID, ""), []).append(n)
        for number, (note_id, (at, text)) in enumerate(self.notes.items(), start=1):
            context = f'footnote {number} of paragraph {_quoted(text)}'
            here = Location(at.path, at.line, at.col, context)
            notes = by_id.get(note_id, [])
            if not notes:
                continue  # the reference is an error of the paper's: no definition
            if len(notes) > 1:
                self.diags.error(here, f"the document has {len(notes)} footnotes of this reference's id ({note_id}), "
                                 "which programs read differently: the document is damaged; save it again in Word")
            note = notes[0]
            pieces: list[Piece] = []
            self.limits.block(here)
            for element in _block_elements(note):
                if element.tag == TBL:
                    self.diags.error(here, "a footnote holds a table: a footnote is text only")
                    continue
                if element.tag != P:
                    self.left_out_block(element, here)
                    continue
                self.limits.block(here)
                para = self.reader.paragraph(element, at.line, self.styles.paragraph_style(element.find(PPR)))
                for _, severity, message in para.events:
                    self.report(severity, here, message)
                if any(isinstance(x, _Mark) for x in para.pieces):
                    self.diags.error(here, "a footnote reference inside a footnote: a footnote holds text only")
                if pieces:
                    pieces.append(_Text(" ", [(0, 1)], SPACE_STYLE))
                pieces.extend(x for x in para.pieces if isinstance(x, _Text))
            self.unended_field(here)  # (a field does not reach from one note into the next)
            read = self.inline.read(pieces, at.line, context, labelled=None, note_at=here)
            self.body.content[read.src] = read.content
            if not read.src.text.strip(SPACE):
                self.diags.error(here, "empty footnote")
            self.body.notes.append(RawNote(note_id, read.src))

    def warn_at_end(self) -> None:
        """The front lines, and warnings about the document as a whole."""
        first = Location(self.path, 1, 1, self.first_context)
        missing = [key.capitalize() for key in ("unit", "paper") if getattr(self.body, key) is None]
        if missing:
            said = " and ".join(f"'{key}:'" for key in missing)
            self.diags.error(first, f"a Word submission opens with the paragraphs 'Unit: <unit>' and 'Paper: "
                             f"<symbol>', before its first heading; {said} {'is' if len(missing) == 1 else 'are'} "
                             "missing")
        for key, what in (("unit", "unit code"), ("paper", "symbol")):
            value = getattr(self.body, key)
            if value is not None and not value[0]:
                self.diags.error(first, f"the '{key.capitalize()}:' line gives no {what}")
                setattr(self.body, key, None)
        if self.body.unit is not None and not re.fullmatch(UNIT_CODE, self.body.unit[0]):
            self.diags.error(first, f"the 'Unit:' line gives {_quoted(self.body.unit[0])}, which is not a unit "
                             "code (2 to 40 letters, digits, '/', '-', '_' or '.')")
            self.body.unit = None
        if self.body.paper is not None and not PAPER_SYMBOL.match(self.body.paper[0]):
            self.diags.error(first, f"the 'Paper:' line gives {_quoted(self.body.paper[0])}, which is not a GB "
                             "paper's symbol (GB.300/MNE/2/1)")
            self.body.paper = None
        comments = self.parts.comments
        count = 0 if comments is None else sum(1 for _ in comments.iterchildren(qn("w:comment")))
        if count:
            self.diags.warning(first, f"the document holds {count} comment{'s' * (count != 1)}, which gbpaper "
                               "ignores")
        separators = self.parts.footnotes
        separator = "" if separators is None else " ".join(
            _holds_text(note) for note in separators.iterchildren(qn("w:footnote"))
            if note.get(qn("w:type"), "normal") != "normal")
        if separator.strip(SPACE):
            self.diags.warning(first, f"the text of the footnotes' separator is not read, a GB paper's being "
                               f"gbpaper's own: {_quoted(separator)}")
        margins = self.margins()
        if margins.strip(SPACE):
            self.diags.warning(first, f"the document's headers and footers are not read, a GB paper's being "
                               f"gbpaper's own: {_quoted(margins)}")
        if self.reader.hyperlinks:
            n = self.reader.hyperlinks
            self.diags.warning(first, f"the document has {n} hyperlink{'s' * (n != 1)}: {'its' if n == 1 else 'their'} "
                               f"text is kept and {'its address' if n == 1 else 'their addresses'} left out, "
                               "as a GB paper prints no links")


    def margins(self) -> str:
        """The text of the document's headers and footers, as Word shows it, page numbers aside."""
        reader = _Reader(self.styles, frozenset())
        texts = [reader.paragraph(p, 1, self.styles.paragraph_style(p.find(PPR))).text
                 for part in self.parts.margins for p in part.iter(P)]
        return " ".join(text for text in texts if text.strip(SPACE))


def _protected(settings: etree._Element) -> bool:
    """Whether settings protect the document with a password: editing restricted, or a password
    to modify it."""
    hashed = ("hash", "hashValue", "cryptAlgorithmSid", "algorithmName")
    for name in ("w:documentProtection", "w:writeProtection"):
        protection = settings.find(qn(name))
        if protection is None or not any(protection.get(qn(f"w:{a}")) for a in hashed):
            continue
        enforced = protection.get(qn("w:enforcement"))
        if name == "w:writeProtection" or (enforced is not None and enforced not in ("0", "false", "off")):
            return True
    return False


def _context(kind: Kind, text: str) -> str:
    """What a location in a paragraph quotes: `heading "Promotional activities"`."""
    words = {"heading": "heading", "item": "list item", "caption": "caption", "paragraph": "paragraph",
             "cell": "table cell"}[kind]
    return f"{words} {_quoted(text)}" if text.strip() else f"empty {words}"


def _dropped(pieces: list[Piece], chars: int) -> list[Piece]:
    """The pieces without their first `chars` characters of text (a caption's own number)."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, _Text) and chars > 0:
            if len(piece.text) <= chars:
                chars -= len(piece.text)
                continue
            piece = piece.cut(chars)
            chars = 0
        out.append(piece)
    return out


def _cells(tbl: etree._Element) -> Iterator[etree._Element]:
    for tr in _rows(tbl):
        yield from _row_cells(tr)


def _row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _through_controls(tr, TC)


def _skips_columns(tr: etree._Element) -> bool:
    """Whether a row leaves columns of its table's grid empty, before or after its cells
    (w:gridBefore, w:gridAfter), so that its cells stand under other columns' headers."""
    trpr = tr.find(qn("w:trPr"))
    skips = [] if trpr is None else [trpr.find(qn("w:gridBefore")), trpr.find(qn("w:gridAfter"))]
    return any(skip is not None and skip.get(VAL, "0") not in ("0", "") for skip in skips)


def _merge_of(tc: etree._Element) -> str | None:
    """How a cell is merged with others: "starts" a merge (spanning columns, or the first of a
    vertical merge), "continues" one (the cells under the first), or None."""
    tcpr = tc.find(qn("w:tcPr"))
    if tcpr is None:
        return None
    span = tcpr.find(qn("w:gridSpan"))
    if span is not None and span.get(VAL, "1") not in ("1", ""):
        return "starts"
    for merge in (tcpr.find(qn("w:vMerge")), tcpr.find(qn("w:hMerge"))):
        if merge is not None:
            return "starts" if merge.get(VAL) == "restart" else "continues"
    return None


def _alignment(ppr: etree._Element | None, styles: _Styles, style: str) -> Align:
    found = None if ppr is None else ppr.find(qn("w:jc"))
    if found is None:
        found = next((jc for s in styles.chain(style) if (jc := s.find(f"{PPR}/{qn('w:jc')}")) is not None), None)
    return ALIGNMENTS.get("" if found is None else found.get(VAL, ""), "left")
