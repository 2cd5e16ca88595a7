"""What is an error, and what a warning (spec/inputs.md): each at its file, line and column.

Every case adds one broken file (or one broken line) to a folder that otherwise builds without
a single diagnostic, so the expected diagnostics are the whole output, not a part of it.
"""
from __future__ import annotations

import pytest

from conftest import PLAN, UNITS, md

# Markdown submissions: front matter on lines 1-4, the body from line 5.
COMPLETE = {
    "multi.md": md("EMP/MULTI", """\
        # introduction

        Introduction.

        # office

        The Office.

        # knowledge

        Knowledge.

        # meetings

        Meetings.

        # other

        Other.
        """),
    "ipec.md": md("IPEC", "# knowledge\n\nIPEC.\n"),
    "travail.md": md("TRAVAIL", "# knowledge\n\nTRAVAIL.\n"),
    "sector.md": md("SECTOR", "# knowledge\n\nSECTOR.\n"),
}


@pytest.fixture
def complete(paper):
    """A paper folder that builds without a diagnostic, to break one thing in."""
    for name, text in COMPLETE.items():
        paper.write(name, text)
    return paper


def test_the_complete_folder_builds_without_a_diagnostic(complete):
    assert complete.diagnostics() == []


# --- Errors in a Markdown submission ---------------------------------------------------------


@pytest.mark.parametrize("body, diagnostics", [
    pytest.param("# knowlege\n\nText.\n", [
        "paper/bad.md:5:3: error: unknown section 'knowlege'; did you mean 'knowledge' (Knowledge development)?",
    ], id="unknown section key"),
    pytest.param("# Knowledge developmnt\n\nText.\n", [
        "paper/bad.md:5:3: error: unknown section 'Knowledge developmnt'; "
        "did you mean 'Knowledge development' (knowledge)?",
    ], id="unknown section heading"),
    pytest.param("Text.\n\n# knowledge\n\nMore.\n", [
        "paper/bad.md:5:1: error: text before the first section heading; "
        "start the section with '# <section key or heading>'",
    ], id="text before the first heading"),
    pytest.param("# knowledge\n\nText.\n\n#### Knowledge development\n\nMore.\n", [
        "paper/bad.md:9:1: error: only '#', '##' and '###' headings are allowed; '####' is too deep",
    ], id="#### heading"),
    pytest.param("# knowledge\n\nText.\n\n" + "#" * 2_000_000 + " Knowledge development\n\nMore.\n", [
        "paper/bad.md:9:1: error: only '#', '##' and '###' headings are allowed; '" + "#" * 39 + "…' is too deep",
    ], id="heading of two million '#'"),
    pytest.param("# knowledge\n\n  - an item\n", [
        "paper/bad.md:7:3: error: a list item must follow a paragraph of its section",
    ], id="list with no paragraph"),
    pytest.param("# knowledge\n\nText.\n\n# meetings\n\n- an item\n", [
        "paper/bad.md:11:1: error: a list item must follow a paragraph of its section",
    ], id="list with no paragraph in its section"),
    pytest.param("# knowledge\n\nA *claim.\n", [
        "paper/bad.md:7:3: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
    ], id="unclosed *"),
    pytest.param("# knowledge\n\nA claim\nthat is **bold.\n", [
        "paper/bad.md:8:9: error: '**' opens bold text that is never closed (write \\* for a literal asterisk)",
    ], id="unclosed ** on a wrapped line"),
    pytest.param("# knowledge\n\nText[^a and more.\n\n[^a]: A.\n", [
        "paper/bad.md:7:5: error: '[^' opens a footnote reference that is never closed with ']'",
    ], id="[^ with no end"),
    pytest.param("# knowledge\n\nText.[^a], [^b]\n\n[^a]: A.\n[^b]: B.\n", [
        "paper/bad.md:7:12: error: two footnote markers with only punctuation between them; write them "
        "side by side for two notes at one place ([^a][^...]), or put words between them",
    ], id="two markers with punctuation between"),
    pytest.param("# knowledge\n\nText.[^nope]\n", [
        "paper/bad.md:7:6: error: footnote reference '[^nope]' has no definition in this file",
    ], id="footnote reference without definition"),
    pytest.param("# knowledge\n\nText.[^a]\n\n[^a]:\n", [
        "paper/bad.md:9:6: error: footnote 'a' is empty",
    ], id="empty footnote"),
    pytest.param("# knowledge\n\nText. {#meetings}\n", [
        "paper/bad.md:7:9: error: label 'meetings' is already a section key (paper/paper.yaml:18); "
        "labels and the keys of sections and appendices share one namespace",
    ], id="label clashing with a section key"),
    pytest.param("# knowledge\n\nSee [#annex].\n", [
        "paper/bad.md:7:5: error: cross-reference to 'annex', which is no label or section key",
    ], id="cross-reference to no label"),
    pytest.param("# knowledge\n\nSee section [#knowlege].\n", [
        "paper/bad.md:7:13: error: cross-reference to 'knowlege', which is no label or section key; "
        "did you mean 'knowledge'?",
    ], id="cross-reference to no label, with a suggestion"),
    pytest.param("# knowledge\n\nText.[^a]\n\n[^a]: As in [#annex].\n", [
        "paper/bad.md:9:13: error: cross-reference to 'annex', which is no label or section key",
    ], id="cross-reference to no label, in a footnote"),
    pytest.param("# knowledge\n\nSee [#office].\n", [
        "paper/bad.md:7:5: error: cross-reference to section 'office', which is not numbered; "
        "only numbered sections and paragraphs can be referred to",
    ], id="cross-reference to an unnumbered section"),
])
def test_an_error_in_a_markdown_submission(complete, body, diagnostics):
    complete.write("bad.md", md("IPEC", body))
    assert complete.diagnostics() == diagnostics


@pytest.mark.parametrize("text, diagnostics", [
    pytest.param("# knowledge\n\nText.\n", [
        "paper/bad.md:1:1: error: no front matter: the first line must be '---', "
        "followed by 'unit:' and 'paper:' and a closing '---'",
    ], id="no front matter"),
    pytest.param("---\nunit: IPEC\npaper: GB.300/MNE/2/1\n\n# knowledge\n\nText.\n", [
        "paper/bad.md:1:1: error: the front matter opened by '---' on line 1 is never closed by '---'",
    ], id="front matter never closed"),
    pytest.param("---\npaper: GB.300/MNE/2/1\n---\n# knowledge\n\nText.\n", [
        "paper/bad.md:2:1: error: missing required field 'unit'",
    ], id="no unit"),
    pytest.param("---\nunit: IPCE\npaper: GB.300/MNE/2/1\n---\n# knowledge\n\nText.\n", [
        "paper/bad.md:2:7: error: unknown unit 'IPCE': it is not in units.yaml; did you mean 'IPEC'?",
    ], id="unknown unit"),
    pytest.param("---\nunit: IPEC\npaper: GB.300/MNE/2/2\n---\n# knowledge\n\nText.\n", [
        "paper/bad.md:3:8: error: this submission is for paper 'GB.300/MNE/2/2', not GB.300/MNE/2/1",
    ], id="symbol other than the paper's"),
    pytest.param("---\nunit: IPEC\nunit: IPEC\npaper: GB.300/MNE/2/1\n---\n# knowledge\n\nText.\n", [
        "paper/bad.md:3:1: error: key 'unit' given twice (first at line 2)",
    ], id="key given twice"),
])
def test_an_error_in_a_markdown_submissions_front_matter(complete, text, diagnostics):
    complete.write("bad.md", text)
    assert complete.diagnostics() == diagnostics


@pytest.mark.parametrize("data, diagnostics", [
    pytest.param(b"---\nunit: IPEC\xe9\n", [
        "paper/bad.md:2:11: error: the file is not UTF-8: byte 0xe9 ('é' in Windows-1252) at byte offset 14; "
        "save it as UTF-8",
    ], id="not UTF-8"),
    pytest.param(md("IPEC", "# knowledge\n\nPage\x0cbreak and bell\x07.\n").encode(), [
        "paper/bad.md:7:5: error: character U+000C cannot be stored in a Word document",
        "paper/bad.md:7:20: error: character U+0007 cannot be stored in a Word document",
    ], id="control characters"),
])
def test_a_file_that_word_cannot_hold_is_an_error(complete, data, diagnostics):
    (complete.folder / "bad.md").write_bytes(data)
    assert complete.diagnostics() == diagnostics


def test_a_unit_not_among_the_contributors_is_an_error(complete):
    complete.write("../units.yaml", UNITS + "  - {code: DIALOGUE, name: Social Dialogue}\n")
    complete.write("bad.md", md("DIALOGUE", "# knowledge\n\nText.\n"))
    assert complete.diagnostics() == [
        "paper/bad.md:2:7: error: unit 'DIALOGUE' is not among the paper's contributors "
        "(paper.yaml, contributors)",
    ]


def test_a_label_given_twice_in_one_file_is_reported_at_the_second(complete):
    complete.write("bad.md", md("IPEC", "# knowledge\n\nFirst. {#dup}\n\nSecond. {#dup}\n"))
    assert complete.diagnostics() == [
        "paper/bad.md:9:11: error: label 'dup' is already a paragraph label (paper/bad.md:7); "
        "labels and the keys of sections and appendices share one namespace",
    ]


def test_a_label_given_twice_is_reported_where_it_comes_second_in_reading_order(complete):
    # a.md is first by file name, but SECTOR's paragraphs come after EMP/MULTI's.
    complete.write("a.md", md("SECTOR", "# knowledge\n\nSECTOR. {#dup}\n"))
    complete.write("z.md", md("EMP/MULTI", "# knowledge\n\nMULTI. {#dup}\n"))
    assert complete.diagnostics() == [
        "paper/a.md:7:11: error: label 'dup' is already a paragraph label (paper/z.md:7); "
        "labels and the keys of sections and appendices share one namespace",
    ]


# --- Errors in a YAML submission -------------------------------------------------------------

YAML_HEAD = "unit: IPEC\npaper: GB.300/MNE/2/1\n"


@pytest.mark.parametrize("text, diagnostics", [
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowlege\n    text: Text.\n", [
        "paper/bad.yaml:4:14: error: unknown section 'knowlege'; did you mean 'knowledge' (Knowledge development)?",
    ], id="unknown section"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: A *claim.\n", [
        "paper/bad.yaml:5:13: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
    ], id="unclosed *"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: 'A *claim.'\n", [
        "paper/bad.yaml:5:14: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
    ], id="unclosed * in quotes"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: Text.[^nope]\n", [
        "paper/bad.yaml:5:16: error: footnote reference '[^nope]' has no definition in this file",
    ], id="footnote reference without definition"),
    pytest.param(YAML_HEAD + "paragraph:\n  - section: knowledge\n    text: Text.\n", [
        "paper/bad.yaml:1:1: error: missing required field 'paragraphs'",
        "paper/bad.yaml:3:1: error: unknown field 'paragraph'; did you mean 'paragraphs'?",
    ], id="unknown key"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: One.\n    text: Two.\n", [
        "paper/bad.yaml:6:5: error: key 'text' given twice (first at line 5)",
    ], id="key given twice"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: Text.[^a]\n"
                 "footnotes:\n  a: ''\n", [
        "paper/bad.yaml:7:6: error: footnote 'a' is empty",
    ], id="empty footnote"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: One line\u2028of text, and a *claim.\n", [
        "paper/bad.yaml:5:35: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
    ], id="U+2028 in a value, a character of one line"),
    pytest.param(YAML_HEAD + "paragraphs:\n  - section: knowledge\n    text: |\n      One line\u2029\n"
                 "      and a *claim.\n", [
        "paper/bad.yaml:7:13: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
    ], id="U+2029 ending a line of a block scalar"),
])
def test_an_error_in_a_yaml_submission(complete, text, diagnostics):
    complete.write("bad.yaml", text)
    assert complete.diagnostics() == diagnostics


# --- Errors in paper.yaml --------------------------------------------------------------------


@pytest.mark.parametrize("changes, diagnostics", [
    pytest.param({"dedline": "2007-10-01"}, [
        "paper/paper.yaml:22:1: error: unknown field 'dedline'; did you mean 'deadline'?",
    ], id="unknown key"),
    pytest.param({"date": "2007-13-45"}, [
        "paper/paper.yaml:9:7: error: '2007-13-45' is not a date: month must be in 1..12",
    ], id="impossible date"),
    pytest.param({"date": "8 October 2007"}, [
        "paper/paper.yaml:9:7: error: '8 October 2007' is not a date written YYYY-MM-DD",
    ], id="date written otherwise"),
    pytest.param({"session_month": "2007-13"}, [
        "paper/paper.yaml:3:16: error: '2007-13' is not a month written YYYY-MM",
    ], id="impossible month"),
    pytest.param({"purpose": "approval"}, [
        "paper/paper.yaml:6:10: error: purpose must be one of 'information', 'debate' or 'decision'; not 'approval'",
    ], id="purpose not one of the three"),
    pytest.param({"session": "301"}, [
        "paper/paper.yaml:2:10: error: session 301 does not match the symbol GB.300/MNE/2/1 (session 300)",
    ], id="session not matching the symbol"),
    pytest.param({"symbol": "ILO/300/MNE/2/1"}, [
        "paper/paper.yaml:1:9: error: 'ILO/300/MNE/2/1' is not a GB symbol (GB.<session>/<segment>/.../<item>)",
    ], id="not a GB symbol"),
    pytest.param({"contributors": "[EMP/MULTI, IPEC, TRAVAIL, SECTOR, DIALOG]"}, [
        "paper/paper.yaml:11:50: error: contributor 'DIALOG' is not in units.yaml",
    ], id="contributor not in units.yaml"),
    pytest.param({"author": "EMP/MULTY"}, [
        "paper/paper.yaml:10:9: error: author 'EMP/MULTY' is not in units.yaml; did you mean 'EMP/MULTI'?",
    ], id="author not in units.yaml"),
])
def test_an_error_in_paper_yaml(complete, changes, diagnostics):
    complete.plan(**changes)
    assert complete.diagnostics() == diagnostics


@pytest.mark.parametrize("plan, diagnostics", [
    pytest.param(PLAN + "title: Again\n", [
        "paper/paper.yaml:22:1: error: key 'title' given twice (first at line 7)",
    ], id="key given twice"),
    pytest.param(PLAN.replace("place: Geneva\n", ""), [
        "paper/paper.yaml:1:1: error: missing required field 'place'",
    ], id="missing required field"),
    pytest.param(PLAN + "  - {key: knowledge, heading: Knowledge again}\n", [
        "paper/paper.yaml:22:11: error: section key 'knowledge' given twice (first at line 17)",
    ], id="section key given twice"),
])
def test_an_error_in_the_lines_of_paper_yaml(complete, plan, diagnostics):
    complete.write("paper.yaml", plan)
    assert complete.diagnostics() == diagnostics


def test_a_cross_reference_to_no_label_in_the_closing_is_an_error(complete):
    complete.plan(purpose="decision", closing='"Point for decision: Paragraph [#draft-decision]."')
    assert complete.diagnostics() == [
        "paper/paper.yaml:22:41: error: cross-reference to 'draft-decision', which is no label or section key",
    ]


@pytest.mark.parametrize("files", [
    pytest.param({}, id="no submission"),
    pytest.param({"ipec.md": md("IPEC", "# knowledge\n\n[^a]: A note only.\n")}, id="headings and notes only"),
])
def test_a_paper_with_no_paragraph_at_all_is_an_error(paper, files):
    for name, text in files.items():
        paper.write(name, text)
    assert [d for d in paper.diagnostics() if ": error: " in d] == [
        "paper/paper.yaml:1:1: error: the paper has no paragraphs: no submission gives any",
    ]


# --- Warnings --------------------------------------------------------------------------------


def test_a_footnote_never_referenced_is_a_warning(complete):
    complete.write("bad.md", md("IPEC", "# knowledge\n\nText.\n\n[^a]: A note.\n"))
    assert complete.diagnostics() == [
        "paper/bad.md:9:7: warning: footnote 'a' is defined but never referenced",
    ]


def test_a_contributor_with_no_submission_is_a_warning(complete):
    (complete.folder / "sector.md").unlink()
    assert complete.diagnostics() == [
        "paper/paper.yaml:11:42: warning: contributor 'SECTOR' has sent no submission",
    ]


@pytest.mark.parametrize("name", ["notes.txt", "ipec.pdf", "README"])
def test_a_file_that_is_neither_markdown_nor_yaml_is_ignored_with_a_warning(complete, name):
    complete.write(name, md("IPEC", "# knowlege\n\nNot read.\n"))
    assert complete.diagnostics() == [
        f"paper/{name}:1:1: warning: ignored: a submission is a .md, .yaml, .yml or .docx file",
    ]


def test_the_build_goes_on_despite_warnings(complete):
    complete.write("notes.txt", "Not read.\n")
    assert complete.body()[0] == "1. Introduction."


# --- All at once -----------------------------------------------------------------------------


def test_every_error_of_a_folder_comes_in_one_run_sorted_by_file_then_line(complete):
    complete.plan(session="301")
    complete.write("c.txt", "Not read.\n")
    complete.write("b.md", md("IPEC", "# knowlege\n\nA *claim.\n\n#### knowledge\n\nText.[^nope]\n"))
    complete.write("a.yaml", "unit: IPEC\nunit: IPEC\npaper: GB.300/MNE/2/1\n"
                   "paragraphs:\n  - section: knowlege\n    text: Text.\n")
    assert complete.diagnostics() == [
        "paper/a.yaml:2:1: error: key 'unit' given twice (first at line 1)",
        "paper/a.yaml:5:14: error: unknown section 'knowlege'; did you mean 'knowledge' (Knowledge development)?",
        "paper/b.md:5:3: error: unknown section 'knowlege'; did you mean 'knowledge' (Knowledge development)?",
        "paper/b.md:7:3: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
        "paper/b.md:9:1: error: only '#', '##' and '###' headings are allowed; '####' is too deep",
        "paper/b.md:11:6: error: footnote reference '[^nope]' has no definition in this file",
        "paper/c.txt:1:1: warning: ignored: a submission is a .md, .yaml, .yml or .docx file",
        "paper/paper.yaml:2:10: error: session 301 does not match the symbol GB.300/MNE/2/1 (session 300)",
    ]


def test_an_error_in_paper_yaml_does_not_hide_the_submissions_own_errors(complete):
    complete.plan(dedline="2007-10-01")
    complete.write("bad.md", md("IPEC", "# knowledge\n\nA *claim.\n\n#### knowledge\n\nText.[^a]; [^b]\n"
                                "\n[^a]: A.\n[^b]: B.\n"))
    assert complete.diagnostics() == [
        "paper/bad.md:7:3: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
        "paper/bad.md:9:1: error: only '#', '##' and '###' headings are allowed; '####' is too deep",
        "paper/bad.md:11:12: error: two footnote markers with only punctuation between them; write them "
        "side by side for two notes at one place ([^a][^...]), or put words between them",
        "paper/paper.yaml:22:1: error: unknown field 'dedline'; did you mean 'deadline'?",
    ]


def test_a_broken_paper_yaml_hides_no_unknown_unit(complete):
    complete.plan(date="2007-13-45")
    complete.write("bad.md", md("EMP/MULT", "# knowledge\n\nText.\n"))
    assert complete.diagnostics() == [
        "paper/bad.md:2:7: error: unknown unit 'EMP/MULT': it is not in units.yaml; did you mean 'EMP/MULTI'?",
        "paper/paper.yaml:9:7: error: '2007-13-45' is not a date: month must be in 1..12",
    ]


# --- What can still be checked is checked (no errors in rounds) ------------------------------


def test_a_yaml_submission_that_breaks_its_schema_still_has_its_unit_and_sections_checked(complete):
    complete.write("sector.yaml", "unit: SECTORR\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                   "  - section: meetngs\n    txt: SECTOR held a meeting.\n")
    assert [d for d in complete.diagnostics() if "sector.yaml" in d] == [
        "paper/sector.yaml:1:7: error: unknown unit 'SECTORR': it is not in units.yaml; did you mean 'SECTOR'?",
        "paper/sector.yaml:4:14: error: unknown section 'meetngs'; did you mean 'meetings' "
        "(Tripartite and expert meetings)?",
        "paper/sector.yaml:5:5: error: unknown field 'txt'; did you mean 'text'?",
    ]


def test_a_misspelt_heading_hides_no_undefined_footnote_under_it(complete):
    complete.write("bad.md", md("IPEC", "# meetngs\n\nIPEC met.[^nope]\n"))
    assert [d for d in complete.diagnostics() if "bad.md" in d] == [
        "paper/bad.md:5:3: error: unknown section 'meetngs'; did you mean 'meetings' (Tripartite and expert meetings)?",
        "paper/bad.md:7:10: error: footnote reference '[^nope]' has no definition in this file",
    ]


def test_a_mistyped_date_hides_no_session_that_disagrees_with_the_symbol(complete):
    complete.plan(date="2007-13-45", session="301")
    assert [d for d in complete.diagnostics() if "paper.yaml" in d] == [
        "paper/paper.yaml:2:10: error: session 301 does not match the symbol GB.300/MNE/2/1 (session 300)",
        "paper/paper.yaml:9:7: error: '2007-13-45' is not a date: month must be in 1..12",
    ]


def test_a_tab_in_a_block_of_text_is_reported_at_the_tab(complete):
    complete.write("sector.yaml", "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - section: meetings\n"
                   "    text: >-\n      SECTOR held a meeting\n\t  on the food industry.\n")
    assert [d for d in complete.diagnostics() if "sector.yaml" in d] == [
        "paper/sector.yaml:7:1: error: YAML syntax error: found a tab character where an indentation space is "
        "expected; indent with spaces, not tabs",
    ]


@pytest.mark.parametrize("line, expected", [
    ("date_line: Geneva, 8 October 2007.", "unknown field 'date_line'"),
    ("section: knowledge", "unknown field 'section'"),
    ("dedline: 2007-10-01", "unknown field 'dedline'; did you mean 'deadline'?"),
    ("titel: A title", "unknown field 'titel'; did you mean 'title'?"),
])
def test_a_field_is_suggested_only_when_the_value_given_would_fit_it(complete, line, expected):
    complete.write("paper.yaml", (complete.folder / "paper.yaml").read_text() + line + "\n")
    assert [d.split(": error: ")[1] for d in complete.diagnostics() if ": error: " in d] == [expected]


def test_among_thousands_of_choices_a_suggestion_is_sought_among_the_likely_ones():
    """Of many choices, those that start with the word's letter and are about as long: a typo
    later in the word is still found, in a scan of the choices."""
    from gbpaper.diagnostics import MAX_CHOICES, did_you_mean

    labels = [f"label-{k}" for k in range(50_000)]
    assert did_you_mean("label-4999x", labels) == "; did you mean 'label-4999'?"
    assert did_you_mean("xabel-4999", labels) == ""  # another first letter, among many: not sought
    assert did_you_mean("xabel-49", labels[:MAX_CHOICES]) == "; did you mean 'label-49'?"  # few: all


def test_unknown_sections_get_a_suggestion_for_the_first_hundred_only(paper):
    """Each suggestion is sought among all the paper's sections: past a hundred wrong headings
    a paper of thousands of sections would take minutes to check."""
    for unit, name in (("IPEC", "a.md"), ("TRAVAIL", "b.md")):
        paper.write(name, md(unit, "".join(f"# knowlege-{n:02}\n\nText.\n\n" for n in range(60))))
    unknown = [d for d in paper.diagnostics() if "unknown section" in d]
    assert len(unknown) == 120
    assert unknown[0] == ("paper/a.md:5:3: error: unknown section 'knowlege-00'; did you mean 'knowledge' "
                          "(Knowledge development)?")
    assert unknown[99] == ("paper/b.md:161:3: error: unknown section 'knowlege-39'; did you mean 'knowledge' "
                           "(Knowledge development)?")
    assert unknown[100] == "paper/b.md:165:3: error: unknown section 'knowlege-40'"
    assert sum("did you mean" in d for d in unknown) == 100


def test_unknown_sections_and_wrong_references_share_the_hundred_suggestions(paper):
    """Both cost a search among all the paper's names: a hundred suggestions a paper in all."""
    paper.write("a.md", md("IPEC", "".join(f"# knowlege-{n:02}\n\nText.\n\n" for n in range(60))))
    paper.write("b.md", md("TRAVAIL", "# knowledge\n\n" + "".join(f"See [#knowlege{n:02}].\n\n" for n in range(60))))
    wrong = [d for d in paper.diagnostics() if "knowlege" in d]
    assert len(wrong) == 120
    assert wrong[60] == ("paper/b.md:7:5: error: cross-reference to 'knowlege00', which is no label or "
                         "section key; did you mean 'knowledge'?")
    assert wrong[99] == ("paper/b.md:85:5: error: cross-reference to 'knowlege39', which is no label or "
                         "section key; did you mean 'knowledge'?")
    assert wrong[100] == "paper/b.md:87:5: error: cross-reference to 'knowlege40', which is no label or section key"
    assert sum("did you mean" in d for d in wrong) == 100


def test_of_a_file_with_more_than_a_hundred_problems_the_first_hundred_by_place_are_shown():
    """Whatever the order they come in (a YAML reader reports its anchors out of order), and
    with no more than those hundred held at once."""
    from gbpaper.diagnostics import MAX_PER_FILE, Diagnostics, Location

    diags = Diagnostics()
    for line in range(10_000, 0, -1):
        diags.error(Location("big.yaml", line, 3), "a problem")
        assert len(diags._files["big.yaml"].kept) <= MAX_PER_FILE
    diags.warning(Location("other.md", 1), "a warning")
    assert [d.format() for d in diags.sorted()] == [
        *(f"big.yaml:{line}:3: error: a problem" for line in range(1, 101)),
        "big.yaml:101:3: error: 9,900 more problems in this file, not shown: gbpaper shows the first 100 of a file",
        "other.md:1:1: warning: a warning"]
