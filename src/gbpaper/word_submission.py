"""A submission written as a Word document, as a unit's editor writes one in Word: the front
lines as paragraphs, headings in Word's built-in heading styles, paragraphs of italic and bold
runs, dash items in the List Bullet style, lettered items in a lettered list, real footnotes.

`gbpaper new --docx` writes a unit's skeleton with it; the tests and the benchmark write whole
submissions with it (from_submission), which sources/word.py reads back into the same paper.
Written with python-docx on its default template, with the footnotes part python-docx lacks;
the same content gives the same bytes.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator, Union, assert_never
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from gbpaper.inline import RawCrossRef, RawEmphasis, RawInline, RawNoteRef
from gbpaper.load import Submission, SubmittedBlock, SubmittedParagraph, SubmittedTable
from gbpaper.ooxml import repacked
from gbpaper.outline import Outline
from gbpaper.sources.text import SourceText

NS = nsdecls("w", "r")
LETTERED_LIST = "90"  # the numId of the list this writer adds: (a), (b)..., and (i), (ii)... under them
DASH_STYLE = "ListBullet"
# The styles a lean document keeps of the template's, besides those it uses.
KEPT_STYLES = frozenset({"Heading1", "Heading2", "Heading3", DASH_STYLE, "Caption"})
PARTS = {
    "word/footnotes.xml": (CT.WML_FOOTNOTES, RT.FOOTNOTES),
    "word/endnotes.xml": (CT.WML_ENDNOTES, RT.ENDNOTES),
    "word/comments.xml": (CT.WML_COMMENTS, RT.COMMENTS),
}
CREATED = datetime(2000, 1, 1)


@dataclass
class Run:
    """Text in one style. None leaves italic or bold to the character style, False turns it off
    (w:val="0"); `props` is more of the run's w:rPr, as XML."""

    text: str
    italic: bool | None = None
    bold: bool | None = None
    style: str | None = None
    props: str = ""

    def xml(self) -> str:
        props = f'<w:rStyle w:val="{self.style}"/>' if self.style else ""
        props += _toggle("w:b", self.bold) + _toggle("w:i", self.italic) + self.props
        text = f'<w:t xml:space="preserve">{escape(self.text)}</w:t>'
        return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}{text}</w:r>'


@dataclass
class Note:
    """A footnote, at the place of its reference."""

    runs: list[Run | str]


Content = list[Union[Run, Note, str]]


@dataclass
class Paragraph:
    content: Content
    style: str | None = None
    numbering: tuple[str, int] | None = None  # (numId, ilvl) of its own w:numPr
    props: str = ""  # more of its w:pPr, as XML


@dataclass
class Table:
    """A table, its first row the header; `cell_props` gives a cell (row, column) more of its
    w:tcPr, as XML."""

    rows: list[list[Content]]
    cell_props: dict[tuple[int, int], str] = field(default_factory=dict)
    align: list[str] = field(default_factory=list)  # each column's w:jc


Block = Union[Paragraph, Table]


def _toggle(name: str, value: bool | None) -> str:
    return "" if value is None else f"<{name}/>" if value else f'<{name} w:val="0"/>'


class WordWriter:
    """A Word document being written on python-docx's default template."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self.body = self.document.element.body
        self.notes: list[str] = []
        self.parts: dict[str, str] = {}  # parts of PARTS to add, as XML
        self._lettered_list()

    def _lettered_list(self) -> None:
        numbering = self.document.part.numbering_part.element
        levels = "".join(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="({text})"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for ilvl, fmt, text in ((0, "lowerLetter", "%1"), (1, "lowerRoman", "%2")))
        abstract = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{LETTERED_LIST}"><w:multiLevelType '
                             f'w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
        first_num = numbering.find(qn("w:num"))  # the abstract definitions come before the lists
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(f'<w:num {NS} w:numId="{LETTERED_LIST}"><w:abstractNumId '
                                   f'w:val="{LETTERED_LIST}"/></w:num>'))

    def add(self, *blocks: Block) -> WordWriter:
        for block in blocks:
            self.add_xml(self._xml(block))
        return self

    def add_xml(self, xml: str) -> WordWriter:
        """A paragraph or table given as XML (w:p or w:tbl, the w: prefix declared or not)."""
        if "xmlns:w=" not in xml.split(">", 1)[0]:
            tag = xml[1:].split(None, 1)[0].split(">", 1)[0]
            xml = f"<{tag} {NS}" + xml[1 + len(tag):]
        self.body.sectPr.addprevious(parse_xml(xml))
        return self

    def _xml(self, block: Block) -> str:
        match block:
            case Table():
                rows = []
                for r, row in enumerate(block.rows):
                    cells = []
                    for c, cell in enumerate(row):
                        align = f'<w:pPr><w:jc w:val="{block.align[c]}"/></w:pPr>' if c < len(block.align) else ""
                        cells.append(f'<w:tc><w:tcPr>{block.cell_props.get((r, c), "")}</w:tcPr>'
                                     f"<w:p>{align}{self._content(cell)}</w:p></w:tc>")
                    rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
                grid = "".join('<w:gridCol w:w="2000"/>' for _ in block.rows[0])
                return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                        f"{''.join(rows)}</w:tbl>")
            case Paragraph():
                props = f'<w:pStyle w:val="{block.style}"/>' if block.style else ""
                if block.numbering:
                    num_id, ilvl = block.numbering
                    props += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
                props += block.props
                return f'<w:p>{f"<w:pPr>{props}</w:pPr>" if props else ""}{self._content(block.content)}</w:p>'
            case _:
                assert_never(block)

    def _content(self, content: Content) -> str:
        out = []
        for item in content:
            if isinstance(item, Note):
                self.notes.append("".join(_run(r).xml() for r in item.runs))
                out.append('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                           f'<w:footnoteReference w:id="{len(self.notes)}"/></w:r>')
            else:
                out.append(_run(item).xml())
        return "".join(out)

    def style(self, xml: str) -> WordWriter:
        """A style of the document's own (w:style XML, the w: prefix undeclared)."""
        self.document.styles.element.append(parse_xml(xml.replace("<w:style ", f"<w:style {NS} ", 1)))
        return self

    def save(self, lean: bool = True) -> bytes:
        """The document's bytes. A lean one keeps only the template's parts and styles that a
        submission uses (and KEPT_STYLES)."""
        package = self.document.part.package
        if self.notes:
            notes = "".join(
                f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
                for i, runs in enumerate(self.notes, start=1))
            self.parts["word/footnotes.xml"] = (
                f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                '</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                f"<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>")
        for name, xml in self.parts.items():
            content_type, reltype = PARTS[name]
            self.document.part.relate_to(Part(PackURI(f"/{name}"), content_type, xml.encode("utf-8"), package),
                                         reltype)
        if lean:
            self._trim()
        core = self.document.core_properties
        core.author = core.last_modified_by = "gbpaper"
        core.title = core.subject = core.keywords = core.comments = ""
        core.revision = 1
        core.created = core.modified = CREATED
        saved = io.BytesIO()
        self.document.save(saved)
        return repacked(saved.getvalue())

    def _trim(self) -> None:
        package = self.document.part.package
        for rels in (self.document.part.rels, package.rels):
            for rel_id, rel in list(rels.items()):
                if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/webSettings", "/thumbnail")):
                    del rels[rel_id]
        styles = self.document.styles.element
        numbering = self.document.part.numbering_part.element
        used = {e.get(qn("w:val")) for e in self.body.iter(qn("w:pStyle"), qn("w:rStyle"))} | KEPT_STYLES
        used |= {e.get(qn("w:val")) for e in numbering.iter(qn("w:pStyle"), qn("w:numStyleLink"), qn("w:styleLink"))}
        while based := {e.get(qn("w:val")) for s in styles.iterchildren(qn("w:style"))
                        if s.get(qn("w:styleId")) in used for e in s.iterchildren(qn("w:basedOn"))} - used:
            used |= based
        for child in list(styles):
            if child.tag == qn("w:latentStyles") or (
                    child.tag == qn("w:style") and child.get(qn("w:default")) != "1"
                    and child.get(qn("w:styleId")) not in used):
                styles.remove(child)


def _run(item: Run | str) -> Run:
    return item if isinstance(item, Run) else Run(item)


def front(unit: str, paper: str) -> list[Paragraph]:
    """The front lines: `Unit: ...` and `Paper: ...`."""
    return [Paragraph([f"Unit: {unit}"]), Paragraph([f"Paper: {paper}"])]


def heading(text: str, level: int = 1) -> Paragraph:
    return Paragraph([text], style=f"Heading{level}")


def from_submission(sub: Submission, outline: Outline) -> bytes:
    """A submission of any format as a Word document that reads back into the same blocks:
    each run of its blocks under one heading starts with that heading (its level the section's
    depth in the outline), labels and cross-references are typed, and each footnote reference
    is a footnote of its own. Quotations have no form in a Word submission (ValueError)."""
    notes = {n.raw.label: n.content for n in sub.notes}
    blocks: list[Block] = [*front(sub.unit, sub.paper)]
    for start, block in runs_of_blocks(sub, outline):
        if start is not None:
            blocks.append(heading(*start))
        match block:
            case SubmittedParagraph():
                blocks.append(Paragraph(_content(block.content, notes) + _typed_label(block.raw.label)))
                for part, content in zip(block.raw.parts, block.parts):
                    if part.kind == "dash":
                        blocks.append(Paragraph(_content(content, notes), style=DASH_STYLE))
                    elif part.kind in ("lettered", "sub"):
                        blocks.append(Paragraph(_content(content, notes) + _typed_label(part.label),
                                                numbering=(LETTERED_LIST, int(part.kind == "sub"))))
                    else:
                        raise ValueError(f"{sub.path}: a Word submission has no quotations")
            case SubmittedTable():
                if block.caption is not None:
                    blocks.append(Paragraph(["Table: ", *_content(block.caption, notes),
                                             *_typed_label(block.raw.label)]))
                rows = [[_content(cell, notes) for cell in block.header]]
                rows += [[_content(cell, notes) for cell in row] for row in block.rows]
                blocks.append(Table(rows, align=[{"left": "left", "right": "right", "center": "center"}[a]
                                                 for a in block.raw.align]))
            case _:
                assert_never(block)
    return WordWriter().add(*blocks).save()


def _typed_label(label: SourceText | None) -> Content:
    return [f" {{#{label.text}}}"] if label is not None else []


def runs_of_blocks(sub: Submission, outline: Outline) -> Iterator[tuple[tuple[str, int] | None, SubmittedBlock]]:
    """Each block, with (heading text, level) where a run of blocks under one heading starts."""
    last = None
    for block in sub.blocks:
        start = None
        if block.raw.heading_at != last:
            last = block.raw.heading_at
            section = outline.find(block.raw.section.text)
            start = (block.raw.section.text, min(len(list(outline.lineage(section))), 3) if section else 1)
        yield start, block


def _content(nodes: tuple[RawInline, ...], notes: dict[str, tuple[RawInline, ...]], italic: bool = False,
             bold: bool = False) -> Content:
    """Inline content as runs: emphasis as italic and bold runs, cross-references typed, each
    footnote reference a footnote."""
    out: Content = []
    for node in nodes:
        if isinstance(node, str):
            out.append(Run(node, italic or None, bold or None))
        elif isinstance(node, RawEmphasis):
            out += _content(node.children, notes, italic or node.style == "italic", bold or node.style == "bold")
        elif isinstance(node, RawCrossRef):
            out.append(Run(f"[#{node.label}]", italic or None, bold or None))
        elif isinstance(node, RawNoteRef):
            out.append(Note([r for r in _content(notes[node.label], {}) if not isinstance(r, Note)]))
    return out
