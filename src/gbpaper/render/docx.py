"""The Word paper: the finished Paper as a .docx, the same bytes for the same Paper.

python-docx supplies the package; this module adds what python-docx 1.2 lacks (footnotes,
a dash list, the named GB styles) and writes the body as XML itself, because
`Document.add_paragraph` walks the whole body on every call.
"""
from __future__ import annotations

import functools
import io
import zipfile
from datetime import datetime, timezone
from typing import NamedTuple

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Twips
from lxml import etree

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

AUTHOR = "International Labour Office"
# Fixed stamps, so that nothing in the file depends on when it was built.
CORE_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6

# Geometry, in twips (1/20 pt; 567 to the centimetre).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4
MARGIN = 1417  # 2.5 cm
HEADER_DISTANCE = 709
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
NUMBER_INDENT = 709  # a paragraph's text starts here, its number at the margin
ITEM_INDENT = 1134  # a list item's text starts here, its dash at NUMBER_INDENT

FOOTNOTE_REFERENCE = "GB Footnote Reference"
LIST_ITEM = "GB List Item"
TIMES = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
BOLD = "<w:b/>"


class _Style(NamedTuple):
    """A named style as WordprocessingML: the contents of its w:pPr and w:rPr."""

    name: str
    paragraph: str = ""
    run: str = ""
    based_on: str = "GB Base"
    kind: str = "paragraph"


def _spacing(before: int = 0, after: int = 240) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'


def _align(value: str) -> str:
    return f'<w:jc w:val="{value}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _styles(dash_list: int) -> tuple[_Style, ...]:
    """Every style the paper uses; `dash_list` is the numId of the list items' dash."""
    tight, row = _spacing(after=0), _spacing(before=240, after=0)
    heading = "<w:keepNext/>" + _spacing(before=240) + _align("left") + '<w:outlineLvl w:val="0"/>'
    return (
        _Style("GB Base", _spacing() + _align("both"), TIMES + _size(24), based_on="Normal"),
        _Style("GB Masthead Office", tight + _align("left"), BOLD + _size(22)),
        _Style("GB Masthead Body", tight + _align("left"), BOLD + _size(32)),
        _Style("GB Masthead Symbol", tight + _align("right"), BOLD),
        _Style("GB Masthead Line", tight + _align("right")),
        _Style("GB Committee", row + _align("left"), BOLD),
        _Style("GB Committee Code", row + _align("right"), BOLD + _size(32)),
        _Style("GB Purpose", _spacing(before=360) + _align("right"), BOLD),
        _Style("GB Agenda", _spacing(before=120) + _align("center"), BOLD),
        _Style("GB Title", _spacing(before=120) + _align("center"), BOLD),
        _Style("GB Subtitle", _align("center"), BOLD),
        _Style("GB Heading 1", heading, BOLD),
        _Style("GB Heading Numbered", based_on="GB Heading 1"),
        _Style(
            "GB Paragraph",
            f'<w:tabs><w:tab w:val="left" w:pos="{NUMBER_INDENT}"/></w:tabs>'
            f'<w:ind w:left="{NUMBER_INDENT}" w:hanging="{NUMBER_INDENT}"/>',
        ),
        _Style(
            LIST_ITEM,
            f'<w:numPr><w:numId w:val="{dash_list}"/></w:numPr>'
            f'<w:ind w:left="{ITEM_INDENT}" w:hanging="{ITEM_INDENT - NUMBER_INDENT}"/>',
        ),
        _Style("GB Date Line", _spacing(before=240) + _align("left")),
        _Style("GB Closing", _align("left")),
        _Style("GB Footnote Text", tight, _size(20)),
        _Style(
            FOOTNOTE_REFERENCE,
            run='<w:vertAlign w:val="superscript"/>',
            based_on="Default Paragraph Font",
            kind="character",
        ),
        _Style("GB Header", tight + _align("right")),
        _Style("GB Footer", tight + _align("center")),
    )


def _style_id(name: str) -> str:
    """The id of a style, derived from its name as Word does: `GB Paragraph` -> `GBParagraph`."""
    return name.replace(" ", "")


def _style_element(style: _Style) -> BaseOxmlElement:
    paragraph = f"<w:pPr>{style.paragraph}</w:pPr>" if style.paragraph else ""
    run = f"<w:rPr>{style.run}</w:rPr>" if style.run else ""
    return parse_xml(
        f'<w:style {nsdecls("w")} w:type="{style.kind}" w:customStyle="1"'
        f' w:styleId="{_style_id(style.name)}"><w:name w:val="{style.name}"/>'
        f'<w:basedOn w:val="{_style_id(style.based_on)}"/>{paragraph}{run}</w:style>'
    )


def _add_styles(styles: BaseOxmlElement, dash_list: int) -> None:
    styles.extend(_style_element(style) for style in _styles(dash_list))


def _add_dash_list(numbering: BaseOxmlElement) -> int:
    """Define the dash bullet worn by GB List Item paragraphs; return its numId."""
    used = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(used, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:pStyle w:val="{_style_id(LIST_ITEM)}"/>'
        '<w:lvlText w:val="\u2013"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{ITEM_INDENT}" w:hanging="{ITEM_INDENT - NUMBER_INDENT}"/></w:pPr>'
        f"<w:rPr>{TIMES}</w:rPr></w:lvl></w:abstractNum>"
    )
    numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    return numbering.add_num(abstract_id).numId


@functools.cache
def _clark(tag: str) -> str:
    """`w:p` as lxml spells it, `{namespace}p`; cached, as the body asks for a few names often."""
    return qn(tag)


def _add(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a `w:` element to `parent`; attribute names are given without `w:`."""
    return etree.SubElement(
        parent, _clark(tag), {_clark(f"w:{name}"): value for name, value in attributes.items()}
    )


def _add_paragraph(parent: etree._Element, style: str) -> etree._Element:
    paragraph = _add(parent, "w:p")
    _add(_add(paragraph, "w:pPr"), "w:pStyle", val=_style_id(style))
    return paragraph


def _add_run(
    paragraph: etree._Element,
    emphasis: frozenset[str] = frozenset(),
    character_style: str | None = None,
) -> etree._Element:
    """Append a run, italic and/or bold as `emphasis` says, in `character_style` if given."""
    run = _add(paragraph, "w:r")
    if emphasis or character_style:
        properties = _add(run, "w:rPr")
        if character_style:
            _add(properties, "w:rStyle", val=_style_id(character_style))
        if "bold" in emphasis:
            _add(properties, "w:b")
        if "italic" in emphasis:
            _add(properties, "w:i")
    return run


def _add_text(run: etree._Element, text: str) -> None:
    element = _add(run, "w:t")
    element.set(_clark("xml:space"), "preserve")
    element.text = text


def _add_inlines(
    paragraph: etree._Element, inlines: Inlines, emphasis: frozenset[str] = frozenset()
) -> None:
    """Append the runs of `inlines`; nested emphasis adds up (bold inside italic is both)."""
    for inline in inlines:
        match inline:
            case Emphasis(style, children):
                _add_inlines(paragraph, children, emphasis | {style})
            case NoteRef(number):
                run = _add_run(paragraph, emphasis, FOOTNOTE_REFERENCE)
                _add(run, "w:footnoteReference", id=str(number))
            case Text(value) | CrossRef(value=value):
                _add_text(_add_run(paragraph, emphasis), value)


def _add_text_paragraph(parent: etree._Element, style: str, text: str) -> None:
    paragraph = _add_paragraph(parent, style)
    if text:
        _add_text(_add_run(paragraph), text)


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


def _add_masthead(body: etree._Element, masthead: Masthead) -> None:
    """The first page's masthead: a borderless two-column table whose cells sit on their
    last line, so that `Governing Body` is level with the place and month."""
    column = TEXT_WIDTH // 2
    table = _add(body, "w:tbl")
    properties = _add(table, "w:tblPr")
    _add(properties, "w:tblW", w=str(TEXT_WIDTH), type="dxa")
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
                _add_text_paragraph(cell, style, text)


def _add_numbered_paragraph(body: etree._Element, paragraph: Paragraph) -> None:
    """`N.`, a tab, the text on the hanging indent; then the list items under it."""
    element = _add_paragraph(body, "GB Paragraph")
    number = _add_run(element)
    _add_text(number, f"{paragraph.number}.")
    _add(number, "w:tab")
    _add_inlines(element, paragraph.content)
    for item in paragraph.items:
        _add_inlines(_add_paragraph(body, LIST_ITEM), item)


def _add_block(body: etree._Element, block: Block) -> None:
    if isinstance(block, Heading):
        style = "GB Heading Numbered" if block.numeral else "GB Heading 1"
        _add_text_paragraph(body, style, block.display)
    else:
        _add_numbered_paragraph(body, block)


def _write_body(body: BaseOxmlElement, paper: Paper) -> None:
    """Append the paper's blocks to the body in reading order, in time linear in their number."""
    section_properties = body.sectPr
    _add_masthead(body, paper.masthead)
    front = (
        ("GB Purpose", paper.purpose),
        ("GB Agenda", paper.agenda),
        ("GB Title", paper.title),
        ("GB Subtitle", paper.subtitle),
    )
    for style, text in front:
        if text:
            _add_text_paragraph(body, style, text)
    for block in paper.blocks:
        _add_block(body, block)
    _add_text_paragraph(body, "GB Date Line", paper.date_line)
    _add_inlines(_add_paragraph(body, "GB Closing"), paper.closing)
    # Appending went after the section properties; Word wants them last.
    body.append(section_properties)


def _add_footnote(notes: etree._Element, footnote: Footnote) -> None:
    """A note: its mark (Word prints the number), a space, then its text. An *ibid.* note
    already holds the phrase table's italic word, put there by the assembler."""
    note = _add(notes, "w:footnote", id=str(footnote.number))
    paragraph = _add_paragraph(note, "GB Footnote Text")
    _add(_add_run(paragraph, character_style=FOOTNOTE_REFERENCE), "w:footnoteRef")
    _add_text(_add_run(paragraph), " ")
    _add_inlines(paragraph, footnote.content)


def _footnotes_element(paper: Paper) -> BaseOxmlElement:
    """footnotes.xml: the two separators Word requires (ids -1 and 0), then every note."""
    notes = parse_xml(f'<w:footnotes {nsdecls("w")}/>')
    for kind, note_id in (("separator", "-1"), ("continuationSeparator", "0")):
        separator = _add(notes, "w:footnote", type=kind, id=note_id)
        _add(_add(_add_paragraph(separator, "GB Footnote Text"), "w:r"), f"w:{kind}")
    for paragraph in paper.paragraphs:
        for footnote in paragraph.footnotes:
            _add_footnote(notes, footnote)
    return notes


def _add_footnotes(document: Document, paper: Paper) -> None:
    """Add footnotes.xml as a part of its own and name its separators in settings.xml."""
    notes = _footnotes_element(paper)
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    separators = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    # w:settings is a sequence: footnotePr goes before the first of the elements that follow it.
    document.settings.element.insert_element_before(
        separators,
        *("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema"),
        *("w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats"),
        *("w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown"),
        *("w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags"),
        *("w:decimalSymbol", "w:listSeparator"),
    )


def _set_page(section: Section) -> None:
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin = section.bottom_margin = Twips(MARGIN)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.header_distance = section.footer_distance = Twips(HEADER_DISTANCE)


def _story_paragraph(story: BaseOxmlElement, style: str) -> etree._Element:
    """Empty a header or footer of the template's paragraph and give it one in `style`."""
    for paragraph in story.findall(qn("w:p")):
        story.remove(paragraph)
    return _add_paragraph(story, style)


def _add_page_furniture(section: Section, symbol: str) -> None:
    """The symbol at the top right of pages 2 on (page 1 has the masthead); page numbers."""
    section.different_first_page_header_footer = True
    header = _story_paragraph(section.header.part.element, "GB Header")
    _add_text(_add_run(header), symbol)
    for footer in (section.first_page_footer, section.footer):
        paragraph = _story_paragraph(footer.part.element, "GB Footer")
        field = _add(paragraph, "w:fldSimple", instr=" PAGE ")
        _add_text(_add_run(field), "1")


def _fix_core_properties(document: Document, title: str) -> None:
    """Core properties owe nothing to the template or the clock."""
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = AUTHOR
    properties.comments = ""
    properties.created = properties.modified = CORE_TIME
    properties.revision = 1


def _drop_thumbnail(document: Document) -> None:
    """The template's thumbnail pictures an empty page: no preview beats a wrong one."""
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


def render_docx(paper: Paper) -> bytes:
    """The paper as a .docx: masthead, numbered paragraphs, real footnotes, GB styles."""
    document = docx.Document()
    dash_list = _add_dash_list(document.part.numbering_part.element)
    _add_styles(document.styles.element, dash_list)
    section = document.sections[0]
    _set_page(section)
    _add_page_furniture(section, paper.symbol)
    _write_body(document.element.body, paper)
    _add_footnotes(document, paper)
    _fix_core_properties(document, paper.title)
    _drop_thumbnail(document)
    return _deterministic_zip(document)
