"""A submission in Markdown (spec/inputs.md): headings, paragraphs, lists, footnote definitions."""
from __future__ import annotations

import pytest

from conftest import md


def printed(paper, body: str) -> list[str]:
    """The blocks printed for an EMP/MULTI submission with this Markdown body."""
    paper.write("multi.md", md("EMP/MULTI", body))
    return paper.body()


# --- Paragraphs ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "The Office held\nthree meetings\nin 2007.",
    "The Office held   \nthree meetings\t\nin 2007.",
    "The Office held\n   three meetings\n\tin 2007.",
])
def test_a_wrapped_paragraphs_lines_are_joined_by_single_spaces(paper, typed):
    assert printed(paper, f"# introduction\n\n{typed}\n")[0] == "1. The Office held three meetings in 2007."


def test_paragraphs_are_separated_by_blank_lines(paper):
    assert printed(paper, "# introduction\n\nOne.\n\n\n\nTwo.\n   \nThree.\n")[:3] == [
        "1. One.", "2. Two.", "3. Three.",
    ]


def test_crlf_line_ends_and_a_byte_order_mark_are_read_like_lf(paper):
    text = md("EMP/MULTI", "# introduction\n\nThe Office held\nthree meetings.\n\nTwo.\n")
    (paper.folder / "multi.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert paper.body()[:2] == ["1. The Office held three meetings.", "2. Two."]


# --- Lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    pytest.param("Meetings were held:\n- in Geneva;\n- in Turin.", id="right after"),
    pytest.param("Meetings were held:\n   - in Geneva;\n\t- in Turin.", id="any indentation"),
    pytest.param("Meetings were held:\n\n- in Geneva;\n\n- in Turin.", id="blank lines"),
    pytest.param("Meetings were held:\n\n  - in Geneva;\n\n      - in Turin.", id="blank lines, indented"),
    pytest.param("Meetings were held:\n- in\n  Geneva;\n- in\n\tTurin.", id="continuation lines"),
    pytest.param("Meetings\nwere held:\n- in Geneva;\n- in Turin.", id="after a wrapped paragraph"),
])
def test_a_list_belongs_to_the_paragraph_before_it(paper, typed):
    assert printed(paper, f"# introduction\n\n{typed}\n\nNext.\n")[:2] == [
        "1. Meetings were held:\n- in Geneva;\n- in Turin.",
        "2. Next.",
    ]


def test_a_label_stands_before_its_paragraphs_list(paper):
    assert printed(paper, "# introduction\n\nSee paragraph [#held].\n\nMeetings were held: {#held}\n"
                   "- in Geneva;\n- in Turin.\n")[:2] == [
        "1. See paragraph 2.",
        "2. Meetings were held:\n- in Geneva;\n- in Turin.",
    ]


# --- Footnote definitions --------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    pytest.param("[^a]: Note A.\n[^b]: Note B.\n\n# introduction\n\nOne.[^a]\n\nTwo.[^b]\n",
                 id="before the first heading"),
    pytest.param("# introduction\n\nOne.[^a]\n\n[^a]: Note A.\n\nTwo.[^b]\n\n[^b]: Note B.\n",
                 id="between paragraphs"),
    pytest.param("# introduction\n\nOne.[^a]\n[^a]: Note A.\n\nTwo.[^b]\n[^b]: Note B.\n",
                 id="right after the paragraph's line"),
    pytest.param("# introduction\n\nOne.[^a]\n\nTwo.[^b]\n\n[^a]: Note A.\n[^b]: Note B.\n",
                 id="one right after another, at the end"),
    pytest.param("# introduction\n\nOne.[^a]\n\nTwo.[^b]\n\n[^b]: Note B.\n\n[^a]: Note A.",
                 id="in another order, no final newline"),
    pytest.param("# introduction\n\nOne.[^a]\n\n[^b]: Note B.\n\n# knowledge\n\n[^a]: Note A.\n\n"
                 "# introduction\n\nTwo.[^b]\n", id="under other headings"),
])
def test_footnote_definitions_may_stand_anywhere_in_the_file(paper, body):
    assert printed(paper, body)[:2] == ["1. One.¹\n¹ Note A.", "2. Two.²\n² Note B."]


@pytest.mark.parametrize("definition", [
    "[^a]: The note\n    runs on\n\tover indented lines.",
    "[^a]:\n  The note\n  runs on\n  over indented lines.",
    "[^a]:    The note   \n runs on\n over indented lines.",
])
def test_a_footnote_definition_runs_on_over_indented_lines(paper, definition):
    assert printed(paper, f"# introduction\n\nOne.[^a]\n\n{definition}\n")[0] == (
        "1. One.¹\n¹ The note runs on over indented lines."
    )


def test_a_footnote_definition_ends_at_a_line_that_is_not_indented(paper):
    assert printed(paper, "# introduction\n\nOne.[^a]\n\n[^a]: The note\n  ends here.\nTwo.\n")[:2] == [
        "1. One.¹\n¹ The note ends here.",
        "2. Two.",
    ]


def test_a_footnote_definition_starts_only_in_column_1(paper):
    # Indented, the line continues the paragraph: its [^a] is a marker, not a definition.
    assert printed(paper, "# introduction\n\nOne\n [^a]: what follows.\n\n[^a]: Note A.\n")[0] == (
        "1. One:¹ what follows.\n¹ Note A."
    )


# --- Headings --------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", [
    "# knowledge",
    "## knowledge",
    "# Knowledge development",
    "# knowledge development",
    "# KNOWLEDGE DEVELOPMENT",
    "#   Knowledge    development  ",
    "#\tKnowledge\tdevelopment",
    "# I. Knowledge development",
    "# i. knowledge development",
    "## I.  Knowledge   development",
])
def test_a_heading_names_its_section_by_key_heading_text_or_numeral_and_heading(paper, heading):
    assert printed(paper, f"# introduction\n\nFirst.\n\n{heading}\n\nSecond.\n")[:4] == [
        "1. First.",
        "Activities of the Office",
        "I. Knowledge development",
        "2. Second.",
    ]


def test_a_heading_chooses_the_section_of_every_paragraph_after_it(paper):
    assert printed(paper, "# other\n\nA.\n\nB.\n\n## knowledge\n\nC.\n\n# other\n\nD.\n")[1:] == [
        "I. Knowledge development",
        "1. C.",
        "II. Tripartite and expert meetings",
        "III. Other activities",
        "2. A.",
        "3. B.",
        "4. D.",
        "Geneva, 8 October 2007.",
        "Submitted for information.",
    ]


def test_a_hash_sign_without_a_space_starts_no_heading(paper):
    assert printed(paper, "# introduction\n\nOne\n#hashtag two.\n")[0] == "1. One #hashtag two."
