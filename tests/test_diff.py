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


def test_a_paragraph_rewritten_keeps_its_footnotes_where_they_were(run, new):
    edit(new / "emp-multi.md", """This paper, requested by the Subcommittee on Multinational Enterprises, summarizes new
information on CSR-related activities of the ILO including the International Training
Centre. It updates the information provided previously[^gb298-mne] and takes into account
suggestions provided in the March 2007 Governing Body.[^gb298-10]""",
         "Here the Office reports once more.[^gb298-mne] So the Governing Body asked.[^gb298-10]")
    [(status, out), _] = diff_both_ways(run)
    assert (status, out.splitlines()) == (1, [
        "paragraph removed (old 1): This paper, requested by the Subcommittee on Multinational "
        "Enterprises, summarizes new information on CSR-related activities of the ILO including the "
        "International Training Centre. It updates the information provided previously¹ and takes into "
        "account suggestions provided in the March 2007 Governing Body.²",
        "paragraph inserted (new 1): Here the Office reports once more.¹ So the Governing Body asked.²",
    ])


def test_in_place_edit(run, new):
    edit(new / "dialogue.yaml", "continued to implement", "continued to carry out")
    expected = DIALOGUE_24.format(new=24) + "\n"
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
