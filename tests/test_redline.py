"""`gbpaper diff OLD NEW --format docx -o FILE`: NEW's Word paper, in the house style, with Word
tracked changes that turn OLD into NEW, for exactly the changes `gbpaper diff` reports
(word.md, section 2).

Each redline is read back as Word shows it with every change accepted, which must be NEW's
Word paper word for word and paragraph for paragraph, in the same paragraph properties, and
with every change rejected, which must be OLD's with NEW's numbers (tests/redline_views.py,
where a paragraph that LibreOffice would keep, empty, shows); and its revisions are counted: a
paragraph inserted or deleted whole is one `w:ins` or `w:del` for its text and one for its
paragraph mark, a word changed one `w:del` and one `w:ins`, a row inserted or deleted one more
for the row.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from gbpaper import diff
from gbpaper.redline import revising
from redline_views import W, View, revisions, view
from reference_copy import edit, reference_copy
from test_diff import FIRST_PARAGRAPH_REMOVED_NOTES, with_a_glossary_first, without_its_first_paragraph
from test_docx_conformance import schema, violations  # noqa: F401 (a fixture)

PFA = ROOT / "inputs" / "GB.300-PFA-5"
POL = ROOT / "inputs" / "GB.326-POL-8"

IPEC_GUIDE = ("IPEC also published a guide for companies on child labour in supply chains.[^guide]\n\n"
              "[^guide]: Available on the IPEC web site.\n\n")


def copies(tmp_path: Path, source: Path = ROOT / "inputs" / "GB.300-MNE-2-1",
           languages: bool = False) -> tuple[Path, Path]:
    """A paper of inputs/ twice, as old/ and new/ (in its original language alone unless
    asked), for a test to edit new/."""
    return (reference_copy(tmp_path, "old", languages, source),
            reference_copy(tmp_path, "new", languages, source))


def redline(run, old: str = "old", new: str = "new", *options: str, status: int = 1) -> bytes:
    result = run("diff", old, new, "--format", "docx", "-o", "redline.docx", *options)
    assert (result.exit_code, result.stdout, result.stderr) == (status, "", "")
    return Path("redline.docx").read_bytes()


def word_paper(run, folder: str, *options: str) -> bytes:
    """The folder's Word paper as `gbpaper build` writes it."""
    result = run("build", folder, "--format", "docx", "-o", f"{folder}-word", *options)
    assert result.exit_code == 0, result.output
    [paper] = Path(f"{folder}-word").glob("*.docx")
    return paper.read_bytes()


def numbers_aside(text: View) -> View:
    """A document's text and layout without its paragraphs' numbers and its appendices' labels'
    numerals."""
    return View([re.sub(r"^(Appendix|Annex) [IVXLCDM]+$", r"\1", re.sub(r"^\d+\.\t", "", paragraph))
                 for paragraph in text.paragraphs], text.notes, text.layout)


def assert_turns_old_into_new(run, data: bytes, *options: str, layout: bool = True) -> None:
    """Accepting every change gives NEW's Word paper; rejecting every one gives OLD's, with
    NEW's numbers: their text and, unless told not to (the Word paper of a NEW text output has
    its headings in the first heading style, the folder's not), their layout."""
    views = [view(data, accept=True), view(word_paper(run, "new", *options), accept=True),
             numbers_aside(view(data, accept=False)), numbers_aside(view(word_paper(run, "old", *options), accept=True))]
    if not layout:
        views = [replace(found, layout=[]) for found in views]
    accepted, new, rejected, old = views
    assert accepted == new
    assert rejected == old


def marked(data: bytes, part: str = "document") -> list[str]:
    """Each w:ins and w:del of a part, in order: `+text` or `-text` (`^` a note's mark),
    `+¶` or `-¶` for a paragraph mark, `+row` or `-row` for a table's row."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read(f"word/{part}.xml"))
    found = []
    for element in root.iter(f"{{{W}}}ins", f"{{{W}}}del"):
        sign = "+" if element.tag == f"{{{W}}}ins" else "-"
        # Deleted text is w:delText, inserted text w:t (ECMA-376, 17.3.3.7 and 17.3.3.31).
        wrong = f"{{{W}}}t" if sign == "-" else f"{{{W}}}delText"
        assert element.find(f".//{wrong}") is None, f"{etree.tostring(element)!r} holds {wrong}"
        parent = etree.QName(element.getparent()).localname
        if parent in ("rPr", "trPr"):
            found.append(sign + ("¶" if parent == "rPr" else "row"))
            continue
        text = "".join("\t" if node.tag == f"{{{W}}}tab" else "^" if node.tag == f"{{{W}}}footnoteReference"
                       else node.text or ""
                       for node in element.iter(f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}tab",
                                                f"{{{W}}}footnoteReference"))
        found.append(sign + text)
    return found


# The example -----------------------------------------------------------------------


def test_one_paragraph_with_a_footnote_inserted_and_one_word_changed_are_all_the_redline_marks(run, tmp_path):
    """Word's own Compare marks 53 revisions here, 50 of them paragraph numbers moving by one."""
    _, new = copies(tmp_path)
    edit(new / "ipec.md", "## Tripartite", IPEC_GUIDE + "## Tripartite")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    data = redline(run)
    assert marked(data) == [
        "+¶", "+10.\tIPEC also published a guide for companies on child labour in supply chains.^",
        "-implement", "+carry out",
    ]
    assert marked(data, "footnotes") == ["+¶", "+ Available on the IPEC web site."]
    assert revisions(data) == {"document": {"ins": 3, "del": 1}, "footnotes": {"ins": 2, "del": 0}}
    assert_turns_old_into_new(run, data)


def revision_attributes(data: bytes) -> list[dict[str, str]]:
    """The attributes of each revision (w:ins, w:del, w:pPrChange) of the body, then of the notes,
    in document order."""
    attributes = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in ("document", "footnotes"):
            root = etree.fromstring(package.read(f"word/{part}.xml"))
            attributes += [{etree.QName(name).localname: value for name, value in element.attrib.items()}
                           for element in root.iter(f"{{{W}}}ins", f"{{{W}}}del", f"{{{W}}}pPrChange")]
    return attributes


def test_every_revision_is_by_gbpaper_at_one_time_numbered_in_document_order(run, tmp_path):
    """A paragraph mark's revision comes before those of the paragraph's text."""
    _, new = copies(tmp_path)
    edit(new / "ipec.md", "## Tripartite", IPEC_GUIDE + "## Tripartite")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    attributes = revision_attributes(redline(run))
    assert [int(a.pop("id")) for a in attributes] == list(range(1, 7))
    assert attributes == [{"author": "gbpaper", "date": "2000-01-01T00:00:00Z"}] * 6


def test_the_same_old_and_new_give_the_same_bytes(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    first = redline(run)
    assert redline(run) == first


def test_identical_inputs_exit_0_and_give_news_word_paper_itself(run, tmp_path):
    copies(tmp_path)
    data = redline(run, status=0)
    assert revisions(data) == {"document": {"ins": 0, "del": 0}, "footnotes": {"ins": 0, "del": 0}}
    assert data == word_paper(run, "new")


def test_a_text_output_against_its_own_folder_marks_no_cross_reference(run, tmp_path):
    """A text output read back has a cross-reference's value as text, the folder has it as a
    cross-reference: alike, they are no change (before, GB.300/PFA/5's five were deleted and
    inserted again, with no change reported). A paragraph inserted before them renumbers them,
    which is not marked either."""
    copies(tmp_path, PFA)
    assert run("build", "old", "-o", "old-out", "--format", "txt").exit_code == 0
    text = "old-out/GB.300-PFA-5.en.txt"
    for old, new in ((text, "new"), ("new", text)):
        assert revisions(redline(run, old, new, status=0)) == {"document": {"ins": 0, "del": 0},
                                                               "footnotes": {"ins": 0, "del": 0}}
    assert redline(run, text, "new", status=0) == word_paper(run, "new")
    edit(tmp_path / "new" / "facilities.md", "# introduction\n", "# introduction\n\nA paragraph put first.\n")
    assert marked(redline(run, text, "new")) == ["+¶", "+1.\tA paragraph put first."]


# Each kind of change -------------------------------------------------------------------------


def test_a_removed_paragraph_is_deleted_where_it_stood(run, tmp_path):
    _, new = copies(tmp_path)
    (new / "ilo-brussels.yml").unlink()
    data = redline(run)
    assert marked(data) == ["-¶", "-26.\tILO Brussels participated in several CSR seminars and debates "
                            "including those with DEXIA Bank, Coca-Cola Europe and Hamburg University."]
    accepted = view(data, accept=False).paragraphs
    at = accepted.index(next(p for p in accepted if p.startswith("26.\tILO Brussels")))
    assert accepted[at - 1].startswith("25.\tSRO Budapest") and accepted[at + 1] == "IV. Other activities"
    assert_turns_old_into_new(run, data)


def test_a_moved_paragraph_is_deleted_where_it_was_and_inserted_where_it_is(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "ipec.md", "# knowledge\n\nIPEC has prepared", "## Tripartite and expert meetings\n\nIPEC has prepared")
    data = redline(run)
    assert [mark[:24] for mark in marked(data)] == [
        "-¶", "-9.\tIPEC has prepared ca", "+¶", "+14.\tIPEC has prepared c"]
    assert_turns_old_into_new(run, data)


def test_a_paragraph_moved_with_its_footnote_takes_the_note_along(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "travail.md", "# I. Knowledge development", "# Tripartite and expert meetings")
    data = redline(run)
    assert marked(data, "footnotes") == ["-¶", "- All items are available on the TRAVAIL web site.",
                                         "+¶", "+ All items are available on the TRAVAIL web site."]
    assert_turns_old_into_new(run, data)


def test_a_footnote_edited_is_changed_word_by_word_in_the_note(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "travail.md", "TRAVAIL web site.", "TRAVAIL website.")
    data = redline(run)
    assert (marked(data), marked(data, "footnotes")) == ([], ["-web site.", "+website."])
    assert_turns_old_into_new(run, data)


def test_a_paragraph_rewritten_with_its_notes(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "emp-multi.md", """This paper, requested by the Subcommittee on Multinational Enterprises, summarizes new
information on CSR-related activities of the ILO including the International Training
Centre. It updates the information provided previously[^gb298-mne] and takes into account
suggestions provided in the March 2007 Governing Body.[^gb298-10]""",
         "Here the Office reports once more.[^gb298-mne] So the Governing Body asked.[^gb298-10]")
    data = redline(run)
    assert revisions(data) == {"document": {"ins": 2, "del": 2}, "footnotes": {"ins": 4, "del": 4}}
    assert_turns_old_into_new(run, data)


def test_the_notes_of_a_removed_paragraph_are_deleted_with_it_and_an_ibid_after_them_changed(run, tmp_path):
    """The redline and the report tell one story: paragraph 1's notes deleted with it, and the
    note at paragraph 2's mark, *ibid.* in OLD, changed to the text it stood for."""
    _, new = copies(tmp_path)
    without_its_first_paragraph(new)
    data = redline(run)
    assert marked(data, "footnotes") == ["-¶", "- GB.298/MNE/2/1.", "-¶", "- GB.298/10.", "-ibid.", "+GB.298/10."]
    assert run("diff", "old", "new").stdout.splitlines()[1:] == FIRST_PARAGRAPH_REMOVED_NOTES
    assert_turns_old_into_new(run, data)


def footnote_lines(run) -> list[str]:
    """The lines of `gbpaper diff old new` about footnotes."""
    return [line for line in run("diff", "old", "new").stdout.splitlines() if line.startswith("footnote ")]


def test_a_replaced_paragraphs_note_is_deleted_and_inserted_with_it_in_the_report_as_in_the_redline(run, tmp_path):
    """However alike their texts, the note of the paragraph removed goes with it and the note of
    the one inserted comes with it."""
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", "At its 298th Session (March 2007), the Governing Body requested the Office to report\n"
         "on the condition of the headquarters building and on the options for financing its\nrenovation.[^gb298] "
         "This paper responds to that request; the proposed course of action\nis set out in paragraph "
         "[#draft-decision].", "Following a request made in 2007,[^gb298] a completely different opening sentence "
         "is\ngiven here; see paragraph [#draft-decision].")
    data = redline(run)
    assert marked(data, "footnotes") == ["-¶", "- GB.298/PFA/9, paragraphs 12–\u206015.",
                                         "+¶", "+ GB.298/PFA/9, paragraphs 12–\u206015."]
    assert footnote_lines(run) == ["footnote removed (old 1): GB.298/PFA/9, paragraphs 12–15.",
                                   "footnote inserted (new 1): GB.298/PFA/9, paragraphs 12–15."]
    assert_turns_old_into_new(run, data)


def test_a_note_at_a_mark_ending_words_changed_is_changed_however_unlike_its_new_text(run, tmp_path):
    """The mark stays at the end of the words changed before it, and so does its note, changed
    word by word, in the report as in the redline."""
    _, new = copies(tmp_path)
    edit(new / "travail.md", "has been developed.[^site]", "has been set up.[^site]")
    edit(new / "travail.md", "All items are available on the TRAVAIL web site.", "See TRAVAIL's pages.")
    data = redline(run)
    assert (marked(data), marked(data, "footnotes")) == (
        ["-developed.", "+set up."], ["-All items are available on the TRAVAIL web site.", "+See TRAVAIL's pages."])
    assert footnote_lines(run) == [
        "footnote changed (5 -> 5): [-All items are available on the TRAVAIL web site.-]{+See TRAVAIL's pages.+}"]
    assert_turns_old_into_new(run, data)


def test_a_note_at_a_mark_inside_words_changed_is_deleted_and_inserted_with_them(run, tmp_path):
    """In the report as in the redline, however alike its text: a Word note belongs to one mark."""
    _, new = copies(tmp_path)
    edit(new / "emp-multi.md", "provided previously[^gb298-mne] and takes",
         "provided before,[^gb298-mne] as the Subcommittee asked, and takes")
    data = redline(run)
    assert (marked(data), marked(data, "footnotes")) == (
        ["-previously^", "+before,^ as the Subcommittee asked,"],
        ["-¶", "- GB.298/MNE/2/1.", "+¶", "+ GB.298/MNE/2/1."])
    assert footnote_lines(run) == ["footnote removed (old 1): GB.298/MNE/2/1.",
                                   "footnote inserted (new 1): GB.298/MNE/2/1."]
    assert_turns_old_into_new(run, data)


def test_items_revised_past_the_steps_of_their_words_are_deleted_and_inserted_whole(run, tmp_path, monkeypatch):
    """As in the report: past the steps that showing words may take (none here), a paragraph
    changed is marked replaced whole, its number aside."""
    _, new = copies(tmp_path)
    edit(new / "sro-bangkok.md", "contributed towards strengthened", "contributed to stronger")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    assert marked(redline(run)) == ["-towards strengthened", "+to stronger", "-implement", "+carry out"]
    monkeypatch.setattr(diff, "WORD_STEPS", 0)
    monkeypatch.setattr(diff, "word_budget", lambda old, new: diff._Work(diff.WORD_STEPS, diff.WORD_STEPS))
    data = redline(run)
    assert [change[:34] for change in marked(data)] == [
        "-The Subregional Office in Bangkok", "+The Subregional Office in Bangkok",
        "-DIALOGUE continued to implement t", "+DIALOGUE continued to carry out t"]
    report = run("diff", "old", "new").stdout.splitlines()
    whole = re.compile(r"paragraph changed \((\d+) -> \1\): \[-[^[]*-\]\{\+[^[]*\+\}")
    assert [whole.fullmatch(line) and whole.fullmatch(line).group(1) for line in report] == ["14", "24"]
    assert_turns_old_into_new(run, data)


def test_items_changed_past_the_changes_a_redline_marks_are_deleted_and_inserted_whole(run, tmp_path, monkeypatch):
    """A redline marks so many changes word by word (MAX_MARKED): past them a changed item is
    marked replaced whole, while the report still shows its words."""
    _, new = copies(tmp_path)
    edit(new / "sro-bangkok.md", "contributed towards strengthened", "contributed to stronger")
    edit(new / "dialogue.yaml", "DIALOGUE continued to implement", "DIALOGUE went on to implement")
    edit(new / "dialogue.yaml", "Cambodia in 2009", "Cambodia in 2010")
    edit(new / "ilo-brussels.yml", "several CSR seminars", "many CSR seminars")
    monkeypatch.setattr(revising, "MAX_MARKED", 2)
    data = redline(run)
    assert [change[:34] for change in marked(data)] == [
        "-towards strengthened", "+to stronger",
        "-DIALOGUE continued to implement t", "+DIALOGUE went on to implement the",
        "-ILO Brussels participated in seve", "+ILO Brussels participated in many"]
    assert run("diff", "old", "new").stdout.splitlines()[1].startswith(
        "paragraph changed (24 -> 24): DIALOGUE [-continued-]{+went on+} to implement")
    assert_turns_old_into_new(run, data)


def test_headings_and_the_date_line_are_changed_word_by_word(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "paper.yaml", "of the Office", "of the International Labour Office")
    edit(new / "paper.yaml", "date: 2007-10-08", "date: 2007-10-09")
    data = redline(run)
    assert marked(data) == ["+International Labour ", "-8", "+9"]
    assert_turns_old_into_new(run, data)


def test_renumbering_alone_is_never_marked_and_rejecting_keeps_news_numbers(run, tmp_path):
    """One paragraph inserted before the decision paragraph renumbers it and its items, and so
    the cross-references to them: only the new paragraph is marked."""
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", "# Proposals\n\n", "# Proposals\n\nA new first paragraph of the proposals.\n\n")
    data = redline(run)
    assert marked(data) == ["+¶", "+11.\tA new first paragraph of the proposals."]
    rejected = view(data, accept=False).paragraphs
    assert "Point for decision: Paragraph 13." in rejected
    assert "Point for decision: Paragraph 12." in view(word_paper(run, "old"), accept=True).paragraphs


# Lettered items, quotations, tables (GB.300/PFA/5) --------------------------------------------


@pytest.mark.parametrize("file, old, new, expected", [
    pytest.param("facilities.md", "to prepare a detailed renovation plan", "to prepare a full renovation plan",
                 ["-detailed", "+full"], id="a word of a sub-item"),
    pytest.param("facilities.md", "(a) request the Director-General:", "(a) note the survey's findings;\n"
                 "(a) request the Director-General:",
                 ["-12(b)(ii)", "+12(c)(ii)", "-12(b).", "+12(c).",  # (the items' letters are no numbers)
                  "+¶", "+note the survey's findings;", "+(c)\t", "+(d)\t", "-(c)\t"], id="an item inserted"),
    pytest.param("facilities.md", "    (ii) to report on progress to the Committee at its 301st Session (March "
                 "2008); and\n", "", ["-¶", "-(iii)\tto report on progress to the Committee at its 301st Session "
                                      "(March 2008); and"], id="a sub-item removed"),
    pytest.param("finance.md", "It asked the Office to explore all other sources",
                 "It asked the Office to explore every other source", ["-all", "+every", "-sources", "+source"],
                 id="a word of a quotation"),
    pytest.param("finance.md", "| 2 | Roofs and terraces | 2010–11 | 18.5 |",
                 "| 2 | Roofs and terraces | 2010–11 | 19.5 |", ["-18.5", "+19.5"], id="a table's cell"),
    pytest.param("finance.md", "Table: Estimated cost of the renovation", "Table: Estimated total cost of the "
                 "renovation", ["+total "], id="a table's caption"),
    pytest.param("facilities.md", "| Lifts | 1986 | Fair |\n", "",
                 ["-row", "-¶", "-Lifts", "-¶", "-1986", "-¶", "-Fair"], id="a row removed"),
])
def test_items_quotations_and_tables_are_changed_word_by_word(run, tmp_path, file, old, new, expected):
    _, folder = copies(tmp_path, PFA)
    edit(folder / file, old, new)
    data = redline(run)
    assert marked(data) == expected
    assert_turns_old_into_new(run, data)


def test_a_row_inserted_is_an_inserted_row(run, tmp_path):
    _, new = copies(tmp_path, PFA)
    edit(new / "finance.md", "| Total | | | 140.0 |", "| 4 | Furnishing | 2013 | 1.0 |\n| Total | | | 141.0 |")
    data = redline(run)
    assert marked(data) == ["+row", "+¶", "+4", "+¶", "+Furnishing", "+¶", "+2013", "+¶", "+1.0",
                            "-140.0", "+141.0"]
    assert_turns_old_into_new(run, data)


def test_a_table_removed_with_its_note(run, tmp_path):
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", """following summary of the survey's findings shows:

| Installation | Year installed | Condition |
|:---|:---:|---|
| Heating plant | 1974 | Poor |
| Ventilation | 1974 | Poor[^vent] |
| Lifts | 1986 | Fair |
""", "following summary of the survey's findings shows.\n")
    edit(new / "facilities.md", "[^vent]: The ventilation of the conference rooms was partly replaced in 1995.\n", "")
    data = redline(run)
    assert revisions(data) == {"document": {"ins": 1, "del": 30}, "footnotes": {"ins": 0, "del": 2}}
    assert_turns_old_into_new(run, data)


# The 2011 layout and appendices (GB.326/POL/8) -------------------------------------------------


@pytest.mark.parametrize("file, old, new, expected", [
    pytest.param("paper.yaml", "date: 2016-02-24", "date: 2016-02-25", ["-24", "+25"], id="the masthead's date"),
    pytest.param("paper.yaml", "  legal: None.", "  legal: None at this stage.", ["-None.", "+None at this stage."],
                 id="a field of the summary box"),
    pytest.param("paper.yaml", "  legal: None.\n", "", ["-¶", "-Legal implications: None."],
                 id="a field of the summary box removed"),
    pytest.param("multi.md", "| Desk review | 45 000 |", "| Desk review | 50 000 |", ["-45", "+50"],
                 id="an appendix's table"),
    pytest.param("multi.md", "(a) at the regional level, during the regional meetings; and\n", "",
                 ["-¶", "-regional level, during the regional meetings; and", "-(b)\tat the "],
                 id="an appendix's item removed"),
])
def test_the_2011_layout_and_appendices(run, tmp_path, file, old, new, expected):
    _, folder = copies(tmp_path, POL)
    edit(folder / file, old, new)
    data = redline(run)
    assert marked(data) == expected
    assert_turns_old_into_new(run, data)


def test_an_annex_removed_is_deleted_whole(run, tmp_path):
    _, new = copies(tmp_path, POL)
    edit(new / "paper.yaml", "  - key: mne-text\n    title: Extract from the MNE Declaration\n    numbering: none\n"
         "    label: annex\n", "")
    text = (new / "multi.md").read_text(encoding="utf-8")
    (new / "multi.md").write_text(text[:text.index("# Extract from the MNE Declaration")], encoding="utf-8")
    edit(new / "multi.md", "set out in Appendix [#review-process]; the\nprovisions of the MNE Declaration concerned "
         "are reproduced in Annex [#mne-text]. The first\nstep, a desk review, is described in paragraph "
         "[#step-desk] of Appendix [#review-process].", "set out in the appendix. The first\nstep, a desk review, "
         "is described in paragraph [#step-desk] of the appendix.")
    edit(new / "multi.md", "in the steps set out in Appendix [#review-process];", "in the steps set out in the appendix;")
    edit(new / "normes.yaml", "  - section: mne-text\n    text: The full text of the MNE Declaration is available "
         "in English, French and Spanish on the ILO website.\n", "")
    data = redline(run)
    deleted = [mark for mark in marked(data) if mark.startswith("-") and mark != "-¶"]
    assert deleted[-6:] == [
        "-Annex II", "-Extract from the MNE Declaration",
        "-The provisions of the MNE Declaration referred to in this document read as follows:^",
        "-Multinational enterprises should take fully into account established general policy objectives of the "
        "countries in which they operate.",
        "-Governments should promote good social practice in accordance with this Declaration among multinational "
        "enterprises operating in their territories.",
        "-The full text of the MNE Declaration is available in English, French and Spanish on the ILO website."]
    assert_turns_old_into_new(run, data)


VERSIONS_TABLE = ('  - section: mne-text\n    table:\n      caption: Versions of the MNE Declaration\n'
                  '      header: [Year, Edition]\n      rows:\n        - ["1977", First]\n        - ["2006", Fourth]\n')


def with_one_empty_paragraph_more(found: View) -> View:
    """A document's text and layout with an empty paragraph at its end, in the style of the one
    under a table."""
    return View([*found.paragraphs, ""], found.notes, [*found.layout, "pStyle=val=GBTableText"])


@pytest.mark.parametrize("inserted", [True, False], ids=["inserted", "removed"])
def test_a_table_inserted_or_removed_where_the_body_ends_leaves_its_last_paragraph(run, tmp_path, inserted):
    """A Word body ends with a paragraph, which neither Word nor LibreOffice removes, accepting or
    rejecting; gbpaper writes an empty one under a table. Where a table ends the body (here the
    last appendix's), that paragraph is marked neither inserted nor deleted, as Word writes it,
    and the view without the table has it after its last paragraph: nothing else differs."""
    old, new = copies(tmp_path, POL)
    edit((new if inserted else old) / "normes.yaml", "on the ILO website.\n", "on the ILO website.\n" + VERSIONS_TABLE)
    data = redline(run)
    sign = "+" if inserted else "-"
    assert marked(data) == [sign + mark for mark in (
        "¶", "Table 3. Versions of the MNE Declaration", "row", "¶", "Year", "¶", "Edition", "row", "¶", "1977", "¶",
        "First", "row", "¶", "2006", "¶", "Fourth")]
    accepted, new_paper = view(data, accept=True), view(word_paper(run, "new"), accept=True)
    rejected, old_paper = view(data, accept=False), view(word_paper(run, "old"), accept=True)
    if inserted:
        assert (accepted, rejected) == (new_paper, with_one_empty_paragraph_more(old_paper))
    else:
        assert (accepted, rejected) == (with_one_empty_paragraph_more(new_paper), old_paper)


def test_appendices_renumbered_by_an_appendix_inserted_before_them_are_not_marked(run, tmp_path):
    """Only the new appendix is marked, its label with it: `Annex III` and the cross-references
    to the appendices after it are NEW's, unmarked, and rejecting keeps them."""
    _, new = copies(tmp_path, POL)
    with_a_glossary_first(new)
    data = redline(run)
    assert marked(data) == ["+¶", "+Appendix I", "+¶", "+Glossary", "+¶", "+MNE: multinational enterprise.", "+¶",
                            "+CSR: corporate social responsibility, as used in this paper."]
    assert view(data, accept=True) == view(word_paper(run, "new"), accept=True)
    old = view(word_paper(run, "old"), accept=True)
    numerals = {"I": "II", "II": "III"}
    renumbered = [re.sub(r"\b(Appendix|Annex) (II|I)\b", lambda found: f"{found[1]} {numerals[found[2]]}", paragraph)
                  for paragraph in old.paragraphs]
    assert "Annex III" in renumbered and "Appendix II" in renumbered
    assert view(data, accept=False) == View(renumbered, old.notes, old.layout)


# Languages and text outputs ----------------------------------------------------------------------


def test_a_french_version_with_lang(run, tmp_path):
    _, new = copies(tmp_path, languages=True)
    edit(new / "fr" / "dialogue.yaml", "DIALOGUE a poursuivi la mise en œuvre", "DIALOGUE a continué la mise en œuvre")
    data = redline(run, "old", "new", "--lang", "fr")
    assert marked(data) == ["-poursuivi", "+continué"]
    assert_turns_old_into_new(run, data, "--lang", "fr")


def text_output(run, folder: str) -> str:
    """The folder built into <folder>.en.txt, as a reviewer would have it."""
    result = run("build", folder, "-o", f"{folder}-text", "--format", "txt")
    assert result.exit_code == 0, result.output
    [built] = Path(f"{folder}-text").glob("*.txt")
    return str(built.rename(f"{folder}.en.txt"))


@pytest.mark.parametrize("old_text, new_text", [(True, False), (False, True), (True, True)],
                         ids=["old.txt", "new.txt", "both .txt"])
def test_text_outputs_on_either_side(run, tmp_path, old_text, new_text):
    """A text output is read back into the paper it prints: the Word paper made from it has the
    same text as the folder's."""
    _, new = copies(tmp_path)
    edit(new / "ipec.md", "## Tripartite", IPEC_GUIDE + "## Tripartite")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    old_side = text_output(run, "old") if old_text else "old"
    new_side = text_output(run, "new") if new_text else "new"
    data = redline(run, old_side, new_side)
    assert revisions(data) == {"document": {"ins": 3, "del": 1}, "footnotes": {"ins": 2, "del": 0}}
    assert_turns_old_into_new(run, data, layout=not new_text)


# Valid, and shown by LibreOffice -------------------------------------------------------------


def test_every_part_of_a_redline_is_valid_against_the_transitional_schemas(run, tmp_path, schema):  # noqa: F811
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", "(a) request the Director-General:", "(a) note the survey's findings;\n"
         "(a) request the Director-General:")
    edit(new / "facilities.md", "| Lifts | 1986 | Fair |\n", "")
    edit(new / "finance.md", "| Total | | | 140.0 |", "| 4 | Furnishing | 2013 | 1.0 |\n| Total | | | 141.0 |")
    edit(new / "finance.md", "[^pfa-nov06]: GB.297/11(Rev.), paragraph 45.", "[^pfa-nov06]: GB.297/11, paragraph 45.")
    # A table whose columns changed in number, one inserted with its caption, keep with next changed.
    edit(new / "finance.md", FUND_TABLE, "| Year | Income |\n|---|---:|\n| 2007 | 4.3[^est] |\n| 2008 | 4.5[^proj] |")
    edit(new / "finance.md", "## Loan from the host country\n", "Table: Projected income {#projection}\n"
         "| Year | Income |\n|---|---:|\n| 2009 | 4.7 |\n\n## Loan from the host country\n")
    edit(new / "facilities.md", "the\nfollowing summary of the survey's findings shows:", "the\nsurvey found.")
    assert violations(redline(run), schema) == []


def pdf_pages(run, data: bytes) -> list[str]:
    """The redline as LibreOffice renders it: each page's text, its words one space apart."""
    for program, package in (("soffice", "libreoffice-writer-nogui"), ("pdftotext", "poppler-utils")):
        if shutil.which(program) is None:
            pytest.fail(f"this test needs {program}: apt-get install {package}", pytrace=False)
    from gbpaper.render.pdf import render_pdf

    Path("redline.pdf").write_bytes(render_pdf(data))
    text = subprocess.run(["pdftotext", "redline.pdf", "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def test_libreoffice_opens_a_redline_and_shows_its_changes(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "ipec.md", "## Tripartite", IPEC_GUIDE + "## Tripartite")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    text = " ".join(pdf_pages(run, redline(run)))
    # The deleted word struck through beside the inserted ones, the new paragraph and its note.
    assert "DIALOGUE continued to implementcarry out the Better Factories" in text
    assert "10. IPEC also published a guide for companies on child labour in supply chains." in text
    assert "Available on the IPEC web site." in text


def test_libreoffice_gives_a_deleted_note_its_own_text(run, tmp_path):
    """A paragraph moved with its note: the note is deleted with the paragraph where it was (a
    copy of its own, among NEW's notes) and inserted with it where it is."""
    _, new = copies(tmp_path)
    edit(new / "travail.md", "# I. Knowledge development", "# Tripartite and expert meetings")
    pages = pdf_pages(run, redline(run))
    where = next(page for page in pages if "10. TRAVAIL produced a series" in page)
    assert "All items are available on the TRAVAIL web site." in where
    assert "Recent developments on corporate social responsibility" not in where


# Trouble ----------------------------------------------------------------------------------


def test_docx_needs_a_file_and_a_file_needs_docx(run, tmp_path):
    copies(tmp_path)
    result = run("diff", "old", "new", "--format", "docx")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, "Error: --format docx writes a Word paper: name it with -o FILE")
    result = run("diff", "old", "new", "-o", "redline.docx")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, "Error: -o FILE is for --format docx")


def test_bad_input_is_located_and_nothing_is_written(run, tmp_path):
    _, new = copies(tmp_path)
    edit(new / "dialogue.yaml", "continued to implement", "continued to *implement")
    Path("notes.txt").write_text("INTERNATIONAL LABOUR OFFICE\n\n1. A paragraph.\nstray line\n", encoding="utf-8")
    for old, expected in (("old", "new/dialogue.yaml:6:29: error: '*' opens italic text that is never closed "
                                  "(write \\* for a literal asterisk)"),
                          ("notes.txt", "notes.txt:4:1: error: a line of a paragraph must be a list item ('- item', "
                                        "'(a) item'), a quotation ('> text') or, after them, a footnote ('¹ text')")):
        result = run("diff", old, "new", "--format", "docx", "-o", "redline.docx")
        assert (result.exit_code, result.stdout) == (2, "")
        assert expected in result.stderr.splitlines()
        assert not Path("redline.docx").exists()


def test_a_language_the_paper_is_not_issued_in(run, tmp_path):
    copies(tmp_path, PFA, languages=True)
    result = run("diff", "old", "new", "--format", "docx", "-o", "redline.docx", "--lang", "es")
    assert (result.exit_code, result.stderr) == (2, "gbpaper: old has no 'es' version; its languages: en, fr\n")
    assert not Path("redline.docx").exists()


# Found by an independent check -----------------------------------------------------------------


def test_a_removed_row_with_a_note_takes_its_note_along_deleted(run, tmp_path):
    _, new = copies(tmp_path, PFA)
    edit(new / "finance.md", "| 2007 | 4.3[^est] | 25.6 |\n", "")
    edit(new / "finance.md", "[^est]: Estimate.\n", "")
    data = redline(run)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    referenced = {ref.get(f"{{{W}}}id") for ref in document.iter(f"{{{W}}}footnoteReference")}
    assert referenced <= {note.get(f"{{{W}}}id") for note in notes.iter(f"{{{W}}}footnote")}
    assert marked(data, "footnotes") == ["-¶", "- Estimate."]
    assert_turns_old_into_new(run, data)


@pytest.mark.parametrize("old, new, expected", [
    ("a law and practice review", "a **law and practice** review", ["-law and practice", "+law and practice"]),
    ("a law and practice review", "a *law and* practice review", ["-law and", "+law and"]),
], ids=["made bold", "made italic"])
@pytest.mark.parametrize("backwards", [False, True], ids=["", "made plain"])
def test_words_whose_emphasis_changed_are_deleted_and_inserted(run, tmp_path, old, new, expected, backwards):
    """Rejecting every change gives OLD's emphasis back (the views show bold and italic)."""
    old_folder, new_folder = copies(tmp_path)
    edit((old_folder if backwards else new_folder) / "ilo-aids.md", old, new)
    data = redline(run)
    assert marked(data) == expected
    assert_turns_old_into_new(run, data)


def test_words_appended_to_a_cell_take_their_space_into_the_insertion(run, tmp_path):
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", "| Lifts | 1986 | Fair |", "| Lifts | 1987 | Fair to poor |")
    data = redline(run)
    assert marked(data) == ["-1986", "+1987", "+ to poor"]
    assert "Fair" in view(data, accept=False).paragraphs
    assert_turns_old_into_new(run, data)


@pytest.mark.parametrize("file, old, new, expected", [
    ("travail.md", "has been developed.[^site]", "has been set up.[^site]", ["-developed.", "+set up."]),
    ("facilities.md", "| Ventilation | 1974 | Poor[^vent] |", "| Ventilation | 1974 | Poor, partly replaced[^vent] |",
     ["-Poor", "+Poor, partly replaced"]),
], ids=["a paragraph", "a table's cell"])
def test_a_notes_mark_and_its_unchanged_note_stay_when_the_words_before_it_change(run, tmp_path, file, old, new,
                                                                                    expected):
    source = PFA if file == "facilities.md" else ROOT / "inputs" / "GB.300-MNE-2-1"
    _, folder = copies(tmp_path, source)
    edit(folder / file, old, new)
    data = redline(run)
    assert (marked(data), marked(data, "footnotes")) == (expected, [])
    assert_turns_old_into_new(run, data)


def test_two_notes_at_one_place_trading_texts_are_both_reported_and_marked(run, tmp_path):
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", "[^mar06]: GB.295/PFA/10.\n[^nov06]: GB.297/PFA/12.",
         "[^mar06]: GB.297/PFA/12.\n[^nov06]: GB.295/PFA/10.")
    result = run("diff", "old", "new")
    assert result.exit_code == 1 and "GB.295/PFA/10" in result.stdout
    data = redline(run)
    assert marked(data) == []
    assert marked(data, "footnotes") == ["-GB.295/PFA/10.", "+GB.297/PFA/12.", "-GB.297/PFA/12.", "+GB.295/PFA/10."]
    assert_turns_old_into_new(run, data)


# Tables and paragraph layout -------------------------------------------------------------------

FUND_TABLE = """| Year | Income | Balance at 31 December |
|---|---:|---:|
| 2006 | 4.1 | 21.3 |
| 2007 | 4.3[^est] | 25.6 |
| 2008 | 4.5[^proj] | 30.1 |"""

SURVEY_TABLE = """| Installation | Year installed | Condition |
|:---|:---:|---|
| Heating plant | 1974 | Poor |
| Ventilation | 1974 | Poor[^vent] |
| Lifts | 1986 | Fair |"""


@pytest.mark.parametrize("file, old, new, columns", [
    pytest.param("finance.md", FUND_TABLE, """| Year | Income | Spent | Balance at 31 December |
|---|---:|---:|---:|
| 2006 | 4.1 | 0.0 | 21.3 |
| 2007 | 4.3[^est] | 0.0 | 25.6 |
| 2008 | 4.5[^proj] | 0.0 | 30.1 |""", (3, 4), id="a column added, under a caption"),
    pytest.param("facilities.md", SURVEY_TABLE, """| Installation | Year installed |
|:---|:---:|
| Heating plant | 1974 |
| Ventilation | 1974[^vent] |
| Lifts | 1986 |""", (3, 2), id="a column removed, no caption"),
])
def test_a_table_whose_columns_changed_in_number_has_olds_rows_deleted_right_before_news(run, tmp_path, file,
                                                                                        old, new, columns):
    """Accepting leaves no empty paragraph where OLD's table was: the two tables have no
    paragraph between them, and its caption is NEW's, unchanged."""
    _, folder = copies(tmp_path, PFA)
    edit(folder / file, old, new)
    data = redline(run)
    assert not [mark for mark in marked(data) if "Building and Accommodation Fund" in mark]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{{{W}}}body")
    [tables] = [(table, table.getnext()) for table in body.iter(f"{{{W}}}tbl") if table.getnext().tag == f"{{{W}}}tbl"]
    assert tuple(len(table.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol")) for table in tables) == columns
    assert_turns_old_into_new(run, data)


def test_an_inserted_table_with_a_caption_is_rejected_whole(run, tmp_path):
    """The caption's paragraph comes right before the table, which LibreOffice does not join
    a paragraph to: the mark of the paragraph before it is the one inserted, and the caption
    keeps that paragraph's properties for rejecting."""
    _, new = copies(tmp_path, PFA)
    edit(new / "finance.md", "## Loan from the host country\n", "Table: Projected income, 2009 {#projection}\n"
         "| Year | Income |\n|---|---:|\n| 2009 | 4.7 |\n\n## Loan from the host country\n")
    data = redline(run)
    assert marked(data)[:4] == ["+¶", "+Table 3. Projected income, 2009", "+row", "+¶"]
    rejected = view(data, accept=False).paragraphs
    at = rejected.index("30.1")  # the last cell of the table before, then the paragraph under it
    assert rejected[at + 1:at + 3] == ["", "D. Loan from the host country"]
    assert_turns_old_into_new(run, data)


@pytest.mark.parametrize("edits, paragraph", [
    pytest.param([("facilities.md", f"shows:\n\n{SURVEY_TABLE}\n", "shows.\n"),
                  ("facilities.md", "[^vent]: The ventilation of the conference rooms was partly replaced in 1995.\n",
                   "")], "5.\tThe heating", id="no caption"),
    pytest.param([("finance.md", "shown in table [#fund-table].\n\nTable: Building and Accommodation Fund, 2006–08 "
                   f"(millions of Swiss francs) {{#fund-table}}\n{FUND_TABLE}\n", "projected to grow.\n"),
                  ("finance.md", "[^est]: Estimate.\n[^proj]: Projection.\n", ""),
                  ("facilities.md", "; see table [#fund-table].", ".")], "9.\tThe Building", id="under a caption"),
])
def test_a_removed_table_takes_keep_with_next_off_the_paragraph_before(run, tmp_path, edits, paragraph):
    """The paragraph before a table keeps with it: accepting gives NEW's paragraph, which no
    longer does, and rejecting OLD's (w:pPrChange)."""
    _, folder = copies(tmp_path, PFA)
    for file, old, new in edits:
        edit(folder / file, old, new)
    data = redline(run)
    for accept, keeps in ((True, ""), (False, " keepNext")):
        found = view(data, accept)
        [at] = [n for n, text in enumerate(found.paragraphs) if text.startswith(paragraph)]
        layout = [entry for entry in found.layout if not entry.startswith(("table", "row"))]
        assert layout[at] == f"pStyle=val=GBParagraph{keeps}"
    assert_turns_old_into_new(run, data)


def define_notes(folder: Path, notes: str) -> None:
    """facilities.md's two notes of 2006 defined as `notes` (its references) has them, with a
    third, `new`, when it is among them."""
    defined = (("mar06", "GB.295/PFA/10."), ("nov06", "GB.297/PFA/12."), ("new", "GB.298/PFA/1."))
    edit(folder / "facilities.md", "[^mar06]: GB.295/PFA/10.\n[^nov06]: GB.297/PFA/12.\n",
         "".join(f"[^{key}]: {text}\n" for key, text in defined if f"[^{key}]" in notes))


@pytest.mark.parametrize("notes, expected, note", [
    ("[^mar06][^nov06][^new]", ["+,^"], ["+¶", "+ GB.298/PFA/1."]),
    ("[^new][^mar06][^nov06]", ["+^,"], ["+¶", "+ GB.298/PFA/1."]),
    ("[^nov06]", ["-^,"], ["-¶", "- GB.295/PFA/10."]),
    ("[^mar06]", ["-,^"], ["-¶", "- GB.297/PFA/12."]),
], ids=["added last", "added first", "first dropped", "last dropped"])
def test_a_note_added_to_or_dropped_from_notes_at_one_place_is_all_that_is_marked(run, tmp_path, notes, expected,
                                                                                 note):
    """`2006.³,⁴`: the other marks, their notes and the word before them stay; the mark comes
    and goes with its raised comma."""
    _, new = copies(tmp_path, PFA)
    edit(new / "facilities.md", "2006[^mar06][^nov06].", f"2006{notes}.")
    define_notes(new, notes)
    data = redline(run)
    assert (marked(data), marked(data, "footnotes")) == (expected, note)
    assert_turns_old_into_new(run, data)


SURVEY_PARAGRAPH = ("The heating, ventilation and electrical installations date from the building's\nconstruction. "
                    "Replacement parts for several of them are no longer made, as the\nfollowing summary of the "
                    "survey's findings shows:\n\n")
VENTILATION = ("The Office will replace the ventilation of the conference rooms first, since its failure\nwould "
               "disrupt the sessions of the Governing Body and of the Conference.\n\n")


@pytest.mark.parametrize("edits, expected", [
    pytest.param([(SURVEY_PARAGRAPH, ""), (VENTILATION, "These installations are the oldest.\n\n" + VENTILATION)],
                 ["-¶", "-5.\tThe heating, ventilation and electrical installations date from the building's "
                  "construction. Replacement parts for several of them are no longer made, as the following "
                  "summary of the survey's findings shows:", "+¶", "+5.\tThese installations are the oldest."],
                 id="removed"),
    pytest.param([("findings shows:\n\n", "findings shows.\n\nThe findings are these:\n\n"), (VENTILATION, "")],
                 ["+¶", "-shows:", "+shows.", "+6.\tThe findings are these:", "-¶",
                  "-6.\tThe Office will replace the ventilation of the conference rooms first, since its failure "
                  "would disrupt the sessions of the Governing Body and of the Conference."], id="inserted"),
])
def test_a_paragraph_right_before_a_table_removed_or_inserted_leaves_no_empty_paragraph(run, tmp_path, edits,
                                                                                      expected):
    """LibreOffice joins no paragraph to a table: the mark of the paragraph before goes (or
    comes) instead, and the paragraph that stays keeps with the table as each view has it."""
    _, folder = copies(tmp_path, PFA)
    for old, new in edits:
        edit(folder / "facilities.md", old, new)
    data = redline(run)
    assert marked(data) == expected
    assert_turns_old_into_new(run, data)


def test_cross_references_to_tables_renumbered_by_an_inserted_table_are_not_marked(run, tmp_path):
    _, new = copies(tmp_path, PFA)
    edit(new / "finance.md", "\nTable: Estimated cost", "\nTable: Roof areas\n| Roof | Area (m²) |\n|---|---:|\n"
         "| Main building | 9 000 |\n\nTable: Estimated cost")
    data = redline(run)
    assert marked(data, "footnotes") == []
    assert [mark for mark in marked(data) if mark not in ("+¶", "+row")] == [
        "+Table 1. Roof areas", "+Roof", "+Area (m²)", "+Main building", "+9 000"]
    assert view(data, accept=True) == view(word_paper(run, "new"), accept=True)
    rejected = view(data, accept=False).paragraphs  # OLD's text, with NEW's numbers
    assert any("three phases. Table 2 sets out the estimate by phase." in p for p in rejected)
    assert any("three phases. Table 1 sets out the estimate by phase." in p
               for p in view(word_paper(run, "old"), accept=True).paragraphs)


@pytest.mark.parametrize("notes, expected, note", [
    ("[^mar06][^nov06][^new]", ["+,^"], ["+¶", "+ GB.298/PFA/1."]),
    ("[^mar06]", ["-,^"], ["-¶", "- GB.297/PFA/12."]),
], ids=["added", "dropped"])
def test_notes_at_one_place_before_punctuation_they_do_not_cross_are_marked_alone(run, tmp_path, notes, expected,
                                                                                 note):
    """`2006³,⁴).`: the marks stay before the bracket, and so do the word, the bracket and the
    full stop, the other marks and their notes."""
    old, new = copies(tmp_path, PFA)
    place = "terraces, as reported to the Committee in March\nand November 2006[^mar06][^nov06]."
    edit(old / "facilities.md", place, "terraces (as reported to the Committee in March\nand November "
         "2006[^mar06][^nov06]).")
    edit(new / "facilities.md", place, f"terraces (as reported to the Committee in March\nand November 2006{notes}).")
    define_notes(new, notes)
    data = redline(run)
    assert (marked(data), marked(data, "footnotes")) == (expected, note)
    assert_turns_old_into_new(run, data)
