"""Submissions written in Word (word.md, section 1 and 3): read into the same model as Markdown.

The reference paper's submissions, made into Word documents by gbpaper's own writer, by pandoc
and by LibreOffice (tests/data/word, `make word-fixtures`), build the very paper their Markdown
and YAML build, in every language. The rest of the rules are shown on small documents written
here with gbpaper.word_submission; the refused documents are golden cases of the corpus
(tests/corpus/word-*).
"""
from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import warnings
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conftest import ROOT, md
from gbpaper import model
from gbpaper.diagnostics import Diagnostics
from gbpaper.load import OTHER_DOCUMENT_SUFFIXES, load_paper
from gbpaper.outline import Outline
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text
from gbpaper.sources import word as word_reader
from gbpaper.sources.limits import FileLimits
from gbpaper.sources.word import OTHER_DOCUMENTS
from gbpaper.word_submission import Note, Paragraph, Run, Table, WordWriter, from_submission, front, heading
from reference_copy import reference_copy

DATA = ROOT / "tests" / "data" / "word"
REFERENCE = ROOT / "inputs" / "GB.300-MNE-2-1"
FLAVOURS = ("gbpaper", "pandoc", "libreoffice")
SUBMISSION_SUFFIXES = (".md", ".yaml", ".yml")


def word(*blocks, unit: str = "TRAVAIL") -> bytes:
    """A Word submission of the test paper: its front lines, then blocks."""
    return WordWriter().add(*front(unit, "GB.300/MNE/2/1"), *blocks).save()


def write(paper, name: str, data: bytes):
    path = paper.folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return paper


def diagnostics(paper) -> list[str]:
    """The paper's diagnostics but the warnings for the contributors a test leaves out."""
    return [d for d in paper.diagnostics() if "has sent no submission" not in d and "has no paragraphs" not in d]


def other_activities(*xml: str) -> bytes:
    """A Word submission of TRAVAIL whose paragraphs and tables under "Other activities" are xml."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"))
    for element in xml:
        writer.add_xml(element)
    return writer.save()


def body(paper) -> list[str]:
    """The text output's blocks from the first numbered paragraph or table to the date line."""
    lines = paper.body()
    start = next(i for i, line in enumerate(lines) if line[:1].isdigit() or line.startswith("Table "))
    return lines[start - 1 : lines.index("Geneva, 8 October 2007.")]


def blocks(paper) -> list[model.Block]:
    result = paper.compile()
    assert result.paper is not None, [d.format() for d in result.diagnostics.sorted()]
    return list(result.paper.blocks)


def paragraphs(paper) -> list[model.Paragraph]:
    return [b for b in blocks(paper) if isinstance(b, model.Paragraph)]


# --- The reference paper, written in Word by three tools ------------------------------------------


def flavoured_copy(tmp_path: Path, flavour: str) -> Path:
    """The reference paper with every submission, in every language, replaced by its Word
    document of the flavour."""
    folder = reference_copy(tmp_path, "paper")
    for path in list(folder.rglob("*")):
        if path.suffix in SUBMISSION_SUFFIXES and path.name != "paper.yaml":
            path.unlink()
    for document in (DATA / flavour).rglob("*.docx"):
        target = folder / document.relative_to(DATA / flavour)
        shutil.copyfile(document, target)
    return folder


@pytest.fixture(scope="module")
def markdown_versions() -> tuple[model.Paper, ...]:
    """The reference paper as its Markdown and YAML build it, in every language."""
    result = compile_paper(REFERENCE)
    assert len(result.versions) == 3
    return result.versions


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_reference_paper_in_word_builds_the_paper_of_its_markdown_in_every_language(flavour, tmp_path,
                                                                                       markdown_versions):
    result = compile_paper(flavoured_copy(tmp_path, flavour))
    assert [d.format() for d in result.diagnostics.sorted()] == []
    assert [v.language for v in result.versions] == ["en", "fr", "es"]
    for version, markdown in zip(result.versions, markdown_versions):
        assert version == markdown  # the same model, node for node
        assert render_text(version) == render_text(markdown)
        assert render_text(version) == (ROOT / "outputs" / f"{version.file_stem}.txt").read_bytes()


def test_the_fixtures_are_what_gbpapers_writer_writes_now():
    """tests/data/word/gbpaper is what `make word-fixtures` would write from inputs/ today."""
    sources = load_paper(REFERENCE, Diagnostics())
    assert sources is not None
    plan = sources.plan
    outline = Outline(plan.sections, sources.plan_doc, Diagnostics(), plan.appendices)
    versions = [("", outline, sources.submissions)]
    for lang, subs in sources.translations.items():
        entry = plan.translations[lang]
        versions.append((lang, outline.translated(entry.headings, entry.appendices), subs))
    for lang, version_outline, subs in versions:
        for sub in subs:
            written = (DATA / "gbpaper" / lang / Path(sub.name).with_suffix(".docx").name).read_bytes()
            assert from_submission(sub, version_outline) == written, f"{lang}/{sub.name}"


def test_a_paper_mixes_formats_and_a_translation_may_be_in_another_format_than_its_original(tmp_path):
    folder = reference_copy(tmp_path, "paper")
    (folder / "travail.md").unlink()  # a Word original, translated in Markdown
    shutil.copyfile(DATA / "pandoc" / "travail.docx", folder / "travail.docx")
    (folder / "es" / "ipec.md").unlink()  # a Markdown original, translated in Word
    shutil.copyfile(DATA / "libreoffice" / "es" / "ipec.docx", folder / "es" / "ipec.docx")
    (folder / "fr" / "sector.yaml").unlink()  # a YAML original, translated in Word
    shutil.copyfile(DATA / "gbpaper" / "fr" / "sector.docx", folder / "fr" / "sector.docx")
    result = compile_paper(folder)
    assert [d.format() for d in result.diagnostics.sorted()] == []
    for version in result.versions:
        assert render_text(version) == (ROOT / "outputs" / f"{version.file_stem}.txt").read_bytes()


def test_a_translation_in_word_is_aligned_with_its_original_like_any(tmp_path):
    folder = reference_copy(tmp_path, "paper")
    (folder / "fr" / "travail.md").unlink()
    data = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("knowledge"),
                            Paragraph(["TRAVAIL a produit une série de fiches."])).save()
    (folder / "fr" / "travail.docx").write_bytes(data)
    diagnostics = [d.format().replace(f"{tmp_path}/", "") for d in compile_paper(folder).diagnostics.sorted()]
    # A Word document's footnotes have no names: they are matched by their places.
    assert diagnostics == [
        "paper/fr/travail.docx:3:1: error: section 'promotion' of travail.md:19 is missing here "
        '(heading "knowledge")',
        "paper/fr/travail.docx:4:1: error: a footnote of travail.md:15 is missing here "
        '(paragraph "TRAVAIL a produit une série de fiches.")',
    ]


# --- Front lines, headings and places ----------------------------------------------------------------


def test_the_front_lines_keys_in_any_case_values_as_typed_and_trimmed(paper):
    write(paper, "travail.docx", WordWriter().add(
        Paragraph([""]), Paragraph(["  UNIT:  TRAVAIL "]), Paragraph([""]), Paragraph(["paper :GB.300/MNE/2/1"]),
        heading("Other activities"), Paragraph(["TRAVAIL helped."])).save())
    assert diagnostics(paper) == []
    assert body(paper) == ["III. Other activities", "1. TRAVAIL helped."]


@pytest.mark.parametrize("lines, said", [
    (["Paper: GB.300/MNE/2/1"], "a Word submission opens with the paragraphs 'Unit: <unit>' and 'Paper: <symbol>', "
                                "before its first heading; 'Unit:' is missing"),
    (["Unit:", "Paper: GB.300/MNE/2/1"], "the 'Unit:' line gives no unit code"),
    (["Unit: TRAVAIL ET EMPLOI", "Paper: GB.300/MNE/2/1"],
     "the 'Unit:' line gives \"TRAVAIL ET EMPLOI\", which is not a unit code (2 to 40 letters, digits, '/', '-', "
     "'_' or '.')"),
    (["Unit: TRAVAIL", "Paper: ???"],
     "the 'Paper:' line gives \"???\", which is not a GB paper's symbol (GB.300/MNE/2/1)"),
], ids=["missing", "empty", "unreadable", "unreadable symbol"])
def test_a_missing_or_unreadable_front_line_is_an_error_at_line_1(paper, lines, said):
    write(paper, "travail.docx", WordWriter().add(
        *(Paragraph([line]) for line in lines), heading("Other activities"), Paragraph(["TRAVAIL helped."])).save())
    assert diagnostics(paper) == [f'paper/travail.docx:1:1: error: {said} (paragraph "{lines[0]}")']


def test_a_heading_style_is_found_by_outline_level_in_a_word_of_another_language(paper):
    """German Word names Heading 1 `Überschrift 1`; its outline level says what it is, directly
    or through the styles it is based on; a loop of w:basedOn ends."""
    writer = WordWriter()
    writer.style('<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="Überschrift 1"/>'
                 '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Abschnitt"><w:name w:val="Abschnitt"/>'
                 '<w:basedOn w:val="berschrift1"/></w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Unterabschnitt"><w:name w:val="Unterabschnitt"/>'
                 '<w:basedOn w:val="Abschnitt"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Eins"><w:name w:val="Eins"/><w:basedOn w:val="Zwei"/>'
                 '</w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Zwei"><w:name w:val="Zwei"/><w:basedOn w:val="Eins"/>'
                 '</w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Inhaltsverzeichnisberschrift"><w:name w:val="TOC Heading"/>'
                 '<w:basedOn w:val="berschrift1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>')
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"),
               Paragraph(["Activities of the Office"], style="berschrift1"),
               Paragraph(["Knowledge development"], style="Unterabschnitt"),
               Paragraph(["TRAVAIL produced sheets."], style="Eins"),
               Paragraph(["Other activities"], style="Abschnitt"),
               Paragraph(["Contents"], style="Inhaltsverzeichnisberschrift"))
    write(paper, "travail.docx", writer.save())
    assert paper.body()[:6] == ["Activities of the Office", "I. Knowledge development",
                                "1. TRAVAIL produced sheets.", "II. Tripartite and expert meetings",
                                "III. Other activities", "2. Contents"]


def test_heading_2_and_3_name_sections_as_any_heading_does(paper):
    write(paper, "travail.docx", word(
        heading("office", 2), Paragraph(["The Office acted."]), heading("Knowledge development", 3),
        Paragraph(["TRAVAIL produced sheets."])))
    assert paper.body()[:4] == ["Activities of the Office", "1. The Office acted.", "I. Knowledge development",
                                "2. TRAVAIL produced sheets."]


def test_a_message_points_at_the_paragraph_and_quotes_its_first_words(paper):
    """Line N is the document's Nth paragraph, empty ones and those in tables counted; col the
    character in the paragraph's text."""
    write(paper, "travail.docx", word(
        heading("Knowledge development"), Paragraph(["TRAVAIL produced sheets."]),
        Table([[["Sheet"], ["Year"]], [["Working time"], ["2007"]]]), Paragraph([""]),
        Paragraph(["See paragraph [#sheets] of the report, which describes the sheets in detail."]),
        heading("Promotoin activities"), Paragraph(["TRAVAIL established a methodology."])))
    assert diagnostics(paper) == [
        "paper/travail.docx:10:15: error: cross-reference to 'sheets', which is no label or section key "
        '(paragraph "See paragraph [#sheets] of the report,…")',
        "paper/travail.docx:11:1: error: unknown section 'Promotoin activities'; did you mean 'Other activities' "
        '(other)? (heading "Promotoin activities")',
    ]


def test_check_json_gives_the_quote_with_the_message(run, paper):
    write(paper, "travail.docx", word(heading("Promotoin activities"), Paragraph(["TRAVAIL acted."])))
    result = run("check", "--format", "json", "paper")
    assert json.loads(result.stdout)["diagnostics"][-1]["message"] == (
        "unknown section 'Promotoin activities'; did you mean 'Other activities' (other)? "
        '(heading "Promotoin activities")')


# --- Paragraphs, text styles, labels --------------------------------------------------------------------


def test_line_breaks_and_tabs_are_spaces_and_empty_paragraphs_are_ignored(paper):
    write(paper, "travail.docx", WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), Paragraph([""])).add_xml(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Other</w:t><w:br/><w:t>activities</w:t></w:r>'
        '</w:p>').add_xml(
        '<w:p><w:r><w:t xml:space="preserve">TRAVAIL  took part</w:t><w:br/><w:t xml:space="preserve"> in</w:t>'
        '<w:tab/><w:t>meetings.</w:t></w:r></w:p>').add(Paragraph([" "]), Paragraph(["TRAVAIL also helped."])).save())
    assert body(paper) == ["III. Other activities", "1. TRAVAIL took part in meetings.", "2. TRAVAIL also helped."]


def test_italic_and_bold_direct_or_by_character_style_and_what_turns_them_off(paper):
    writer = WordWriter()
    writer.style('<w:style w:type="character" w:styleId="Hervorhebung"><w:name w:val="Emphasis"/>'
                 '<w:rPr><w:i/></w:rPr></w:style>')
    writer.style('<w:style w:type="character" w:styleId="Titel"><w:name w:val="Book Title"/>'
                 '<w:basedOn w:val="Hervorhebung"/><w:rPr><w:b/></w:rPr></w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Zitat"><w:name w:val="Quote"/>'
                 '<w:rPr><w:i/></w:rPr></w:style>')
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL wrote ", Run("a guide", italic=True), ", ", Run("a manual", style="Hervorhebung"), ", ",
        Run("a book", style="Titel"), ", ", Run("a note", style="Hervorhebung", italic=False), " and ",
        Run("a sheet", bold=True, props=""), Run(" for all", bold=False), "."]),
        Paragraph(["A quotation style is formatting, and ignored."], style="Zitat"))
    write(paper, "travail.docx", writer.save())
    first, second = paragraphs(paper)
    assert first.content == (
        model.Text("TRAVAIL wrote "), model.Emphasis("italic", (model.Text("a guide"),)), model.Text(", "),
        model.Emphasis("italic", (model.Text("a manual"),)), model.Text(", "),
        model.Emphasis("bold", (model.Emphasis("italic", (model.Text("a book"),)),)),
        model.Text(", a note and "), model.Emphasis("bold", (model.Text("a sheet"),)), model.Text(" for all."))
    assert second.content == (model.Text("A quotation style is formatting, and ignored."),)


def test_w_val_off_values_are_honoured(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph([
        Run("not italic", props='<w:i w:val="0"/>'), " ", Run("not bold", props='<w:b w:val="false"/>'), " ",
        Run("italic", props='<w:i w:val="on"/>'), " ", Run("off", props='<w:i w:val="off"/>')])))
    assert paragraphs(paper)[0].content == (
        model.Text("not italic not bold "), model.Emphasis("italic", (model.Text("italic"),)), model.Text(" off"))


def test_emphasis_that_crosses_is_nested_as_it_shows(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph([
        "A ", Run("b", italic=True), Run("c", italic=True, bold=True), Run("d", bold=True), " e."])))
    assert paragraphs(paper)[0].content == (
        model.Text("A "), model.Emphasis("italic", (model.Text("b"), model.Emphasis("bold", (model.Text("c"),)))),
        model.Emphasis("bold", (model.Text("d"),)), model.Text(" e."))


def test_a_space_at_the_edge_of_an_emphasis_is_not_emphasised(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph([
        "The", Run(" Guide ", italic=True), "was published."])))
    assert paragraphs(paper)[0].content == (
        model.Text("The "), model.Emphasis("italic", (model.Text("Guide"),)), model.Text(" was published."))


def test_italic_runs_parted_only_by_plain_spaces_are_one_italic_run(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph(
        ["TRAVAIL wrote "] + [Run("a", italic=True), " "] * 3 + [Run("b", italic=True), " and more."])))
    assert paragraphs(paper)[0].content == (
        model.Text("TRAVAIL wrote "), model.Emphasis("italic", (model.Text("a a a b"),)), model.Text(" and more."))


def test_the_text_made_of_a_paragraphs_runs_grows_with_them_not_with_their_square(monkeypatch):
    """Runs joined as one are joined at once, not each onto all the runs before it (before,
    50,000 italic runs parted by plain spaces took two minutes: each join copied the text and
    the places of every run before it)."""
    made: list[int] = []

    class Counted(word_reader._Text):
        __slots__ = ()

        def __init__(self, text: str, cols: list[tuple[int, int]], style: int) -> None:
            made.append(len(text) + len(cols))
            super().__init__(text, cols, style)

    monkeypatch.setattr(word_reader, "_Text", Counted)

    def made_for(runs: int) -> int:
        made.clear()
        data = word(heading("Other activities"), Paragraph(["TRAVAIL wrote "] + [Run("it", italic=True), " "] * runs))
        diags = Diagnostics()
        assert word_reader.read_word(data, "travail.docx", diags, FileLimits(diags)) is not None
        assert not diags.items
        return sum(made)

    small, large = made_for(2_000), made_for(4_000)
    assert large < 2.5 * small


def test_asterisks_and_backslashes_are_text_but_labels_and_cross_references_are_read(paper):
    write(paper, "travail.docx", word(
        heading("Knowledge development"),
        Paragraph(["TRAVAIL rated it 5* (C:\\sheets\\*.pdf). ", Run("{#sh", italic=True), "eets}"]),
        heading("Other activities"),
        Paragraph(["See paragraph [#", Run("sheets", bold=True), "] and section [#knowledge]."])))
    first, second = paragraphs(paper)
    assert first.content == (model.Text("TRAVAIL rated it 5* (C:\\sheets\\*.pdf)."),)
    assert second.content == (model.Text("See paragraph "), model.CrossRef("sheets", "1"),
                              model.Text(" and section "), model.CrossRef("knowledge", "I"), model.Text("."))
    assert "1. TRAVAIL rated it 5\\* (C:\\\\sheets\\\\\\*.pdf)." in paper.body()


def test_a_footnote_reference_typed_as_in_markdown_is_an_error(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph(["TRAVAIL helped.[^site]"])))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:16: error: '[^' would start a Markdown footnote reference; in a Word document a "
        "footnote is a Word footnote (References > Insert Footnote); insert one there, or write the text otherwise "
        '(paragraph "TRAVAIL helped.[^site]")']


# --- Lists -------------------------------------------------------------------------------------------


def test_lists_from_style_or_direct_numbering_bullets_letters_and_a_second_level(paper):
    writer = WordWriter()
    numbering = writer.document.part.numbering_part.element
    # A list whose levels come from a numbering style (numStyleLink): numbered, so lettered.
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="70"><w:numStyleLink '
                                  'w:val="Legal"/></w:abstractNum>'))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="71"><w:styleLink w:val="Legal"/>'
                                  '<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="71"><w:abstractNumId w:val="71"/></w:num>'))
    writer.style('<w:style w:type="numbering" w:styleId="Legal"><w:name w:val="Legal"/><w:pPr><w:numPr>'
                 '<w:numId w:val="71"/></w:numPr></w:pPr></w:style>')
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
               Paragraph(["TRAVAIL published:"]),
               Paragraph(["a guide;"], style="ListBullet"),
               Paragraph(["a manual."], style="ListBullet", props=""),
               Paragraph(["The Committee may wish to:"]),
               Paragraph(["take note;"], numbering=("90", 0)),
               Paragraph(["request:"], numbering=("90", 0)),
               Paragraph(["a plan;"], numbering=("90", 1)),
               Paragraph(["a loan."], numbering=("90", 1)),
               Paragraph(["The Office will:"]),
               Paragraph(["report."], numbering=("70", 0)),
               Paragraph(["A paragraph in List Bullet with its numbering removed."], style="ListBullet",
                         numbering=("0", 0)))
    write(paper, "travail.docx", writer.save())
    assert body(paper) == [
        "III. Other activities",
        "1. TRAVAIL published:\n- a guide;\n- a manual.",
        "2. The Committee may wish to:\n(a) take note;\n(b) request:\n  (i) a plan;\n  (ii) a loan.",
        "3. The Office will:\n(a) report.",
        "4. A paragraph in List Bullet with its numbering removed.",
    ]


def test_a_style_linked_to_a_list_level_gives_that_level(paper):
    """A list level may name the paragraph style it belongs to (w:pStyle in w:lvl); a style whose
    numbering gives no level is at the level that names it, as Word shows it."""
    writer = WordWriter()
    numbering = writer.document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="40">'
        '<w:lvl w:ilvl="0"><w:numFmt w:val="lowerLetter"/><w:pStyle w:val="ItemA"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="lowerRoman"/><w:pStyle w:val="ItemB"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="40"><w:abstractNumId w:val="40"/></w:num>'))
    for style in ("ItemA", "ItemB"):
        writer.style(f'<w:style w:type="paragraph" w:styleId="{style}"><w:name w:val="{style}"/><w:pPr><w:numPr>'
                     '<w:numId w:val="40"/></w:numPr></w:pPr></w:style>')
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
               Paragraph(["The Committee may wish to:"]),
               Paragraph(["request:"], style="ItemA"),
               Paragraph(["a plan;"], style="ItemB"),
               Paragraph(["a loan."], style="ItemB"))
    write(paper, "travail.docx", writer.save())
    assert body(paper) == [
        "III. Other activities",
        "1. The Committee may wish to:\n(a) request:\n  (i) a plan;\n  (ii) a loan.",
    ]


def test_a_level_numbered_none_that_shows_a_dash_is_a_dash_item_and_one_that_shows_nothing_a_paragraph(paper):
    writer = WordWriter()
    numbering = writer.document.part.numbering_part.element
    for num_id, text in (("41", "\u2013"), ("42", "")):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:numFmt w:val="none"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId '
                                   f'w:val="{num_id}"/></w:num>'))
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
               Paragraph(["TRAVAIL published:"]),
               Paragraph(["a guide;"], numbering=("41", 0)),
               Paragraph(["a manual."], numbering=("41", 0)),
               Paragraph(["A paragraph in a list that shows nothing."], numbering=("42", 0)))
    write(paper, "travail.docx", writer.save())
    assert body(paper) == [
        "III. Other activities",
        "1. TRAVAIL published:\n- a guide;\n- a manual.",
        "2. A paragraph in a list that shows nothing.",
    ]


def test_the_words_a_list_level_shows_are_left_out_with_a_warning_once_for_the_level(paper):
    """Before, a level numbered none that shows `Note:` lost it without a word, a numbered level
    its `Article` and a bullet its `NB`. A bullet of one letter (`o` in Courier New) is a bullet;
    a level whose number is hidden shows none, and its paragraph is a paragraph."""
    writer = WordWriter()
    numbering = writer.document.part.numbering_part.element
    for num_id, fmt, text, hidden in (("43", "none", "Note:", ""), ("44", "decimal", "Article %1.", ""),
                                      ("45", "bullet", "NB", ""), ("46", "bullet", "o", ""),
                                      ("47", "decimal", "%1.", "<w:rPr><w:vanish/></w:rPr>")):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{hidden}</w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId '
                                   f'w:val="{num_id}"/></w:num>'))
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
               Paragraph(["TRAVAIL published a guide."], numbering=("43", 0)),
               Paragraph(["The Committee may wish to:"]),
               Paragraph(["take note;"], numbering=("44", 0)),
               Paragraph(["request a report."], numbering=("44", 0)),
               Paragraph(["TRAVAIL held:"]),
               Paragraph(["a meeting;"], numbering=("45", 0)),
               Paragraph(["a workshop."], numbering=("46", 0)),
               Paragraph(["TRAVAIL also helped."], numbering=("47", 0)))
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == [
        'paper/travail.docx:4:1: warning: the list\'s numbering shows "Note:" before the paragraph, which gbpaper '
        "leaves out: type it in the paragraph's text (the same for each paragraph of this list level) (paragraph "
        '"TRAVAIL published a guide.")',
        'paper/travail.docx:6:1: warning: the list\'s numbering shows "Article %1." before the paragraph, which '
        "gbpaper leaves out, as gbpaper numbers the items itself: type it in the paragraph's text (the same for "
        'each paragraph of this list level) (list item "take note;")',
        'paper/travail.docx:9:1: warning: the list\'s numbering shows "NB" before the paragraph, which gbpaper '
        "leaves out, as gbpaper gives each dash item its dash: type it in the paragraph's text (the same for each "
        'paragraph of this list level) (list item "a meeting;")']
    assert body(paper) == [
        "III. Other activities",
        "1. TRAVAIL published a guide.",
        "2. The Committee may wish to:\n(a) take note;\n(b) request a report.",
        "3. TRAVAIL held:\n- a meeting;\n- a workshop.",
        "4. TRAVAIL also helped.",
    ]


def test_a_list_goes_two_levels_deep_and_has_one_kind_of_item_a_paragraph(paper):
    writer = WordWriter()
    numbering = writer.document.part.numbering_part.element  # a list of three levels
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="80">' + "".join(
        f'<w:lvl w:ilvl="{n}"><w:numFmt w:val="lowerLetter"/></w:lvl>' for n in range(3)) + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    writer.add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph(["TRAVAIL published:"]),
               Paragraph(["a guide;"], style="ListBullet"), Paragraph(["in French;"], numbering=("80", 1)),
               Paragraph(["a manual."], numbering=("80", 0)), Paragraph(["deep"], numbering=("80", 2)))
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == [
        "paper/travail.docx:6:1: error: a lettered sub-item cannot stand under a dash item (a bullet); number "
        'the paragraph\'s items with letters, and the sub-items under them (list item "in French;")',
        "paper/travail.docx:7:1: error: a paragraph has one kind of trailing part, and this one has dash items "
        'already: lettered items here would need a paragraph of their own (list item "a manual.")',
        "paper/travail.docx:8:1: error: a list goes two levels deep, and this item is at level 3 "
        '(list item "deep")',
    ]


# --- Footnotes ---------------------------------------------------------------------------------------


def test_footnotes_keep_their_italic_and_a_repeated_one_is_ibid(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph([
        "TRAVAIL published a guide.", Note(["See ", Run("Working time", italic=True), ", 2007."]),
        " It was translated.", Note(["See ", Run("Working time", italic=True), ", 2007."])])))
    (para,) = paragraphs(paper)
    assert [(n.number, n.ibid, n.content) for n in para.footnotes] == [
        (1, False, (model.Text("See "), model.Emphasis("italic", (model.Text("Working time"),)),
                    model.Text(", 2007."))),
        (2, True, (model.Emphasis("italic", (model.Text("ibid."),)),)),
    ]


def test_a_problem_in_a_footnote_points_at_the_paragraph_that_holds_its_reference(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph(["A first paragraph."]), Paragraph([
        "TRAVAIL published a guide.", Note(["Annexed to paragraph [#guide]."])])))
    assert diagnostics(paper) == [
        "paper/travail.docx:5:27: error: cross-reference to 'guide', which is no label or section key "
        '(footnote 1 of paragraph "TRAVAIL published a guide.")']


# --- Tables ------------------------------------------------------------------------------------------


def test_a_table_its_header_row_its_caption_and_its_alignment(paper):
    write(paper, "travail.docx", word(
        heading("Other activities"), Paragraph(["Table [#sheets] lists the sheets."]),
        Paragraph(["Table: Information sheets, 2007 {#sheets}"]),
        Table([[["Sheet"], ["Pages"]], [["Working time", Note(["In three languages."])], ["12"]]],
              align=["left", "right"])))
    (table,) = [b for b in blocks(paper) if isinstance(b, model.Table)]
    assert (table.caption, table.label, table.align) == (
        model.Caption("Table 1.", (model.Text("Information sheets, 2007"),)), "sheets", ("left", "right"))
    assert body(paper)[2] == ("Table 1. Information sheets, 2007\n| Sheet | Pages |\n| --- | ---: |\n"
                              "| Working time¹ | 12 |\n¹ In three languages.")


def test_a_caption_in_the_caption_style_with_words_own_number(paper):
    """Word's Insert Caption types `Table`, a SEQ field for the number and a separator: gbpaper
    numbers the table itself, so that is left out."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL published sheets."]))
    writer.add_xml('<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">Table </w:t></w:r>'
                   '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ Table '
                   '\\* ARABIC </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t>'
                   '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">: Information '
                   'sheets</w:t></w:r></w:p>')
    writer.add(Table([[["Sheet"]], [["Working time"]]]))
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == []
    assert body(paper)[2] == "Table 1. Information sheets\n| Sheet |\n| --- |\n| Working time |"


def _seq(number: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ Table \\* ARABIC '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{number}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize(("before", "after", "caption"), [
    ("Regular budget income (table ", ")", "Regular budget income (table 1)"),
    ("Costs of phase ", " and more", "Costs of phase 2 and more")], ids=["at its end", "in its middle"])
def test_a_seq_field_after_the_first_word_of_a_caption_is_its_text_not_words_number(paper, before, after, caption):
    """Only a SEQ field after one word at most (Word's label, `Table`) is Word's own number; one
    further on is text the editor wrote, kept with the usual warning."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL published sheets."]))
    writer.add_xml(f'<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">{before}</w:t>'
                   f'</w:r>{_seq(caption[len(before)])}<w:r><w:t xml:space="preserve">{after}</w:t></w:r></w:p>')
    writer.add(Table([[["Sheet"]], [["Working time"]]]))
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == [
        f"paper/travail.docx:5:{len(before) + 1}: warning: a SEQ field is read as the text Word last showed for it: "
        f'write [#label] where gbpaper should give a number (paragraph "{caption}")']
    assert body(paper)[2] == f"Table 1. {caption}\n| Sheet |\n| --- |\n| Working time |"


def test_a_caption_with_no_table_under_it_is_an_error(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph(["Table: Information sheets"]),
                                      Paragraph(["TRAVAIL published sheets."])))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:1: error: a table's caption ('Table:' or the Caption style) goes directly above "
        "its table, and no table follows it; write it there, or give this paragraph another style "
        '(caption "Table: Information sheets")']


@pytest.mark.parametrize("table", ['<w:tbl><w:tblPr/><w:tblGrid/></w:tbl>',
                                   '<w:tbl><w:tblPr/><w:tblGrid/><w:tr></w:tr></w:tbl>'],
                         ids=["no row", "a row of no cell"])
def test_an_empty_table_is_an_error(paper, table):
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL published sheets."]))
    writer.add_xml(table)
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == [
        "paper/travail.docx:4:1: error: an empty table: a table's first row, its header, has one cell or more"]
    # (a table of no paragraph: at the paragraph before it)


def _edited(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    """The Word file with one replacement made in one of its parts."""
    source, packed = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(packed, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content.replace(old, new, 1) if name == member else content)
    return packed.getvalue()


INSERTED = b'<w:ins w:id="90" w:author="Ed" w:date="2007-01-01T00:00:00Z"><w:r><w:t>new </w:t></w:r></w:ins>'


def test_a_tracked_change_in_a_note_is_located_at_the_paragraph_of_its_reference(paper):
    data = word(heading("Other activities"), Paragraph(["TRAVAIL helped."]),
                Paragraph(["TRAVAIL published a guide.", Note(["See the guide."])]))
    write(paper, "travail.docx", _edited(data, "word/footnotes.xml", b"<w:r><w:t", INSERTED + b"<w:r><w:t"))
    assert diagnostics(paper) == [
        "paper/travail.docx:5:1: error: the document has 1 tracked change not yet accepted or rejected: accept or "
        'reject the tracked changes in Word first (Review > Accept, or Reject) (paragraph "TRAVAIL published a guide.")']


def test_a_row_inserted_with_tracked_changes_is_located_at_its_first_paragraph(paper):
    data = word(heading("Other activities"), Paragraph(["TRAVAIL helped."]),
                Table([[["Year"], ["Sheets"]], [["2007"], ["12"]]]))
    tracked = b'<w:trPr><w:ins w:id="91" w:author="Ed" w:date="2007-01-01T00:00:00Z"/></w:trPr>'
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    second_row = document.index(b"<w:tr>", document.index(b"<w:tr>") + 1) + len(b"<w:tr>")
    edited = _edited(data, "word/document.xml", document, document[:second_row] + tracked + document[second_row:])
    write(paper, "travail.docx", edited)
    assert diagnostics(paper) == [
        "paper/travail.docx:7:1: error: the document has 1 tracked change not yet accepted or rejected: accept or "
        'reject the tracked changes in Word first (Review > Accept, or Reject) (paragraph "2007")']


# --- What the paper cannot carry: warned about, never silently lost ---------------------------------------


def test_fields_are_read_as_the_text_word_shows_except_page_numbers(paper):
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">Written on </w:t></w:r><w:fldSimple w:instr=" DATE \\@ '
        '&quot;d MMMM yyyy&quot; "><w:r><w:t>8 October 2007</w:t></w:r></w:fldSimple><w:r><w:t xml:space='
        '"preserve">, page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
        ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:12: warning: a DATE field is read as the text Word last showed for it '
        '(paragraph "Written on 8 October 2007, page .")']
    assert body(paper)[1] == "1. Written on 8 October 2007, page ."


def test_todays_date_in_a_run_is_left_out_with_a_warning_and_its_page_number_without(paper):
    """Word's date and page blocks in a run (w:dayLong, w:pgNum, ...) hold no text: Word shows
    today's date or the page in their place. Before: the date was lost without a word."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">Written on </w:t><w:dayLong/><w:t xml:space="preserve"> </w:t>'
        '<w:monthShort/><w:t xml:space="preserve">, page </w:t><w:pgNum/><w:t>.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:12: warning: today's date, as Word shows it (w:dayLong), is left out: type the date "
        '(paragraph "Written on , page .")',
        "paper/travail.docx:4:13: warning: today's date, as Word shows it (w:monthShort), is left out: type the "
        'date (paragraph "Written on , page .")']
    assert body(paper)[1] == "1. Written on , page ."


def test_hyperlinks_keep_their_text_and_hidden_text_is_left_out_with_a_warning(paper):
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"))
    rel = writer.document.part.relate_to("https://www.ilo.org/travail", "http://schemas.openxmlformats.org/"
                                         "officeDocument/2006/relationships/hyperlink", is_external=True)
    writer.add_xml('<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
                   f'<w:hyperlink r:id="{rel}"><w:r><w:t>the TRAVAIL web site</w:t></w:r></w:hyperlink><w:r><w:rPr>'
                   '<w:vanish/></w:rPr><w:t xml:space="preserve"> (to be checked)</w:t></w:r><w:r><w:t>.</w:t></w:r>'
                   '</w:p>')
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: warning: the document has 1 hyperlink: its text is kept and its address left "
        'out, as a GB paper prints no links (paragraph "Unit: TRAVAIL")',
        'paper/travail.docx:4:1: warning: hidden text is left out: "(to be checked)" (Font > Hidden in Word) '
        '(paragraph "See the TRAVAIL web site.")',
    ]
    assert body(paper)[1] == "1. See the TRAVAIL web site."


def test_a_phonetic_guide_is_left_out_with_a_warning_and_the_text_under_it_kept(paper):
    """Before: both the text and its guide were lost, without a word."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">TRAVAIL met in </w:t></w:r><w:r><w:ruby><w:rubyPr/>'
        '<w:rt><w:r><w:t>toukyou</w:t></w:r></w:rt><w:rubyBase><w:r><w:rPr><w:i/></w:rPr>'
        '<w:t>Tokyo</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:16: warning: a phonetic guide is left out: "toukyou"; a GB paper has none '
        '(Home > Phonetic Guide in Word) (paragraph "TRAVAIL met in Tokyo.")']
    assert body(paper)[1] == "1. TRAVAIL met in *Tokyo*."


def test_text_in_an_element_gbpaper_does_not_read_is_left_out_with_a_warning(paper):
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">TRAVAIL helped</w:t></w:r><w:future><w:r><w:t>'
        ' in Lima</w:t></w:r></w:future><w:r><w:t>.</w:t><w:later><w:t>and more</w:t></w:later></w:r>'
        '</w:p>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:15: warning: text in a Word element that gbpaper does not read (future) is left '
        'out: "in Lima" (paragraph "TRAVAIL helped.")',
        'paper/travail.docx:4:16: warning: text in a Word element that gbpaper does not read (later) is left '
        'out: "and more" (paragraph "TRAVAIL helped.")']
    assert body(paper)[1] == "1. TRAVAIL helped."


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
AFTER = '<w:p><w:r><w:t>TRAVAIL also helped.</w:t></w:r></w:p>'


def test_a_field_that_never_ends_is_an_error_not_the_rest_of_the_document_lost(paper):
    """Before: a page number's field with no end hid every paragraph after it, without a word."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>3</w:t></w:r></w:p>', AFTER))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:6: error: a PAGE field begun here never ends, and would hide all that follows it: "
        "the document is damaged; delete the field, or save the document again in Word"]


def test_what_a_page_numbers_field_holds_beside_its_number_is_left_out_with_a_warning(paper):
    """Before: a paragraph, a footnote or a cell's text in a PAGE field's result was lost without a word."""
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    write(paper, "travail.docx", other_activities(
        f'<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>{begin}<w:r><w:t>3</w:t></w:r>{end}</w:p>',
        f'<w:p><w:r><w:t xml:space="preserve">Begun </w:t></w:r>{begin}<w:r><w:t>4</w:t></w:r></w:p>',
        '<w:p><w:r><w:t>A whole paragraph.</w:t></w:r></w:p>',
        f'<w:p>{end}<w:r><w:t xml:space="preserve">ended.</w:t></w:r></w:p>',
        '<w:p><w:r><w:t xml:space="preserve">Noted</w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:footnoteReference '
        'w:id="1"/></w:r></w:fldSimple></w:p>'))
    assert diagnostics(paper) == [
        "paper/travail.docx:7:1: warning: a PAGE field is left out, as Word shows a page number in its place, "
        'and with it what its result holds: "4 A whole paragraph." (paragraph "ended.")',
        "paper/travail.docx:8:6: warning: a PAGE field is left out, as Word shows a page number in its place, "
        'and with it what its result holds: 1 footnote reference (paragraph "Noted")']
    assert body(paper)[1:5] == ["1. Page", "2. Begun", "3. ended.", "4. Noted"]


def test_a_field_left_open_whose_result_is_shown_hides_nothing(paper):
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">Written on </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> DATE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>8 October 2007.</w:t></w:r></w:p>', AFTER))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:12: warning: a DATE field is read as the text Word last showed for it '
        '(paragraph "Written on 8 October 2007.")']
    assert body(paper)[1:3] == ["1. Written on 8 October 2007.", "2. TRAVAIL also helped."]


def test_paragraphs_in_alternate_content_are_read_from_its_first_choice_word_understands(paper):
    """Before: the paragraphs of a block-level mc:AlternateContent were lost, without a word; and
    a choice that requires what Word does not understand was read, where Word reads the next."""
    write(paper, "travail.docx", other_activities(
        f'<mc:AlternateContent {MC} {W14}><mc:Choice Requires="w14"><w:p><w:r><w:t>TRAVAIL chose.</w:t></w:r>'
        '</w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>TRAVAIL fell back.</w:t></w:r></w:p></mc:Fallback>'
        '</mc:AlternateContent>',
        f'<mc:AlternateContent {MC} {W14} xmlns:zz="urn:unknown"><mc:Choice Requires="zz"><w:p><w:r>'
        '<w:t>Unseen in Word.</w:t></w:r></w:p></mc:Choice><mc:Choice Requires="w14 undeclared"><w:p><w:r><w:t>'
        'Unseen too.</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>TRAVAIL fell back.</w:t></w:r></w:p>'
        '</mc:Fallback></mc:AlternateContent>', AFTER))
    assert diagnostics(paper) == []
    assert body(paper)[1:4] == ["1. TRAVAIL chose.", "2. TRAVAIL fell back.", "3. TRAVAIL also helped."]


def test_rows_in_a_content_control_are_rows_of_the_table(paper):
    """Before: a row in a repeating section (w:sdt) or custom XML was lost, without a word."""
    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"

    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t>TRAVAIL held meetings:</w:t></w:r></w:p>',
        f'<w:tbl>{row("Year", "Meetings")}<w:sdt><w:sdtPr/><w:sdtContent>{row("2006", "2")}</w:sdtContent></w:sdt>'
        f'<w:customXml w:element="r">{row("2007", "3")}</w:customXml></w:tbl>'))
    assert diagnostics(paper) == []
    assert body(paper)[2] == "| Year | Meetings |\n| --- | --- |\n| 2006 | 2 |\n| 2007 | 3 |"


def test_text_among_paragraphs_in_an_element_gbpaper_does_not_read_is_left_out_with_a_warning(paper):
    write(paper, "travail.docx", other_activities(
        AFTER, '<w:future><w:p><w:r><w:t>TRAVAIL will help.</w:t></w:r></w:p></w:future>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:1: warning: text in a Word element that gbpaper does not read (future) is left out: '
        '"TRAVAIL will help."']
    assert body(paper)[1] == "1. TRAVAIL also helped."


def test_a_note_reads_its_alternate_content_and_its_field_that_never_ends_is_an_error(paper):
    def document(second_note: str) -> bytes:
        writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
            "TRAVAIL helped.", Note(["See the report."]), " Again.", Note([""])]))
        writer.notes[0] += (f'</w:p><mc:AlternateContent {MC} {W14}><mc:Choice Requires="w14"><w:p><w:r><w:t>Its '
                            'annex.</w:t></w:r></w:p></mc:Choice></mc:AlternateContent><w:p>')
        writer.notes[1] = second_note
        return writer.save()

    write(paper, "travail.docx", document('<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar '
                                          'w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                                          '<w:r><w:t>and more</w:t></w:r>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:23: error: a PAGE field begun here never ends, and would hide all that follows it: '
        'the document is damaged; delete the field, or save the document again in Word (footnote 2 of paragraph '
        '"TRAVAIL helped. Again.")']
    write(paper, "travail.docx", document("<w:r><w:t>Page 3.</w:t></w:r>"))
    assert diagnostics(paper) == []
    assert "\n¹ See the report. Its annex.\n² Page 3.\n" in paper.text()


def test_text_in_headers_and_footers_is_left_out_with_a_warning_page_numbers_without(paper):
    def document(header: str) -> bytes:
        writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                                  Paragraph(["TRAVAIL helped."]))
        section = writer.document.sections[0]
        section.header.paragraphs[0].text = header
        section.footer.paragraphs[0]._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        return writer.save()

    write(paper, "travail.docx", document("Draft of TRAVAIL"))
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: warning: the document's headers and footers are not read, a GB paper's being "
        'gbpaper\'s own: "Draft of TRAVAIL" (paragraph "Unit: TRAVAIL")']
    write(paper, "travail.docx", document(""))
    assert diagnostics(paper) == []


def test_a_document_with_a_part_twice_is_refused(paper):
    """Before: the last copy was read without a word, where another program may show the first."""
    packed = io.BytesIO(WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                                         Paragraph(["The first copy."])).save())
    second = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["The second copy."])).save()
    with zipfile.ZipFile(io.BytesIO(second)) as package:
        document = package.read("word/document.xml")
    with zipfile.ZipFile(packed, "a") as package, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (zipfile warns of a name written twice)
        package.writestr("word/document.xml", document)
    write(paper, "travail.docx", packed.getvalue())
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: error: the document has two members named 'word/document.xml', which a package "
        "may not have: programs differ on which of them they read; save the document again"]


def test_a_text_of_more_than_10_mb_in_one_piece_is_refused_as_such(paper):
    """Before: `not well-formed XML (Resource limit exceeded: ...)`, of XML that is well formed."""
    saved = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                             Paragraph(["TRAVAIL-TEXT"])).save()
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            package.writestr(name, source.read(name).replace(b"TRAVAIL-TEXT", b"x" * 11 * 2**20))
    write(paper, "travail.docx", packed.getvalue())
    [message] = diagnostics(paper)
    assert re.fullmatch(r"paper/travail\.docx:1:1: error: the document has a part, 'word/document\.xml', with a "
                        r"text or value of more than 10 MB in one piece \(line 2, column \d+\), more than gbpaper "
                        r"reads", message), message


def test_text_a_paragraph_style_hides_is_left_out_with_a_warning(paper):
    """Before: it was read as if shown (a character style's was left out)."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL helped."]), Paragraph(["A note to the editor."], style="Hidden"))
    styles = writer.document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Hidden">'
                            '<w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>'))
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == [
        'paper/travail.docx:5:1: warning: hidden text is left out: "A note to the editor." (Font > Hidden in Word) '
        '(empty paragraph)']
    assert body(paper)[1:] == ["1. TRAVAIL helped."]


def edited(document: bytes, replacements: dict[str, tuple[str, str] | list[tuple[str, str]]]) -> bytes:
    """document with, in each part named, a text replaced by another (or each of a list of texts,
    in turn), once, where it must be."""
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document)) as source, zipfile.ZipFile(packed, "w") as package:
        for name in source.namelist():
            data = source.read(name)
            pairs = replacements.get(name, [])
            for old, new in [pairs] if isinstance(pairs, tuple) else pairs:
                assert old.encode() in data, (name, old)
                data = data.replace(old.encode(), new.encode(), 1)
            package.writestr(name, data)
    return packed.getvalue()


def test_a_footnotes_own_mark_and_text_in_the_separator_are_left_out_with_a_warning(paper):
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL helped.", Note(["See the report."])]))
    write(paper, "travail.docx", edited(writer.save(), {
        "word/document.xml": ('<w:footnoteReference w:id="1"/>',
                              '<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t>'),
        "word/footnotes.xml": ("<w:separator/></w:r>", "<w:separator/></w:r><w:r><w:t>Confidential</w:t></w:r>")}))
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: warning: the text of the footnotes' separator is not read, a GB paper's being "
        'gbpaper\'s own: "Confidential" (paragraph "Unit: TRAVAIL")',
        "paper/travail.docx:4:16: warning: a footnote's own mark, \"*\", is left out: gbpaper numbers the footnotes "
        '(paragraph "TRAVAIL helped.")']
    assert body(paper)[1].splitlines()[0] == "1. TRAVAIL helped.¹"


def test_text_in_all_caps_is_read_in_capitals_as_word_shows_it(paper):
    """Before, it was read in the letters typed."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t xml:space="preserve">TRAVAIL met the </w:t></w:r><w:r><w:rPr><w:caps/></w:rPr>'
        '<w:t>ilo straße</w:t></w:r><w:r><w:rPr><w:caps w:val="0"/></w:rPr><w:t xml:space="preserve"> team</w:t>'
        '</w:r><w:r><w:t>.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == []
    assert body(paper)[1] == "1. TRAVAIL met the ILO STRAßE team."


def test_all_caps_and_hidden_text_from_the_document_defaults_and_the_table_style(paper):
    """Before, the document's default run properties and a table style's were not read."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL held meetings:"]))
    writer.add_xml('<w:tbl><w:tblPr><w:tblStyle w:val="Calm"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>year</w:t>'
                   '</w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="Hidden"/></w:pPr><w:r><w:t>'
                   'draft</w:t></w:r></w:p><w:p><w:r><w:t>2007</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    styles = writer.document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="table" w:styleId="Calm"><w:name w:val="Calm"/>'
                            '<w:rPr><w:caps w:val="0"/></w:rPr></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Hidden">'
                            '<w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>'))
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    defaults.append(parse_xml(f'<w:caps {nsdecls("w")}/>'))
    write(paper, "travail.docx", writer.save(lean=False))  # (keeping the table style)
    assert diagnostics(paper) == [
        'paper/travail.docx:6:1: warning: hidden text is left out: "draft" (Font > Hidden in Word) (empty paragraph)']
    assert body(paper)[1:3] == ["1. TRAVAIL HELD MEETINGS:", "| year |\n| --- |\n| 2007 |"]


def test_a_table_style_that_hides_its_first_rows_text_gets_a_warning(paper):
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL held meetings:"]))
    writer.add_xml('<w:tbl><w:tblPr><w:tblStyle w:val="Quiet"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>Year</w:t>'
                   '</w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>2007</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    writer.document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:styleId="Quiet"><w:name w:val="Quiet"/><w:tblStylePr '
        'w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr></w:style>'))
    write(paper, "travail.docx", writer.save(lean=False))  # (keeping the table style)
    assert diagnostics(paper) == [
        "paper/travail.docx:5:1: warning: the table's style hides some of its cells' text or puts it in capitals "
        "(for its first row, say), which gbpaper does not follow: the text is read as typed; format the cells "
        'themselves (table cell "Year")']


def test_all_caps_and_hidden_set_by_both_the_paragraph_and_the_character_style_cancel_out(paper):
    """They are toggles: Word shows the text as typed (before, it was read in capitals, or hidden)."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"))
    writer.add_xml('<w:p><w:pPr><w:pStyle w:val="Loud"/></w:pPr><w:r><w:t xml:space="preserve">plain </w:t></w:r>'
                   '<w:r><w:rPr><w:rStyle w:val="LoudChar"/></w:rPr><w:t>toggled</w:t></w:r></w:p>')
    styles = writer.document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Loud"><w:name w:val="Loud"/>'
                            '<w:rPr><w:caps/></w:rPr></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="character" w:styleId="LoudChar"><w:name '
                            'w:val="LoudChar"/><w:rPr><w:caps/></w:rPr></w:style>'))
    write(paper, "travail.docx", writer.save(lean=False))
    assert diagnostics(paper) == []
    assert body(paper)[1] == "1. PLAIN toggled"


def test_text_in_a_symbol_font_is_left_out_with_a_warning(paper):
    """Word shows Symbol's letters abg as the Greek letters, Wingdings' as pictures (LibreOffice
    writes them so, with no w:sym): before, the letters were read as typed, without a word. The
    font may be the run's, its character style's or its paragraph style's, or one the font table
    gives the symbol character set."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"))
    writer.add_xml('<w:p><w:r><w:t xml:space="preserve">Angles </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" '
                   'w:hAnsi="Symbol"/></w:rPr><w:t>abg</w:t></w:r><w:r><w:t xml:space="preserve"> and a tick </w:t>'
                   '</w:r><w:r><w:rPr><w:rStyle w:val="Ticks"/></w:rPr><w:t>\uf0fc</w:t></w:r><w:r><w:rPr>'
                   '<w:rFonts w:ascii="Arial"/></w:rPr><w:t xml:space="preserve"> seen.</w:t></w:r></w:p>')
    writer.add_xml('<w:p><w:pPr><w:pStyle w:val="Dingbats"/></w:pPr><w:r><w:t>n</w:t></w:r><w:r><w:rPr>'
                   '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t xml:space="preserve">'
                   ' TRAVAIL also helped.</w:t></w:r></w:p>')
    writer.style('<w:style w:type="character" w:styleId="Ticks"><w:name w:val="Ticks"/><w:rPr><w:rFonts '
                 'w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr></w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Dingbats"><w:name w:val="Dingbats"/><w:rPr><w:rFonts '
                 'w:ascii="Ornaments" w:hAnsi="Ornaments"/></w:rPr></w:style>')
    write(paper, "travail.docx", edited(writer.save(lean=False), {"word/fontTable.xml": (
        "</w:fonts>", '<w:font w:name="Ornaments"><w:charset w:val="02"/></w:font></w:fonts>')}))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:1: warning: text in the symbol font \'Symbol\' is left out: "abg", which Word shows '
        'as symbols: type the characters themselves in a text font (paragraph "Angles and a tick seen.")',
        'paper/travail.docx:4:1: warning: text in the symbol font \'Wingdings\' is left out: "\uf0fc", which Word '
        'shows as symbols: type the characters themselves in a text font (paragraph "Angles and a tick seen.")',
        'paper/travail.docx:5:1: warning: text in the symbol font \'Ornaments\' is left out: "n", which Word '
        'shows as symbols: type the characters themselves in a text font (paragraph "TRAVAIL also helped.")']
    assert body(paper)[1:3] == ["1. Angles and a tick seen.", "2. TRAVAIL also helped."]


def test_a_footnote_whose_reference_is_hidden_is_left_out_with_a_warning(paper):
    """Word hides its mark: before, the note was printed."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL helped.", Note(["A note to the editor."]), " Then it met.", Note(["See the report."])]))
    write(paper, "travail.docx", edited(writer.save(), {"word/document.xml": (
        '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/>',
        '<w:vertAlign w:val="superscript"/><w:vanish/></w:rPr><w:footnoteReference w:id="1"/>')}))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:16: warning: a footnote whose reference is hidden text is left out, and its text '
        'with it: "A note to the editor." (Font > Hidden in Word) (paragraph "TRAVAIL helped. Then it met.")']
    assert body(paper)[1].splitlines() == ["1. TRAVAIL helped. Then it met.¹", "¹ See the report."]


def test_comments_and_processing_instructions_inside_a_text_are_skipped_the_text_kept(paper):
    """Word ignores them; before, the text after one was lost, in the body and in the notes."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL helped.", Note(["See the report."])]))
    write(paper, "travail.docx", edited(writer.save(), {
        "word/document.xml": ("TRAVAIL helped.", "TRAVAIL <!-- a comment -->helped<?pi here?> in Lima."),
        "word/footnotes.xml": ("See the report.", "See the<!-- - --> report of 2007.")}))
    assert diagnostics(paper) == []
    assert body(paper)[1].splitlines() == ["1. TRAVAIL helped in Lima.¹", "¹ See the report of 2007."]


def test_the_spaces_at_the_ends_of_a_text_not_marked_to_keep_them_are_dropped_as_word_does(paper):
    """Word shows `<w:t>Before</w:t><w:t> after</w:t>` as "Beforeafter", unless xml:space="preserve"
    keeps the space; before, gbpaper kept it."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t>TRAVAIL</w:t></w:r><w:r><w:t> help</w:t></w:r><w:r><w:t xml:space="preserve">ed </w:t>'
        '</w:r><w:r><w:t>\t in  </w:t></w:r><w:r><w:t>Lima.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == []
    assert body(paper)[1] == "1. TRAVAILhelped inLima."


def test_a_footnotes_paragraph_style_hides_its_text_or_puts_it_in_capitals(paper):
    """As in the body: before, a note's paragraph style was not read."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL helped.", Note(["See the report."])]))
    writer.style('<w:style w:type="paragraph" w:styleId="Loud"><w:name w:val="Loud"/><w:rPr><w:caps/></w:rPr>'
                 '</w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:rPr><w:vanish/></w:rPr>'
                 '</w:style>')
    writer.style('<w:style w:type="character" w:styleId="QuietChar"><w:name w:val="QuietChar"/><w:rPr><w:vanish/>'
                 '</w:rPr></w:style>')
    write(paper, "travail.docx", edited(writer.save(lean=False), {"word/footnotes.xml": (
        '<w:footnote w:id="1"><w:p>',
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="Quiet"/></w:pPr><w:r><w:t>To be checked.</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="QuietChar"/></w:rPr><w:t xml:space="preserve">Shown. </w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Loud"/></w:pPr>')}))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:16: warning: hidden text is left out: "To be checked." (Font > Hidden in Word) '
        '(footnote 1 of paragraph "TRAVAIL helped.")']
    assert body(paper)[1].splitlines() == ["1. TRAVAIL helped.¹", "¹ Shown. SEE THE REPORT."]


def test_a_footnote_in_a_text_box_or_a_fields_instruction_is_named_when_left_out(paper):
    """Before, the text box's warning did not say a note went with it, and a note in a field's
    instruction was lost without a word."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL helped.", Note(["In the box."]), " Then it met.", Note(["In the instruction."])]))
    reference = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
    write(paper, "travail.docx", edited(writer.save(), {"word/document.xml": [
        (reference.format(1), '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
                              '<w:txbxContent><w:p><w:r><w:t>Key figures</w:t></w:r><w:r><w:footnoteReference '
                              'w:id="1"/></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'),
        (reference.format(2), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                              ' QUOTE "x" </w:instrText></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r>'
                              '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>!</w:t></w:r><w:r><w:fldChar '
                              'w:fldCharType="end"/></w:r>')]}))
    paragraph = '(paragraph "TRAVAIL helped. Then it met.!")'
    assert diagnostics(paper) == [
        'paper/travail.docx:4:16: warning: a text box is left out, and its text with it: "Key figures" and 1 '
        f"footnote reference; a GB paper has no text boxes: move its text into a paragraph {paragraph}",
        "paper/travail.docx:4:29: warning: a QUOTE field is read as the text Word last showed for it "
        f"{paragraph}",
        'paper/travail.docx:4:29: warning: a footnote whose reference is in a field\'s instruction is left out, '
        'and its text with it: "In the instruction.": Word shows the field\'s result, not its instruction '
        f"{paragraph}"]
    assert body(paper)[1] == "1. TRAVAIL helped. Then it met.!"


def test_a_paragraph_whose_mark_is_hidden_gets_a_warning(paper):
    """Word shows it run into the next paragraph (a style separator too); gbpaper reads two. The
    mark is hidden as a run's text is: by itself, its character style or the paragraph's style."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"))
    writer.add_xml('<w:p><w:pPr><w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr><w:r><w:t>TRAVAIL helped.</w:t>'
                   '</w:r></w:p>')
    writer.add_xml('<w:p><w:pPr><w:rPr><w:rStyle w:val="Quiet"/></w:rPr></w:pPr><w:r><w:t>TRAVAIL met.</w:t></w:r>'
                   '</w:p>')
    writer.add_xml('<w:p><w:pPr><w:pStyle w:val="QuietMark"/></w:pPr><w:r><w:rPr><w:vanish w:val="0"/></w:rPr>'
                   '<w:t>TRAVAIL wrote.</w:t></w:r></w:p>')
    writer.add_xml(AFTER)
    writer.style('<w:style w:type="character" w:styleId="Quiet"><w:name w:val="Quiet"/><w:rPr><w:vanish/></w:rPr>'
                 '</w:style>')
    writer.style('<w:style w:type="paragraph" w:styleId="QuietMark"><w:name w:val="QuietMark"/><w:rPr><w:vanish/>'
                 '</w:rPr></w:style>')
    write(paper, "travail.docx", writer.save(lean=False))
    assert diagnostics(paper) == [
        f"paper/travail.docx:{line}:1: warning: the paragraph's mark is hidden (Font > Hidden, or a style "
        "separator): Word shows the paragraph run into the next, and gbpaper reads them as two; unhide the mark, "
        f'or join the paragraphs (paragraph "{text}")'
        for line, text in ((4, "TRAVAIL helped."), (5, "TRAVAIL met."), (6, "TRAVAIL wrote."))]
    assert body(paper)[1:5] == ["1. TRAVAIL helped.", "2. TRAVAIL met.", "3. TRAVAIL wrote.", "4. TRAVAIL also helped."]


def test_a_drop_cap_is_an_error(paper):
    """Word shows its letter as the first of the next paragraph: before, the paper had a
    paragraph `T` and one `he Office...`."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/>'
        '</w:pPr><w:r><w:t>T</w:t></w:r></w:p>', '<w:p><w:r><w:t>RAVAIL helped.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:1: error: a drop cap ("T"): Word shows it as the first letters of the next paragraph, '
        "which gbpaper would read as two; remove the drop cap (in Word: Insert > Drop Cap > None) (paragraph "
        '"T")']


def test_a_footnote_in_a_phonetic_guide_ink_and_a_subdocument_are_named_when_left_out(paper):
    """Before, each was lost without a word."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL met in Tokyo.", Note(["In the guide."])]))
    write(paper, "travail.docx", edited(writer.save(), {"word/document.xml": [
        ("TRAVAIL met in Tokyo.</w:t></w:r>",
         'TRAVAIL met in </w:t></w:r><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>toukyou</w:t></w:r><w:r>'
         '<w:footnoteReference w:id="1"/></w:r></w:rt><w:rubyBase><w:r><w:t>Tokyo</w:t></w:r></w:rubyBase></w:ruby>'
         '</w:r><w:r><w:contentPart r:id="rId99"/></w:r><w:r><w:t>.</w:t></w:r>'),
        ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>',
         '</w:p><w:p><w:subDoc r:id="rId98"/></w:p>')]}))
    paragraph = '(paragraph "TRAVAIL met in Tokyo.")'
    assert diagnostics(paper) == [
        'paper/travail.docx:4:16: warning: a phonetic guide is left out: "toukyou" and 1 footnote reference; a GB '
        f"paper has none (Home > Phonetic Guide in Word) {paragraph}",
        f"paper/travail.docx:4:21: warning: a drawing in ink is left out: a GB paper has text only {paragraph}",
        "paper/travail.docx:5:1: warning: a subdocument (a document linked into this one) is left out: paste its "
        "text into the document (empty paragraph)"]
    assert body(paper)[1] == "1. TRAVAIL met in Tokyo."


def test_a_run_in_right_to_left_or_complex_script_takes_its_complex_script_font_and_emphasis(paper):
    """Word shows such a run in the font of w:cs, italic and bold as w:iCs and w:bCs say: before,
    Symbol's letters there were read as letters, and w:i made it italic."""
    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:rPr><w:i/><w:rtl/></w:rPr><w:t xml:space="preserve">TRAVAIL </w:t></w:r><w:r><w:rPr><w:iCs/>'
        '<w:cs/></w:rPr><w:t xml:space="preserve">helped </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Arial" '
        'w:hAnsi="Arial" w:cs="Symbol"/><w:rtl/></w:rPr><w:t>abg</w:t></w:r><w:r><w:rPr><w:rFonts w:cs="Symbol"/>'
        '</w:rPr><w:t>.</w:t></w:r></w:p>'))
    assert diagnostics(paper) == [
        'paper/travail.docx:4:1: warning: text in the symbol font \'Symbol\' is left out: "abg", which Word shows '
        'as symbols: type the characters themselves in a text font (paragraph "TRAVAIL helped .")']
    assert body(paper)[1] == "1. TRAVAIL *helped* ."


def test_two_footnotes_of_one_id_are_an_error(paper):
    """Programs read one or the other: before, the last was read, without a word."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"), Paragraph([
        "TRAVAIL helped.", Note(["See the report."])]))
    write(paper, "travail.docx", edited(writer.save(), {"word/footnotes.xml": (
        "</w:footnotes>", '<w:footnote w:id="1"><w:p><w:r><w:t>See another.</w:t></w:r></w:p></w:footnote>'
                          "</w:footnotes>")}))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:16: error: the document has 2 footnotes of this reference's id (1), which programs "
        'read differently: the document is damaged; save it again in Word (footnote 1 of paragraph "TRAVAIL '
        'helped.")']


def test_a_style_of_the_wrong_type_is_not_followed(paper):
    """Word follows a run's w:rStyle only when it names a character style, and a paragraph's
    w:pStyle only when it names a paragraph style: before, their hidden text and headings were."""
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"))
    writer.add_xml('<w:p><w:r><w:rPr><w:rStyle w:val="Quiet"/></w:rPr><w:t>TRAVAIL helped.</w:t></w:r></w:p>')
    writer.add_xml('<w:p><w:pPr><w:pStyle w:val="Heading2Char"/></w:pPr><w:r><w:t>TRAVAIL met.</w:t></w:r></w:p>')
    writer.style('<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:rPr><w:vanish/></w:rPr>'
                 '</w:style>')
    writer.style('<w:style w:type="character" w:styleId="Heading2Char"><w:name w:val="heading 2"/></w:style>')
    write(paper, "travail.docx", writer.save(lean=False))
    assert diagnostics(paper) == []
    assert body(paper)[1:3] == ["1. TRAVAIL helped.", "2. TRAVAIL met."]


def test_a_table_in_a_table_of_contents_is_left_out_with_it(paper):
    """Before, the table was left in the paper with its cells empty."""
    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Contents</w:t></w:r></w:p>',
        f'<w:tbl><w:tr>{cell("Other activities")}{cell("3")}</w:tr></w:tbl>',
        '<w:p><w:r><w:t>End</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>', AFTER))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:1: warning: a table of contents (a TOC field) is left out: a GB paper has none "
        "(empty paragraph)"]
    assert body(paper)[1:] == ["1. TRAVAIL also helped."]


def test_an_equation_among_paragraphs_is_left_out_with_a_warning(paper):
    """Before, one outside a paragraph was lost without a word."""
    write(paper, "travail.docx", other_activities(
        AFTER, '<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:oMath><m:r>'
        '<m:t>x=1</m:t></m:r></m:oMath></m:oMathPara>'))
    assert diagnostics(paper) == [
        "paper/travail.docx:4:1: warning: an equation is left out: a GB paper has none; write it as text"]


def test_a_row_that_leaves_grid_columns_empty_is_an_error(paper):
    """Before, its cells were read as if under the first columns' headers."""
    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    write(paper, "travail.docx", other_activities(
        '<w:p><w:r><w:t>TRAVAIL held meetings:</w:t></w:r></w:p>',
        f'<w:tbl><w:tr>{cell("Year")}{cell("Place")}{cell("Meetings")}</w:tr>'
        f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{cell("Lima")}{cell("2")}</w:tr></w:tbl>'))
    assert diagnostics(paper) == [
        "paper/travail.docx:8:1: error: a row that leaves columns of the table's grid empty, before or after its "
        "cells: each cell of a table stands in one row and one column; give the row a cell in each column "
        '(table cell "Lima")']


def test_an_empty_comments_part_gets_no_warning(paper):
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL helped."]))
    writer.parts["word/comments.xml"] = ('<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                                         '2006/main"/>')
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper) == []


def test_a_password_to_modify_the_document_is_refused(paper):
    writer = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("Other activities"),
                              Paragraph(["TRAVAIL helped."]))
    writer.document.settings.element.append(parse_xml(
        f'<w:writeProtection {nsdecls("w")} w:cryptAlgorithmSid="14" w:hash="aGFzaA==" w:salt="c2FsdA=="/>'))
    write(paper, "travail.docx", writer.save())
    assert diagnostics(paper)[0].startswith(
        "paper/travail.docx:1:1: error: the document is protected by a password")


# --- Files: what is read, what is refused, and hostile ones -------------------------------------------------


def test_the_kinds_of_file_refused_by_name_are_those_the_reader_can_name():
    assert set(OTHER_DOCUMENT_SUFFIXES) == set(OTHER_DOCUMENTS)


def _office_package(main: str, content_type: str, root: str) -> bytes:
    """A package of Office's other kinds: [Content_Types].xml, the package's relationship to its
    main part, and that part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/{main}" '
            f'ContentType="{content_type}"/></Types>'))
        package.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            f'Target="{main}"/></Relationships>'))
        package.writestr(main, root)
    return out.getvalue()


@pytest.mark.parametrize("main, content_type, root, said", [
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
     '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>', "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
     '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
     "a PowerPoint presentation (.pptx)"),
])
def test_a_workbook_or_a_presentation_renamed_docx_is_named(paper, main, content_type, root, said):
    write(paper, "travail.docx", _office_package(main, content_type, root))
    assert diagnostics(paper) == [
        f"paper/travail.docx:1:1: error: the file is {said}, not a .docx document: save it as a .docx document "
        "(in Word: File > Save As > Word Document)"]


def test_suffixes_are_matched_without_regard_to_case(paper):
    """TRAVAIL.DOCX is read as travail.docx is, OLD.DOC refused as a .doc is, and NOTES.TXT
    ignored as notes.txt is."""
    write(paper, "TRAVAIL.DOCX", word(heading("Other activities"), Paragraph(["TRAVAIL helped."])))
    write(paper, "OLD.DOC", b"")
    write(paper, "NOTES.TXT", b"")
    assert diagnostics(paper) == [
        "paper/NOTES.TXT:1:1: warning: ignored: a submission is a .md, .yaml, .yml or .docx file",
        "paper/OLD.DOC:1:1: error: the file is an old Word document (.doc, Word 97-2003), not a .docx document: "
        "save it as a .docx document (in Word: File > Save As > Word Document)"]
    (paper.folder / "OLD.DOC").unlink()
    assert body(paper) == ["III. Other activities", "1. TRAVAIL helped."]


def test_a_translation_pairs_with_its_original_whatever_the_case_of_their_suffixes(tmp_path):
    folder = reference_copy(tmp_path, "paper")
    (folder / "travail.md").rename(folder / "TRAVAIL.MD")
    (folder / "fr" / "travail.md").rename(folder / "fr" / "TRAVAIL.md")
    (folder / "es" / "travail.md").rename(folder / "es" / "TRAVAIL.Md")
    (folder / "ipec.md").unlink()
    shutil.copyfile(DATA / "pandoc" / "ipec.docx", folder / "ipec.DOCX")
    result = compile_paper(folder)
    assert [d.format() for d in result.diagnostics.sorted()] == []
    for version in result.versions:
        assert render_text(version) == (ROOT / "outputs" / f"{version.file_stem}.txt").read_bytes()


def test_words_lock_file_is_skipped_like_a_hidden_file(paper):
    write(paper, "travail.docx", word(heading("Other activities"), Paragraph(["TRAVAIL helped."])))
    write(paper, "~$avail.docx", b"\x0bA. Editor" + bytes(150))
    assert diagnostics(paper) == []


def test_a_symbolic_link_named_docx_is_an_error_and_not_followed(paper, tmp_path):
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(word(heading("Other activities"), Paragraph(["TRAVAIL helped."])))
    os.symlink(outside, paper.folder / "travail.docx")
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: error: a symbolic link, not followed: gbpaper reads only files and folders "
        "inside the paper's folder; put the file or folder itself here"]


def test_a_word_file_over_5_mb_is_refused_before_it_is_unpacked(paper):
    data = word(heading("Other activities"), Paragraph(["TRAVAIL helped."]))
    write(paper, "travail.docx", data + bytes(5 * 2**20 - len(data) + 1))
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: error: the file is 5,242,881 bytes, over the limit of 5,242,880 (5 MB)"]


def test_more_xml_than_a_submission_may_have_is_refused_before_it_is_parsed(paper):
    """Parsed, XML takes about twenty times its size in memory: a submission's is bounded apart."""
    data = word(heading("Other activities"), Paragraph(["TRAVAIL helped."]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content.replace(b"<w:body>", b"<w:body>" + b" " * (21 * 2**20), 1)
            target.writestr(name, content)
    write(paper, "travail.docx", out.getvalue())
    assert diagnostics(paper) == [
        "paper/travail.docx:1:1: error: the document has 21 MB of XML, more than the 20 MB a Word submission "
        "may have"]


def test_damaged_word_files_give_errors_never_a_traceback(paper):
    data = bytearray(word(heading("Other activities"), Paragraph(["TRAVAIL helped.", Note(["A note."])])))
    rng = random.Random(14)
    for trial in range(150):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if trial % 5 == 0:
            del damaged[rng.randrange(len(damaged)):]
        write(paper, "travail.docx", bytes(damaged))
        result = paper.compile()  # raises on a bug
        assert result.paper is not None or result.diagnostics.has_errors


def test_a_member_that_lies_about_its_size_is_caught_as_it_unpacks(paper):
    data = word(heading("Other activities"), Paragraph(["TRAVAIL helped."]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name) + (b" " * 2**20 if name == "word/document.xml" else b""))
    packed = bytearray(out.getvalue())
    # The body part's entry in the central directory declares it far smaller than it unpacks to.
    entry = packed.find(b"word/document.xml", packed.find(b"PK\x01\x02")) - 46
    packed[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
    write(paper, "travail.docx", bytes(packed))
    found = diagnostics(paper)
    assert len(found) == 1 and found[0].startswith("paper/travail.docx:1:1: error: the document has a corrupt "
                                                   "member, 'word/document.xml'")


def test_tables_nested_in_cells_past_what_xml_is_read_to_are_an_error_at_their_paragraph(paper):
    """200 tables each in the cell of the one before: deeper than the XML of a part is read (256
    levels), which is an error at the first paragraph that stands in them (the front lines, the
    heading and one paragraph come first), not the XML parser's message."""
    document = docx.Document()
    for text in ("Unit: TRAVAIL", "Paper: GB.300/MNE/2/1", "Other activities", "TRAVAIL helped:"):
        document.add_paragraph(text, style="Heading 1" if text == "Other activities" else None)
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(200):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    saved = io.BytesIO()
    document.save(saved)
    write(paper, "travail.docx", saved.getvalue())
    assert diagnostics(paper) == [
        "paper/travail.docx:5:1: error: content nested more than 256 levels deep here (tables in table cells, say), "
        "deeper than Word nests anything, and read no further: a GB paper's tables hold text only"]


def test_every_error_of_a_run_is_reported_at_once_and_nothing_is_written(run, paper):
    write(paper, "travail.docx", word(heading("Promotoin activities"), Paragraph(["TRAVAIL helped."])))
    write(paper, "ipec.docx", b"not a Word document")
    paper.write("sector.md", md("SECTOR", "# othr\n\nSECTOR helped.\n"))
    result = run("build", "paper", "-o", "out")
    assert result.exit_code == 1
    assert [line.split(": error: ")[0] for line in result.stderr.splitlines()] == [
        "paper/ipec.docx:1:1", "paper/sector.md:5:3", "paper/travail.docx:3:1"]
    assert not Path("out").exists()


# --- gbpaper new --docx, and gbpaper status -----------------------------------------------------------


def test_new_docx_writes_the_units_document_and_its_translations_which_read_back(run, tmp_path):
    folder = reference_copy(tmp_path, "ref")
    for path in folder.rglob("ilo-tokyo.md"):
        path.unlink()
    result = run("new", "ILO-Tokyo", "ref", "--docx")
    assert (result.exit_code, result.stdout.splitlines()) == (
        0, ["ref/ilo-tokyo.docx", "ref/fr/ilo-tokyo.docx", "ref/es/ilo-tokyo.docx"])
    document = docx.Document(str(folder / "fr" / "ilo-tokyo.docx"))
    assert [(p.style.name, p.text) for p in document.paragraphs][:5] == [
        ("Normal", "Unit: ILO-Tokyo"), ("Normal", "Paper: GB.300/MNE/2/1"), ("Heading 1", "introduction"),
        ("Heading 1", "Vers une approche plus cohérente et ciblée de la RSE"),
        ("Heading 1", "Faits nouveaux concernant les activités du Bureau liées à la RSE")]
    assert [(p.style.name, p.text) for p in document.paragraphs][5] == ("Heading 2", "Développement des connaissances")
    checked = run("check", "ref")
    assert (checked.exit_code, checked.stderr) == (
        0, "ref/paper.yaml:18:59: warning: contributor 'ILO-Tokyo' has sent no submission\n")
    filled = docx.Document(str(folder / "ilo-tokyo.docx"))  # a paragraph under `introduction`
    filled.paragraphs[3].insert_paragraph_before("ILO Tokyo held a seminar.")
    filled.save(str(folder / "ilo-tokyo.docx"))
    assert run("check", "ref").stderr.splitlines() == [  # the paragraph is read, and not yet translated
        "ref/es/ilo-tokyo.docx:1:1: error: section 'introduction' of ilo-tokyo.docx:3 is missing here",
        "ref/fr/ilo-tokyo.docx:1:1: error: section 'introduction' of ilo-tokyo.docx:3 is missing here",
    ]


def test_new_docx_will_not_write_beside_the_units_markdown(run, tmp_path):
    reference_copy(tmp_path, "ref")
    result = run("new", "ILO-Tokyo", "ref", "--docx")
    assert result.exit_code == 2
    assert "ref/ilo-tokyo.md already exists: the unit would have its submission twice" in result.stderr


def test_status_counts_a_word_submission_as_its_markdown(run, tmp_path):
    reference_copy(tmp_path, "ref")
    markdown = json.loads(run("status", "ref", "--format", "json").stdout)
    shutil.rmtree(tmp_path / "ref")
    (tmp_path / "units.yaml").unlink()
    folder = flavoured_copy(tmp_path, "libreoffice")
    folder.rename(tmp_path / "ref")
    in_word = json.loads(run("status", "ref", "--format", "json").stdout)
    for a, b in zip(markdown[0]["contributors"], in_word[0]["contributors"]):
        assert b["files"] == [Path(name).stem + ".docx" for name in a["files"]]
        # EMP/MULTI refers to one footnote twice in Markdown: in Word, which never shares a
        # footnote, those are two, and the words of the second count too ("GB.298/10.").
        words = 1 if a["unit"] == "EMP/MULTI" else 0
        assert (b["paragraphs"], b["footnotes"], b["words"]) == (a["paragraphs"], a["footnotes"], a["words"] + words)
