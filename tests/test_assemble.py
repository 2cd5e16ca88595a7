"""The assembler's rules (spec/inputs.md): order, numbering, footnotes, ibid, cross-references."""
from __future__ import annotations

import textwrap

import pytest

from conftest import PLAN, md

DATE_AND_CLOSING = ["Geneva, 8 October 2007.", "Submitted for information."]


def sections(paper, outline: str):
    """paper.yaml with its `sections:` replaced by outline (YAML lines under `sections:`)."""
    head = PLAN.split("sections:")[0]
    return paper.write("paper.yaml", head + "sections:\n" + outline)


def errors(paper) -> list[str]:
    return [d for d in paper.diagnostics() if ": error: " in d]


def intro(paper, body: str) -> list[str]:
    """The blocks printed for an EMP/MULTI submission of body under `# introduction`."""
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\n" + textwrap.dedent(body)))
    return paper.body()


# --- Order -----------------------------------------------------------------------------------


def test_paragraphs_follow_sections_then_contributors_then_file_names(paper):
    paper.write("z-travail.md", md("TRAVAIL", "# knowledge\n\nTRAVAIL one.\n"))
    paper.write("b-ipec.md", md("IPEC", "# knowledge\n\nIPEC from b.\n\n# introduction\n\nIPEC intro.\n"))
    paper.write("a-ipec.md", md("IPEC", "# Knowledge development\n\nIPEC from a, first.\n\nIPEC from a, second.\n"))
    paper.write("multi.md", md("EMP/MULTI", "# knowledge\n\nMULTI knows.\n\n# introduction\n\nMULTI intro.\n"))
    assert paper.body() == [
        "1. MULTI intro.",
        "2. IPEC intro.",
        "Activities of the Office",
        "I. Knowledge development",
        "3. MULTI knows.",
        "4. IPEC from a, first.",
        "5. IPEC from a, second.",
        "6. IPEC from b.",
        "7. TRAVAIL one.",
        "II. Tripartite and expert meetings",
        "III. Other activities",
        "Geneva, 8 October 2007.",
        "Submitted for information.",
    ]


def test_several_files_of_one_unit_are_read_in_file_name_order_by_code_point(paper):
    # By code point: digits before capitals before small letters before accented letters,
    # and "10" before "9".
    for name in ["é.md", "b.md", "B.md", "9.md", "10.md"]:
        paper.write(name, md("IPEC", f"# introduction\n\nFrom {name}.\n"))
    paper.write("a.yaml", "unit: IPEC\npaper: GB.300/MNE/2/1\n"
                "paragraphs:\n  - {section: introduction, text: From a.yaml.}\n")
    assert paper.body()[:6] == [
        "1. From 10.md.",
        "2. From 9.md.",
        "3. From B.md.",
        "4. From a.yaml.",
        "5. From b.md.",
        "6. From é.md.",
    ]


def test_units_come_in_contributors_order_whatever_their_file_names(paper):
    paper.write("a.md", md("SECTOR", "# introduction\n\nSECTOR.\n"))
    paper.write("b.md", md("TRAVAIL", "# introduction\n\nTRAVAIL.\n"))
    paper.write("c.md", md("IPEC", "# introduction\n\nIPEC.\n"))
    paper.write("d.md", md("EMP/MULTI", "# introduction\n\nEMP/MULTI.\n"))
    assert paper.body()[:4] == ["1. EMP/MULTI.", "2. IPEC.", "3. TRAVAIL.", "4. SECTOR."]


def test_a_sections_own_paragraphs_come_before_its_subsections(paper):
    paper.write("multi.md", md("EMP/MULTI", "# knowledge\n\nMULTI knows.\n"))
    paper.write("sector.md", md("SECTOR", "# office\n\nSECTOR on the Office as a whole.\n"))
    assert paper.body()[:4] == [
        "Activities of the Office",
        "1. SECTOR on the Office as a whole.",
        "I. Knowledge development",
        "2. MULTI knows.",
    ]


# --- Numbering -------------------------------------------------------------------------------


def test_paragraph_numbers_run_on_through_nested_sections(paper):
    paper.write("multi.md", md("EMP/MULTI", """\
        # other

        Other.

        # meetings

        Meetings.

        # introduction

        Introduction.

        # knowledge

        Knowledge.

        # office

        Office.
        """))
    assert paper.body() == [
        "1. Introduction.",
        "Activities of the Office",
        "2. Office.",
        "I. Knowledge development",
        "3. Knowledge.",
        "II. Tripartite and expert meetings",
        "4. Meetings.",
        "III. Other activities",
        "5. Other.",
        *DATE_AND_CLOSING,
    ]


def test_roman_numerals_go_to_numbered_sections_only_in_order_through_the_paper(paper):
    sections(paper, """\
  - key: introduction
  - {key: first, heading: First numbered, numbered: true}
  - key: plain
    heading: Not numbered
    sections:
      - {key: second, heading: Second numbered, numbered: true}
      - {key: aside, heading: An aside}
  - {key: third, heading: Third numbered, numbered: true}
""")
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nIntroduction.\n"))
    assert paper.body() == [
        "1. Introduction.",
        "I. First numbered",
        "Not numbered",
        "II. Second numbered",
        "An aside",
        "III. Third numbered",
        *DATE_AND_CLOSING,
    ]


def test_an_empty_section_still_prints_its_heading_with_a_warning(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne.\n\n# office\n\nTwo.\n\n"
                               "# knowledge\n\nThree.\n\n# other\n\nFour.\n"))
    for unit in ["IPEC", "TRAVAIL", "SECTOR"]:
        paper.write(f"{unit}.md", md(unit, f"# other\n\n{unit}.\n"))
    assert paper.body()[4:7] == ["3. Three.", "II. Tripartite and expert meetings", "III. Other activities"]
    assert paper.diagnostics() == [
        "paper/paper.yaml:18:15: warning: section 'meetings' has no paragraphs",
    ]


def test_a_section_whose_subsections_have_paragraphs_is_not_empty(paper):
    # Its heading stands over its subsections' paragraphs: nothing to warn about.
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne.\n\n# knowledge\n\nTwo.\n\n"
                               "# meetings\n\nThree.\n\n# other\n\nFour.\n"))
    for unit in ["IPEC", "TRAVAIL", "SECTOR"]:
        paper.write(f"{unit}.md", md(unit, f"# other\n\n{unit}.\n"))
    assert paper.body()[1:3] == ["Activities of the Office", "I. Knowledge development"]
    assert paper.diagnostics() == []


# --- Footnotes -------------------------------------------------------------------------------


def test_footnotes_are_numbered_through_paragraphs_and_files_in_reading_order(paper):
    # a-ipec.md is read first from the folder, but EMP/MULTI's paragraphs come first.
    paper.write("a-ipec.md", md("IPEC", "# knowledge\n\nIPEC counts.[^n]\n\n[^n]: IPEC's note.\n"))
    paper.write("z-multi.md", md("EMP/MULTI", """\
        # introduction

        First.[^n]

        Second.[^m]

        [^n]: First note.
        [^m]: Second note.
        """))
    assert paper.body()[:5] == [
        "1. First.¹\n¹ First note.",
        "2. Second.²\n² Second note.",
        "Activities of the Office",
        "I. Knowledge development",
        "3. IPEC counts.³\n³ IPEC's note.",
    ]


def test_footnotes_follow_the_paragraph_whose_text_or_list_references_them(paper):
    assert intro(paper, """\
        The Office held three meetings.[^list]
        - in Geneva;[^g]
        - in Turin.[^t]

        A paragraph without notes.

        [^list]: Listed in GB.298/MNE/2/1.
        [^g]: GB.298/10.
        [^t]: ITC report.
        """)[:2] == [
        "1. The Office held three meetings.¹\n- in Geneva;²\n- in Turin.³\n"
        "¹ Listed in GB.298/MNE/2/1.\n² GB.298/10.\n³ ITC report.",
        "2. A paragraph without notes.",
    ]


def test_a_label_referenced_twice_gives_two_footnotes(paper):
    assert intro(paper, """\
        Rates rose[^src] and fell[^other] and rose again.[^src]

        [^src]: The source.
        [^other]: Another source.
        """)[0] == (
        "1. Rates rose¹ and fell² and rose again.³\n¹ The source.\n² Another source.\n³ The source."
    )


@pytest.mark.parametrize("paragraph, definitions, footnotes", [
    pytest.param("A.[^a] B.[^a]", "[^a]: GB.298/10.",
                 ["¹ GB.298/10.", "² *ibid.*"], id="same label"),
    pytest.param("A.[^a] B.[^a] C.[^a]", "[^a]: GB.298/10.",
                 ["¹ GB.298/10.", "² *ibid.*", "³ *ibid.*"], id="three in a row"),
    pytest.param("A.[^a] B.[^b]", "[^a]: GB.298/10.\n[^b]: GB.298/10.",
                 ["¹ GB.298/10.", "² *ibid.*"], id="same text, other label"),
    pytest.param("A.[^a] B.[^b]", "[^a]: See  GB.298/10.\n[^b]: See\n    GB.298/10.",
                 ["¹ See  GB.298/10.", "² *ibid.*"], id="same text, whitespace folded"),
    pytest.param("A.[^a] B.[^b] C.[^a]", "[^a]: GB.298/10.\n[^b]: GB.298/11.",
                 ["¹ GB.298/10.", "² GB.298/11.", "³ GB.298/10."], id="another note between"),
    pytest.param("A.[^a] B.[^b]", "[^a]: See the *Report*, p. 4.\n[^b]: See the Report, p. 4.",
                 ["¹ See the *Report*, p. 4.", "² See the Report, p. 4."], id="same words, other italics"),
    pytest.param("A.[^a] B.[^b]", "[^a]: See the **Report**.\n[^b]: See the *Report*.",
                 ["¹ See the **Report**.", "² See the *Report*."], id="bold, then italic"),
])
def test_a_note_from_the_same_source_as_the_note_before_is_ibid(paper, paragraph, definitions, footnotes):
    block = intro(paper, f"{paragraph}\n\n{definitions}\n")[0]
    assert block.split("\n")[1:] == footnotes


def test_ibid_holds_across_paragraphs_and_sections(paper):
    assert intro(paper, """\
        First.[^a]

        Second.[^a]

        # knowledge

        Third.[^a]

        [^a]: GB.298/10.
        """)[:5] == [
        "1. First.¹\n¹ GB.298/10.",
        "2. Second.²\n² *ibid.*",
        "Activities of the Office",
        "I. Knowledge development",
        "3. Third.³\n³ *ibid.*",
    ]


def test_the_same_text_in_another_file_is_ibid(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nMULTI.[^m]\n\n[^m]: GB.298/10.\n"))
    paper.write("ipec.md", md("IPEC", "# introduction\n\nIPEC.[^i]\n\n[^i]: GB.298/10.\n"))
    assert paper.body()[:2] == ["1. MULTI.¹\n¹ GB.298/10.", "2. IPEC.²\n² *ibid.*"]


def test_the_same_label_in_another_file_with_other_text_is_not_ibid(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nMULTI.[^n]\n\n[^n]: GB.298/10.\n"))
    paper.write("ipec.md", md("IPEC", "# introduction\n\nIPEC.[^n]\n\n[^n]: GB.298/11.\n"))
    assert paper.body()[:2] == ["1. MULTI.¹\n¹ GB.298/10.", "2. IPEC.²\n² GB.298/11."]


@pytest.mark.parametrize("typed, printed", [
    ("word [^a] next", "word¹ next"),
    ("word  [^a].", "word.¹"),
    ("*word* [^a]", "*word*¹"),
    ("end of a line\n[^a] on the next", "end of a line¹ on the next"),
])
def test_a_space_typed_before_a_footnote_marker_is_dropped(paper, typed, printed):
    assert intro(paper, f"{typed}\n\n[^a]: Note.\n")[0] == f"1. {printed}\n¹ Note."


@pytest.mark.parametrize("typed, printed", [
    ("Body[^a].", "Body.¹"),
    ("Body.[^a]", "Body.¹"),
    ("first[^a], then", "first,¹ then"),
    ("first[^a]; then", "first;¹ then"),
    ("following[^a]: a list", "following:¹ a list"),
    ("so[^a]... on", "so...¹ on"),
    ("*stressed*[^a].", "*stressed*.¹"),
    ("(April 2007)[^a] and", "(April 2007)¹ and"),
])
def test_in_english_a_marker_touching_punctuation_goes_after_it(paper, typed, printed):
    assert intro(paper, f"{typed}\n\n[^a]: Note.\n")[0] == f"1. {printed}\n¹ Note."


def test_a_space_typed_before_a_footnote_marker_in_a_list_item_is_dropped(paper):
    assert intro(paper, "Paragraph.\n- item [^a]\n\n[^a]: Note.\n")[0] == "1. Paragraph.\n- item¹\n¹ Note."


# --- Cross-references ------------------------------------------------------------------------


def test_a_cross_reference_gives_the_labelled_paragraphs_number_forward_and_backward(paper):
    assert intro(paper, """\
        As paragraph [#plan] explains, there is a plan.

        The plan. {#plan}

        As paragraph [#plan] said.
        """)[:3] == [
        "1. As paragraph 2 explains, there is a plan.",
        "2. The plan.",
        "3. As paragraph 2 said.",
    ]


def test_a_cross_reference_to_a_numbered_section_gives_its_roman_numeral(paper):
    assert intro(paper, "As reported in sections [#meetings] and [#other].\n")[0] == (
        "1. As reported in sections II and III."
    )


def test_cross_references_in_list_items_and_footnotes_are_resolved(paper):
    assert intro(paper, """\
        The plan. {#plan}
        - see paragraph [#next];
        - see section [#knowledge].[^n]

        The next.{#next}

        [^n]: As paragraph [#plan] says.
        """)[:2] == [
        "1. The plan.\n- see paragraph 2;\n- see section I.¹\n¹ As paragraph 1 says.",
        "2. The next.",
    ]


# --- Closing ---------------------------------------------------------------------------------


def test_a_decision_papers_closing_resolves_its_cross_reference(paper):
    paper.plan(purpose="decision", closing='"Point for decision: Paragraph [#draft-decision]."')
    assert intro(paper, """\
        One.

        Two.

        The Subcommittee may wish to take note. {#draft-decision}
        """)[-2:] == ["Geneva, 8 October 2007.", "Point for decision: Paragraph 3."]


@pytest.mark.parametrize("purpose, closing", [
    ("information", "Submitted for information."),
    ("debate", "Submitted for debate and guidance."),
])
def test_the_default_closing_follows_the_purpose(paper, purpose, closing):
    paper.plan(purpose=purpose)
    assert intro(paper, "One.\n")[-1] == closing


def test_a_given_closing_replaces_the_default(paper):
    paper.plan(closing="Submitted for information and comment.")
    assert intro(paper, "One.\n")[-1] == "Submitted for information and comment."


def test_a_decision_paper_without_a_closing_is_an_error(paper):
    paper.plan(purpose="decision")
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne.\n"))
    assert errors(paper) == [
        "paper/paper.yaml:6:10: error: a paper for decision must give its closing line "
        "(closing: Point for decision: Paragraph [#draft-decision].)",
    ]


# --- Formats and inline text -----------------------------------------------------------------


def test_yaml_and_markdown_submissions_mix_in_one_section(paper):
    paper.write("multi.md", md("EMP/MULTI", "# knowledge\n\nMULTI first; see paragraph [#ipec-peru].\n"))
    paper.write("ipec.yaml", """\
        unit: IPEC
        paper: GB.300/MNE/2/1
        paragraphs:
          - section: Knowledge development
            text: IPEC analysed value chains.[^ict]
            bullets: [in ICT;, in food.]
          - section: knowledge
            label: ipec-peru
            text: IPEC held a workshop in *Peru*.
        footnotes:
          ict: MULTI Working Paper, Apr. 2007.
        """)
    paper.write("travail.md", md("TRAVAIL", "# knowledge\n\nTRAVAIL last.\n"))
    assert paper.body()[:6] == [
        "Activities of the Office",
        "I. Knowledge development",
        "1. MULTI first; see paragraph 3.",
        "2. IPEC analysed value chains.¹\n- in ICT;\n- in food.\n¹ MULTI Working Paper, Apr. 2007.",
        "3. IPEC held a workshop in *Peru*.",
        "4. TRAVAIL last.",
    ]


@pytest.mark.parametrize("typed, printed", [
    (r"5 \* 3 = 15", r"5 \* 3 = 15"),
    (r"C:\\reports", r"C:\\reports"),
    (r"\*not italic\*", r"\*not italic\*"),
    (r"\[sic]", "[sic]"),
    (r"\[^a] is how a marker is typed", "[^a] is how a marker is typed"),
    (r"a label is typed \{#label}", "a label is typed {#label}"),
])
def test_literal_characters_print_as_typed_with_asterisk_and_backslash_escaped(paper, typed, printed):
    assert intro(paper, typed + "\n")[0] == f"1. {printed}"


@pytest.mark.parametrize("typed", [
    "*Decent work* for all",
    "**Decent work** for all",
    "***Decent work*** for all",
    "*Decent **work** for* all",
    "**Decent *work* for** all",
    "***Decent** work* for all",
])
def test_italic_and_bold_print_as_typed(paper, typed):
    assert intro(paper, typed + "\n")[0] == f"1. {typed}"


# --- Names, lines and marks from paper.yaml -------------------------------------------------

def test_a_heading_two_sections_share_must_be_named_by_key(paper):
    sections(paper, """\
  - {key: a, heading: Part A, sections: [{key: a-other, heading: Other activities}]}
  - {key: b, heading: Part B, sections: [{key: b-other, heading: Other activities}]}
""")
    paper.write("multi.md", md("EMP/MULTI", "# Other activities\n\nWhere?\n\n# b-other\n\nHere.\n"))
    assert errors(paper) == [
        "paper/multi.md:5:3: error: heading 'Other activities' names 2 sections (a-other, b-other); "
        "write the section's key",
    ]


def test_a_heading_with_no_paragraph_under_it_must_still_name_a_section(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nText.\n\n# nosuch\n"))
    assert errors(paper) == [
        "paper/multi.md:9:3: error: unknown section 'nosuch'; did you mean 'introduction'?",
    ]


def test_an_unknown_section_always_gets_the_nearest_as_a_suggestion(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nText.\n\n# zzz\n\nMore.\n"))
    assert errors(paper) == [
        "paper/multi.md:9:3: error: unknown section 'zzz'; did you mean 'Tripartite and expert "
        "meetings' (meetings)?",
    ]


def test_a_paragraph_with_no_text_is_empty(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\n[^a]\n\n** **\n\n[^a]: Note.\n"))
    assert errors(paper) == [
        "paper/multi.md:7:1: error: empty paragraph: it holds no text, only '[^a]'",
        "paper/multi.md:9:1: error: empty paragraph: it holds no text, only '** **'",
    ]


def test_a_cross_reference_in_a_footnote_nobody_refers_to_is_still_checked(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nText.\n\n[^a]: See [#nowhere].\n"))
    assert errors(paper) == [
        "paper/multi.md:9:11: error: cross-reference to 'nowhere', which is no label or section "
        "key; did you mean 'other'?",
    ]


def test_paper_yaml_lines_print_on_one_line_with_literal_marks_escaped(paper):
    paper.plan(title='"A title with * a star\\n  and \\\\ a backslash"',
               closing='"Submitted   for information.  "')
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nText.\n"))
    text = paper.text()
    assert "\n\nA title with \\* a star and \\\\ a backslash\n\n" in text
    assert text.endswith("\n\nSubmitted for information.\n")


def test_past_the_first_hundred_wrong_labels_no_suggestion_is_sought(paper):
    for name in ("a.md", "b.md", "c.md"):
        body = "".join(f"Paragraph {i} [#{name[0]}{i}x]. {{#{name[0]}{i}}}\n\n" for i in range(60))
        paper.write(name, md("EMP/MULTI", "# introduction\n\n" + body))
    found = [d for d in errors(paper) if "cross-reference" in d]
    assert len(found) == 180
    assert sum("did you mean" in d for d in found) == 100


@pytest.mark.parametrize("typed, col", [("Word[^a].[^b] next", 10), ("Word[^a] ; [^b] next", 12)])
def test_markers_with_only_punctuation_between_are_an_error(paper, typed, col):
    paper.write("multi.md", md("EMP/MULTI", f"# introduction\n\n{typed}\n\n[^a]: A.\n[^b]: B.\n"))
    assert errors(paper) == [
        f"paper/multi.md:7:{col}: error: two footnote markers with only punctuation between them; "
        "write them side by side for two notes at one place ([^a][^...]), or put words between them",
    ]


def test_a_broken_front_matter_hides_no_error_of_the_text(paper):
    paper.write("multi.md", "---\nunit: EMP/MULTI\n---\n# introduction\n\nAn *unclosed star.\n")
    paper.write("ipec.md", md("IPEC", "# introduction\n\nIPEC.\n"))
    assert errors(paper) == [
        "paper/multi.md:2:1: error: missing required field 'paper'",
        "paper/multi.md:6:4: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
    ]


def test_a_yaml_submission_that_breaks_its_schema_hides_no_error_of_its_text(paper):
    paper.write("sector.yaml", "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                "  - {section: knowledge, text: 'An *unclosed star.', bullets: ['ok', '']}\n")
    # (No "the paper has no paragraphs": the broken file may be why.)
    assert errors(paper) == [
        "paper/sector.yaml:4:36: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
        "paper/sector.yaml:4:70: error: list item 2 is empty",
    ]


def test_an_error_in_yaml_text_over_several_lines_points_at_its_own_line_and_column(paper):
    paper.write("sector.yaml", """\
        unit: SECTOR
        paper: GB.300/MNE/2/1
        paragraphs:
          - section: knowledge
            text: >-
              First line of the text,
              then an *unclosed star
              and a [#nolabel] here.
          - section: knowledge
            text: plain over
              two lines [#nolab2]
          - section: knowledge
            text: |
              Literal
                indented [#nolab3]
        """)
    assert [e for e in errors(paper) if "sector.yaml" in e] == [
        "paper/sector.yaml:7:15: error: '*' opens italic text that is never closed (write \\* for a literal asterisk)",
        "paper/sector.yaml:8:13: error: cross-reference to 'nolabel', which is no label or section key",
        "paper/sector.yaml:11:17: error: cross-reference to 'nolab2', which is no label or section key",
        "paper/sector.yaml:15:18: error: cross-reference to 'nolab3', which is no label or section key",
    ]
