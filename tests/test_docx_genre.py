"""The Word paper of the genre's blocks (genre.md §1-5): lettered items and sub-items, tables,
quotations, several notes at one place and deeper headings, each read back as XML in its named
style; and a reference document made before those styles, which the paper still fits, with a
warning for each style it lacks."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import ROOT
from gbpaper.diagnostics import Diagnostics
from gbpaper.model import (
    Caption,
    CrossRef,
    Emphasis,
    Footnote,
    Heading,
    Inline,
    LetteredItem,
    MastheadLine,
    NoteRef,
    Paper,
    Paragraph,
    Part,
    QuotedParagraph,
    Table,
    Text,
)
from gbpaper.render.docx import DEFAULT_REFERENCE, Reference, read_reference, render_docx
from test_docx import NS, W, attr, docx_parts, paragraph_property, paragraph_text, style_names
from test_docx_layout_2011 import new_warnings

# templates/gb-reference.docx as committed before the genre's styles (commit 4dc953b).
OLD_REFERENCE = ROOT / "tests" / "data" / "gb-reference.before-genre.docx"
TEXT_WIDTH = 11906 - 2 * 1417  # A4 less 2.5 cm margins, in twips


def _paragraph(number: int, *content: Inline, parts: tuple[Part, ...] = (),
               footnotes: tuple[Footnote, ...] = ()) -> Paragraph:
    return Paragraph(number, tuple(content), parts, footnotes)


def _note(number: int, text: str) -> Footnote:
    return Footnote(number, (Text(text),))


PAPER = Paper(
    symbol="GB.326/POL/8",
    language="en",
    layout="2007",
    notice=None,
    masthead=(
        MastheadLine("office", "INTERNATIONAL LABOUR OFFICE"),
        MastheadLine("body", "Governing Body"),
        MastheadLine("symbol", "GB.326/POL/8"),
        MastheadLine("session", "326th Session"),
        MastheadLine("place_month", "Geneva, March 2016"),
        MastheadLine("committee", "Policy Development Section"),
        MastheadLine("committee_code", "POL"),
    ),
    purpose="FOR DECISION",
    agenda="EIGHTH ITEM ON THE AGENDA",
    title="Proposed modalities",
    subtitle=None,
    summary=None,
    blocks=(
        Heading("issues", "The issues", "A", 1, "letter"),
        _paragraph(
            1,
            Text("As the reports of the Director-General say"),
            NoteRef(1),
            NoteRef(2),
            Text(", the Office:"),
            parts=(
                QuotedParagraph((Text("shall review the "), Emphasis("italic", (Text("modalities"),)),
                                 Text(" each year;"))),
                QuotedParagraph((Text("and report to the Governing Body."),)),
            ),
            footnotes=(_note(1, "GB.323/INS/8."), _note(2, "GB.325/POL/9.")),
        ),
        Heading("income", "Income", None, 2),
        Table(
            Caption("Table 1.", (Text("Regular budget income, 1998"), Text("\u201399"))),
            ("left", "right", "center"),
            ((Text("Item"),), (Text("Swiss francs"),), (Emphasis("bold", (Text("Share"),)),)),
            (
                ((Text("Assessed contributions"),), (Text("498 547 593"), NoteRef(3)), (Text("96%"),)),
                ((Text("Other income"),), (Text("20 000 000"),), ()),
            ),
            (_note(3, "Net of arrears."),),
        ),
        Heading("detail", "Detail of the income", "B", 3, "letter"),
        _paragraph(2, Text("See table "), CrossRef("income", "1"), Text(".")),
        Heading("decision", "Draft decision", None, 2),
        _paragraph(
            3,
            Text("The Governing Body:"),
            parts=(
                LetteredItem("(a)", 1, (Text("requests the Office to report;"),)),
                LetteredItem("(b)", 1, (Text("invites the Director-General:"),)),
                LetteredItem("(i)", 2, (Text("to consult;"),)),
                LetteredItem("(ii)", 2, (Text("to review"), NoteRef(4), Text(";"))),
                LetteredItem("(iii)", 2, (Text("to propose; and"),)),
                LetteredItem("(c)", 1, (Text("decides to defer the matter."),)),
            ),
            footnotes=(_note(4, "As in 2015."),),
        ),
    ),
    date_line="Geneva, 24 February 2016.",
    closing=(Text("Point for decision: Paragraph 3."),),
    appendices=(),
    stamp=None,
    locale="en-GB",
    author="International Labour Office",
)


def _old_reference(diags: Diagnostics) -> Reference:
    found = read_reference(OLD_REFERENCE, diags)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def parts(reference) -> dict[str, etree._Element]:
    return docx_parts(render_docx(PAPER, reference))


@pytest.fixture(scope="module")
def body(parts) -> etree._Element:
    return parts["word/document.xml"].find("w:body", NS)


@pytest.fixture(scope="module")
def styles(parts) -> dict[str, str]:
    return style_names(parts)


def _style(paragraph: etree._Element, styles: dict[str, str]) -> str:
    return styles[attr(paragraph.find("w:pPr/w:pStyle", NS), "val")]


def _table(body: etree._Element) -> etree._Element:
    """The paper's table: the body's second, after the masthead."""
    return body.findall("w:tbl", NS)[1]


def test_every_block_and_part_wears_its_style_in_order(body, styles):
    blocks = [(_style(p, styles), paragraph_text(p)) for p in body.findall("w:p", NS)]
    assert blocks[3:-2] == [
        ("GB Heading 2", "A. The issues"),
        ("GB Paragraph", "1.\tAs the reports of the Director-General say,, the Office:"),
        ("GB Quotation", "shall review the modalities each year;"),
        ("GB Quotation", "and report to the Governing Body."),
        ("GB Heading 2", "Income"),
        ("GB Table Caption", "Table 1. Regular budget income, 1998\u201399"),
        ("GB Table Text", ""),  # under the table, which stands here
        ("GB Heading 2", "B. Detail of the income"),
        ("GB Paragraph", "2.\tSee table 1."),
        ("GB Heading 2", "Draft decision"),
        ("GB Paragraph", "3.\tThe Governing Body:"),
        ("GB Lettered Item", "(a)\trequests the Office to report;"),
        ("GB Lettered Item", "(b)\tinvites the Director-General:"),
        ("GB Lettered Subitem", "(i)\tto consult;"),
        ("GB Lettered Subitem", "(ii)\tto review;"),
        ("GB Lettered Subitem", "(iii)\tto propose; and"),
        ("GB Lettered Item", "(c)\tdecides to defer the matter."),
    ]


def test_a_letter_is_typed_as_text_and_a_tab_in_a_run_of_its_own(body):
    items = body.xpath("w:p[starts-with(w:pPr/w:pStyle/@w:val, 'GBLettered')]", namespaces=NS)
    first_runs = [[etree.QName(e).localname for e in p.find("w:r", NS)] for p in items]
    assert first_runs == [["t", "tab"]] * 6
    assert [p.find("w:r/w:t", NS).text for p in items] == ["(a)", "(b)", "(i)", "(ii)", "(iii)", "(c)"]


def test_lettered_items_hang_under_the_paragraphs_text(parts):
    """The letter at the paragraph's text (1.25 cm), the item's text 1 cm further; a sub-item's
    numeral at the item's text, its text 1 cm further again; a tab stop where each text starts."""
    sheet = parts["word/styles.xml"]

    def geometry(style_id: str) -> tuple[str, str, str]:
        properties = sheet.find(f"w:style[@w:styleId='{style_id}']/w:pPr", NS)
        indent = properties.find("w:ind", NS)
        return attr(indent, "left"), attr(indent, "hanging"), attr(properties.find("w:tabs/w:tab", NS), "pos")

    assert geometry("GBParagraph") == ("709", "709", "709")
    assert geometry("GBLetteredItem") == ("1276", "567", "1276")
    assert geometry("GBLetteredSubitem") == ("1843", "567", "1843")


def test_a_quotation_is_indented_on_both_sides(parts):
    indent = parts["word/styles.xml"].find("w:style[@w:styleId='GBQuotation']/w:pPr/w:ind", NS)
    assert (attr(indent, "left"), attr(indent, "right")) == ("1276", "567")


def test_the_caption_stands_right_before_its_table_and_is_kept_with_it(parts, body, styles):
    """By its style: the paragraph says nothing of it, so that an editor may restyle it."""
    table = _table(body)
    caption = table.getprevious()
    assert _style(caption, styles) == "GB Table Caption"
    assert paragraph_property(caption, parts["word/styles.xml"], "keepNext")
    assert caption.find("w:pPr/w:keepNext", NS) is None
    assert [paragraph_text(r) for r in caption.findall("w:r", NS)] == [
        "Table 1. ", "Regular budget income, 1998", "\u201399"]


def test_the_table_is_in_gb_table_as_wide_as_the_text(body, styles):
    properties = _table(body).find("w:tblPr", NS)
    assert [etree.QName(e).localname for e in properties] == ["tblStyle", "tblW", "tblInd", "tblLayout"]
    assert styles[attr(properties.find("w:tblStyle", NS), "val")] == "GB Table"
    assert (attr(properties.find("w:tblW", NS), "w"), attr(properties.find("w:tblW", NS), "type")) == (
        str(TEXT_WIDTH), "dxa")
    # Its borders meet the margins: the table is indented by its cells' margin.
    assert attr(properties.find("w:tblInd", NS), "w") == "108"


def _grid(table: etree._Element) -> list[int]:
    return [int(attr(column, "w")) for column in table.findall("w:tblGrid/w:gridCol", NS)]


def test_columns_share_the_width_by_their_longest_cell(body):
    """`Assessed contributions` (22 characters), `498 547 593` and its note (12), `96%` (3,
    counted as the least, 6): 22/40, 12/40 and the rest of the text's 9,072 twips."""
    table = _table(body)
    assert _grid(table) == [4989, 2721, 1362]
    assert sum(_grid(table)) == TEXT_WIDTH
    for row in table.findall("w:tr", NS):
        assert [int(attr(w, "w")) for w in row.findall("w:tc/w:tcPr/w:tcW", NS)] == _grid(table)


@pytest.mark.parametrize("header, cell, widths", [
    # A header counts by its longest word, as it may wrap: `December` (8) against 6 and 6.
    ("Balance at 31 December", "21.3", [2721, 2721, 3630]),
    # A cell counts whole, up to 30 characters: 30 against 6 and 6.
    ("Balance", "Balance at 31 December of each year, in millions", [1296, 1296, 6480]),
])
def test_a_header_counts_by_its_longest_word_and_a_cell_by_all_of_it(reference, header, cell, widths):
    table = Table(None, ("left", "right", "right"), ((Text("Year"),), (Text("Income"),), (Text(header),)),
                  (((Text("2006"),), (Text("4.1"),), (Text(cell),)),), ())
    built = docx_parts(render_docx(dataclasses.replace(PAPER, blocks=(table,)), reference))
    assert _grid(_table(built["word/document.xml"].find("w:body", NS))) == widths


def test_the_header_row_repeats_on_each_page_and_no_row_splits(body):
    rows = _table(body).findall("w:tr", NS)
    assert [[etree.QName(e).localname for e in row.find("w:trPr", NS)] for row in rows] == [
        ["cantSplit", "tblHeader"], ["cantSplit"], ["cantSplit"]]


def test_cells_wear_the_header_and_text_styles_and_their_columns_alignment(body, styles):
    rows = _table(body).findall("w:tr", NS)
    cells = [[(_style(p, styles), attr(p.find("w:pPr/w:jc", NS), "val"), paragraph_text(p))
              for p in row.findall("w:tc/w:p", NS)] for row in rows]
    assert cells == [
        [("GB Table Heading", "left", "Item"), ("GB Table Heading", "right", "Swiss francs"),
         ("GB Table Heading", "center", "Share")],
        [("GB Table Text", "left", "Assessed contributions"), ("GB Table Text", "right", "498 547 593"),
         ("GB Table Text", "center", "96%")],
        [("GB Table Text", "left", "Other income"), ("GB Table Text", "right", "20 000 000"),
         ("GB Table Text", "center", "")],
    ]


def test_cells_hold_emphasis_and_footnote_references(body, parts):
    table = _table(body)
    assert table.xpath("w:tr[1]/w:tc[3]//w:r[w:t = 'Share']/w:rPr/w:b", namespaces=NS) != []
    reference = table.find("w:tr[2]/w:tc[2]/w:p/w:r/w:footnoteReference", NS)
    assert attr(reference, "id") == "3"
    note = parts["word/footnotes.xml"].find("w:footnote[@w:id='3']/w:p", NS)
    assert paragraph_text(note) == " Net of arrears."


def test_two_notes_at_one_place_have_a_raised_comma_between_them(body, styles):
    paragraph = body.xpath("w:p[w:r/w:footnoteReference/@w:id = '1']", namespaces=NS)[0]
    runs = paragraph.findall("w:r", NS)[2:5]
    assert [etree.QName(run[-1]).localname for run in runs] == ["footnoteReference", "t", "footnoteReference"]
    assert [attr(run[-1], "id") for run in runs[::2]] == ["1", "2"]
    assert runs[1][-1].text == ","
    assert {styles[attr(run.find("w:rPr/w:rStyle", NS), "val")] for run in runs} == {"GB Footnote Reference"}


def test_every_note_is_referenced_once_in_reading_order(body, parts):
    assert [attr(r, "id") for r in body.iter(f"{{{W}}}footnoteReference")] == ["1", "2", "3", "4"]
    notes = parts["word/footnotes.xml"].findall("w:footnote", NS)[2:]
    assert [paragraph_text(n) for n in notes] == [
        " GB.323/INS/8.", " GB.325/POL/9.", " Net of arrears.", " As in 2015."]


def test_two_renders_give_the_same_bytes(reference):
    assert render_docx(PAPER, reference) == render_docx(PAPER, reference)


def test_deeper_headings_are_in_words_outline_at_their_level(parts):
    sheet = parts["word/styles.xml"]
    levels = {name: attr(sheet.find(f"w:style[@w:styleId='{name}']/w:pPr/w:outlineLvl", NS), "val")
              for name in ("GBHeading1", "GBHeading2", "GBHeading3")}
    assert levels == {"GBHeading1": "0", "GBHeading2": "1", "GBHeading3": "2"}


# A reference document made before the genre's styles.

OLD_WARNINGS = [
    f"{OLD_REFERENCE}:1:1: warning: the reference document has no {kind} style '{name}'; {instead}"
    for kind, name, instead in [
        ("paragraph", "GB Heading 2", "lettered and second-level headings are written in 'GB Heading 1'"),
        ("paragraph", "GB Heading 3", "unnumbered third-level headings are written in 'GB Heading 1'"),
        ("paragraph", "GB Lettered Item", "lettered items are written in 'GB Paragraph'"),
        ("paragraph", "GB Lettered Subitem", "lettered sub-items are written in 'GB Paragraph'"),
        ("paragraph", "GB Quotation", "quotations are written in 'GB Paragraph'"),
        ("table", "GB Table", "tables are written with no style, their borders set on each"),
        ("paragraph", "GB Table Caption", "table captions are written in 'GB Paragraph'"),
        ("paragraph", "GB Table Heading", "table header rows are written in 'GB Paragraph'"),
        ("paragraph", "GB Table Text", "table cells are written in 'GB Paragraph'"),
    ]
] + new_warnings(OLD_REFERENCE)


def test_an_old_reference_is_fit_with_a_warning_for_each_new_style():
    diags = Diagnostics()
    _old_reference(diags)
    assert [d.format() for d in diags.items] == OLD_WARNINGS


def test_an_old_reference_writes_the_new_blocks_in_the_nearest_older_styles():
    built = docx_parts(render_docx(PAPER, _old_reference(Diagnostics())))
    styles = style_names(built)
    body = built["word/document.xml"].find("w:body", NS)
    named = [_style(p, styles) for p in body.findall("w:p", NS)][3:-2]
    assert named == ["GB Heading 1", "GB Paragraph", "GB Paragraph", "GB Paragraph",
                     "GB Heading 1", "GB Paragraph", "GB Paragraph", "GB Heading 1", "GB Paragraph",
                     "GB Heading 1", "GB Paragraph"] + ["GB Paragraph"] * 6
    table = _table(body)
    assert {_style(p, styles) for p in table.iter(f"{{{W}}}p")} == {"GB Paragraph"}
    assert table.find("w:tblPr/w:tblStyle", NS) is None
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert [(etree.QName(b).localname, attr(b, "val"), attr(b, "sz")) for b in borders] == [
        (edge, "single", "4") for edge in ("top", "left", "bottom", "right", "insideH", "insideV")]
    # What keeps the caption with its table, and the columns' alignment, is on the paragraphs.
    assert table.getprevious().find("w:pPr/w:keepNext", NS) is not None
    assert [attr(jc, "val") for jc in table.findall("w:tr[1]/w:tc/w:p/w:pPr/w:jc", NS)] == [
        "left", "right", "center"]


def _without_style(tmp_path: Path, style_id: str) -> Path:
    """templates/gb-reference.docx less one style, as an editor might delete it in Word."""
    document = docx.Document(str(DEFAULT_REFERENCE))
    style = document.styles.element.find(f"w:style[@w:styleId='{style_id}']", NS)
    style.getparent().remove(style)
    path = tmp_path / "house.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("style_id, warning", [
    ("GBQuotation", "the reference document has no paragraph style 'GB Quotation'; quotations are "
                    "written in 'GB Paragraph'"),
    ("GBTable", "the reference document has no table style 'GB Table'; tables are written with no "
                "style, their borders set on each"),
    ("GBHeading3", "the reference document has no paragraph style 'GB Heading 3'; unnumbered third-level "
                   "headings are written in 'GB Heading 1'"),
])
def test_a_reference_without_one_new_style_warns_of_it_alone(tmp_path, style_id, warning):
    diags = Diagnostics()
    assert read_reference(_without_style(tmp_path, style_id), diags) is not None
    assert [d.format() for d in diags.items] == [f"{tmp_path}/house.docx:1:1: warning: {warning}"]


def test_a_reference_without_an_old_style_is_still_refused(tmp_path):
    diags = Diagnostics()
    assert read_reference(_without_style(tmp_path, "GBParagraph"), diags) is None
    assert [d.format() for d in diags.items] == [
        f"{tmp_path}/house.docx:1:1: error: the reference document has no paragraph style 'GB Paragraph'"]
