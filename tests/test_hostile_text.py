"""Hostile text (issue 13): what a contributor can type to make gbpaper crash, hang or fill
memory, and the located error or bounded work it gets instead.

- E: a YAML escape in double quotes (`"\\x01"`, `"\\e"`) writes a character Word cannot hold.
- L: YAML aliases multiply text; the text is limited once they are expanded.
- J: footnote references multiply notes; a file's are limited in number and in text printed.
- T: `gbpaper diff` on repetitive input (a paragraph repeated, a paragraph of two words).
- K: `gbpaper diff` takes text outputs larger than an input file may be, up to a limit.
- S: `gbpaper diff` on a `.txt` with a number too long for Python to read.
- B: huge numbers of tiny blocks or inline runs within the 5 MB of a file, or in a paper's many
  files: each file, and each paper, is read no further than the first thing past its limit.
- D: `gbpaper diff` on a `.txt` of millions of short lines, or of words: read no further than
  MAX_ITEMS items, MAX_WORDS words or MAX_DIFFERENT_WORDS different words; the comparisons of
  pairing, of words and of the words around notes' marks bounded by their steps; a word's
  marks, and the notes at them, read once however many.

Small cases are in tests/corpus (`yaml-escapes-writing-control-characters`,
`yaml-aliases-multiplying-text`); the big ones are made here. Bounds on time and memory are
asserted as counts of work, or as generous ceilings on a process of its own, never as timings.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from gbpaper import diff
from gbpaper.assemble import MAX_NOTE_TEXT
from conftest import md
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics
from gbpaper.diff import MAX_DIFFERENT_WORDS, MAX_ITEMS, MAX_TEXT_BYTES, MAX_WORDS
from gbpaper.load import MAX_LETTERED
from gbpaper.sources.limits import (MAX_BLOCKS, MAX_COLUMNS, MAX_LINES, MAX_NOTE_REFS, MAX_PAPER_NOTES, MAX_RUNS,
                                    TOO_MANY_COLUMNS, TOO_MANY_LINES, TOO_MANY_PAPER_NOTES, TOO_MANY_RUNS)
from gbpaper.sources.text import MAX_BYTES
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
        1, f"paper/ipec.md:{line}:8: error: more than {MAX_NOTE_REFS:,} footnote references in this file; the rest "
           "of the file is not checked\n")


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
    """A 1 MB note and a short one, referred to in turn 5,000 times (as many references as a
    file may hold), would print 5 GB."""
    note = ("A long note. " * 80_000)[:1_000_000]
    write_ipec(gbpaper.root, "IPEC published studies.\n" + "A[^long] B[^short]\n" * (MAX_NOTE_REFS // 2),
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


@pytest.mark.parametrize("n", [6, 4000])
def test_copies_of_a_paragraph_of_which_every_other_is_edited_are_changed_in_place(n):
    """Before: the alignment kept the unedited copies in order, and the edited ones were found
    elsewhere: `paragraph moved (4 -> 1)`, and at 40,000 paragraphs half of them moved."""
    old = ["The alpha beta gamma words of a paragraph that repeats."] * n
    new = [text.replace("beta", "BETA") if k % 2 == 0 else text for k, text in enumerate(old)]
    assert compared(paper_text(old), paper_text(new)) == "".join(
        f"paragraph changed ({k} -> {k}): The alpha [-beta-]{{+BETA+}} gamma words of a …\n"
        for k in range(1, n + 1, 2))


SECTIONS = {name: [f"{name} says one thing about {topic}.", f"{name} says another thing about {topic}."]
            for name, topic in (("Alpha", "cocoa"), ("Beta", "cotton"), ("Gamma", "coffee"))}


def sections_text(order: str) -> str:
    """A paper of the sections of SECTIONS in order (their initials), each a heading and two
    paragraphs."""
    lines, n = ["INTERNATIONAL LABOUR OFFICE\nGoverning Body\n\n"], 0
    for name in (name for initial in order for name in SECTIONS if name[0] == initial):
        lines.append(f"{name}\n\n")
        for text in SECTIONS[name]:
            n += 1
            lines.append(f"{n}. {text}\n\n")
    return "".join(lines)


@pytest.mark.parametrize("order, expected", [
    # Reversed: the middle section stays where it was; before, the first did, and the middle
    # one was shown moved to where it was ("paragraph moved (3 -> 3)").
    ("GBA", "paragraph moved (5 -> 1, now in Gamma): Gamma says one thing about coffee.\n"
            "paragraph moved (6 -> 2, now in Gamma): Gamma says another thing about coffee.\n"
            "paragraph moved (1 -> 5, now in Alpha): Alpha says one thing about cocoa.\n"
            "paragraph moved (2 -> 6, now in Alpha): Alpha says another thing about cocoa.\n"
            "heading moved (16 -> 4): Gamma\n"
            "heading moved (4 -> 16): Alpha\n"),
    # Rotated: the two that keep their order stay, the one that left moved.
    ("BGA", "paragraph moved (1 -> 5, now in Alpha): Alpha says one thing about cocoa.\n"
            "paragraph moved (2 -> 6, now in Alpha): Alpha says another thing about cocoa.\n"
            "heading moved (4 -> 16): Alpha\n"),
    ("GAB", "paragraph moved (5 -> 1, now in Gamma): Gamma says one thing about coffee.\n"
            "paragraph moved (6 -> 2, now in Gamma): Gamma says another thing about coffee.\n"
            "heading moved (16 -> 4): Gamma\n"),
])
def test_sections_reordered_show_the_fewest_moved_and_those_nearest_their_places_stay(order, expected):
    assert compared(sections_text("ABG"), sections_text(order)) == expected


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


@pytest.mark.parametrize("n", [5, 77, 500])
def test_blocks_of_one_paragraph_repeated_and_swapped_are_reported_moved(n):
    """The alignment cannot afford to find blocks this repetitive swapped, so it pairs them as
    alike; pairs that cross each other are moves, not paragraphs that stayed (before, from 77
    paragraphs a block on, the swap was reported as no change)."""
    report = compared(paper_text(["A"] * n + ["B"] * n), paper_text(["B"] * n + ["A"] * n))
    assert report.count("paragraph moved") == n
    assert report.count("\n") == n
    assert len(set(line[line.index(":"):] for line in report.splitlines())) == 1


def test_paragraphs_repeated_and_shuffled_are_reported_moved():
    old = ["A"] * 100 + ["B"] * 100
    new = ["A", "B"] * 100
    report = compared(paper_text(old), paper_text(new))
    # Of the longest run that can stay in order, A, A, ... A then B: 101 paragraphs; 99 moved.
    assert report.count("paragraph moved") == 99
    assert report.count("\n") == 99


def test_whether_anything_changed_is_what_the_report_lists():
    """The redline asks only whether anything changed, and stops at the first change: 300
    random edits (words changed, paragraphs inserted, removed, swapped or duplicated, or
    none), each answered as the whole report answers it."""
    rng = random.Random(13)
    words = ["alpha", "beta", "gamma", "paragraph", "2", "see", "the"]
    for _ in range(300):
        old = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) + "." for _ in range(rng.randint(1, 8))]
        new = list(old)
        for _ in range(rng.randint(0, 2)):
            k = rng.randrange(len(new))
            edit = rng.choice(["word", "insert", "remove", "swap", "duplicate"])
            if edit == "word":
                new[k] = new[k].replace(rng.choice(words), rng.choice(words), 1)
            elif edit == "insert":
                new.insert(k, rng.choice(old))
            elif edit == "remove" and len(new) > 1:
                del new[k]
            elif edit == "swap":
                j = rng.randrange(len(new))
                new[k], new[j] = new[j], new[k]
            else:
                new.append(new[k])
        diags = Diagnostics()
        before = diff.parse_text(paper_text(old), "old.txt", diags)
        after = diff.parse_text(paper_text(new), "new.txt", diags)
        assert before is not None and after is not None
        matching = diff.match(before, after)
        assert diff.changed(before, after, matching) == bool(diff.compare(before, after, matching).changes), (old, new)


@pytest.mark.parametrize("old, new, more", [
    ("See paragraph 12.", "See paragraph 13.", False),
    ("See paragraphs 12 and 14.", "See paragraphs 14 and 12.", False),
    ("See paragraph 12.", "Read paragraph 12.", True),
    ("See paragraph 12.", "See paragraph 12 again.", True),
], ids=["a reference renumbered", "references traded", "a word changed", "a word added"])
def test_more_than_renumbering_is_told_without_aligning_the_words(old, new, more):
    """What a redline past its changes marked word by word asks of an item, to mark it replaced
    whole without aligning its words: whether a word other than a cross-reference changed."""
    diags = Diagnostics()
    before, after = (diff.parse_text(paper_text([text]), "t.txt", diags) for text in (old, new))
    assert before is not None and after is not None
    assert diff.more_than_renumbered(before.paragraphs[0].tokens, after.paragraphs[0].tokens) is more


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
                  "as many papers do, and a few words more to make it as long as most." for n in range(1, 40_001)]
    old = paper_text(paragraphs)
    paragraphs[20_000] = paragraphs[20_000].replace("long paper", "longer paper")
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(paragraphs), encoding="utf-8")
    assert len(old) > 6_000_000
    status, stderr, mib = measured(["diff", "old.txt", "new.txt"], tmp_path)
    assert (status, stderr) == (1, "")
    assert mib < BOUNDED_MIB


def test_a_text_output_over_the_limit_is_an_error(tmp_path, run):
    (tmp_path / "old.txt").write_text(paper_text(["One."]), encoding="utf-8")
    (tmp_path / "new.txt").write_bytes(b"x" * (MAX_TEXT_BYTES + 1))
    result = run("diff", "old.txt", "new.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"new.txt:1:1: error: the file is {MAX_TEXT_BYTES + 1:,} bytes, over the limit of "
                             f"{MAX_TEXT_BYTES:,} ({MAX_TEXT_BYTES // 2**20} MB)\n")


@pytest.mark.parametrize("edited", [True, False], ids=["each paragraph changed", "unchanged"])
def test_the_redline_of_a_long_paper_takes_memory_in_proportion_to_it(tmp_path, edited):
    """3,000 paragraphs of 80 words: before, every word of both sides was held as objects of
    its own several times over (about 420 MiB, and 1.3 GB at 10,000 paragraphs)."""
    rng = random.Random(3)
    vocabulary = [f"w{k}" for k in range(5_000)]
    old = [[rng.choice(vocabulary) for _ in range(80)] for _ in range(3_000)]
    new = [[*words[:3], "changed", *words[4:]] if edited else words for words in old]
    (tmp_path / "old.txt").write_text(paper_text([" ".join(words) for words in old]), encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text([" ".join(words) for words in new]), encoding="utf-8")
    status, stderr, mib = measured(["diff", "old.txt", "new.txt", "--format", "docx", "-o", "r.docx"], tmp_path)
    assert (status, stderr) == (int(edited), "")
    assert mib < 160


# A text output that parses as a build, but whose emphasis marks do not pair, so it does not
# read back as a paper: reading the redline's OLD that far would report it.
UNREADABLE = paper_text(["One *two three.", "Four."])


@pytest.mark.parametrize("report", [[], ["--format", "docx", "-o", "r.docx"]], ids=["text", "docx"])
def test_a_new_side_over_the_size_limit_is_refused_before_the_old_one_is_parsed(tmp_path, run, report):
    """Before, the redline read all of OLD (45 s and 1.4 GB for one near the limit) before it
    refused a NEW one byte over it."""
    (tmp_path / "old.txt").write_text(UNREADABLE + "a block of\nseveral lines\n", encoding="utf-8")
    (tmp_path / "new.txt").write_bytes(b"x" * (MAX_TEXT_BYTES + 1))
    result = run("diff", "old.txt", "new.txt", *report)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"new.txt:1:1: error: the file is {MAX_TEXT_BYTES + 1:,} bytes, over the limit of "
                             f"{MAX_TEXT_BYTES:,} ({MAX_TEXT_BYTES // 2**20} MB)\n")
    assert not (tmp_path / "r.docx").exists()


def test_the_redline_refuses_a_side_over_the_words_limit_before_reading_either_back_as_a_paper(tmp_path, run):
    (tmp_path / "old.txt").write_text(UNREADABLE, encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(["One.", " ".join(["a"] * MAX_WORDS)]), encoding="utf-8")
    result = run("diff", "old.txt", "new.txt", "--format", "docx", "-o", "r.docx")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"new.txt:8:1: error: more than {MAX_WORDS:,} words, the most gbpaper diff compares\n")
    assert not (tmp_path / "r.docx").exists()


def test_a_text_output_that_does_not_read_back_as_a_paper_is_an_error_of_the_redline(tmp_path, run):
    (tmp_path / "old.txt").write_text(UNREADABLE, encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(["One."]), encoding="utf-8")
    assert run("diff", "old.txt", "new.txt").exit_code == 1
    result = run("diff", "old.txt", "new.txt", "--format", "docx", "-o", "r.docx")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "old.txt:1:1: error: this text output does not read back as a paper: 'One *two three.' cannot be "
               "placed in it; compare the paper's folder instead\n")
    assert not (tmp_path / "r.docx").exists()


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


# --- B: tiny blocks and inline runs by the million -----------------------------------------------

# The cases took 20 to 100 s and 0.7 to 2.6 GB: 5 MB of one-word paragraphs, of `*a* `,
# a table row of 200,000 cells, and 20 files of 10,000 footnotes each.
BOUNDED_MIB = 250


def test_a_file_of_a_million_one_word_paragraphs_is_refused_at_its_line_limit(gbpaper):
    paragraphs = (MAX_BYTES - 100) // 3
    write_ipec(gbpaper.root, "a\n\n" * paragraphs, "")
    assert paragraphs > 1_700_000
    status, stderr, mib = measured(["check", "paper"], gbpaper.root)
    assert (status, stderr) == (1, f"paper/ipec.md:{MAX_LINES + 1}:1: error: {TOO_MANY_LINES}\n")
    assert mib < BOUNDED_MIB


def test_a_file_of_a_million_emphasis_runs_is_read_no_further_than_its_limit(gbpaper):
    runs = (MAX_BYTES - 100) // 4
    write_ipec(gbpaper.root, "*a* " * runs + "\n", "")
    assert runs > 1_250_000
    status, stderr, mib = measured(["build", "paper", "--format", "txt,docx"], gbpaper.root)
    assert (status, stderr) == (1, f"paper/ipec.md:8:{4 * MAX_RUNS + 1}: error: {TOO_MANY_RUNS}\n")
    assert mib < BOUNDED_MIB


def test_a_table_row_of_200000_cells_is_read_no_further_than_a_cell_past_the_columns(gbpaper):
    write_ipec(gbpaper.root, "IPEC counted:\n\n" + "|a" * 200_000 + "|\n" + "|-" * 200_000 + "|\n", "")
    status, stderr, mib = measured(["build", "paper", "--format", "txt,docx"], gbpaper.root)
    assert (status, stderr) == (1, f"paper/ipec.md:10:{2 * MAX_COLUMNS + 2}: error: {TOO_MANY_COLUMNS}\n")
    assert mib < BOUNDED_MIB


def test_twenty_files_of_10000_footnotes_are_read_no_further_than_the_papers_limit(gbpaper):
    """Each file within its own limits; the paper's, past the second file, stops the reading at
    the third file's first reference."""
    body = "".join("IPEC published" + "".join(f" a study[^n{k + j}]" for j in range(100)) + ".\n\n"
                   for k in range(0, MAX_NOTE_REFS, 100))
    notes = "".join(f"[^n{k}]: Study {k}.\n" for k in range(MAX_NOTE_REFS))
    for n in range(1, 21):
        (gbpaper.root / "paper" / f"ipec-{n:02}.md").write_text(
            f"---\nunit: IPEC\npaper: GB.300/MNE/2/1\n---\n\n# knowledge\n\n{body}{notes}", encoding="utf-8")
    status, stderr, mib = measured(["build", "paper", "--format", "txt,docx"], gbpaper.root)
    assert MAX_PAPER_NOTES == 2 * MAX_NOTE_REFS
    col = len("IPEC published a study") + 1
    assert (status, stderr) == (1, f"paper/ipec-03.md:8:{col}: error: {TOO_MANY_PAPER_NOTES}\n")
    assert mib < BOUNDED_MIB
    assert not (gbpaper.root / "outputs").exists()


def test_a_file_at_its_limits_is_read_whole(gbpaper):
    """As many blocks (the heading among them), runs and columns as a file may hold are no error."""
    write_ipec(gbpaper.root, "IPEC counted:\n\n" + "| a " * MAX_COLUMNS + "|\n" + "| - " * MAX_COLUMNS + "|\n", "")
    assert gbpaper("check", "paper").stderr == ""
    write_ipec(gbpaper.root, "IPEC published *a study*.\n\n" * (MAX_BLOCKS - 1), "")
    assert MAX_BLOCKS < MAX_RUNS
    assert gbpaper("check", "paper").stderr == ""


# --- D: gbpaper diff on millions of short lines ---------------------------------------------------


def test_a_text_output_of_more_items_than_diff_compares_is_refused_at_the_first_past(tmp_path):
    """Before, 1.7 million table rows (16 MB) took 122 s and 1.9 GB. The rows hold more
    different words than diff compares too, but further on: the limit said is the first passed."""
    rows = MAX_DIFFERENT_WORDS + 10
    (tmp_path / "old.txt").write_text(paper_text(["A paragraph."]), encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(["A paragraph."]) + "Table 1. Counts\n| a |\n| --- |\n"
                                      + "".join(f"| {k} |\n" for k in range(rows)), encoding="utf-8")
    status, stderr, mib = measured(["diff", "old.txt", "new.txt"], tmp_path)
    # Before the rows: the masthead's 2 lines, the heading, the paragraph, the caption (line 8),
    # the header; the rows start on line 11.
    first_past = 11 + (MAX_ITEMS + 1 - 6) - 1
    assert (status, stderr) == (2, f"new.txt:{first_past}:1: error: more than {MAX_ITEMS:,} paragraphs, footnotes, "
                                   "headings and table rows, the most gbpaper diff compares\n")
    assert mib < BOUNDED_MIB


@pytest.mark.parametrize("words, said", [
    (["a"] * MAX_WORDS, f"more than {MAX_WORDS:,} words"),
    ([f"w{k}" for k in range(MAX_DIFFERENT_WORDS)], f"more than {MAX_DIFFERENT_WORDS:,} different words"),
], ids=["words", "different words"])
def test_a_text_output_of_more_words_than_diff_compares_is_refused_at_the_line_past(tmp_path, run, words, said):
    """Before, a paragraph of 1.3 million words reordered took 116 s and 914 MB, and 400,000
    paragraphs each changed 122 s and 1 GB. Paragraph 2 (line 8) holds the word past the
    limit: the masthead, heading and paragraph 1 hold 9 words before it."""
    (tmp_path / "old.txt").write_text(paper_text(["One."]), encoding="utf-8")
    (tmp_path / "new.txt").write_text(paper_text(["One.", " ".join(words)]), encoding="utf-8")
    result = run("diff", "old.txt", "new.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"new.txt:8:1: error: {said}, the most gbpaper diff compares\n")


def test_a_pairing_makes_no_more_comparisons_than_its_steps_pay_for(monkeypatch):
    """3,000 paragraphs, each rewritten: each is held against the nearest until the steps of
    the pairing are spent, not against 41 others whatever that costs (before: 400,000 such
    paragraphs took more than 2 minutes)."""
    monkeypatch.setattr(diff, "PAIR_STEPS", 100 * diff.COMPARISON_STEPS)
    made = []
    likeness = diff._likeness
    monkeypatch.setattr(diff, "_likeness", lambda *args: made.append(1) or likeness(*args))
    old = paper_text([f"Paragraph {n} says one thing." for n in range(3_000)])
    new = paper_text([f"Section {n} tells another story." for n in range(3_000)])
    assert compared(old, new).count("paragraph removed") == 3_000
    assert len(made) < 100


def test_changed_paragraphs_past_the_steps_of_their_words_are_shown_replaced_whole(monkeypatch):
    old, new = paper_text(["One two three four.", "Five six seven."]), paper_text(["One two 3 four.", "Five 6 seven."])
    assert compared(old, new) == ("paragraph changed (1 -> 1): One two [-three-]{+3+} four.\n"
                                  "paragraph changed (2 -> 2): Five [-six-]{+6+} seven.\n")
    monkeypatch.setattr(diff, "WORD_STEPS", diff.ALIGNMENT_STEPS + diff.WORD_COST * 8)
    monkeypatch.setattr(diff, "word_budget", lambda old, new: diff._Work(diff.WORD_STEPS, diff.WORD_STEPS))
    assert compared(old, new) == ("paragraph changed (1 -> 1): One two [-three-]{+3+} four.\n"
                                  "paragraph changed (2 -> 2): [-Five six seven.-]{+Five 6 seven.+}\n")


def test_a_paper_edited_throughout_is_shown_word_by_word_on_the_steps_its_words_pay_for(monkeypatch):
    """The steps of showing words grow with the builds: every paragraph here, each with a word
    changed, is shown word by word on those alone."""
    monkeypatch.setattr(diff, "WORD_STEPS", 0)
    old = [f"Paragraph {n} tells what the unit did in the year under review, and with whom." for n in range(2_000)]
    new = [text.replace("did", "achieved") for text in old]
    assert compared(paper_text(old), paper_text(new)).splitlines() == [
        f"paragraph changed ({n} -> {n}): … tells what the unit [-did-]{{+achieved+}} in the year under …"
        for n in range(1, 2_001)]


def test_a_paragraph_longer_than_any_compared_is_paired_only_unchanged(monkeypatch):
    monkeypatch.setattr(diff, "LONGEST_COMPARED", 5)
    old = paper_text(["One two three four five.", "One two three four five six."])
    new = paper_text(["One two 3 four five.", "One two 3 four five six."])
    assert compared(old, new) == ("paragraph removed (old 2): One two three four five six.\n"
                                  "paragraph changed (1 -> 1): One two [-three-]{+3+} four five.\n"
                                  "paragraph inserted (new 2): One two 3 four five six.\n")


def test_notes_in_words_aligned_past_their_steps_go_and_come_with_them(monkeypatch):
    old = paper_text(["Alpha beta gamma¹ delta epsilon.\n¹ A note."])
    new = paper_text(["Zeta beta gamma¹ delta eta.\n¹ A note."])
    assert compared(old, new) == ("paragraph changed (1 -> 1): [-Alpha-]{+Zeta+} beta gamma¹ delta "
                                  "[-epsilon.-]{+eta.+}\n")
    monkeypatch.setattr(diff, "WORD_STEPS", 0)
    monkeypatch.setattr(diff, "word_budget", lambda old, new: diff._Work(diff.WORD_STEPS, diff.WORD_STEPS))
    assert compared(old, new) == ("paragraph changed (1 -> 1): [-Alpha beta gamma¹ delta epsilon.-]"
                                  "{+Zeta beta gamma¹ delta eta.+}\n"
                                  "footnote removed (old 1): A note.\n"
                                  "footnote inserted (new 1): A note.\n")


def test_the_marks_that_end_a_word_are_read_once_however_many():
    """The last word changed holds 100,000 marks, of which only the last ends it: the note there
    stays, found in one reading of the word (before, the search for the marks that end it read
    the rest of the word again at each mark: hours)."""
    word = "¹," * 100_000 + "Z¹"
    result = compared(paper_text([f"Alpha beta{word}\n¹ A note."]), paper_text([f"Alpha gamma{word}\n¹ A note."]))
    assert result.startswith("paragraph changed (1 -> 1): Alpha [-beta¹,¹,")
    assert "footnote" not in result


def mark(number: int) -> str:
    """A footnote's mark as a text output prints it."""
    return "".join(diff.SUPERSCRIPTS[int(digit)] for digit in str(number))


def test_notes_at_marks_ending_changed_words_are_held_once_each():
    """12,000 notes whose marks end the last word changed, and one more on the new side: each
    note is held once (before, each old note with each new one: 144 million pairs)."""
    notes = 12_000

    def paragraph(word: str, count: int) -> str:
        marks = ",".join(mark(k) for k in range(1, count + 1))
        return f"Alpha {word}{marks}." + "".join(f"\n{mark(k)} Note {k}." for k in range(1, count + 1))

    result = compared(paper_text([paragraph("beta", notes)]), paper_text([paragraph("gamma", notes + 1)]))
    assert result.splitlines()[1:] == [f"footnote inserted (new {notes + 1}): Note {notes + 1}."]
