"""`gbpaper diff`: two builds compared by content, so that renumbering alone is no change."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import PLAN, ROOT, PaperFolder, md
from reference_copy import edit, reference_copy

IPEC_GUIDE = ("IPEC also published a guide for companies on child labour in supply chains.[^guide]\n\n"
              "[^guide]: Available on the IPEC web site.\n\n")

DIALOGUE_24 = "paragraph changed (24 -> {new}): DIALOGUE continued to [-implement-]{{+carry out+}} " \
              "the Better Factories Cambodia …"

BRUSSELS = ("ILO Brussels participated in several CSR seminars and debates including those with DEXIA "
            "Bank, Coca-Cola Europe and Hamburg University.")

IPEC_9 = ("IPEC has prepared case studies of the CSR–child labour nexus in the soccer ball industry in "
          "Pakistan, cocoa in West Africa and sugar cane in El Salvador. IPEC participated in an "
          "assessment of the state of the child labour monitoring system in football production in "
          "Sialkot, Pakistan. IPEC also analysed existing databases to identify companies and "
          "initiatives that incorporated child labour in their CSR frameworks.")

DIALOGUE_SECOND_HALF = (
    "Furthermore, the better work project is being developed as an inter-sectoral collaborative "
    "programme in the framework of an institutional partnership between the ILO and the International "
    "Finance Corporation. The programme is directed to improving labour–management relations, working "
    "conditions, and competitiveness among enterprises in global supply chains. It is currently "
    "establishing country projects in the apparel sectors of Jordan, Lesotho, and Viet Nam and plans "
    "expansion into agribusiness in Africa in 2008.")


@pytest.fixture
def old(tmp_path):
    """The reference paper, English alone (a change to it needs no translation)."""
    return reference_copy(tmp_path, "old", languages=False)


@pytest.fixture
def new(tmp_path, old):
    return reference_copy(tmp_path, "new", languages=False)


def as_text(run, folder: str) -> str:
    """The folder built into <folder>.txt, as a reviewer would have it."""
    result = run("build", folder, "-o", f"{folder}-out", "--format", "txt")
    assert result.exit_code == 0, result.output
    target = f"{folder}.txt"
    Path(f"{folder}-out/GB.300-MNE-2-1.en.txt").rename(target)
    return target


def diff_both_ways(run, *options: str) -> list[tuple[int, str]]:
    """`gbpaper diff` of the folders, then of their text outputs: (exit status, stdout) each."""
    outcomes = []
    for old, new in (("old", "new"), (as_text(run, "old"), as_text(run, "new"))):
        result = run("diff", old, new, *options)
        assert result.stderr == ""
        outcomes.append((result.exit_code, result.stdout))
    return outcomes


def test_the_issues_example_one_paragraph_with_a_footnote_inserted_and_one_word_changed(run, new):
    edit(new / "ipec.md", "## Tripartite", IPEC_GUIDE + "## Tripartite")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    expected = (
        "paragraph inserted (new 10): IPEC also published a guide for companies on child labour in "
        "supply chains.⁵\n"
        + DIALOGUE_24.format(new=25) + "\n"
        "footnote inserted (new 5): Available on the IPEC web site.\n"
    )
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_the_issues_example_in_json(run, new):
    edit(new / "ipec.md", "## Tripartite", IPEC_GUIDE + "## Tripartite")
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    result = run("diff", "old", "new", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["paragraphs"][1].pop("text").startswith("DIALOGUE continued to carry out the Better")
    assert report == {
        "paragraphs": [
            {"change": "inserted", "old": None, "new": 10, "section": "I. Knowledge development",
             "text": "IPEC also published a guide for companies on child labour in supply chains.⁵"},
            {"change": "changed", "old": 24, "new": 25,
             "section": "III. Promotional activities and technical advisory services",
             "words": [{"removed": "implement", "inserted": "carry out"}],
             "diff": "DIALOGUE continued to [-implement-]{+carry out+} the Better Factories Cambodia …"},
        ],
        "footnotes": [
            {"change": "inserted", "old": None, "new": 5, "paragraph": 10,
             "text": "Available on the IPEC web site."},
        ],
        "headings": [],
        "rows": [],
    }


def test_identical_inputs_exit_0_and_print_nothing(run, new):
    assert diff_both_ways(run) == [(0, ""), (0, "")]
    result = run("diff", "old", "old", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, {"paragraphs": [], "footnotes": [], "headings": [], "rows": []})


def test_a_text_output_against_its_own_folder_is_no_change(run, old):
    assert run("diff", as_text(run, "old"), "old").exit_code == 0


def test_removal(run, new):
    (new / "ilo-brussels.yml").unlink()
    expected = f"paragraph removed (old 26): {BRUSSELS}\n"
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_move_between_sections(run, new):
    edit(new / "ipec.md", "# knowledge\n\nIPEC has prepared", "## Tripartite and expert meetings\n\nIPEC has prepared")
    expected = f"paragraph moved (9 -> 14, now in II. Tripartite and expert meetings): {IPEC_9}\n"
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_a_paragraph_moved_with_its_footnote_moves_alone(run, new):
    edit(new / "travail.md", "# I. Knowledge development", "# Tripartite and expert meetings")
    [(status, out), _] = diff_both_ways(run)
    assert status == 1
    assert out.startswith("paragraph moved (10 -> 15, now in II. Tripartite and expert meetings): TRAVAIL produced")
    assert out.endswith("has been developed.⁸\n") and out.count("\n") == 1


EMP_MULTI_1 = """This paper, requested by the Subcommittee on Multinational Enterprises, summarizes new
information on CSR-related activities of the ILO including the International Training
Centre. It updates the information provided previously[^gb298-mne] and takes into account
suggestions provided in the March 2007 Governing Body.[^gb298-10]"""

PARAGRAPH_1_REMOVED = (
    "paragraph removed (old 1): This paper, requested by the Subcommittee on Multinational "
    "Enterprises, summarizes new information on CSR-related activities of the ILO including the "
    "International Training Centre. It updates the information provided previously¹ and takes into "
    "account suggestions provided in the March 2007 Governing Body.²")


def test_a_paragraph_rewritten_past_pairing_takes_its_footnotes_along(run, new):
    """A note belongs to its paragraph: removed with the paragraph removed, inserted with the one
    inserted, however alike their texts (as the redline deletes and inserts them)."""
    edit(new / "emp-multi.md", EMP_MULTI_1,
         "Here the Office reports once more.[^gb298-mne] So the Governing Body asked.[^gb298-10]")
    expected = "".join(line + "\n" for line in [
        PARAGRAPH_1_REMOVED,
        "paragraph inserted (new 1): Here the Office reports once more.¹ So the Governing Body asked.²",
        "footnote removed (old 1): GB.298/MNE/2/1.",
        "footnote removed (old 2): GB.298/10.",
        "footnote inserted (new 1): GB.298/MNE/2/1.",
        "footnote inserted (new 2): GB.298/10.",
    ])
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


FIRST_PARAGRAPH_REMOVED_NOTES = ["footnote removed (old 1): GB.298/MNE/2/1.",
                                 "footnote removed (old 2): GB.298/10.",
                                 "footnote changed (3 -> 1): [-*ibid.*-]{+GB.298/10.+}"]


def without_its_first_paragraph(folder: Path) -> None:
    """The reference paper without paragraph 1, whose second note paragraph 2's *ibid.* repeats."""
    edit(folder / "emp-multi.md", EMP_MULTI_1 + "\n\n", "")
    edit(folder / "emp-multi.md", "[^gb298-mne]: GB.298/MNE/2/1.\n", "")


def test_the_notes_of_a_removed_paragraph_go_with_it_and_an_ibid_after_them_is_changed_at_its_mark(run, new):
    """Paragraph 1's notes are removed with it; paragraph 2's *ibid.*, which now comes first,
    prints the note it stood for: that note changed, not paragraph 1's second note, of the same
    text, kept."""
    without_its_first_paragraph(new)
    expected = "".join(line + "\n" for line in [PARAGRAPH_1_REMOVED, *FIRST_PARAGRAPH_REMOVED_NOTES])
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_in_place_edit(run, new):
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    expected = DIALOGUE_24.format(new=24) + "\n"
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2028"], ids=["no-break", "narrow no-break", "line separator"])
def test_a_space_made_another_space_is_a_change(run, new, space):
    """Only the white space the text output writes between words parts them: any other space is
    a character of its word (before, str.split() took it for white space, and saw no change),
    and is named in the changed words, where it would look like a space."""
    edit(new / "travail.md", "TRAVAIL web site.", f"TRAVAIL web{space}site.")
    expected = f"footnote changed (5 -> 5): … available on the TRAVAIL [-web site.-]{{+web<U+{ord(space):04X}>site.+}}\n"
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_footnote_edit(run, new):
    edit(new / "travail.md", "TRAVAIL web site.", "TRAVAIL website.")
    expected = "footnote changed (5 -> 5): … available on the TRAVAIL [-web site.-]{+website.+}\n"
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_a_paragraph_split_in_two_is_changed_and_the_second_half_inserted(run, new):
    edit(new / "dialogue.yaml", "2006–08. Furthermore,", "2006–08.\n  - section: promotion\n    text: >-\n      Furthermore,")
    expected = (
        f"paragraph changed (24 -> 24): … of Understanding covering 2006–08. [-{DIALOGUE_SECOND_HALF}-]\n"
        f"paragraph inserted (new 25): {DIALOGUE_SECOND_HALF}\n"
    )
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_a_heading_changed_and_the_closing(run, new):
    edit(new / "paper.yaml", "of the Office", "of the International Labour Office")
    edit(new / "paper.yaml", "date: 2007-10-08", "date: 2007-10-09")
    expected = (
        "heading changed (36 -> 36): … CSR-related activities of the {+International Labour+} Office\n"
        "heading changed (110 -> 110): Geneva, [-8-]{+9+} October 2007.\n"
    )
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_a_section_renamed_is_its_heading_changed_and_its_paragraphs_stay(run, new):
    edit(new / "paper.yaml", "heading: Other activities", "heading: Miscellaneous")
    edit(new / "ilo-aids.md", "# IV. Other activities", "# other")
    expected = "heading changed (87 -> 87): [-Other activities-]{+Miscellaneous+}\n"
    assert diff_both_ways(run) == [(1, expected), (1, expected)]


def test_changed_words_are_coloured_when_asked(run, new):
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    result = run("diff", "old", "new", "--color", "always")
    assert result.stdout == ("paragraph changed (24 -> 24): DIALOGUE continued to \x1b[31mimplement\x1b[0m "
                             "\x1b[32mcarry out\x1b[0m the Better Factories Cambodia …\n")
    assert run("diff", "old", "new").stdout == DIALOGUE_24.format(new=24) + "\n"


# Cross-references: renumbered values are no change -------------------------------------

WISE = md("TRAVAIL", "# meetings\n\nTRAVAIL's WISE methodology. {#wise}\n")


def small_papers(tmp_path) -> tuple[PaperFolder, PaperFolder]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    return PaperFolder(tmp_path / "a"), PaperFolder(tmp_path / "b")


def test_renumbered_cross_references_to_paragraphs_and_sections_are_no_change(run, tmp_path):
    a, b = small_papers(tmp_path)
    for paper in (a, b):
        paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nSee paragraph [#wise] and section [#other].\n"))
        paper.write("travail.md", WISE)
        paper.write("sector.md", md("SECTOR", "# other\n\nSECTOR's paragraph.\n"))
    b.write("ipec.md", md("IPEC", "# knowledge\n\nIPEC's new paragraph.\n"))
    b.write("paper.yaml", PLAN.replace("  - key: other", "  - {key: new, heading: New, numbered: true}\n  - key: other"))
    expected = ("paragraph inserted (new 2): IPEC's new paragraph.\n"
                "heading inserted (new 25): III. New\n")
    for old, new in (("a/paper", "b/paper"), (as_text(run, "a/paper"), as_text(run, "b/paper"))):
        result = run("diff", old, new)
        assert (result.exit_code, result.stdout) == (1, expected)


def test_a_number_edited_in_a_folders_text_is_a_change_even_where_a_paragraph_was_renumbered(run, tmp_path):
    a, b = small_papers(tmp_path)
    a.write("multi.md", md("EMP/MULTI", "# introduction\n\nOver 2 units took part.\n"))
    b.write("multi.md", md("EMP/MULTI", "# introduction\n\nA new first paragraph.\n\nOver 3 units took part.\n"))
    for paper in (a, b):
        paper.write("travail.md", WISE)
    result = run("diff", "a/paper", "b/paper")
    assert result.stdout == ("paragraph inserted (new 1): A new first paragraph.\n"
                             "paragraph changed (1 -> 2): Over [-2-]{+3+} units took part.\n")


# Trouble: exit 2 --------------------------------------------------------------------------


def test_a_file_that_is_not_a_text_output_is_an_error(run, tmp_path):
    (tmp_path / "notes.txt").write_text("INTERNATIONAL LABOUR OFFICE\n\n1. A paragraph.\nstray line\n\n"
                                        "Two lines\nthat are no paragraph\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run("diff", "notes.txt", "empty.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "empty.txt:1:1: error: no paragraph '1. ...': this is not a paper's text output",
        "notes.txt:4:1: error: a line of a paragraph must be a list item ('- item', '(a) item'), a "
        "quotation ('> text') or, after them, a footnote ('¹ text')",
        "notes.txt:6:1: error: a block of several lines that is not paragraph 2 (which would start '2. ') "
        "or a table",
    ]


def test_a_paper_with_errors_cannot_be_compared(run, new):
    edit(new / "dialogue.yaml", "continued to implement", "continued to *implement")
    result = run("diff", "old", "new")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("new/dialogue.yaml:6:29: error: '*' opens italic text that is never closed "
                             "(write \\* for a literal asterisk)\n")
    assert result.stderr == run("check", "new").stderr


def test_a_missing_file_is_misuse(run, old):
    result = run("diff", "old", "nowhere.txt")
    assert result.exit_code == 2
    assert "nowhere.txt: no such file or folder" in result.stderr


def test_folders_are_compared_in_their_original_language_whatever_their_translations_say(run, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(ROOT / "inputs" / "GB.300-MNE-2-1", old)
    shutil.copy(ROOT / "inputs" / "units.yaml", tmp_path / "units.yaml")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    ipec = new / "ipec.md"
    ipec.write_text(ipec.read_text(encoding="utf-8").replace(
        "## Tripartite", "IPEC also wrote a guide.\n\n## Tripartite", 1), encoding="utf-8")
    result = run("diff", "old", "new")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("paragraph inserted (new 10): IPEC also wrote a guide.")


def test_a_paper_edited_throughout_is_paired_paragraph_by_paragraph():
    """Past a few hundred unmatched paragraphs each is held against its neighbours only: the
    pairing stays right where an editor's changes stay near their place."""
    from gbpaper.diagnostics import Diagnostics
    from gbpaper.diff import compare, parse_text

    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()

    def paper(edit: str) -> str:
        paragraphs = [f"{n}. Paragraph {n} says {' '.join(words[n % 7:])} {edit} number {n}."
                      for n in range(1, 301)]
        return "FOR INFORMATION\n\nTitle\n\n" + "\n\n".join(paragraphs) + "\n"

    diags = Diagnostics()
    comparison = compare(parse_text(paper("before"), "old.txt", diags),
                         parse_text(paper("after"), "new.txt", diags))
    assert diags.items == []
    assert [(c.change, c.old, c.new) for c in comparison.of("paragraph")] == [
        ("changed", n, n) for n in range(1, 301)]


def test_renumbered_cross_references_to_tables_are_no_change(run, tmp_path):
    """A table inserted before the others renumbers them, and the cross-references to them as
    their captions do, not as the paragraphs: only the new table is a change."""
    reference_copy(tmp_path, "old", False, ROOT / "inputs" / "GB.300-PFA-5")
    new = reference_copy(tmp_path, "new", False, ROOT / "inputs" / "GB.300-PFA-5")
    edit(new / "finance.md", "\nTable: Estimated cost", "\nTable: Roof areas\n| Roof | Area (m²) |\n|---|---:|\n"
         "| Main building | 9 000 |\n\nTable: Estimated cost")
    result = run("diff", "old", "new")
    assert (result.exit_code, result.stdout) == (1, "heading inserted (new 54): Table 1. Roof areas\n"
                                                    "row inserted (new 5): | Roof | Area (m²) |\n"
                                                    "row inserted (new 6): | Main building | 9 000 |\n")


@pytest.mark.parametrize("file, old, new, expected", [
    pytest.param("paper.yaml", "subtitle: Progress report and financing options\n", "",
                 "heading removed (old 15): Progress report and financing options\n", id="a subtitle removed"),
    pytest.param("facilities.md", "| Installation | Year installed | Condition |",
                 "Table: Condition of the installations\n| Installation | Year installed | Condition |",
                 "heading inserted (new 41): Table 1. Condition of the installations\n", id="a caption added"),
    pytest.param("finance.md", "\nTable: Estimated cost", "\nTable: Staff by grade\n| Grade | Number |\n|---|---:|\n"
                 "| P | 120 |\n\nTable: Estimated cost",
                 "heading inserted (new 54): Table 1. Staff by grade\nrow inserted (new 5): | Grade | Number |\n"
                 "row inserted (new 6): | P | 120 |\n", id="a table inserted before another"),
])
def test_a_heading_or_caption_added_or_removed_moves_nothing_under_it(run, tmp_path, file, old, new, expected):
    """What is under a heading removed (or added) is under the heading before it that both
    sides have: in order there, it stayed."""
    reference_copy(tmp_path, "old", False, ROOT / "inputs" / "GB.300-PFA-5")
    folder = reference_copy(tmp_path, "new", False, ROOT / "inputs" / "GB.300-PFA-5")
    edit(folder / file, old, new)
    for a, b, shown in (("old", "new", expected), ("new", "old", None)):
        result = run("diff", a, b)
        assert result.exit_code == 1
        assert " moved (" not in result.stdout
        if shown is not None:
            assert result.stdout == shown


# Appendices: renumbered numerals are no change ---------------------------------------------

POL = ROOT / "inputs" / "GB.326-POL-8"

GLOSSARY_INSERTED = ("heading inserted (new 78): Appendix I\n"
                     "heading inserted (new 80): Glossary\n"
                     "heading inserted (new 82): MNE: multinational enterprise.\n"
                     "heading inserted (new 84): CSR: corporate social responsibility, as used in this paper.\n")


def with_a_glossary_first(folder: Path) -> None:
    """GB.326/POL/8 with an appendix inserted before its two: Appendix I becomes Appendix II, and
    Annex II Annex III, as do the cross-references to them."""
    edit(folder / "paper.yaml", "\nappendices:\n", "\nappendices:\n  - key: glossary\n    title: Glossary\n")
    (folder / "glossary.md").write_text("---\nunit: NORMES\npaper: GB.326/POL/8\n---\n\n# glossary\n\n"
                                        "MNE: multinational enterprise.\n\n"
                                        "CSR: corporate social responsibility, as used in this paper.\n", encoding="utf-8")


def test_appendices_renumbered_by_an_appendix_inserted_before_them_are_no_change(run, tmp_path):
    """Their labels (`Annex II` made `Annex III`) and the cross-references to them (`set out in
    Appendix I` made `... Appendix II`) are renumbered as the labels are, apart from the
    sections' numerals: only the new appendix is a change, its label with it."""
    reference_copy(tmp_path, "old", False, POL)
    new = reference_copy(tmp_path, "new", False, POL)
    with_a_glossary_first(new)
    result = run("diff", "old", "new")
    assert (result.exit_code, result.stdout) == (1, GLOSSARY_INSERTED)
    result = run("diff", "new", "old")
    assert (result.exit_code, result.stdout) == (1, GLOSSARY_INSERTED.replace("inserted (new", "removed (old"))


def test_in_text_outputs_the_labels_numerals_are_no_change_and_the_cross_references_are_changed(run, tmp_path):
    """A text output does not mark its cross-references: one to an appendix is shown changed, as
    one to a table is."""
    reference_copy(tmp_path, "old", False, POL)
    new = reference_copy(tmp_path, "new", False, POL)
    with_a_glossary_first(new)
    for folder in ("old", "new"):
        assert run("build", folder, "-o", f"{folder}-out", "--format", "txt").exit_code == 0
    result = run("diff", "old-out/GB.326-POL-8.en.txt", "new-out/GB.326-POL-8.en.txt")
    assert (result.exit_code, result.stdout) == (1, (
        "paragraph changed (6 -> 6): … set out in Appendix [-I;-]{+II;+} the provisions of the … are reproduced "
        "in Annex [-II.-]{+III.+} The first step, a … paragraph 2 of Appendix [-I.-]{+II.+}\n"
        "paragraph changed (9 -> 9): … set out in Appendix [-I;-]{+II;+} (b) invites the constituents …\n"
        + GLOSSARY_INSERTED))


def test_a_single_appendix_left_keeps_its_label_unchanged_without_its_numeral(run, tmp_path):
    """`Appendix I` made `Appendix` when the other appendix goes is renumbering, too."""
    reference_copy(tmp_path, "old", False, POL)
    new = reference_copy(tmp_path, "new", False, POL)
    edit(new / "paper.yaml", "  - key: mne-text\n    title: Extract from the MNE Declaration\n    numbering: none\n"
         "    label: annex\n", "")
    text = (new / "multi.md").read_text(encoding="utf-8")
    (new / "multi.md").write_text(text[:text.index("# Extract from the MNE Declaration")], encoding="utf-8")
    edit(new / "multi.md", "are reproduced in Annex [#mne-text]", "are reproduced on the ILO website")
    edit(new / "normes.yaml", "  - section: mne-text\n    text: The full text of the MNE Declaration is available "
         "in English, French and Spanish on the ILO website.\n", "")
    for folder in ("old", "new"):  # (a single appendix has no numeral to refer to)
        path = tmp_path / folder / "multi.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Appendix [#review-process]", "the appendix"),
                        encoding="utf-8")
    result = run("diff", "old", "new")
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        "paragraph changed (6 -> 6): … Declaration concerned are reproduced [-in Annex II.-]{+on the ILO website.+} "
        "The first step, a …",
        "paragraph removed (old unnumbered): The provisions of the MNE Declaration referred to in this document read "
        "as follows:⁷ > Multinational enterprises should take fully into account established general policy "
        "objectives of the countries in which they operate. > Governments should promote good social practice in "
        "accordance with this Declaration among multinational enterprises operating in their territories.",
        "footnote removed (old 7): Adopted by the Governing Body at its 204th Session (Geneva, November 1977) and "
        "amended at its 279th (November 2000) and 295th (March 2006) Sessions.",
        "heading removed (old 106): Annex II",
        "heading removed (old 108): Extract from the MNE Declaration",
        "heading removed (old 115): The full text of the MNE Declaration is available in English, French and Spanish "
        "on the ILO website."])
