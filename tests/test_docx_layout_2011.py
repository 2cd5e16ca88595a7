"""The Word paper of the 2011 layout and of what came with it (genre.md §7, §8): the masthead set
out by role, the notice above it, the "Purpose of the document" box, unnumbered paragraphs,
appendices each on a new page, the stamp at the foot of page 1; and reference documents made
before their styles, which the paper still fits, with a warning for each style they lack."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import get_args

import docx
import pytest
from lxml import etree

from conftest import ROOT
from gbpaper.diagnostics import Diagnostics
from gbpaper.model import (
    Appendix,
    Caption,
    Emphasis,
    Footnote,
    Heading,
    Layout,
    LetteredItem,
    MastheadLine,
    MastheadRole,
    NoteRef,
    Paper,
    Paragraph,
    Summary,
    SummaryField,
    Table,
    Text,
)
from gbpaper.render.docx import (
    DEFAULT_REFERENCE,
    MASTHEAD_PLACES,
    Reference,
    read_reference,
    render_docx,
)
from test_docx import NS, R, W, attr, docx_parts, paragraph_text, style_names

TEXT_WIDTH = 11906 - 2 * 1417  # A4 less 2.5 cm margins, in twips
OLD_REFERENCE = ROOT / "tests" / "data" / "gb-reference.before-genre.docx"
STAMP = "GB326-POL_8_[ENTER-160119-1]-En.docx"
NOTICE = ("This GB document is printed in limited numbers to minimize the environmental impact of "
          "the ILO's activities and processes.")

PAPER = Paper(
    symbol="GB.326/POL/8",
    language="en",
    layout="2011",
    notice=NOTICE,
    # In the text output's order, as the assembler gives them.
    masthead=(
        MastheadLine("office", "INTERNATIONAL LABOUR OFFICE"),
        MastheadLine("body", "Governing Body"),
        MastheadLine("session", "326th Session, Geneva, 10\u201324 March 2016"),
        MastheadLine("symbol", "GB.326/POL/8"),
        MastheadLine("committee", "Policy Development Section"),
        MastheadLine("segment", "Multinational Enterprises Segment"),
        MastheadLine("committee_code", "POL"),
        MastheadLine("date", "Date: 24 February 2016"),
        MastheadLine("original", "Original: English"),
    ),
    purpose=None,
    agenda="EIGHTH ITEM ON THE AGENDA",
    title="Proposed modalities",
    subtitle=None,
    summary=Summary(
        "Purpose of the document",
        (Text("The Governing Body is invited to consider the "), Emphasis("italic", (Text("draft"),)),
         Text(" decision in paragraph 2.")),
        (
            SummaryField("Relevant strategic objective", (Text("All."),)),
            SummaryField("Policy implications", (Text("Yes."),)),
            SummaryField("Related documents", (Text("GB.325/POL/9."),)),
        ),
    ),
    blocks=(
        Heading("introduction", "Introduction", None, 1),
        Paragraph(1, (Text("The review"), NoteRef(1), Text(".")), (), (Footnote(1, (Text("GB.325/POL/9."),)),)),
        Paragraph(2, (Text("The Governing Body decides."),), (), ()),
    ),
    date_line=None,
    closing=(),
    appendices=(
        Appendix("activities", "Appendix I", "List of activities", (
            Paragraph(None, (Text("Activities of the Office"), NoteRef(2), Text(":")),
                      (LetteredItem("(a)", 1, (Text("research;"),)),
                       LetteredItem("(b)", 1, (Text("meetings."),))),
                      (Footnote(2, (Text("Since 2014."),)),)),
            Heading("regions", "In the regions", None, 2),
            Paragraph(None, (Text("In Africa."),), (), ()),
        )),
        Appendix("budget", "Appendix II", "Budget", (
            Table(Caption("Table 1.", (Text("Income"),)), ("left", "right"),
                  ((Text("Item"),), (Text("US$"),)), (((Text("Assessed"),), (Text("1 000"),)),), ()),
            Paragraph(1, (Text("Numbered afresh."),), (), ()),
        )),
    ),
    stamp=STAMP,
    locale="en-GB",
    author="International Labour Office",
)

# The styles added with the 2011 layout, appendices, notice and stamp, by id in the reference.
NEW_STYLES = {
    "GBNotice": ("GB Notice", "notices above the masthead are written in 'GB Footnote Text'"),
    "GBMastheadSession": ("GB Masthead Session", "session lines at the left of the masthead (2011 layout) "
                                                 "are written in 'GB Masthead Office'"),
    "GBMastheadDate": ("GB Masthead Date", "the masthead's Date: and Original: lines are written in "
                                           "'GB Masthead Line'"),
    "GBSegment": ("GB Segment", "segments are written in 'GB Committee'"),
    "GBSummaryHeading": ("GB Summary Heading", "the summary box's headings are written in 'GB Heading 1'"),
    "GBSummaryText": ("GB Summary Text", "the summary box's purpose and fields are written in 'GB Paragraph'"),
    "GBParagraphUnnumbered": ("GB Paragraph Unnumbered", "unnumbered paragraphs are written in 'GB Paragraph'"),
    "GBAppendixLabel": ("GB Appendix Label", "appendix labels are written in 'GB Agenda'"),
    "GBAppendixTitle": ("GB Appendix Title", "appendix titles are written in 'GB Title'"),
    "GBStamp": ("GB Stamp", "stamps are written in 'GB Footnote Text'"),
}


def new_warnings(path: Path) -> list[str]:
    """The warnings that a reference document made before the styles of NEW_STYLES gives."""
    return [f"{path}:1:1: warning: the reference document has no paragraph style '{name}'; {instead}"
            for name, instead in NEW_STYLES.values()]


def _parts(paper: Paper, reference: Reference) -> dict[str, etree._Element]:
    return docx_parts(render_docx(paper, reference))


@pytest.fixture(scope="module")
def parts(reference) -> dict[str, etree._Element]:
    return _parts(PAPER, reference)


@pytest.fixture(scope="module")
def body(parts) -> etree._Element:
    return parts["word/document.xml"].find("w:body", NS)


@pytest.fixture(scope="module")
def styles(parts) -> dict[str, str]:
    return style_names(parts)


def _style(paragraph: etree._Element, styles: dict[str, str]) -> str:
    return styles[attr(paragraph.find("w:pPr/w:pStyle", NS), "val")]


def _masthead(body: etree._Element, styles: dict[str, str]) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """The masthead's rows: each cell its span and its lines (style, text)."""
    return [[(attr(span, "val") if (span := cell.find("w:tcPr/w:gridSpan", NS)) is not None else "1",
              [(_style(p, styles), paragraph_text(p)) for p in cell.findall("w:p", NS)])
             for cell in row.findall("w:tc", NS)]
            for row in body.find("w:tbl", NS).findall("w:tr", NS)]


def _sheet_style(parts, style_id: str) -> etree._Element:
    return parts["word/styles.xml"].find(f"w:style[@w:styleId='{style_id}']", NS)


# The masthead, by role.

def test_the_2011_masthead_sets_each_line_by_its_role(body, styles):
    """Office and body at the left; the session line at the left, the symbol level with it at
    the right; the section and the segment at the left, the code at the right; Date: and
    Original: at the right. A row with lines on one side is one cell across the table."""
    assert _masthead(body, styles) == [
        [("2", [("GB Masthead Office", "INTERNATIONAL LABOUR OFFICE"), ("GB Masthead Body", "Governing Body")])],
        # The range's en dash joined to its end by a word joiner, so that no line ends with it.
        [("1", [("GB Masthead Session", "326th Session, Geneva, 10\u2013\u206024 March 2016")]),
         ("1", [("GB Masthead Symbol", "GB.326/POL/8")])],
        [("1", [("GB Committee", "Policy Development Section")]), ("1", [("GB Committee Code", "POL")])],
        [("2", [("GB Segment", "Multinational Enterprises Segment")])],
        [("2", [("GB Masthead Date", "Date: 24 February 2016"), ("GB Masthead Date", "Original: English")])],
    ]


def test_the_masthead_cells_share_the_text_width_and_sit_on_their_last_line(body):
    table = body.find("w:tbl", NS)
    assert [int(attr(c, "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)] == [TEXT_WIDTH // 2] * 2
    widths = [[int(attr(w, "w")) for w in row.findall("w:tc/w:tcPr/w:tcW", NS)] for row in table.findall("w:tr", NS)]
    assert widths == [[TEXT_WIDTH], [TEXT_WIDTH // 2] * 2, [TEXT_WIDTH // 2] * 2, [TEXT_WIDTH], [TEXT_WIDTH]]
    assert {attr(v, "val") for v in table.iterfind(".//w:tcPr/w:vAlign", NS)} == {"bottom"}


@pytest.mark.parametrize("style_id, side", [
    ("GBMastheadSession", "left"), ("GBSegment", "left"), ("GBMastheadDate", "right"),
])
def test_the_new_masthead_styles_stand_at_their_side(parts, style_id, side):
    assert attr(_sheet_style(parts, style_id).find("w:pPr/w:jc", NS), "val") == side


@pytest.mark.parametrize("layout", get_args(Layout))
def test_each_layout_places_every_role(layout):
    assert set(MASTHEAD_PLACES[layout]) == set(get_args(MastheadRole))


@pytest.mark.parametrize("lines, expected", [
    # Without a committee, the 2007 masthead has two rows.
    ((), [[("1", ["INTERNATIONAL LABOUR OFFICE"]), ("1", ["GB.300/MNE/2/1"])],
          [("1", ["Governing Body"]), ("1", ["300th Session", "Geneva, November 2007"])]]),
    # A committee without a code is one cell across the row.
    ((MastheadLine("committee", "Subcommittee on Multinational Enterprises"),),
     [[("1", ["INTERNATIONAL LABOUR OFFICE"]), ("1", ["GB.300/MNE/2/1"])],
      [("1", ["Governing Body"]), ("1", ["300th Session", "Geneva, November 2007"])],
      [("2", ["Subcommittee on Multinational Enterprises"])]]),
])
def test_a_2007_masthead_leaves_out_what_it_lacks(reference, lines, expected):
    masthead = (
        MastheadLine("office", "INTERNATIONAL LABOUR OFFICE"),
        MastheadLine("body", "Governing Body"),
        MastheadLine("symbol", "GB.300/MNE/2/1"),
        MastheadLine("session", "300th Session"),
        MastheadLine("place_month", "Geneva, November 2007"),
        *lines,
    )
    built = _parts(dataclasses.replace(PAPER, layout="2007", masthead=masthead), reference)
    rows = _masthead(built["word/document.xml"].find("w:body", NS), style_names(built))
    assert [[(span, [text for _, text in cell]) for span, cell in row] for row in rows] == expected


# The notice, the box, the body, the end.

def test_the_notice_comes_first_in_gb_notice_in_small_type(body, styles, parts):
    notice, masthead = body[0], body[1]
    assert (_style(notice, styles), paragraph_text(notice)) == ("GB Notice", NOTICE)
    assert etree.QName(masthead).localname == "tbl"
    assert attr(_sheet_style(parts, "GBNotice").find("w:rPr/w:sz", NS), "val") == "16"


def test_without_a_notice_the_masthead_comes_first(reference):
    built = _parts(dataclasses.replace(PAPER, notice=None), reference)
    assert etree.QName(built["word/document.xml"].find("w:body", NS)[0]).localname == "tbl"


def _body_level(body: etree._Element, styles: dict[str, str]) -> list[tuple[str, str]]:
    """The body after the masthead: each paragraph's style and text, a table as `table`."""
    return [(_style(e, styles), paragraph_text(e)) if etree.QName(e).localname == "p" else ("table", "")
            for e in body[2:] if etree.QName(e).localname in ("p", "tbl")]


def test_the_body_reads_in_order_with_no_date_line_and_no_closing(body, styles):
    assert _body_level(body, styles) == [
        ("GB Agenda", "EIGHTH ITEM ON THE AGENDA"),
        ("GB Title", "Proposed modalities"),
        ("table", ""),  # the box
        ("GB Summary Text", ""),  # under the box
        ("GB Heading 1", "Introduction"),
        ("GB Paragraph", "1.\tThe review."),
        ("GB Paragraph", "2.\tThe Governing Body decides."),
        ("GB Appendix Label", "Appendix I"),
        ("GB Appendix Title", "List of activities"),
        ("GB Paragraph Unnumbered", "Activities of the Office:"),
        ("GB Lettered Item", "(a)\tresearch;"),
        ("GB Lettered Item", "(b)\tmeetings."),
        ("GB Heading 2", "In the regions"),
        ("GB Paragraph Unnumbered", "In Africa."),
        ("GB Appendix Label", "Appendix II"),
        ("GB Appendix Title", "Budget"),
        ("GB Table Caption", "Table 1. Income"),
        ("table", ""),
        ("GB Table Text", ""),
        ("GB Paragraph", "1.\tNumbered afresh."),
    ]


def _box(body: etree._Element) -> etree._Element:
    return body.findall("w:tbl", NS)[1]


def test_the_box_is_one_cell_framed_all_round_as_wide_as_the_text(body):
    box = _box(body)
    properties = box.find("w:tblPr", NS)
    assert [etree.QName(e).localname for e in properties] == ["tblW", "tblInd", "tblBorders", "tblLayout",
                                                              "tblCellMar"]
    assert attr(properties.find("w:tblW", NS), "w") == str(TEXT_WIDTH)
    assert attr(properties.find("w:tblInd", NS), "w") == "108"  # its frame meets the margins
    assert [(etree.QName(b).localname, attr(b, "val"), attr(b, "sz"))
            for b in properties.find("w:tblBorders", NS)] == [
        (edge, "single", "4") for edge in ("top", "left", "bottom", "right")]
    assert [[len(row.findall("w:tc", NS))] for row in box.findall("w:tr", NS)] == [[1]]


def test_the_box_holds_its_heading_purpose_and_fields_in_order_in_their_styles(body, styles):
    cell = _box(body).find("w:tr/w:tc", NS)
    assert [(_style(p, styles), paragraph_text(p)) for p in cell.findall("w:p", NS)] == [
        ("GB Summary Heading", "Purpose of the document"),
        ("GB Summary Text", "The Governing Body is invited to consider the draft decision in paragraph 2."),
        ("GB Summary Text", "Relevant strategic objective: All."),
        ("GB Summary Text", "Policy implications: Yes."),
        ("GB Summary Text", "Related documents: GB.325/POL/9."),
    ]


def test_a_field_s_label_is_bold_and_its_value_is_not(body):
    fields = _box(body).findall("w:tr/w:tc/w:p", NS)[2:]
    for paragraph in fields:
        label, *value = paragraph.findall("w:r", NS)
        assert label.find("w:rPr/w:b", NS) is not None
        assert all(run.find("w:rPr/w:b", NS) is None for run in value)
    assert [paragraph_text(p.find("w:r", NS)) for p in fields] == [
        "Relevant strategic objective: ", "Policy implications: ", "Related documents: "]


def test_the_purpose_keeps_its_emphasis(body):
    purpose = _box(body).findall("w:tr/w:tc/w:p", NS)[1]
    assert purpose.xpath("w:r[w:t = 'draft']/w:rPr/w:i", namespaces=NS) != []


def test_without_a_box_the_title_is_followed_by_the_body(reference):
    built = _parts(dataclasses.replace(PAPER, summary=None), reference)
    body = built["word/document.xml"].find("w:body", NS)
    assert _body_level(body, style_names(built))[:3] == [
        ("GB Agenda", "EIGHTH ITEM ON THE AGENDA"), ("GB Title", "Proposed modalities"),
        ("GB Heading 1", "Introduction")]


def test_a_date_line_and_a_closing_are_written_when_given(reference):
    paper = dataclasses.replace(PAPER, date_line="Geneva, 24 February 2016.",
                                closing=(Text("Point for decision: Paragraph 2."),), appendices=())
    built = _parts(paper, reference)
    body = built["word/document.xml"].find("w:body", NS)
    assert _body_level(body, style_names(built))[-2:] == [
        ("GB Date Line", "Geneva, 24 February 2016."), ("GB Closing", "Point for decision: Paragraph 2.")]


# Unnumbered paragraphs and appendices.

def test_an_unnumbered_paragraph_has_no_number_and_no_tab(body, styles):
    unnumbered = [p for p in body.findall("w:p", NS) if _style(p, styles) == "GB Paragraph Unnumbered"]
    assert [paragraph_text(p) for p in unnumbered] == ["Activities of the Office:", "In Africa."]
    assert [p.find(".//w:tab", NS) for p in unnumbered] == [None, None]
    assert paragraph_text(unnumbered[0].find("w:r", NS)) == "Activities of the Office"


def test_the_unnumbered_style_has_no_hanging_indent(parts):
    assert _sheet_style(parts, "GBParagraphUnnumbered").find(".//w:ind", NS) is None


def test_an_unnumbered_paragraph_keeps_its_notes(body, parts):
    assert [attr(r, "id") for r in body.iter(f"{{{W}}}footnoteReference")] == ["1", "2"]
    note = parts["word/footnotes.xml"].find("w:footnote[@w:id='2']/w:p", NS)
    assert paragraph_text(note) == " Since 2014."


def test_each_appendix_label_starts_a_new_page_and_nothing_else_does(body, styles, parts):
    breaking = [(_style(p, styles), paragraph_text(p)) for p in body.iter(f"{{{W}}}p")
                if p.find("w:pPr/w:pageBreakBefore", NS) is not None]
    assert breaking == [("GB Appendix Label", "Appendix I"), ("GB Appendix Label", "Appendix II")]
    assert _sheet_style(parts, "GBAppendixLabel").find("w:pPr/w:pageBreakBefore", NS) is not None
    assert body.find(".//w:br", NS) is None


def test_an_appendix_label_is_followed_by_its_title(body, styles):
    labels = [p for p in body.findall("w:p", NS) if _style(p, styles) == "GB Appendix Label"]
    assert [(_style(p.getnext(), styles), paragraph_text(p.getnext())) for p in labels] == [
        ("GB Appendix Title", "List of activities"), ("GB Appendix Title", "Budget")]


# The stamp, at the foot of page 1 alone.

def _stories(parts, kind: str) -> dict[str, etree._Element]:
    """The headers or footers (`kind`) of the section, by the pages they serve: default, first."""
    section = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    relationships = {r.get("Id"): r.get("Target")
                     for r in parts["word/_rels/document.xml.rels"].findall("{*}Relationship")}
    return {attr(ref, "type"): parts[f"word/{relationships[ref.get(f'{{{R}}}id')]}"]
            for ref in section.findall(f"w:{kind}Reference", NS)}


def _story_lines(story: etree._Element, styles: dict[str, str]) -> list[tuple[str, str]]:
    return [(_style(p, styles), paragraph_text(p)) for p in story.findall("w:p", NS)]


def test_the_stamp_is_in_the_first_page_footer_alone_after_its_page_number(parts, styles):
    footers = _stories(parts, "footer")
    assert _story_lines(footers["first"], styles) == [("GB Footer", "1"), ("GB Stamp", STAMP)]
    assert _story_lines(footers["default"], styles) == [("GB Footer", "1")]
    assert [name for name, part in parts.items()
            if part is not footers["first"] and STAMP in "".join(part.itertext())] == []


def test_the_stamp_is_small_type(parts):
    assert attr(_sheet_style(parts, "GBStamp").find("w:rPr/w:sz", NS), "val") == "14"


def test_pages_2_on_carry_the_symbol_and_page_1_no_header(parts, styles):
    headers = _stories(parts, "header")
    assert _story_lines(headers["default"], styles) == [("GB Header", "GB.326/POL/8")]
    assert _story_lines(headers["first"], styles) == [("GB Header", "")]
    assert parts["word/document.xml"].find("w:body/w:sectPr/w:titlePg", NS) is not None


def _canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n")


@pytest.mark.parametrize("path", [DEFAULT_REFERENCE, OLD_REFERENCE])
def test_without_a_stamp_page_1_s_footer_is_the_reference_s_less_its_sample_stamp(path):
    reference = read_reference(path, Diagnostics())
    assert reference is not None
    built = _parts(dataclasses.replace(PAPER, stamp=None), reference)
    house = docx_parts(reference.data)
    styles = style_names(built)
    first = _stories(built, "footer")["first"]
    assert _story_lines(first, styles) == [("GB Footer", "1")]
    expected = _stories(house, "footer")["first"]
    for paragraph in expected.findall("w:p", NS):
        if _style(paragraph, styles) == "GB Stamp":
            expected.remove(paragraph)
    assert _canonical(first) == _canonical(expected)


def _edited_reference(tmp_path: Path, edit) -> Reference:
    """templates/gb-reference.docx, changed by `edit(document)`, as read back."""
    document = docx.Document(str(DEFAULT_REFERENCE))
    edit(document)
    path = tmp_path / "house.docx"
    document.save(str(path))
    found = read_reference(path, Diagnostics())
    assert found is not None
    return found


def test_the_stamp_takes_the_place_of_the_reference_s_stamp_paragraph(tmp_path):
    def stamp_above_the_number(document):
        footer = document.sections[0].first_page_footer._element
        number, stamp = footer.findall("w:p", NS)
        number.addprevious(stamp)

    built = _parts(PAPER, _edited_reference(tmp_path, stamp_above_the_number))
    assert _story_lines(_stories(built, "footer")["first"], style_names(built)) == [
        ("GB Stamp", STAMP), ("GB Footer", "1")]


def _one_page_style(document):
    """No first page of its own: every page has the header and footer of pages 2 on."""
    section = document.sections[0]
    section.first_page_header.is_linked_to_previous = True
    section.first_page_footer.is_linked_to_previous = True
    section.different_first_page_header_footer = False


def test_a_reference_without_a_first_page_of_its_own_gets_one_for_the_stamp(tmp_path):
    built = _parts(PAPER, _edited_reference(tmp_path, _one_page_style))
    assert built["word/document.xml"].find("w:body/w:sectPr/w:titlePg", NS) is not None
    footers = _stories(built, "footer")
    assert _story_lines(footers["first"], style_names(built)) == [("GB Stamp", STAMP)]
    assert _story_lines(footers["default"], style_names(built)) == [("GB Footer", "1")]


def test_a_reference_without_a_first_page_of_its_own_keeps_it_so_without_a_stamp(tmp_path):
    built = _parts(dataclasses.replace(PAPER, stamp=None), _edited_reference(tmp_path, _one_page_style))
    assert built["word/document.xml"].find("w:body/w:sectPr/w:titlePg", NS) is None
    assert set(_stories(built, "footer")) == {"default"}


def test_two_renders_give_the_same_bytes(reference):
    assert render_docx(PAPER, reference) == render_docx(PAPER, reference)


# Reference documents made before these styles.

def _without_styles(tmp_path: Path, style_ids) -> Path:
    """templates/gb-reference.docx less some styles and the footer paragraphs that wear them
    (the sample's stamp), as the reference was before them."""
    document = docx.Document(str(DEFAULT_REFERENCE))
    for style_id in style_ids:
        style = document.styles.element.find(f"w:style[@w:styleId='{style_id}']", NS)
        style.getparent().remove(style)
        for footer in (document.sections[0].first_page_footer, document.sections[0].footer):
            for style_mark in footer._element.findall(f"w:p/w:pPr/w:pStyle[@w:val='{style_id}']", NS):
                paragraph = style_mark.getparent().getparent()
                paragraph.getparent().remove(paragraph)
    path = tmp_path / "house.docx"
    document.save(str(path))
    return path


def test_a_reference_without_the_new_styles_warns_of_each(tmp_path):
    path = _without_styles(tmp_path, NEW_STYLES)
    diags = Diagnostics()
    assert read_reference(path, diags) is not None
    assert [d.format() for d in diags.items] == new_warnings(path)


@pytest.mark.parametrize("style_id", NEW_STYLES)
def test_a_reference_without_one_new_style_warns_of_it_alone(tmp_path, style_id):
    path = _without_styles(tmp_path, [style_id])
    diags = Diagnostics()
    assert read_reference(path, diags) is not None
    name, instead = NEW_STYLES[style_id]
    assert [d.format() for d in diags.items] == [
        f"{path}:1:1: warning: the reference document has no paragraph style '{name}'; {instead}"]


@pytest.mark.parametrize("make", [
    lambda tmp_path: _without_styles(tmp_path, NEW_STYLES),  # as the reference before these styles
    lambda tmp_path: OLD_REFERENCE,  # before the genre's styles as well
])
def test_an_old_reference_writes_the_paper_in_the_nearest_older_styles(tmp_path, make):
    reference = read_reference(make(tmp_path), Diagnostics())
    assert reference is not None
    built = _parts(PAPER, reference)
    styles = style_names(built)
    body = built["word/document.xml"].find("w:body", NS)
    assert (_style(body[0], styles), paragraph_text(body[0])) == ("GB Footnote Text", NOTICE)
    rows = _masthead(body, styles)
    assert [[style for _, cell in row for style, _ in cell] for row in rows][1:] == [
        ["GB Masthead Office", "GB Masthead Symbol"], ["GB Committee", "GB Committee Code"],
        ["GB Committee"], ["GB Masthead Line", "GB Masthead Line"]]
    cell = _box(body).find("w:tr/w:tc", NS)
    assert [_style(p, styles) for p in cell.findall("w:p", NS)] == ["GB Heading 1"] + ["GB Paragraph"] * 4
    assert _box(body).find("w:tblPr/w:tblBorders", NS) is not None
    level = [style for style, _ in _body_level(body, styles)]
    assert [level[7], level[8], level[9], level[13], level[14], level[15]] == [
        "GB Agenda", "GB Title", "GB Paragraph", "GB Paragraph", "GB Agenda", "GB Title"]
    labels = [p for p in body.findall("w:p", NS) if paragraph_text(p).startswith("Appendix ")]
    assert [p.find("w:pPr/w:pageBreakBefore", NS) is not None for p in labels] == [True, True]
    assert _story_lines(_stories(built, "footer")["first"], styles)[-1] == ("GB Footnote Text", STAMP)
