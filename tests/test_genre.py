"""The genre's building blocks (docs/inputs.md and docs/outputs.md, after genre.md sections
1-5 and 10): lettered items, tables, quotations, several notes at one place, lettered and
third-level headings, in Markdown and YAML, in every language."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from click.testing import CliRunner

from conftest import PLAN, ROOT, md
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text
from gbpaper.status import paper_status

GENRE = ROOT / "tests" / "data" / "genre"
EXPECTED = GENRE / "expected"


def errors(paper) -> list[str]:
    return [d for d in paper.diagnostics() if ": error: " in d]


def introduction(paper) -> list[str]:
    """The blocks printed under the introduction, up to the next section's heading."""
    body = paper.body()
    return body[:body.index("Activities of the Office")]


def intro(paper, body: str) -> list[str]:
    """The blocks printed for an EMP/MULTI submission of body under `# introduction`."""
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\n" + textwrap.dedent(body)))
    return introduction(paper)


def yaml_intro(paper, entries: str, footnotes: str = "") -> list[str]:
    paper.write("multi.yaml", "unit: EMP/MULTI\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                + textwrap.dedent(entries) + textwrap.dedent(footnotes))
    return introduction(paper)


# --- Papers written to the contract, with the text it prescribes ----------------------------


def genre_paper(tmp_path: Path, name: str) -> Path:
    """A copy of a paper of tests/data/genre (with its units.yaml above it)."""
    shutil.copy(GENRE / "units.yaml", tmp_path / "units.yaml")
    return Path(shutil.copytree(GENRE / name, tmp_path / name))


@pytest.mark.parametrize("folder, files", [
    (ROOT / "inputs" / "GB.300-PFA-5", ["GB.300-PFA-5.en.txt", "GB.300-PFA-5.fr.txt"]),
    ("lils-ratification", ["GB.300-LILS-7.en.txt", "GB.300-LILS-7.es.txt"]),
    ("esp-youth", ["GB.301-ESP-2.en.txt"]),
], ids=["decision paper in inputs", "all-YAML decision paper", "edge cases"])
def test_a_paper_written_to_the_contract_builds_to_exactly_its_text(tmp_path, folder, files):
    source = folder if isinstance(folder, Path) else genre_paper(tmp_path, folder)
    result = compile_paper(source)
    assert [d.format() for d in result.diagnostics.sorted()] == []
    printed = {f"{p.file_stem}.txt": render_text(p).decode("utf-8") for p in result.versions}
    assert sorted(printed) == files
    for name in files:
        assert printed[name] == (EXPECTED / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_decision_papers_committed_outputs_are_up_to_date(lang):
    name = f"GB.300-PFA-5.{lang}.txt"
    assert (ROOT / "outputs" / name).read_bytes() == (EXPECTED / name).read_bytes()


# --- 1. Lettered items ---------------------------------------------------------------------


def test_lettered_items_are_lettered_by_gbpaper_whatever_was_typed(paper):
    assert intro(paper, """\
        The Governing Body:
        (a) requests the Office;
        (a) invites the members,
          (a) first,
          (x) second; and
        (z) decides.
        """) == ["1. The Governing Body:\n(a) requests the Office;\n(b) invites the members,\n"
                 "  (i) first,\n  (ii) second; and\n(c) decides."]


def test_items_may_be_indented_and_wrapped_and_blank_lines_may_stand_between(paper):
    assert intro(paper, """\
        The Governing Body:

          (a) requests the Office to
              report;

          (b) invites:
              (i) the members,
                  all of them;
                    (ii) and the others.
        """) == ["1. The Governing Body:\n(a) requests the Office to report;\n(b) invites:\n"
                 "  (i) the members, all of them;\n  (ii) and the others."]


def test_a_tab_before_an_item_is_as_wide_as_four_spaces(paper):
    """Before, a tab counted as one space: a sub-item indented with a tab was lettered at the top."""
    assert intro(paper, "The Governing Body:\n(a) requests;\n\t(i) these;\n(b) invites\n  \t(c) those.\n") == [
        "1. The Governing Body:\n(a) requests;\n  (i) these;\n(b) invites\n  (i) those."]


def test_an_item_label_prints_the_paragraph_number_and_letters(paper):
    paper.write("multi.md", md("EMP/MULTI", textwrap.dedent("""\
        # introduction

        First.

        The Governing Body: {#draft}
        (a) requests; {#req}
        (b) invites:
          (i) these;
          (ii) those. {#those}

        # knowledge

        See [#draft], [#req] and [#those].
        """)))
    body = paper.body()
    assert body[body.index("I. Knowledge development") + 1] == "3. See 2, 2(a) and 2(b)(ii)."


def test_items_in_yaml_as_text_or_with_labels_and_sub_items(paper):
    assert yaml_intro(paper, """\
          - section: introduction
            text: "The Governing Body:"
            lettered:
              - requests;
              - text: invites
                label: inv
                items: [these, {text: those, label: those}]
              - decides, as in [#inv] and [#those].
        """) == ["1. The Governing Body:\n(a) requests;\n(b) invites\n  (i) these\n  (ii) those\n"
                 "(c) decides, as in 1(b) and 1(b)(ii)."]


def test_notes_are_numbered_text_then_items_then_their_sub_items(paper):
    assert intro(paper, """\
        Text[^t]:
        (a) item[^a];
          (i) sub-item[^i].
        (b) item[^b].

        [^t]: T.
        [^a]: A.
        [^i]: I.
        [^b]: B.
        """) == ["1. Text:¹\n(a) item;²\n  (i) sub-item.³\n(b) item.⁴\n¹ T.\n² A.\n³ I.\n⁴ B."]


@pytest.mark.parametrize("body, expected", [
    ("Text.\n- dash\n  (i) under it.\n",
     "paper/multi.md:8:3: error: a lettered sub-item cannot stand under a dash item; write '(a) ' items "
     "for the paragraph and indent '(i) ' sub-items under them"),
    ("Text.\n- dash\n(a) lettered.\n",
     "paper/multi.md:8:1: error: a paragraph has one kind of trailing part, and this one has dash items "
     "already: lettered items here would need a paragraph of their own"),
    ("(a) alone.\n", "paper/multi.md:6:1: error: a lettered item must follow a paragraph of its section"),
    ("Text.\n(a) \n", "paper/multi.md:7:1: error: empty lettered item"),
    ("Text.\n(a) item {#bad label}\n", "paper/multi.md:7:10: error: item label 'bad label' may hold only "
     "letters, digits, '-', '_', '.', ':', starting with a letter or digit"),
])
def test_lettered_items_that_break_the_rules(paper, body, expected):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n" + body))
    assert errors(paper) == [expected]


def test_lettered_and_bullets_together_in_yaml_are_an_error(paper):
    paper.write("multi.yaml", "unit: EMP/MULTI\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                "  - section: introduction\n    text: Text.\n    bullets: [a]\n    lettered: [b]\n")
    assert errors(paper) == ["paper/multi.yaml:7:5: error: a paragraph has one kind of trailing part, and this "
                             "one has dash items already (bullets): lettered items (lettered) would need a "
                             "paragraph of their own"]


# --- 2. Tables -----------------------------------------------------------------------------

TABLE = """\
    Income was as follows.

    Table: Regular budget income, 1998–99 {#income}
    | Item | Swiss francs | US dollars |
    |:---|---:|:---:|
    | Assessed *contributions*[^a] | 498 547 593 | 341 \\| 470 |
    | Other |  |

    Table [#income] shows it.

    [^a]: Net of arrears.
    """


def test_a_pipe_table_with_a_caption_a_label_and_a_note_in_a_cell(paper):
    assert intro(paper, TABLE.replace("|  |\n", "|  |  |\n")) == [
        "1. Income was as follows.",
        "Table 1. Regular budget income, 1998–99\n| Item | Swiss francs | US dollars |\n"
        "| --- | ---: | :---: |\n| Assessed *contributions*¹ | 498 547 593 | 341 \\| 470 |\n"
        "| Other |  |  |\n¹ Net of arrears.",
        "2. Table 1 shows it.",
    ]


def test_a_row_with_the_wrong_number_of_cells_is_an_error_at_the_row(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\n" + textwrap.dedent(TABLE)))
    assert errors(paper) == ["paper/multi.md:13:1: error: this row has 2 cells, the header 3: every row "
                             "has as many cells as the header (write \\| for a '|' in a cell)"]


def test_tables_are_numbered_through_the_paper_only_when_captioned(paper):
    assert intro(paper, """\
        Text.

        | A |
        | - |

        Table: Second
        | B |
        |---|

        Table: Third
        | C |
        |---|
        """) == ["1. Text.", "| A |\n| --- |", "Table 1. Second\n| B |\n| --- |", "Table 2. Third\n| C |\n| --- |"]


def test_a_caption_parted_from_its_table_by_a_blank_line_is_an_error(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nText.\n\nTable: A caption\n\n| A |\n|---|\n"))
    assert errors(paper) == ["paper/multi.md:9:1: error: 'Table:' gives the caption of a table, "
                             "on the line right above its first row, and no row follows it; put it there (no "
                             "blank line between), or write Table\\: for text that starts so"]


def test_a_table_in_yaml(paper):
    assert yaml_intro(paper, """\
          - section: introduction
            text: Text.
          - section: introduction
            table:
              caption: Income
              label: income
              align: [left, right]
              header: [Item, "Francs[^a]"]
              rows:
                - [Assessed, "498"]
                - [Other, '']
          - section: introduction
            text: See table [#income].
        """, "footnotes:\n  a: Swiss francs.\n") == [
        "1. Text.", "Table 1. Income\n| Item | Francs¹ |\n| --- | ---: |\n| Assessed | 498 |\n| Other |  |\n"
        "¹ Swiss francs.", "2. See table 1."]


@pytest.mark.parametrize("table, expected", [
    ("header: [A, B]\n      rows: [[1]]", "paper/multi.yaml:9:14: error: this row has 1 cell, the header 2: "
     "every row has as many cells as the header"),
    ("header: [A, B]\n      align: [left]", "paper/multi.yaml:9:14: error: align gives 1 column, the header "
     "2: one for each column"),
    ("header: [A]\n      label: x", "paper/multi.yaml:9:14: error: a table without a caption has no number "
     "to refer to: give it a caption, or no label"),
    ("header: [A]\n      align: [middle]", "paper/multi.yaml:9:15: error: align must be one of 'left', "
     "'right' or 'center'; not 'middle'"),
])
def test_yaml_tables_that_break_the_rules(paper, table, expected):
    paper.write("multi.yaml", "unit: EMP/MULTI\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                "  - section: introduction\n    text: Text.\n  - section: introduction\n    table:\n"
                f"      {table}\n")
    assert errors(paper) == [expected]


@pytest.mark.parametrize("body, expected", [
    ("Text.\n| A |\n| - |\n", "paper/multi.md:8:1: error: a table needs a blank line before it: a '|' line "
     "under a paragraph's line is neither its text nor a table (write \\| for a literal '|')"),
    ("Text.\n\n| A |\n| - |\nText.\n", "paper/multi.md:11:1: error: a table ends at a blank line: put one "
     "between the table's last row and this line"),
    ("Text.\n\n| A | B |\n| 1 | 2 |\n", "paper/multi.md:10:1: error: a table's second line must be its "
     "delimiter row, a cell of '-' for each column, with ':' at the side it is aligned to: | --- | ---: | :---: |"),
    ("Text.\n\n| a lone pipe line |\n", "paper/multi.md:9:1: error: a table's second line must be its "
     "delimiter row, a cell of '-' for each column, with ':' at the side it is aligned to: | --- | ---: | :---: | "
     "(a '|' line alone is no table: write \\| for a literal '|')"),
    ("Text.\n(a) one;\n(b)\n", "paper/multi.md:9:1: error: empty lettered item"),
    ("Text.\n(a) one;\n(b) {#x}\n", "paper/multi.md:9:1: error: empty lettered item: it holds only a label"),
    ("Text.\n\n>\n", "paper/multi.md:9:1: error: a line that is only '>' parts the paragraphs of a quotation, "
     "and no quotation is read here: write '> text'"),
    ("Text.\n\n>quoted\n", "paper/multi.md:9:1: error: '>' starts a line of a quotation only with a space "
     "after it: write '> text', or \\> for a literal '>'"),
    ("Text.\n\nTable: A caption\n\nText.\n", "paper/multi.md:9:1: error: 'Table:' gives the caption of a "
     "table, on the line right above its first row, and no row follows it; put it there (no blank line "
     "between), or write Table\\: for text that starts so"),
])
def test_pipe_lines_that_are_no_well_formed_table(paper, body, expected):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\n" + body))
    assert errors(paper) == [expected]


# --- 3. Quotations -------------------------------------------------------------------------


def test_a_quotation_of_two_paragraphs_with_its_notes_after_it(paper):
    assert intro(paper, """\
        The Committee said:[^a]

        > The Conference *decides*
        > to act.[^b]
        >
        > And so on.

        [^a]: A.
        [^b]: B.
        """) == ["1. The Committee said:¹\n> The Conference *decides* to act.²\n> And so on.\n¹ A.\n² B."]


def test_a_quotation_in_yaml(paper):
    assert yaml_intro(paper, """\
          - section: introduction
            text: It said
            quote: [First., Second.]
        """) == ["1. It said\n> First.\n> Second."]


@pytest.mark.parametrize("body, expected", [
    ("> Quoted with nothing before it.\n", "paper/multi.md:6:1: error: a quotation must follow a paragraph "
     "of its section: the paragraph that introduces it"),
    ("Text:\n(a) item;\n> quoted.\n", "paper/multi.md:8:1: error: a paragraph has one kind of trailing part, "
     "and this one has lettered items already: a quotation here would need a paragraph of their own"),
])
def test_quotations_that_break_the_rules(paper, body, expected):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n" + body))
    assert errors(paper) == [expected]


# --- 4. Several notes at one place ---------------------------------------------------------


@pytest.mark.parametrize("typed, printed", [
    ("Reports[^a][^b] say.", "1. Reports¹,² say."),
    ("Reports [^a] [^b] say.", "1. Reports¹,² say."),
    ("Body”[^a][^b].", "1. Body”.¹,²"),
    ("Body[^a][^b] .", "1. Body¹,² ."),
])
def test_notes_at_one_place_print_with_a_comma_and_move_as_one(paper, typed, printed):
    [block] = intro(paper, f"{typed}\n\n[^a]: A.\n[^b]: B.\n")
    assert block.splitlines()[0] == printed


@pytest.mark.parametrize("typed, printed", [
    ("les points suivants :[^a][^b]", "1. les points suivants¹,² :"),
    ("le rapport[^a][^b].", "1. le rapport¹,²."),
    ("etc.[^a][^b]", "1. etc.¹,²"),
])
def test_in_french_the_group_moves_before_the_punctuation_and_its_space(paper, typed, printed):
    paper.plan(language="fr", place="Genève")
    [block] = intro(paper, f"{typed}\n\n[^a]: A.\n[^b]: B.\n")
    assert block.splitlines()[0] == printed


# --- 5. Headings ---------------------------------------------------------------------------

LETTERED_PLAN = """\
sections:
  - key: introduction
  - key: office
    heading: Activities of the Office
    numbering: roman
    sections:
      - key: knowledge
        heading: Knowledge development
        numbering: letter
        sections:
          - {key: studies, heading: Studies}
      - {key: meetings, heading: Tripartite and expert meetings, numbering: letter}
  - {key: other, heading: Other activities, numbered: true}
"""


def test_letters_and_roman_numerals_each_count_through_the_paper_three_deep(paper):
    paper.write("paper.yaml", PLAN.split("sections:")[0] + LETTERED_PLAN)
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nIntro, see [#meetings].\n\n"
                               "### Studies\n\nStudied.\n\n## B. Tripartite and expert meetings\n\nMet.\n\n"
                               "# other\n\nOther.\n"))
    assert paper.body() == [
        "1. Intro, see B.", "I. Activities of the Office", "A. Knowledge development", "Studies",
        "2. Studied.", "B. Tripartite and expert meetings", "3. Met.", "II. Other activities", "4. Other.",
        "Geneva, 8 October 2007.", "Submitted for information.",
    ]


def test_numbered_and_numbering_that_disagree_are_an_error(paper):
    paper.write("paper.yaml", PLAN.replace("numbered: true}", "numbered: true, numbering: letter}", 1))
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nText.\n"))
    assert errors(paper) == ["paper/paper.yaml:17:74: error: numbered: true is numbering: roman, and "
                             "numbering says letter; give numbering alone"]


# --- Nothing silently misread --------------------------------------------------------------


@pytest.mark.parametrize("line, expected", [
    ("* an item", "error: '* ' does not start a list item here: write '- ' for a dash item or '(a) ' for a "
     "lettered one (\\* for a literal '*')"),
    ("+ an item", "error: '+ ' does not start a list item here: write '- ' for a dash item or '(a) ' for a "
     "lettered one (\\+ for a literal '+')"),
    ("1. an item", "error: '1. ' would start a numbered list, and gbpaper numbers paragraphs itself: write "
     "'(a) ' for lettered items, or 1\\. if the number is part of the text"),
    ("2) an item", "error: '2) ' would start a numbered list, and gbpaper numbers paragraphs itself: write "
     "'(a) ' for lettered items, or 2\\) if the number is part of the text"),
])
@pytest.mark.parametrize("before", ["Text:\n", "Text:\n\n", ""])
def test_markdown_lists_gbpaper_does_not_have_are_errors_that_say_what_to_write(paper, line, before, expected):
    paper.write("multi.md", md("EMP/MULTI", f"# introduction\n\n{before}{line}\n"))
    at = 7 + before.count("\n")
    assert errors(paper) == [f"paper/multi.md:{at}:1: {expected}"]


# --- The model, apart from any renderer ----------------------------------------------------


def test_the_model_dump_shows_every_block_and_part(paper):
    paper.write("multi.md", md("EMP/MULTI", textwrap.dedent("""\
        # introduction

        The Governing Body:[^a][^b] {#draft}
        (a) requests; {#req}
          (i) this.

        Table: Income {#income}
        | A | B |
        |---|--:|
        | *x* | [#req] |

        Quoted:
        > Q.

        [^a]: A.
        [^b]: B.
        """)))
    result = compile_paper(paper.folder)
    dump = result.paper.pformat().splitlines()
    start = dump.index("paragraph 1 {#draft}: The Governing Body:[^1][^2]")
    assert dump[start:start + 13] == [
        "paragraph 1 {#draft}: The Governing Body:[^1][^2]",
        "  item (a) {#req}: requests;",
        "  subitem (i): this.",
        "  note 1: A.",
        "  note 2: B.",
        "table {#income}: Table 1. Income",
        "  align: left right",
        "  header: A | B",
        "  row: *x* | [#req=1(a)]",
        "paragraph 2: Quoted:",
        "  quote: Q.",
        "heading office level 1: Activities of the Office",
        "heading knowledge level 2 roman I: Knowledge development",
    ]


# --- Translations: the same blocks, parts, rows and columns ---------------------------------


@pytest.fixture
def decision(tmp_path: Path) -> Path:
    """A copy of inputs/GB.300-PFA-5 (English and French) with its units.yaml above it."""
    shutil.copy(ROOT / "inputs" / "units.yaml", tmp_path / "units.yaml")
    return Path(shutil.copytree(ROOT / "inputs" / "GB.300-PFA-5", tmp_path / "GB.300-PFA-5"))


def french_errors(folder: Path, old: str, new: str) -> list[str]:
    """The errors once fr/facilities.md has old replaced by new, paths from the paper's folder."""
    path = folder / "fr" / "facilities.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [d.format().replace(f"{folder}/", "") for d in compile_paper(folder).diagnostics.sorted()
            if d.severity == "error"]


@pytest.mark.parametrize("old, new, expected", [
    ("    (ii) de faire rapport", "    - de faire rapport",
     "fr/facilities.md:58:1: error: 3 lettered items, 2 sub-items, 1 dash item here but 3 lettered items, "
     "3 sub-items in facilities.md:57"),
    ("(a) de décider", "    (i) de décider",
     "fr/facilities.md:58:1: error: 2 lettered items, 4 sub-items here but 3 lettered items, 3 sub-items "
     "in facilities.md:57"),
    ("(a) de demander au Directeur général: {#dg-request}\n    (i) d'établir un plan de rénovation détaillé, en "
     "commençant par la façade et les fenêtres;[^phases]\n", "    (i) d'établir un plan de rénovation détaillé, en "
     "commençant par la façade et les fenêtres;[^phases]\n(a) de demander au Directeur général: {#dg-request}\n",
     "fr/facilities.md:61:9: error: a sub-item here but a lettered item in facilities.md:60"),
    (" {#dg-request}", "",
     "fr/facilities.md:61:5: error: no label here but label 'dg-request' in facilities.md:60"),
    ("| Ascenseurs | 1986 | Passable |\n", "",
     "fr/facilities.md:42:1: error: the table has 2 rows of 3 columns here but 3 rows of 3 columns in "
     "facilities.md:41"),
    ("| Ventilation | 1974 | Mauvais[^vent] |", "| Ventilation | 1974 | Mauvais |",
     "fr/facilities.md:45:24: error: [^vent] of facilities.md:44 is missing here"),
    ("\n| Installation | Année d'installation | État |\n|:---|:---:|---|\n| Chauffage | 1974 | Mauvais |\n"
     "| Ventilation | 1974 | Mauvais[^vent] |\n| Ascenseurs | 1986 | Passable |\n", "",
     "fr/facilities.md:36:1: error: section 'installations' has 2 blocks here but 3 in facilities.md:35 "
     "(paragraphs and tables)"),
])
def test_a_translation_must_have_the_same_items_tables_rows_and_references(decision, old, new, expected):
    assert expected in french_errors(decision, old, new)


def test_a_translation_with_a_quotation_where_the_original_has_none(decision):
    errors = french_errors(decision, "(a) de prendre note", "> de prendre note")
    assert errors[0] == ("fr/facilities.md:58:1: error: 1 quoted paragraph, 2 lettered items, 3 sub-items "
                         "here but 3 lettered items, 3 sub-items in facilities.md:57")


# --- The other commands reach the new blocks -----------------------------------------------


def test_diff_compares_tables_row_by_row_and_items_as_part_of_their_paragraph(decision, tmp_path):
    new = Path(shutil.copytree(decision, tmp_path / "new"))
    path = new / "facilities.md"
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("| Lifts | 1986 | Fair |", "| Lifts | 1986 | Poor |\n| Boilers | 1974 | Poor |")
                    .replace("(a) take note of the condition", "(a) take full note of the condition"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(decision), str(new)])
    assert (result.exit_code, result.stdout) == (1, (
        "paragraph changed (12 -> 12): … that it: (a) take {+full+} note of the condition …\n"
        "row changed (4 -> 4): … Lifts | 1986 | [-Fair-]{+Poor+} |\n"
        "row inserted (new 5): | Boilers | 1974 | Poor |\n"))


def test_a_text_output_with_every_new_block_against_its_own_folder_is_no_change(decision):
    text = ROOT / "outputs" / "GB.300-PFA-5.en.txt"
    result = CliRunner().invoke(main, ["diff", str(text), str(decision)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_status_counts_the_words_of_items_tables_and_quotations(paper):
    paper.write("multi.md", md("EMP/MULTI", textwrap.dedent("""\
        # introduction

        One two:[^a]
        (a) three four;
          (i) five.

        Table: Six seven
        | Eight | Nine ten |
        |---|---|
        | eleven | [#x] |

        Twelve: {#x}
        > thirteen fourteen.

        [^a]: Fifteen.
        """)))
    status = paper_status(paper.folder, Diagnostics())
    multi = status.contributors[0]
    assert (multi.unit, multi.paragraphs, multi.words, multi.footnotes) == (
        "EMP/MULTI", {"introduction": 2}, 16, 1)  # a cross-reference is a word


def test_a_label_on_a_table_without_caption_is_one_error_not_two(paper):
    paper.write("multi.yaml", "unit: EMP/MULTI\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                "  - section: introduction\n    text: See [#x].\n  - section: introduction\n    table:\n"
                "      label: x\n      header: [A]\n")
    assert errors(paper) == ["paper/multi.yaml:8:14: error: a table without a caption has no number to refer "
                             "to: give it a caption, or no label"]
