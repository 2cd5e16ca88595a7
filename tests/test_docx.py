"""The Word paper, checked part by part as parsed XML (and once as bytes, for determinism)."""
from __future__ import annotations

import dataclasses
import io
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from datetime import datetime

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, Pt
from lxml import etree

from conftest import ROOT, md
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics

from gbpaper.model import (
    CrossRef,
    DashItem,
    Emphasis,
    Footnote,
    Heading,
    Inline,
    MastheadLine,
    NoteRef,
    Paper,
    Paragraph,
    Part,
    Text,
)
from gbpaper.render.docx import DEFAULT_REFERENCE, Reference, read_reference, render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W}
STORY = re.compile(r"word/(document|footnotes|header\d+|footer\d+)\.xml")
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _paragraph(number: int, *content: Inline, parts: tuple[Part, ...] = (),
               footnotes: tuple[Footnote, ...] = ()) -> Paragraph:
    return Paragraph(number, tuple(content), parts, footnotes)


PAPER = Paper(
    symbol="GB.300/MNE/2/1",
    language="en",
    layout="2007",
    notice=None,
    masthead=(
        MastheadLine("office", "INTERNATIONAL LABOUR OFFICE"),
        MastheadLine("body", "Governing Body"),
        MastheadLine("symbol", "GB.300/MNE/2/1"),
        MastheadLine("session", "300th Session"),
        MastheadLine("place_month", "Geneva, November 2007"),
        MastheadLine("committee", "Subcommittee on Multinational Enterprises"),
        MastheadLine("committee_code", "MNE"),
    ),
    purpose="FOR INFORMATION",
    agenda="THIRD ITEM ON THE AGENDA",
    title="Updates on CSR-related activities",
    subtitle="(a) Within the ILO",
    summary=None,
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
        Heading("knowledge", "Knowledge development", "I", 1, "roman"),
        _paragraph(
            3,
            Text("Activities include:"),
            parts=(
                DashItem((Text("case studies"), NoteRef(3), Text(";"))),
                DashItem((Emphasis("italic", (Text("training "), Emphasis("bold", (Text("material"),)))),)),
            ),
            # As the assembler writes a repeated note: the phrase table's word, in italic.
            footnotes=(Footnote(3, (Emphasis("italic", (Text("ibid."),)),), ibid=True),),
        ),
        _paragraph(4, Text("See paragraph "), CrossRef("csr", "2"), Text(" above.")),
    ),
    date_line="Geneva, 8 October 2007.",
    closing=(Text("Submitted for information."),),
    appendices=(),
    stamp=None,
    locale="en-GB",
    author="International Labour Office",
)


@pytest.fixture(scope="module")
def data(reference) -> bytes:
    return render_docx(PAPER, reference)


@pytest.fixture(scope="module")
def parts(data: bytes) -> dict[str, etree._Element]:
    return docx_parts(data)


def docx_parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of a .docx, parsed, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


@pytest.fixture(scope="module")
def body(parts) -> etree._Element:
    return parts["word/document.xml"].find("w:body", NS)


def paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's visible text, tabs as \\t."""
    pieces = paragraph.xpath(".//w:t/text() | .//w:tab", namespaces=NS)
    return "".join("\t" if isinstance(piece, etree._Element) else piece for piece in pieces)


def style_names(parts) -> dict[str, str]:
    styles = parts["word/styles.xml"].findall("w:style", NS)
    return {s.get(f"{{{W}}}styleId"): s.find("w:name", NS).get(f"{{{W}}}val") for s in styles}


def attr(element: etree._Element, name: str) -> str:
    return element.get(f"{{{W}}}{name}")


def paragraph_property(paragraph: etree._Element, styles: etree._Element, tag: str) -> bool:
    """Whether an on/off paragraph property (`keepNext`, `widowControl`) is on for a paragraph:
    as the paragraph says, or else its style, the styles it is based on, the defaults."""
    found = paragraph.find(f"w:pPr/w:{tag}", NS)
    style_id = paragraph.find("w:pPr/w:pStyle", NS)
    style_id = None if style_id is None else attr(style_id, "val")
    while found is None and style_id is not None:
        style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        found = style.find(f"w:pPr/w:{tag}", NS)
        based_on = style.find("w:basedOn", NS)
        style_id = None if based_on is None else attr(based_on, "val")
    if found is None:
        found = styles.find(f"w:docDefaults/w:pPrDefault/w:pPr/w:{tag}", NS)
    return found is not None and attr(found, "val") not in ("0", "false", "off")


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
    assert [(attr(n, "type"), attr(n, "id")) for n in notes] == [
        ("separator", "-1"),
        ("continuationSeparator", "0"),
        (None, "1"),
        (None, "2"),
        (None, "3"),
    ]
    assert [paragraph_text(n.find("w:p", NS)) for n in notes[2:]] == [
        " GB.298/MNE/2/1.",
        " GB.298/10.",
        " ibid.",
    ]


def test_a_note_starts_with_its_mark_and_ibid_is_italic(parts):
    note = parts["word/footnotes.xml"].find("w:footnote[@w:id='3']/w:p", NS)
    mark, space, ibid = note.findall("w:r", NS)
    assert mark.find("w:footnoteRef", NS) is not None
    style = attr(mark.find("w:rPr/w:rStyle", NS), "val")
    assert style_names(parts)[style] == "GB Footnote Reference"
    assert ibid.find("w:rPr/w:i", NS) is not None


def test_settings_name_the_separator_notes(parts):
    listed = parts["word/settings.xml"].findall("w:footnotePr/w:footnote", NS)
    assert [attr(n, "id") for n in listed] == ["-1", "0"]


def test_the_body_references_each_note_once_in_order(body, parts):
    references = body.findall(".//w:footnoteReference", NS)
    assert [attr(r, "id") for r in references] == ["1", "2", "3"]
    styles = style_names(parts)
    for reference in references:
        style = reference.getparent().find("w:rPr/w:rStyle", NS)
        assert styles[attr(style, "val")] == "GB Footnote Reference"


def test_the_body_reads_in_order(body):
    paragraphs = [paragraph_text(p) for p in body.findall("w:p", NS)]
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
    lines = [[paragraph_text(p) for p in cell.findall("w:p", NS)] for row in cells for cell in row]
    assert lines == [
        ["INTERNATIONAL LABOUR OFFICE"],
        ["GB.300/MNE/2/1"],
        ["Governing Body"],
        ["300th Session", "Geneva, November 2007"],
        ["Subcommittee on Multinational Enterprises"],
        ["MNE"],
    ]


def test_each_block_wears_its_gb_style(body, parts):
    styles = style_names(parts)
    named = [styles[attr(p.find("w:pPr/w:pStyle", NS), "val")] for p in body.findall("w:p", NS)]
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


def test_every_paragraph_and_styled_run_of_every_story_wears_a_gb_style(parts):
    styles = style_names(parts)
    stories = [name for name in parts if STORY.fullmatch(name)]
    assert len(stories) == 6  # the body, the notes, two headers, two footers
    for name in stories:
        for paragraph in parts[name].iter(f"{{{W}}}p"):
            style = paragraph.find("w:pPr/w:pStyle", NS)
            assert style is not None and styles[attr(style, "val")].startswith("GB "), name
        for style in parts[name].iter(f"{{{W}}}rStyle"):
            assert styles[attr(style, "val")].startswith("GB "), name


def test_footnote_numbers_are_raised_by_gb_footnote_reference(parts):
    styles = parts["word/styles.xml"]
    mark = styles.xpath("w:style[w:name/@w:val='GB Footnote Reference']", namespaces=NS)[0]
    assert attr(mark.find("w:rPr/w:vertAlign", NS), "val") == "superscript"


@pytest.mark.parametrize("builtin, style_id, kind, gb_style", [
    ("footnote text", "FootnoteText", "paragraph", "GB Footnote Text"),
    ("footnote reference", "FootnoteReference", "character", "GB Footnote Reference"),
])
def test_words_own_note_styles_are_aliases_of_the_gb_ones(parts, builtin, style_id, kind, gb_style):
    """A note that an editor adds in Word is written in Word's built-in styles, which take all
    they show from the GB styles (LibreOffice, too, raises the numbers in the note area as the
    built-in footnote reference says)."""
    styles = parts["word/styles.xml"]
    style = styles.xpath("w:style[w:name/@w:val=$name]", namespaces=NS, name=builtin)
    assert len(style) == 1
    assert (attr(style[0], "styleId"), attr(style[0], "type")) == (style_id, kind)
    assert style_names(parts)[attr(style[0].find("w:basedOn", NS), "val")] == gb_style
    assert style[0].find("w:pPr", NS) is None and style[0].find("w:rPr", NS) is None


def test_list_items_are_a_real_dash_list(parts):
    styles = parts["word/styles.xml"]
    num_id = styles.find("w:style[@w:styleId='GBListItem']/w:pPr/w:numPr/w:numId", NS)
    numbering = parts["word/numbering.xml"]
    num = numbering.find(f"w:num[@w:numId='{attr(num_id, 'val')}']/w:abstractNumId", NS)
    level = numbering.find(f"w:abstractNum[@w:abstractNumId='{attr(num, 'val')}']/w:lvl", NS)
    assert attr(level.find("w:numFmt", NS), "val") == "bullet"
    assert attr(level.find("w:lvlText", NS), "val") == "\u2013"


def test_emphasis_is_italic_or_bold_and_nesting_combines(body):
    def formats(text: str) -> set[str]:
        run = body.xpath(".//w:r[w:t = $text]", namespaces=NS, text=text)[0]
        return {etree.QName(e).localname for e in run.findall("w:rPr/*", NS)}

    assert formats("requested") == {"i"}
    assert formats("stressed") == {"b"}
    assert formats("training ") == {"i"}
    assert formats("material") == {"i", "b"}
    assert formats("This paper summarizes new information, as ") == set()


def _story(parts, kind: str, page: str) -> etree._Element:
    """The header or footer (`kind`) that the section gives to `page`: default or first."""
    section = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    reference = section.find(f"w:{kind}Reference[@w:type='{page}']", NS)
    rel_id = reference.get(f"{{{R}}}id")
    relationships = parts["word/_rels/document.xml.rels"].findall("{*}Relationship")
    target = next(r.get("Target") for r in relationships if r.get("Id") == rel_id)
    return parts[f"word/{target}"]


def test_later_pages_show_the_symbol_and_every_page_its_number(parts):
    section = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    assert section.find("w:titlePg", NS) is not None  # page 1 has headers of its own
    assert paragraph_text(_story(parts, "header", "default")) == "GB.300/MNE/2/1"
    assert paragraph_text(_story(parts, "header", "first")) == ""
    for page in ("default", "first"):
        field = _story(parts, "footer", page).find(".//w:fldSimple", NS)
        assert field.get(f"{{{W}}}instr").strip() == "PAGE"


def test_the_page_is_a4_with_2_5_cm_margins(body):
    section = body.find("w:sectPr", NS)
    size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert {attr(margins, side) for side in ("top", "bottom", "left", "right")} == {"1417"}


def test_two_renders_give_the_same_bytes(data, reference):
    assert render_docx(PAPER, reference) == data


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


def test_the_application_properties_are_written_afresh(data):
    """Not the reference's template, application and statistics: gbpaper, and the body's 71
    words (the masthead's 16, the front's 15, the headings' 4, the paragraphs' 25 with their
    numbers, the items' 4, the date line's 4 and the closing's 3)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.read("docProps/app.xml") == (
            b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            b"<Application>gbpaper</Application><Words>71</Words></Properties>"
        )


def test_every_part_has_a_content_type_and_every_relationship_a_part(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        types = etree.fromstring(package.read("[Content_Types].xml"))
        defaults = {d.get("Extension") for d in types.findall("{*}Default")}
        overrides = {o.get("PartName").lstrip("/") for o in types.findall("{*}Override")}
        for name in names - {"[Content_Types].xml"}:
            assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
        assert overrides <= names
        for rels in (name for name in names if name.endswith(".rels")):
            folder = posixpath.dirname(posixpath.dirname(rels))  # word/_rels/x.rels -> word
            for rel in etree.fromstring(package.read(rels)).findall("{*}Relationship"):
                assert rel.get("TargetMode") != "External"
                target = posixpath.normpath(posixpath.join("/", folder, rel.get("Target")))
                assert target.lstrip("/") in names, (rels, target)


def test_the_document_relates_every_part_a_gb_paper_needs(parts):
    relationships = parts["word/_rels/document.xml.rels"].findall("{*}Relationship")
    kinds = sorted(r.get("Type").rsplit("/", 1)[-1] for r in relationships)
    for kind in ("styles", "numbering", "settings", "footnotes", "fontTable"):
        assert kinds.count(kind) == 1, kind
    assert (kinds.count("header"), kinds.count("footer")) == (2, 2)


def test_styles_numbering_and_settings_are_the_reference_documents_own(data, reference):
    """All but the default language, which is the paper's."""
    def canonical(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for language in root.iterfind(f".//{{{W}}}docDefaults//{{{W}}}lang"):
            language.getparent().remove(language)
        return etree.tostring(root, method="c14n")

    with zipfile.ZipFile(io.BytesIO(data)) as built, \
            zipfile.ZipFile(io.BytesIO(reference.data)) as house:
        for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml"):
            assert canonical(built.read(name)) == canonical(house.read(name)), name


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR", "es-ES"])
def test_the_paper_language_is_every_run_s_default_language(reference, locale):
    data = render_docx(dataclasses.replace(PAPER, locale=locale), reference)
    with zipfile.ZipFile(io.BytesIO(data)) as built:
        styles = etree.fromstring(built.read("word/styles.xml"))
        core = built.read("docProps/core.xml").decode("utf-8")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{{{W}}}val") == locale
    assert f"<dc:language>{locale}</dc:language>" in core


# An editor restyles the paper in the reference document alone.

def _reference(tmp_path, edit) -> Reference | list[str]:
    """templates/gb-reference.docx, changed by `edit(document)` and saved: as read back, or
    the errors that reading it gives."""
    document = docx.Document(str(DEFAULT_REFERENCE))
    edit(document)
    path = tmp_path / "house.docx"
    document.save(str(path))
    diags = Diagnostics()
    found = read_reference(path, diags)
    return found if found is not None else [d.format().replace(f"{tmp_path}/", "") for d in diags.items]


def _rename_style(document, old_id: str, new_id: str) -> None:
    """Give a style another id, as tools other than Word may, and follow it everywhere."""
    for element in document.styles.element.iter():
        for name, value in element.attrib.items():
            if value == old_id:
                element.set(name, new_id)


def test_a_restyled_reference_restyles_the_paper(tmp_path):
    def restyle(document):
        document.styles["GB Paragraph"].font.size = Pt(14)
        _rename_style(document, "GBParagraph", "Para")
        document.sections[0].left_margin = Cm(3.5)

    built = docx_parts(render_docx(PAPER, _reference(tmp_path, restyle)))
    paragraph = built["word/styles.xml"].find("w:style[@w:styleId='Para']", NS)
    assert attr(paragraph.find("w:name", NS), "val") == "GB Paragraph"
    assert attr(paragraph.find("w:rPr/w:sz", NS), "val") == "28"
    body = built["word/document.xml"].find("w:body", NS)
    numbered = [p for p in body.findall("w:p", NS) if paragraph_text(p)[:2] in ("1.", "2.", "3.", "4.")]
    assert {attr(p.find("w:pPr/w:pStyle", NS), "val") for p in numbered} == {"Para"}
    assert attr(body.find("w:sectPr/w:pgMar", NS), "left") == "1984"
    # The masthead spans the text, whatever the margins: 21 cm less 3.5 and 2.5 cm.
    assert attr(body.find("w:tbl/w:tblPr/w:tblW", NS), "w") == str(11906 - 1984 - 1417)


def test_the_symbol_replaces_the_text_of_the_gb_header_paragraph_only(tmp_path):
    def add_to_header(document):
        header = document.sections[0].header
        header.paragraphs[0].add_run(" (sample)")
        header.add_paragraph("CONFIDENTIAL", style="GB Footer")

    built = docx_parts(render_docx(PAPER, _reference(tmp_path, add_to_header)))
    header = _story(built, "header", "default")
    assert [paragraph_text(p) for p in header.findall("w:p", NS)] == ["GB.300/MNE/2/1", "CONFIDENTIAL"]


def test_notes_are_numbered_on_from_the_references_separators(tmp_path):
    """LibreOffice saves the separators as notes 0 and 1: the paper's notes then start at 2."""
    def renumber_separators(document):
        notes = document.part.part_related_by(RT.FOOTNOTES).element
        for note, new_id in zip(notes.findall("w:footnote", NS), ("0", "1")):
            note.set(f"{{{W}}}id", new_id)

    built = docx_parts(render_docx(PAPER, _reference(tmp_path, renumber_separators)))
    notes = built["word/footnotes.xml"].findall("w:footnote", NS)
    assert [attr(n, "id") for n in notes] == ["0", "1", "2", "3", "4"]
    references = built["word/document.xml"].iter(f"{{{W}}}footnoteReference")
    assert [attr(r, "id") for r in references] == ["2", "3", "4"]


def _drop_style(name: str):
    def edit(document):
        style = document.styles[name].element
        style.getparent().remove(style)

    return edit


def _drop_footnotes(document):
    rel_id = next(k for k, r in document.part.rels.items() if r.reltype == RT.FOOTNOTES)
    document.part.drop_rel(rel_id)


def _restyle_header(document):
    document.sections[0].header.paragraphs[0].style = document.styles["GB Footer"]


@pytest.mark.parametrize("edit, errors", [
    (_drop_style("GB Paragraph"),
     ["house.docx:1:1: error: the reference document has no paragraph style 'GB Paragraph'"]),
    (_drop_style("GB Footnote Reference"),
     ["house.docx:1:1: error: the reference document has no character style 'GB Footnote Reference'"]),
    (_drop_footnotes,
     ["house.docx:1:1: error: the reference document has no footnotes part (word/footnotes.xml, "
      "which holds the notes' separators)"]),
    (_restyle_header,
     ["house.docx:1:1: error: the reference document has no paragraph in style 'GB Header' in "
      "the header of pages 2 on, where the symbol goes"]),
])
def test_a_reference_that_lacks_what_the_paper_needs_is_an_error(tmp_path, edit, errors):
    assert _reference(tmp_path, edit) == errors


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x05\x06" + bytes(18)])
def test_a_reference_that_is_no_word_document_is_an_error(tmp_path, content):
    (tmp_path / "house.docx").write_bytes(content)
    diags = Diagnostics()
    assert read_reference(tmp_path / "house.docx", diags) is None
    assert [d.format() for d in diags.items] == [
        f"{tmp_path}/house.docx:1:1: error: not a Word document (.docx); a reference document must be one"
    ]


def test_build_with_an_unfit_reference_exits_1_and_writes_nothing(paper, monkeypatch):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne paragraph.\n"))
    (paper.root / "house.docx").write_bytes(b"not a zip")
    monkeypatch.chdir(paper.root)
    result = CliRunner().invoke(main, ["build", "paper", "--reference-docx", "house.docx"])
    assert result.exit_code == 1
    assert result.stderr == (
        "house.docx:1:1: error: not a Word document (.docx); a reference document must be one\n"
    )
    assert not (paper.root / "outputs").exists()


def test_build_with_a_missing_reference_is_misuse(paper, monkeypatch):
    monkeypatch.chdir(paper.root)
    result = CliRunner().invoke(main, ["build", "paper", "--reference-docx", "nowhere.docx"])
    assert result.exit_code == 2
    assert "'nowhere.docx' does not exist" in result.stderr


def test_the_reference_writer_makes_a_fit_reference_the_same_every_time(tmp_path):
    script = ROOT / "tools" / "make_reference_docx.py"
    for name in ("one.docx", "two.docx"):
        subprocess.run([sys.executable, str(script), str(tmp_path / name)], check=True)
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()
    assert read_reference(tmp_path / "one.docx", Diagnostics()) is not None


# Byte-identical builds whatever the clock and the time zone.

LATER_CLOCK = '''\
"""Python's clock, thirty years on: time.time, datetime.now and all that rest on them."""
import datetime, time

SHIFT = 30 * 365 * 24 * 3600
_time, _time_ns = time.time, time.time_ns
time.time = lambda: _time() + SHIFT
time.time_ns = lambda: _time_ns() + SHIFT * 10**9


class _Later(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.now(datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


datetime.datetime = _Later
'''


def test_a_build_under_another_time_zone_and_a_later_clock_gives_the_same_bytes(tmp_path, monkeypatch):
    folder = tmp_path / "clock"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(LATER_CLOCK, encoding="utf-8")
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "PYTHONPATH": str(folder)}
    year = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.datetime.now().year)"],
                          env=env, capture_output=True, text=True, check=True).stdout
    assert int(year) >= datetime.now().year + 29
    paper = ROOT / "inputs" / "GB.300-MNE-2-1"
    subprocess.run([sys.executable, "-m", "gbpaper", "build", str(paper), "-o", str(tmp_path / "later")],
                   env=env, check=True)
    monkeypatch.chdir(ROOT)
    assert CliRunner().invoke(main, ["build", str(paper), "-o", str(tmp_path / "now")]).exit_code == 0
    built = sorted(p.name for p in (tmp_path / "now").iterdir())
    assert "GB.300-MNE-2-1.en.docx" in built
    assert sorted(p.name for p in (tmp_path / "later").iterdir()) == built
    for name in built:
        assert (tmp_path / "later" / name).read_bytes() == (tmp_path / "now" / name).read_bytes(), name
