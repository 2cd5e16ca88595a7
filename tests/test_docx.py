"""The Word paper, checked part by part as parsed XML (and once as bytes, for determinism)."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from gbpaper.model import (
    CrossRef,
    Emphasis,
    Footnote,
    Heading,
    Masthead,
    NoteRef,
    Paper,
    Paragraph,
    Text,
)
from gbpaper.render.docx import render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _paragraph(number: int, *content, items=(), footnotes=()) -> Paragraph:
    return Paragraph(number, tuple(content), tuple(items), tuple(footnotes), unit="MULTI")


PAPER = Paper(
    symbol="GB.300/MNE/2/1",
    language="en",
    masthead=Masthead(
        office="INTERNATIONAL LABOUR OFFICE",
        body="Governing Body",
        symbol="GB.300/MNE/2/1",
        session="300th Session",
        place_month="Geneva, November 2007",
        committee="Subcommittee on Multinational Enterprises",
        committee_code="MNE",
    ),
    purpose="FOR INFORMATION",
    agenda="THIRD ITEM ON THE AGENDA",
    title="Updates on CSR-related activities",
    subtitle="(a) Within the ILO",
    blocks=(
        Heading("intro", "Introduction", None, 1),
        _paragraph(
            1,
            Text("This paper summarizes new information, as "),
            Emphasis("italic", (Text("requested"),)),
            Text(" previously"),
            NoteRef(1),
            Text(" and in March."),
            NoteRef(2),
            footnotes=(
                Footnote(1, (Text("GB.298/MNE/2/1."),)),
                Footnote(2, (Text("GB.298/10."),)),
            ),
        ),
        _paragraph(2, Text("The need was "), Emphasis("bold", (Text("stressed"),)), Text(".")),
        Heading("knowledge", "Knowledge development", "I", 1),
        _paragraph(
            3,
            Text("Activities include:"),
            items=(
                (Text("case studies"), NoteRef(3), Text(";")),
                (Emphasis("italic", (Text("training "), Emphasis("bold", (Text("material"),)))),),
            ),
            # As the assembler writes a repeated note: the phrase table's word, in italic.
            footnotes=(Footnote(3, (Emphasis("italic", (Text("ibid."),)),), ibid=True),),
        ),
        _paragraph(4, Text("See paragraph "), CrossRef("csr", "2"), Text(" above.")),
    ),
    date_line="Geneva, 8 October 2007.",
    closing=(Text("Submitted for information."),),
)


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_docx(PAPER)


@pytest.fixture(scope="module")
def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


@pytest.fixture(scope="module")
def body(parts) -> etree._Element:
    return parts["word/document.xml"].find("w:body", NS)


def _text(paragraph: etree._Element) -> str:
    """A paragraph's visible text, tabs as \\t."""
    pieces = paragraph.xpath(".//w:t/text() | .//w:tab", namespaces=NS)
    return "".join("\t" if isinstance(piece, etree._Element) else piece for piece in pieces)


def _style_names(parts) -> dict[str, str]:
    styles = parts["word/styles.xml"].findall("w:style", NS)
    return {s.get(f"{{{W}}}styleId"): s.find("w:name", NS).get(f"{{{W}}}val") for s in styles}


def _attr(element: etree._Element, name: str) -> str:
    return element.get(f"{{{W}}}{name}")


def test_content_types_declare_the_footnotes_part(parts):
    overrides = parts["[Content_Types].xml"].findall("{*}Override")
    assert {o.get("PartName"): o.get("ContentType") for o in overrides}[
        "/word/footnotes.xml"
    ] == FOOTNOTES_TYPE


def test_the_document_relates_the_footnotes_part(parts):
    relationships = parts["word/_rels/document.xml.rels"].findall("{*}Relationship")
    assert [r.get("Target") for r in relationships if r.get("Type") == FOOTNOTES_REL] == [
        "footnotes.xml"
    ]


def test_footnotes_hold_the_separators_then_each_note_in_order(parts):
    notes = parts["word/footnotes.xml"].findall("w:footnote", NS)
    assert [(_attr(n, "type"), _attr(n, "id")) for n in notes] == [
        ("separator", "-1"),
        ("continuationSeparator", "0"),
        (None, "1"),
        (None, "2"),
        (None, "3"),
    ]
    assert [_text(n.find("w:p", NS)) for n in notes[2:]] == [
        " GB.298/MNE/2/1.",
        " GB.298/10.",
        " ibid.",
    ]


def test_a_note_starts_with_its_mark_and_ibid_is_italic(parts):
    note = parts["word/footnotes.xml"].find("w:footnote[@w:id='3']/w:p", NS)
    mark, space, ibid = note.findall("w:r", NS)
    assert mark.find("w:footnoteRef", NS) is not None
    style = _attr(mark.find("w:rPr/w:rStyle", NS), "val")
    assert _style_names(parts)[style] == "GB Footnote Reference"
    assert ibid.find("w:rPr/w:i", NS) is not None


def test_settings_name_the_separator_notes(parts):
    listed = parts["word/settings.xml"].findall("w:footnotePr/w:footnote", NS)
    assert [_attr(n, "id") for n in listed] == ["-1", "0"]


def test_the_body_references_each_note_once_in_order(body, parts):
    references = body.findall(".//w:footnoteReference", NS)
    assert [_attr(r, "id") for r in references] == ["1", "2", "3"]
    styles = _style_names(parts)
    for reference in references:
        style = reference.getparent().find("w:rPr/w:rStyle", NS)
        assert styles[_attr(style, "val")] == "GB Footnote Reference"


def test_the_body_reads_in_order(body):
    paragraphs = [_text(p) for p in body.findall("w:p", NS)]
    assert paragraphs == [
        "FOR INFORMATION",
        "THIRD ITEM ON THE AGENDA",
        "Updates on CSR-related activities",
        "(a) Within the ILO",
        "Introduction",
        "1.\tThis paper summarizes new information, as requested previously and in March.",
        "2.\tThe need was stressed.",
        "I. Knowledge development",
        "3.\tActivities include:",
        "case studies;",
        "training material",
        "4.\tSee paragraph 2 above.",
        "Geneva, 8 October 2007.",
        "Submitted for information.",
    ]


def test_the_masthead_is_a_two_column_table(body):
    rows = body.findall("w:tbl/w:tr", NS)
    cells = [row.findall("w:tc", NS) for row in rows]
    lines = [[_text(p) for p in cell.findall("w:p", NS)] for row in cells for cell in row]
    assert lines == [
        ["INTERNATIONAL LABOUR OFFICE"],
        ["GB.300/MNE/2/1"],
        ["Governing Body"],
        ["300th Session", "Geneva, November 2007"],
        ["Subcommittee on Multinational Enterprises"],
        ["MNE"],
    ]


def test_each_block_wears_its_gb_style(body, parts):
    styles = _style_names(parts)
    named = [styles[_attr(p.find("w:pPr/w:pStyle", NS), "val")] for p in body.findall("w:p", NS)]
    assert named == [
        "GB Purpose",
        "GB Agenda",
        "GB Title",
        "GB Subtitle",
        "GB Heading 1",
        "GB Paragraph",
        "GB Paragraph",
        "GB Heading Numbered",
        "GB Paragraph",
        "GB List Item",
        "GB List Item",
        "GB Paragraph",
        "GB Date Line",
        "GB Closing",
    ]


def test_every_body_paragraph_has_a_gb_style(body, parts):
    styles = _style_names(parts)
    for paragraph in body.iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        assert style is not None and styles[_attr(style, "val")].startswith("GB ")


def test_list_items_are_a_real_dash_list(parts):
    styles = parts["word/styles.xml"]
    num_id = styles.find("w:style[@w:styleId='GBListItem']/w:pPr/w:numPr/w:numId", NS)
    numbering = parts["word/numbering.xml"]
    num = numbering.find(f"w:num[@w:numId='{_attr(num_id, 'val')}']/w:abstractNumId", NS)
    level = numbering.find(f"w:abstractNum[@w:abstractNumId='{_attr(num, 'val')}']/w:lvl", NS)
    assert _attr(level.find("w:numFmt", NS), "val") == "bullet"
    assert _attr(level.find("w:lvlText", NS), "val") == "\u2013"


def test_emphasis_is_italic_or_bold_and_nesting_combines(body):
    def formats(text: str) -> set[str]:
        run = body.xpath(".//w:r[w:t = $text]", namespaces=NS, text=text)[0]
        return {etree.QName(e).localname for e in run.findall("w:rPr/*", NS)}

    assert formats("requested") == {"i"}
    assert formats("stressed") == {"b"}
    assert formats("training ") == {"i"}
    assert formats("material") == {"i", "b"}
    assert formats("This paper summarizes new information, as ") == set()


def test_later_pages_show_the_symbol_and_every_page_its_number(parts):
    headers = [p for name, p in parts.items() if name.startswith("word/header")]
    footers = [p for name, p in parts.items() if name.startswith("word/footer")]
    assert [_text(h) for h in headers] == ["GB.300/MNE/2/1"]
    assert len(footers) == 2
    for footer in footers:
        assert footer.find(".//w:fldSimple", NS).get(f"{{{W}}}instr").strip() == "PAGE"
    section = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    assert section.find("w:titlePg", NS) is not None


def test_the_page_is_a4_with_2_5_cm_margins(body):
    section = body.find("w:sectPr", NS)
    size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
    assert (_attr(size, "w"), _attr(size, "h")) == ("11906", "16838")
    assert {_attr(margins, side) for side in ("top", "bottom", "left", "right")} == {"1417"}


def test_two_renders_give_the_same_bytes(data):
    assert render_docx(PAPER) == data


def test_zip_members_carry_no_build_time(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {member.date_time for member in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_python_docx_opens_it_with_fixed_core_properties(data):
    document = docx.Document(io.BytesIO(data))
    properties = document.core_properties
    assert properties.title == "Updates on CSR-related activities"
    assert properties.author == "International Labour Office"
    assert properties.created.year == 2000 and properties.revision == 1
    assert document.paragraphs[-1].text == "Submitted for information."
