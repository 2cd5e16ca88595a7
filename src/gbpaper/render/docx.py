"""The Word paper: the finished Paper written in the house style of a reference document.

As with pandoc's --reference-doc, the reference document (templates/gb-reference.docx unless
`gbpaper build --reference-docx FILE` names another) gives everything but the words: the named
GB styles, the dash list, the page set-up, the headers and footers, the footnote separators.
The renderer keeps all of it, replaces the body and the notes with the paper's, and writes the
paper's symbol into the header of pages 2 on. python-docx 1.2 has no footnotes, and its
`Document.add_paragraph` walks the whole body on every call, so the paper is written as XML here.
"""
from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length
from lxml import etree

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.model import (
    Block,
    CrossRef,
    Emphasis,
    Footnote,
    Heading,
    Inlines,
    Masthead,
    NoteRef,
    Paper,
    Paragraph,
    Text,
)
from gbpaper.resources import TEMPLATES_DIR

DEFAULT_REFERENCE = TEMPLATES_DIR / "gb-reference.docx"

HEADER = "GB Header"
FOOTNOTE_REFERENCE = "GB Footnote Reference"
LIST_ITEM = "GB List Item"
# Every style the paper is written in, by name and kind. The reference document says how each
# looks; the renderer only names them.
STYLES: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(
        (
            "GB Masthead Office", "GB Masthead Body", "GB Masthead Symbol", "GB Masthead Line",
            "GB Committee", "GB Committee Code", "GB Purpose", "GB Agenda", "GB Title",
            "GB Subtitle", "GB Heading 1", "GB Heading Numbered", "GB Paragraph", LIST_ITEM,
            "GB Date Line", "GB Closing", "GB Footnote Text", HEADER,
        ),
        "paragraph",
    ),
    FOOTNOTE_REFERENCE: "character",
})

# Fixed stamps, so that nothing in the file depends on when it was built.
CORE_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6

# The reference document's notes part as a live XML tree, as python-docx does for comments.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart


@dataclass(frozen=True)
class Reference:
    """A reference document that holds all the renderer needs. Its bytes are opened afresh
    for each paper; `style_ids` gives the id of each GB style in this document, by name."""

    data: bytes
    style_ids: Mapping[str, str]


def read_reference(path: Path, diags: Diagnostics) -> Reference | None:
    """The reference document at `path`, or None after an error for each thing it lacks."""
    where = Location(str(path))
    try:
        data = path.read_bytes()
        document = docx.Document(io.BytesIO(data))
    except OSError as exc:
        diags.error(where, f"cannot read the reference document: {exc.strerror}")
        return None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        diags.error(where, "not a Word document (.docx); a reference document must be one")
        return None
    style_ids = _style_ids(document)
    problems = list(_shortcomings(document, style_ids))
    for problem in problems:
        diags.error(where, f"the reference document {problem}")
    return None if problems else Reference(data, MappingProxyType(style_ids))


def _style_ids(document: Document) -> dict[str, str]:
    """The id of each GB style that the document defines with the kind the paper needs."""
    found = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        name = None if name is None else name.get(qn("w:val"))
        if name in STYLES and style.get(qn("w:type")) == STYLES[name]:
            found[name] = style.get(qn("w:styleId"))
    return found


def _shortcomings(document: Document, style_ids: Mapping[str, str]) -> Iterator[str]:
    """What the renderer needs and the reference document lacks, in words for its editor."""
    for name, kind in STYLES.items():
        if name not in style_ids:
            yield f"has no {kind} style '{name}'"
    if not any(rel.reltype == RT.FOOTNOTES for rel in document.part.rels.values()):
        yield "has no footnotes part (word/footnotes.xml, which holds the notes' separators)"
    if document.element.body.sectPr is None:
        yield "has no page set-up (the section properties at the end of its body)"
        return
    section = document.sections[-1]
    if None in (section.page_width, section.left_margin, section.right_margin):
        yield "gives no page width or no side margins"
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
    return etree.SubElement(
        parent, _clark(tag), {_clark(f"w:{name}"): value for name, value in attributes.items()}
    )


def _add_text(run: etree._Element, text: str) -> None:
    element = _add(run, "w:t")
    element.set(_clark("xml:space"), "preserve")
    element.text = text


_Cell = tuple[tuple[str, str], ...]  # a table cell's lines, each (style, text)


def _masthead_rows(masthead: Masthead) -> list[tuple[_Cell, _Cell]]:
    """The masthead's rows, each a left and a right cell."""
    rows = [
        ((("GB Masthead Office", masthead.office),), (("GB Masthead Symbol", masthead.symbol),)),
        (
            (("GB Masthead Body", masthead.body),),
            (("GB Masthead Line", masthead.session), ("GB Masthead Line", masthead.place_month)),
        ),
    ]
    if masthead.committee or masthead.committee_code:
        rows.append(
            (
                (("GB Committee", masthead.committee or ""),),
                (("GB Committee Code", masthead.committee_code or ""),),
            )
        )
    return rows


class _Writer:
    """Writes the paper as WordprocessingML in the reference document's styles, and numbers
    its notes' ids on from the reference's separators (Word numbers notes by their order)."""

    def __init__(self, style_ids: Mapping[str, str], first_note_id: int) -> None:
        self.style_ids = style_ids
        self.note_id_offset = first_note_id - 1

    def note_id(self, number: int) -> str:
        return str(number + self.note_id_offset)

    def paragraph(self, parent: etree._Element, style: str) -> etree._Element:
        paragraph = _add(parent, "w:p")
        _add(_add(paragraph, "w:pPr"), "w:pStyle", val=self.style_ids[style])
        return paragraph

    def run(
        self,
        paragraph: etree._Element,
        emphasis: frozenset[str] = frozenset(),
        character_style: str | None = None,
    ) -> etree._Element:
        """Append a run, italic and/or bold as `emphasis` says, in `character_style` if given."""
        run = _add(paragraph, "w:r")
        if emphasis or character_style:
            properties = _add(run, "w:rPr")
            if character_style:
                _add(properties, "w:rStyle", val=self.style_ids[character_style])
            if "bold" in emphasis:
                _add(properties, "w:b")
            if "italic" in emphasis:
                _add(properties, "w:i")
        return run

    def inlines(
        self, paragraph: etree._Element, inlines: Inlines, emphasis: frozenset[str] = frozenset()
    ) -> None:
        """Append the runs of `inlines`; nested emphasis adds up (bold inside italic is both)."""
        for inline in inlines:
            match inline:
                case Emphasis(style, children):
                    self.inlines(paragraph, children, emphasis | {style})
                case NoteRef(number):
                    run = self.run(paragraph, emphasis, FOOTNOTE_REFERENCE)
                    _add(run, "w:footnoteReference", id=self.note_id(number))
                case Text(value) | CrossRef(value=value):
                    _add_text(self.run(paragraph, emphasis), value)

    def text_paragraph(self, parent: etree._Element, style: str, text: str) -> None:
        paragraph = self.paragraph(parent, style)
        if text:
            _add_text(self.run(paragraph), text)

    def masthead(self, body: etree._Element, masthead: Masthead, width: int) -> None:
        """The first page's masthead: a borderless two-column table as wide as the text, whose
        cells sit on their last line, so that `Governing Body` is level with the place and month."""
        column = width // 2
        table = _add(body, "w:tbl")
        properties = _add(table, "w:tblPr")
        _add(properties, "w:tblW", w=str(width), type="dxa")
        _add(properties, "w:tblLayout", type="fixed")
        margins = _add(properties, "w:tblCellMar")
        _add(margins, "w:left", w="0", type="dxa")
        _add(margins, "w:right", w="0", type="dxa")
        grid = _add(table, "w:tblGrid")
        for _ in range(2):
            _add(grid, "w:gridCol", w=str(column))
        for cells in _masthead_rows(masthead):
            row = _add(table, "w:tr")
            for lines in cells:
                cell = _add(row, "w:tc")
                cell_properties = _add(cell, "w:tcPr")
                _add(cell_properties, "w:tcW", w=str(column), type="dxa")
                _add(cell_properties, "w:vAlign", val="bottom")
                for style, text in lines:
                    self.text_paragraph(cell, style, text)

    def numbered_paragraph(self, body: etree._Element, paragraph: Paragraph) -> None:
        """`N.` typed as text, a tab, the text on the hanging indent; then the list items."""
        element = self.paragraph(body, "GB Paragraph")
        number = self.run(element)
        _add_text(number, f"{paragraph.number}.")
        _add(number, "w:tab")
        self.inlines(element, paragraph.content)
        for item in paragraph.items:
            self.inlines(self.paragraph(body, LIST_ITEM), item)

    def block(self, body: etree._Element, block: Block) -> None:
        if isinstance(block, Heading):
            style = "GB Heading Numbered" if block.numeral else "GB Heading 1"
            self.text_paragraph(body, style, block.display)
        else:
            self.numbered_paragraph(body, block)

    def body(self, body: etree._Element, paper: Paper, width: int) -> None:
        """Replace the reference's body with the paper, in time linear in its blocks; keep the
        section properties, which Word wants last."""
        section_properties = body.sectPr
        for child in list(body):
            body.remove(child)
        self.masthead(body, paper.masthead, width)
        front = (
            ("GB Purpose", paper.purpose),
            ("GB Agenda", paper.agenda),
            ("GB Title", paper.title),
            ("GB Subtitle", paper.subtitle),
        )
        for style, text in front:
            if text:
                self.text_paragraph(body, style, text)
        for block in paper.blocks:
            self.block(body, block)
        self.text_paragraph(body, "GB Date Line", paper.date_line)
        self.inlines(self.paragraph(body, "GB Closing"), paper.closing)
        body.append(section_properties)

    def footnote(self, notes: etree._Element, footnote: Footnote) -> None:
        """A note: its mark (Word prints the number), a space, then its text. An *ibid.* note
        already holds the phrase table's italic word, put there by the assembler."""
        note = _add(notes, "w:footnote", id=self.note_id(footnote.number))
        paragraph = self.paragraph(note, "GB Footnote Text")
        _add(self.run(paragraph, character_style=FOOTNOTE_REFERENCE), "w:footnoteRef")
        _add_text(self.run(paragraph), " ")
        self.inlines(paragraph, footnote.content)

    def symbol(self, section: Section, symbol: str) -> None:
        """The symbol in the header of pages 2 on, in place of the reference's header text."""
        for paragraph in _symbol_paragraphs(section, self.style_ids[HEADER]):
            for child in paragraph[1:]:  # all but the paragraph properties
                paragraph.remove(child)
            _add_text(self.run(paragraph), symbol)


def _clear_notes(notes: etree._Element) -> int:
    """Drop the reference's own notes, keep its separators; return the first id that is free
    (Word gives the separators -1 and 0, LibreOffice 0 and 1)."""
    kept = []
    for note in list(notes.iterchildren(qn("w:footnote"))):
        if note.get(qn("w:type"), "normal") == "normal":
            notes.remove(note)
        else:
            kept.append(int(note.get(qn("w:id"))))
    return max(kept, default=0) + 1


def _text_width(section: Section) -> int:
    """The width between the side margins, in twips."""
    return Length(section.page_width - section.left_margin - section.right_margin).twips


def _fix_core_properties(document: Document, paper: Paper) -> None:
    """Core properties owe nothing to the reference document or the clock."""
    properties = document.core_properties
    properties.title = paper.title
    properties.author = properties.last_modified_by = paper.author
    properties.comments = ""
    properties.created = properties.modified = CORE_TIME
    properties.revision = 1


def _drop_thumbnail(document: Document) -> None:
    """A thumbnail would picture the reference document: no preview beats a wrong one."""
    relationships = document.part.package.rels
    for rel_id in [key for key, rel in relationships.items() if rel.reltype == RT.THUMBNAIL]:
        del relationships[rel_id]


def _deterministic_zip(document: Document) -> bytes:
    """Save, then repack with fixed member order, stamps and compression (python-docx stamps
    every member with the current time)."""
    saved, packed = io.BytesIO(), io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(packed, "w") as target:
        names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
        for name in names:
            member = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3  # Unix, whatever the machine
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(name), compresslevel=ZIP_LEVEL)
    return packed.getvalue()


def _set_language(document: Document, tag: str) -> None:
    """The paper's language as every run's default, so that Word proofs and hyphenates it so."""
    element = document.styles.element
    for name in ("w:docDefaults", "w:rPrDefault", "w:rPr"):  # each the first child of the last
        child = element.find(qn(name))
        if child is None:
            child = etree.Element(qn(name))
            element.insert(0, child)
        element = child
    language = element.find(qn("w:lang"))
    if language is None:
        language = etree.SubElement(element, qn("w:lang"))
    language.set(qn("w:val"), tag)
    document.core_properties.language = tag


def render_docx(paper: Paper, reference: Reference) -> bytes:
    """The paper as a .docx in the reference document's house style: masthead, numbered
    paragraphs, real footnotes, the symbol in the header."""
    document = docx.Document(io.BytesIO(reference.data))
    notes = document.part.part_related_by(RT.FOOTNOTES).element
    writer = _Writer(reference.style_ids, first_note_id=_clear_notes(notes))
    section = document.sections[-1]
    writer.body(document.element.body, paper, _text_width(section))
    for paragraph in paper.paragraphs:
        for footnote in paragraph.footnotes:
            writer.footnote(notes, footnote)
    writer.symbol(section, paper.symbol)
    _set_language(document, paper.locale)
    _fix_core_properties(document, paper)
    _drop_thumbnail(document)
    return _deterministic_zip(document)
