"""Hostile text (issue 13): what a contributor can type to make gbpaper crash, hang or fill
memory, and the located error or bounded work it gets instead.

- E: a YAML escape in double quotes (`"\\x01"`, `"\\e"`) writes a character Word cannot hold.
- L: YAML aliases multiply text; the text is limited once they are expanded.
- J: footnote references multiply notes; a file's are limited in number and in text printed.
- T: `gbpaper diff` on repetitive input (a paragraph repeated, a paragraph of two words).
- K: `gbpaper diff` takes text outputs larger than an input file may be, up to a limit.
- S: `gbpaper diff` on a `.txt` with a number too long for Python to read.

Small cases are in tests/corpus (`yaml-escapes-writing-control-characters`,
`yaml-aliases-multiplying-text`); the big ones are made here. Bounds on time and memory are
asserted as counts of work, or as generous ceilings on a process of its own, never as timings.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from gbpaper import diff
from gbpaper.assemble import MAX_NOTE_REFS, MAX_NOTE_TEXT
from conftest import md
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics
from gbpaper.diff import MAX_TEXT_BYTES
from gbpaper.load import MAX_LETTERED
from gbpaper.sources.yaml_source import MAX_TEXT

BASE = Path(__file__).parent / "corpus" / "_base"
MASTHEAD = "INTERNATIONAL LABOUR OFFICE\nGoverning Body\n\nI. Heading\n\n"


@pytest.fixture
def gbpaper(tmp_path, monkeypatch):
    """Runs the command line in a copy of the corpus's base paper (units.yaml and paper/)."""
    root = tmp_path / "case"
    shutil.copytree(BASE, root)
    monkeypatch.chdir(root)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    invoke.root = root
    return invoke


def measured(args: list[str], cwd: Path, timeout: float = 300) -> tuple[int, str, int]:
    """gbpaper run in a process of its own: its exit status, stderr and peak memory in MiB.
    The timeout only tells a hang from an answer: it is far above what the case takes. The peak
    is the process's own high-water mark (VmHWM), which starts afresh at exec; getrusage's
    ru_maxrss would carry over the peak of the test run that started it."""
    code = ("import re, runpy, sys\n"
            "sys.argv = ['gbpaper', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('gbpaper', run_name='__main__')\n"
            "finally:\n    status = open('/proc/self/status').read()\n"
            "    print('MAXRSS', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    *lines, last = done.stderr.splitlines()
    assert last.startswith("MAXRSS "), done.stderr
    return done.returncode, "".join(line + "\n" for line in lines), int(last.split()[1]) // 1024


def set_title(root: Path, value: str) -> None:
    plan = root / "paper" / "paper.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines()
    plan.write_text("\n".join(f"title: {value}" if line.startswith("title:") else line for line in lines) + "\n",
                    encoding="utf-8")


# --- E: YAML escapes ---------------------------------------------------------------------------


@pytest.mark.parametrize("escape, char", [
    ("\\x01", "0001"), ("\\0", "0000"), ("\\e", "001B"), ("\\uFFFE", "FFFE"), ("\\x7f", "007F"),
    ("\\N", "0085"), ("\\U0000009f", "009F"), ("\\uffff", "FFFF"),
])
@pytest.mark.parametrize("command", [["check"], ["build", "--format", "txt"]])
def test_an_escape_that_writes_a_character_word_cannot_hold_is_an_error_at_the_escape(
        gbpaper, escape, char, command):
    set_title(gbpaper.root, f'"Bad {escape} title"')
    result = gbpaper(*command, "paper")
    assert (result.exit_code, result.stderr) == (
        1, f"paper/paper.yaml:8:13: error: character U+{char} cannot be stored in a Word document\n")
    assert not (gbpaper.root / "outputs").exists()


def test_escapes_that_write_characters_word_can_hold_are_fine(gbpaper):
    set_title(gbpaper.root, '"Tab\\there, \\u00e9t\\u00e9, \\U0001F600, \\\\x01 as typed, \\/"')
    result = gbpaper("build", "paper", "--format", "txt")
    assert (result.exit_code, result.stderr) == (0, "")
    text = (gbpaper.root / "outputs" / "GB.300-MNE-2-1.en.txt").read_text(encoding="utf-8")
    assert "Tab here, été, \U0001F600, \\\\x01 as typed, /" in text  # `\` is printed `\\`


def test_an_escape_in_units_yaml_and_in_a_key(gbpaper):
    units = gbpaper.root / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "{code: SECTOR, name: Sectoral Activities Department}",
        '{code: SECTOR, "na\\fme": "Sectoral \\x1b Activities Department"}'), encoding="utf-8")
    result = gbpaper("check", "paper")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "units.yaml:5:23: error: character U+000C cannot be stored in a Word document",
        "units.yaml:5:40: error: character U+001B cannot be stored in a Word document",
    ]


# --- L: YAML aliases multiplying text ---------------------------------------------------------


def test_one_big_value_aliased_400_times_is_refused_at_once(gbpaper):
    """The issue's case: a 4 MB text aliased 400 times took 66 s and 3.2 GB."""
    text = ("SECTOR held a meeting on the food industry. " * 100_000)[:4_000_000]
    (gbpaper.root / "paper" / "sector.yaml").write_text(
        "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - section: other\n"
        f"    text: &t {text}\n" + "  - {section: other, text: *t}\n" * 400, encoding="utf-8")
    status, stderr, mib = measured(["check", "paper"], gbpaper.root, timeout=120)
    assert (status, stderr) == (1, f"paper/sector.yaml:4:3: error: YAML too large: more than {MAX_TEXT:,} "
                                   "characters of text once its aliases are expanded\n")
    assert mib < 400  # (52 MiB, where it took 3.2 GB)


def test_text_at_the_limit_once_expanded_is_fine(gbpaper):
    """As much text as a file may hold is no error, written out or aliased."""
    unit = 40_000
    sentence = ("SECTOR held a meeting. " * (unit // 20))[:unit - 1] + "."
    copies = (MAX_TEXT - 2_000) // unit  # (the rest of the file's text is less than 2,000 characters)
    (gbpaper.root / "paper" / "sector.yaml").write_text(
        f"unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - section: other\n    text: &t {sentence}\n"
        + "  - {section: other, text: *t}\n" * (copies - 1), encoding="utf-8")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (0, "")


# --- J: footnote references multiplying notes ---------------------------------------------------


def write_ipec(root: Path, body: str, notes: str) -> None:
    (root / "paper" / "ipec.md").write_text(
        f"---\nunit: IPEC\npaper: GB.300/MNE/2/1\n---\n\n# knowledge\n\n{body}\n{notes}", encoding="utf-8")


def test_more_footnote_references_in_a_file_than_the_limit_is_an_error_at_the_first_past_it(gbpaper):
    write_ipec(gbpaper.root, "IPEC published studies.\n" + "A study[^studies]\n" * (MAX_NOTE_REFS + 5),
               "[^studies]: On the IPEC web site.\n")
    result = gbpaper("check", "paper")
    line = 8 + MAX_NOTE_REFS + 1  # the paragraph starts on line 8; a reference a line
    assert (result.exit_code, result.stderr) == (
        1, f"paper/ipec.md:{line}:8: error: more than {MAX_NOTE_REFS:,} footnote references in this file\n")


def test_as_many_footnote_references_as_the_limit_are_fine(gbpaper):
    write_ipec(gbpaper.root, "IPEC published studies.\n" + "A study[^studies]\n" * MAX_NOTE_REFS,
               "[^studies]: On the IPEC web site.\n")
    assert gbpaper("check", "paper").stderr == ""


def test_a_long_note_printed_again_and_again_is_an_error_at_the_reference_that_passes_the_limit(gbpaper):
    """Notes referred to in turn are printed in full each time (ibid. is for the same note
    twice in a row): a 100,000-character note referred to 60 times would print 6 MB."""
    note = ("A long note. " * 8000)[:100_000]
    write_ipec(gbpaper.root, "IPEC published studies.\n" + "A[^long] B[^short]\n" * 60,
               f"[^long]: {note}\n\n[^short]: Short.\n")
    result = gbpaper("check", "paper")
    passing = MAX_NOTE_TEXT // (len(note) + len("Short.")) + 1  # the line of the reference that passes
    assert (result.exit_code, result.stderr) == (
        1, f"paper/ipec.md:{8 + passing}:2: error: the footnotes of this file's references pass "
           f"{MAX_NOTE_TEXT:,} characters (a note is printed again at each reference that is not ibid.)\n")


def test_notes_multiplied_past_memory_are_refused_with_memory_bounded(gbpaper):
    """A 1 MB note and a short one, referred to in turn 30,000 times, would print 15 GB."""
    note = ("A long note. " * 80_000)[:1_000_000]
    write_ipec(gbpaper.root, "IPEC published studies.\n" + "A[^long] B[^short]\n" * 30_000,
               f"[^long]: {note}\n\n[^short]: Short.\n")
    status, stderr, mib = measured(["build", "paper", "--format", "txt,docx"], gbpaper.root)
    assert (status, stderr) == (1, "paper/ipec.md:14:2: error: the footnotes of this file's references pass "
                                   f"{MAX_NOTE_TEXT:,} characters (a note is printed again at each reference "
                                   "that is not ibid.)\n")
    assert mib < 500
    assert not (gbpaper.root / "outputs").exists()


# --- T: gbpaper diff on repetitive input --------------------------------------------------------


def steps(work: Callable[[], object]) -> int:
    """The Python lines run by work: a count of its steps that no machine's speed changes."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def paper_text(paragraphs: list[str]) -> str:
    return MASTHEAD + "".join(f"{n}. {text}\n\n" for n, text in enumerate(paragraphs, start=1))


def compared(old: str, new: str) -> str:
    diags = Diagnostics()
    before, after = diff.parse_text(old, "old.txt", diags), diff.parse_text(new, "new.txt", diags)
    assert before is not None and after is not None, [d.format() for d in diags.items]
    return diff.report_text(diff.compare(before, after))


def repeated_paragraph(n: int) -> tuple[str, str]:
    """n paragraphs alike; then one inserted in the middle and one changed near the end."""
    old = ["The same paragraph again."] * n
    new = list(old)
    new.insert(n // 2, "A new paragraph.")
    new[-3] = "The same paragraph once more."
    return paper_text(old), paper_text(new)


def paragraph_of_two_words(n: int) -> tuple[str, str]:
    """One paragraph of n words, `alpha beta` again and again; then a word changed, one
    removed and one inserted."""
    old = ["alpha", "beta"] * (n // 2)
    new = list(old)
    new[n // 4] = "gamma"
    del new[n // 2]
    new.insert(3 * n // 4, "alpha")
    return paper_text([" ".join(old)]), paper_text([" ".join(new)])


def test_a_paragraph_repeated_thousands_of_times_is_compared_as_any_other():
    assert compared(*repeated_paragraph(2000)) == (
        "paragraph inserted (new 1001): A new paragraph.\n"
        "paragraph changed (1998 -> 1999): The same paragraph [-again.-]{+once more.+}\n")


def test_a_paragraph_of_two_words_is_compared_word_by_word():
    assert compared(*paragraph_of_two_words(2000)) == (
        "paragraph changed (1 -> 1): … alpha beta alpha beta [-alpha-]{+gamma+} beta alpha beta alpha … "
        "alpha beta alpha beta [-alpha-] beta alpha beta alpha … alpha beta alpha beta {+alpha+} alpha beta "
        "alpha beta …\n")


@pytest.mark.parametrize("case", [repeated_paragraph, paragraph_of_two_words])
def test_repetitive_input_costs_twice_as_much_when_twice_as_long(case):
    """Near-linear: the steps of the comparison grow with the input, not with its square (before,
    20,000 paragraphs alike took 190 s, and a paragraph of 20,000 words 208 s)."""
    small, large = (steps(lambda: compared(*case(n))) for n in (1000, 2000))
    assert large < 2.5 * small


def test_paragraphs_of_two_words_in_random_order_cost_in_proportion_to_their_length():
    """Every paragraph changed and compared with every other: each comparison works within a
    budget of steps for each word (before, twice the words took four and a half times the steps)."""
    import random

    def papers(words: int) -> tuple[str, str]:
        rng = random.Random(words)

        def paper() -> str:
            return paper_text([" ".join(rng.choice(("alpha", "beta")) for _ in range(words)) for _ in range(30)])

        return paper(), paper()

    small, large = (steps(lambda: compared(*papers(words))) for words in (100, 200))
    assert large < 2.5 * small


def test_a_word_of_many_private_use_characters_is_read_once():
    """A folder's build marks cross-references with private-use characters, which a unit's text
    may hold too: a word of 300,000 of them is read at once (before, each mark read the rest of
    the word again: hours)."""
    token = diff._token("\ue000" * 300_000 + "x", True)
    assert token.ref is None


# --- K and S: gbpaper diff's text inputs -------------------------------------------------------


def test_a_text_output_larger_than_an_input_file_is_compared_with_memory_bounded(tmp_path):
    """The 400x benchmark paper's text output is 6.9 MB, over the 5 MB of an input file."""
    paragraphs = [f"Paragraph {n} of a long paper, which says what its unit did in {n % 97} words or so, "
                  "as many papers do." for n in range(1, 60_001)]
    old = paper_text(paragraphs)
    paragraphs[30_000] = paragraphs[30_000].replace("long paper", "longer paper")
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(paragraphs), encoding="utf-8")
    assert len(old) > 6_000_000
    status, stderr, mib = measured(["diff", "old.txt", "new.txt"], tmp_path)
    assert (status, stderr) == (1, "")
    assert mib < 600


def test_a_text_output_over_the_limit_is_an_error(tmp_path, run):
    (tmp_path / "old.txt").write_text(paper_text(["One."]), encoding="utf-8")
    (tmp_path / "new.txt").write_bytes(b"x" * (MAX_TEXT_BYTES + 1))
    result = run("diff", "old.txt", "new.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"new.txt:1:1: error: the file is {MAX_TEXT_BYTES + 1:,} bytes, over the limit of "
                             f"{MAX_TEXT_BYTES:,} ({MAX_TEXT_BYTES // 2**20} MB)\n")


@pytest.mark.parametrize("line, error", [
    ("9" * 5000 + ". Second.\nA second line.", "new.txt:8:1: error: a block of several lines that is not paragraph "
                                               "2 (which would start '2. ') or a table"),
    ("2. Second.\n" + "¹" * 5000 + " A note.", "new.txt:9:1: error: a line of a paragraph must be a list item "
                                              "('- item', '(a) item'), a quotation ('> text') or, after them, a "
                                              "footnote ('¹ text')"),
])
def test_a_number_too_long_to_read_is_a_located_error(tmp_path, run, line, error):
    (tmp_path / "old.txt").write_text(paper_text(["First."]), encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(["First."]) + line + "\n", encoding="utf-8")
    result = run("diff", "old.txt", "new.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", error + "\n")


def test_lettered_items_past_the_limit_are_an_error_at_the_first_one_over(gbpaper):
    """A marker grows with the items' number, (z), (aa), (bbb): the items of a paragraph are
    bounded, so that the output is."""
    items = "".join(f"(a) item {k};\n" for k in range(1, MAX_LETTERED + 2))
    (gbpaper.root / "paper" / "lettered.md").write_text(
        md("EMP/MULTI", f"# introduction\n\nThe Office will:\n{items}"), encoding="utf-8")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (
        1, f"paper/lettered.md:{8 + MAX_LETTERED}:5: error: more than {MAX_LETTERED} lettered items in one paragraph\n")
