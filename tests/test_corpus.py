"""The corpus of broken inputs: every error and warning of the input contract, each case with
the exact lines gbpaper prints for it (tests/corpus/README.md says how a case is laid out).

For every case the test builds the paper over a previous build and checks that:
- stderr is exactly the case's expected.txt, sorted by path, line and column;
- the exit status is 1 when there is an error (and the previous outputs are untouched, no
  temporary file left) and 0 when there are only warnings (and the paper is written);
- `gbpaper check --format json` gives the same diagnostics with the same exit status.

`make corpus` (pytest tests/test_corpus.py --update-corpus) rewrites every expected.txt from
what gbpaper prints now; review the change with `git diff tests/corpus`.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import matches_golden
from gbpaper import pipeline
from gbpaper.cli import main
from gbpaper.render import OutputFormat
from gbpaper.sources.limits import (MAX_BLOCKS, MAX_CELLS, MAX_COLUMNS, MAX_LINES, MAX_PAPER_BLOCKS,
                                    MAX_PAPER_NOTES, MAX_RUNS)
from gbpaper.sources.text import MAX_BYTES
from gbpaper.word_submission import Paragraph, Run, Table, WordWriter, front, heading

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "_base"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
# Files of a case that are not laid over the base.
CASE_FILES = ("expected.txt", "removed.txt")


def submission(unit: str, body: str) -> bytes:
    """A Markdown submission of unit for the base paper."""
    return f"---\nunit: {unit}\npaper: GB.300/MNE/2/1\n---\n\n{body}".encode()


def word(*blocks: Paragraph | Table) -> bytes:
    """A Word submission of TRAVAIL for the base paper."""
    return WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading("meetings"), *blocks).save()


# Inputs too big to commit (or Word documents written by gbpaper), made when the case is laid out.
GENERATED = {
    "oversize-file": {"paper/big.md": lambda: b"x" * (MAX_BYTES + 1)},
    "yaml-too-many-values": {"paper/sector.yaml": lambda: (
        "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n" + "  - {section: other, text: x}\n" * 67_000
    ).encode()},
    "too-many-lines-in-a-file": {"paper/ipec.md": lambda: submission(
        "IPEC", "# knowledge\n\nIPEC published two studies.\n" + "\n" * MAX_LINES)},
    "too-many-blocks-in-a-file": {"paper/ipec.md": lambda: submission(
        "IPEC", "# knowledge\n\n" + "IPEC published a study.\n\n" * MAX_BLOCKS)},
    "errors-before-the-block-limit-of-a-file": {"paper/ipec.md": lambda: submission(
        "IPEC", "# knowlege\n\nIPEC published *one study.\n\nIPEC cited a report.[^later]\n\n"
        + "IPEC published a study.\n\n" * MAX_BLOCKS + "[^later]: A note past the limit.\n")},
    "labels-of-a-file-cut-at-its-limit": {"paper/ipec.md": lambda: submission(
        "IPEC", "# knowledge\n\nIPEC published studies. {#ipec-studies}\n\n"
        + "IPEC published a study.\n\n" * MAX_BLOCKS + "IPEC published more. {#ipec-more}\n")},
    "yaml-too-many-blocks-in-a-file": {"paper/sector.yaml": lambda: (
        "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - section: other\n    text: SECTOR held workshops\n"
        "    bullets:\n" + "      - in Peru;\n" * MAX_BLOCKS).encode()},
    "yaml-errors-before-the-block-limit-of-a-file": {"paper/sector.yaml": lambda: (
        "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - section: otherr\n    text: SECTOR held workshops.\n"
        "  - section: other\n    text: SECTOR published *one study.[^later]\n    label: two words\n"
        "  - section: other\n    text: SECTOR held more workshops\n    bullets:\n" + "      - in Peru;\n" * MAX_BLOCKS
        + "  - section: other\n    text: Past the limit, *unchecked.\nfootnotes:\n  later: A note past the limit.\n"
    ).encode()},
    "word-too-many-blocks-in-a-file": {"paper/travail.docx": lambda: word(
        *[Paragraph(["TRAVAIL took part in a meeting."])] * MAX_BLOCKS)},
    "too-many-inline-runs-in-a-file": {"paper/ipec.md": lambda: submission(
        "IPEC", "# knowledge\n\nIPEC published " + "*one* study, " * MAX_RUNS + "*and* more.\n")},
    "word-too-many-inline-runs-in-a-file": {"paper/travail.docx": lambda: word(
        Paragraph(["TRAVAIL published "] + [Run("one", italic=True), " guide, "] * (MAX_RUNS + 1) + ["and more."]))},
    "word-table-with-too-many-columns": {"paper/travail.docx": lambda: word(
        Paragraph(["TRAVAIL gives the meetings' dates:"]),
        Table([[[f"Meeting {k}"] for k in range(1, MAX_COLUMNS + 2)], [["2007"]] * (MAX_COLUMNS + 1)]))},
    "too-many-table-cells-in-a-file": {"paper/ipec.md": lambda: submission(
        "IPEC", "# knowledge\n\nIPEC counted:\n\n" + "| a " * MAX_COLUMNS + "|\n" + "| - " * MAX_COLUMNS + "|\n"
        + ("| 1 " * MAX_COLUMNS + "|\n") * (MAX_CELLS // MAX_COLUMNS))},
    "too-many-footnotes-in-the-paper": {
        name: (lambda unit=unit, section=section: submission(
            unit, f"# {section}\n\n{unit} published studies" + "[^a] and" * (MAX_PAPER_NOTES // 3 + 1)
            + " more.\n\n[^a]: A study.\n"))
        for name, unit, section in (("paper/ipec.md", "IPEC", "knowledge"), ("paper/multi.md", "EMP/MULTI", "other"),
                                    ("paper/travail.md", "TRAVAIL", "meetings"))},
    "translations-left-unread-past-the-papers-limit": {
        f"paper/fr/a-{k}.md": (lambda: submission("IPEC", "# knowledge\n\nIPEC published studies"
                                                   + "[^a] and" * (MAX_PAPER_NOTES // 3 + 1) + " more.\n\n[^a]: A study.\n"))
        for k in range(1, 4)},
    "too-many-blocks-in-the-paper": {
        f"paper/ipec-{k:02}.md": lambda: submission("IPEC", "# knowledge\n" * MAX_BLOCKS)
        for k in range(1, MAX_PAPER_BLOCKS // MAX_BLOCKS + 2)},
}
PREVIOUS = {"GB.300-MNE-2-1.en.txt": b"the previous build\n", "GB.300-MNE-2-1.en.docx": b"PK previous"}
DIAGNOSTIC = re.compile(r"(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning): ")


def lay_out(case: str, root: Path) -> None:
    """The base paper in root, less the case's removed.txt, with the case's files laid over it."""
    shutil.copytree(BASE, root)
    folder = CORPUS / case
    removed = folder / "removed.txt"
    if removed.is_file():
        for name in removed.read_text(encoding="utf-8").split():
            (root / name).unlink()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and str(relative) not in CASE_FILES:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, root / relative)
    for name, make in GENERATED.get(case, {}).items():
        (root / name).write_bytes(make())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def place(line: str) -> tuple[str, int, int]:
    match = DIAGNOSTIC.match(line)
    assert match, f"not a diagnostic: {line!r}"
    return match["path"], int(match["line"]), int(match["col"])


@pytest.fixture
def gbpaper(tmp_path, monkeypatch):
    """Runs the command line in tmp_path/case, where the case is laid out."""
    root = tmp_path / "case"

    def invoke(*args: str):
        monkeypatch.chdir(root)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    invoke.root = root
    return invoke


# Every error and warning the input contract lists (in its words), and a case that shows it.
CONTRACT = {
    "text that is not UTF-8": ["not-utf8", "not-utf8-after-a-bom", "utf16"],
    "a UTF-8 BOM and CRLF line ends are fine": ["bom-and-crlf-are-fine"],
    "C0 controls other than TAB, LF and CR": ["control-characters"],
    "DEL, C1 controls": ["del-and-c1-controls"],
    "U+FFFE and U+FFFF": ["noncharacters"],
    "a YAML syntax error": ["yaml-syntax-colon-in-value", "yaml-syntax-in-front-matter",
                            "yaml-syntax-unclosed-quote", "yaml-syntax-tab-indent"],
    "a key given twice": ["duplicate-key-in-paper-yaml", "duplicate-key-in-front-matter",
                          "duplicate-key-in-yaml-submission"],
    "an unknown key": ["unknown-key-in-paper-yaml", "unknown-key-in-front-matter",
                       "unknown-key-in-a-section", "unknown-key-in-a-yaml-paragraph"],
    "a missing required field": ["missing-field-in-paper-yaml", "missing-field-in-front-matter",
                                 "missing-field-in-a-yaml-paragraph", "unit-without-a-name"],
    "a value of the wrong kind": ["wrong-kind-of-value-in-paper-yaml", "impossible-date",
                                  "purpose-not-one-of-the-three", "wrong-kind-of-value-in-yaml-submission"],
    "a symbol that is not a GB symbol": ["not-a-gb-symbol"],
    "whose session is not `session`": ["session-not-the-symbols"],
    "a section key given twice": ["section-key-given-twice"],
    "a contributor or author missing from units.yaml": ["contributor-not-in-units", "author-not-in-units"],
    "no front matter": ["no-front-matter"],
    "a unit unknown to units.yaml": ["unknown-unit"],
    "or not among the paper's contributors": ["unit-not-a-contributor"],
    "a symbol other than the paper's": ["submission-for-another-paper"],
    "text before the first section heading": ["text-before-the-first-heading",
                                              "table-before-the-first-heading"],
    "an unknown section (with the nearest key or heading as a suggestion)": [
        "unknown-section-key", "unknown-section-heading", "yaml-submission-unknown-section"],
    "an empty paragraph or footnote": ["empty-paragraph", "empty-footnote", "yaml-submission-empty-text",
                                       "yaml-submission-empty-footnote"],
    "a footnote reference without a definition": ["footnote-reference-without-definition"],
    "a label given twice in the paper": ["label-given-twice", "item-label-given-twice"],
    "labels and section keys share one namespace": ["label-is-a-section-key",
                                                    "table-label-clashes-with-a-section-key"],
    "a cross-reference to no label": ["cross-reference-to-no-label", "closing-refers-to-no-paragraph",
                                      "labels-of-a-file-not-read"],
    "a cross-reference to an unnumbered section's key": ["cross-reference-to-an-unnumbered-section"],
    "`###` and deeper are errors": ["heading-too-deep"],
    "two markers with only punctuation between": ["footnote-markers-with-punctuation-between"],
    "an unescaped `*` or `**` with no closing partner": ["unclosed-italic", "unclosed-bold"],
    "an unclosed `[^`": ["unclosed-footnote-reference"],
    "a list with no paragraph before it in its section": ["list-without-a-paragraph"],
    "a decision paper must give its closing": ["decision-paper-without-closing"],
    "in the paper: no paragraph at all": ["no-paragraph-at-all"],
    "huge files, deep nesting, YAML alias bombs": ["oversize-file", "deep-nesting", "very-deep-nesting",
                                                   "alias-bomb", "yaml-too-many-values"],
    # genre.md: lettered items, tables, quotations, numbering (sections 1-3, 5, 9, 10)
    "a row with the wrong number of cells": ["table-row-with-wrong-cell-count",
                                             "yaml-table-row-with-wrong-cell-count"],
    "a delimiter row missing or malformed": ["table-without-delimiter-row",
                                             "table-with-malformed-delimiter-row"],
    "a table caption with no table under it": ["table-caption-without-table"],
    "a table, with its caption line, needs a blank line before it and after it": [
        "table-without-blank-line-before", "table-without-blank-line-after"],
    "a lettered item with no paragraph above it": ["lettered-item-without-paragraph"],
    "a sub-item too deep or under a dash item": ["yaml-sub-item-too-deep", "sub-item-under-a-dash-item"],
    "a paragraph with two kinds of trailing parts": ["paragraph-with-items-and-lettered-items",
                                                     "paragraph-with-lettered-items-and-quotation",
                                                     "yaml-lettered-and-bullets", "yaml-quote-and-lettered"],
    "a quotation with no paragraph before it in its section": ["quotation-without-paragraph"],
    "an empty lettered item or quoted paragraph": ["empty-lettered-item", "yaml-empty-lettered-item",
                                                   "yaml-empty-quotation"],
    "a `{#label}` at the very end of an item's text (or of a caption) names it": [
        "item-label-not-a-label", "yaml-item-label-not-a-label", "table-label-not-a-label"],
    "`* item`, `+ item`, `1. item`: an error that says what to write instead": [
        "star-for-a-list-item", "plus-for-a-list-item", "numbered-list-item"],
    "an entry of `paragraphs` that has `table:` instead of `text:`": [
        "yaml-entry-with-text-and-table", "yaml-entry-with-neither-text-nor-table"],
    "the table's fields sit under `table:`, beside `section`": ["yaml-table-with-bullets",
                                                                "yaml-table-label-outside-table"],
    "`align` (optional list of `left`, `right`, `center`, one per column)": [
        "yaml-table-align-count", "yaml-table-align-not-one-of-three"],
    "`header` (a list of cells)": ["yaml-table-without-header"],
    "a table without a caption has no number": ["yaml-table-label-without-caption"],
    "`numbering: roman` (the same as `numbered: true`) or `numbering: letter`": [
        "numbering-not-one-of-three", "numbered-and-numbering-disagree", "lettered-section-without-heading"],
    "translations: the same number of lettered items and sub-items in the same places, the same labels": [
        "translation-with-other-lettered-items", "translation-item-without-its-label"],
    "translations: the same tables in the same places, with the same number of rows and columns, "
    "the same labels, the same references in each cell": [
        "translation-with-a-table-missing", "translation-with-a-paragraph-for-a-table",
        "translation-table-with-another-shape", "translation-table-without-caption",
        "translation-table-cell-without-its-footnote"],
    "translations: the same number of quoted paragraphs in the same places": [
        "translation-quotation-missing"],
    "warning: a footnote defined and never referenced": ["footnote-never-referenced"],
    "warning: a contributor with no submission": ["contributor-without-submission"],
    "warning: a section with no paragraphs": ["section-without-paragraphs"],
    "warning: a file that is neither .md nor .yaml/.yml": ["stray-files"],
    "nothing is silently misread: a quotation or footnote holds text only": [
        "quotation-holding-a-list-line", "footnote-holding-a-lettered-line", "quotation-line-without-its-space",
        "lone-quotation-marker"],
    "an empty table caption or item": ["table-caption-empty", "item-holding-only-a-footnote-marker"],
    "warning: a lettered item typed with a word, which gbpaper's letter replaces": ["lettered-marker-that-is-a-word"],
    "warning: a YAML comment that reads like text": ["yaml-comment-cutting-a-value", "yaml-comment-cutting-a-value-over-lines"],
    "headings go three deep": ["section-nested-four-deep"],
    "a unit code that would name a hidden file": ["unit-code-starting-with-a-dot"],
    "an output name the file system can hold": ["symbol-too-long-for-a-file-name"],
    "characters Word cannot hold, written as YAML escapes": ["yaml-escapes-writing-control-characters"],
    "YAML alias bombs: text multiplied by aliases": ["yaml-aliases-multiplying-text"],
    "a file's lines, blocks, inline runs and table cells, and a table's columns, are limited": [
        "too-many-lines-in-a-file", "too-many-blocks-in-a-file", "yaml-too-many-blocks-in-a-file",
        "word-too-many-blocks-in-a-file", "too-many-inline-runs-in-a-file", "word-too-many-inline-runs-in-a-file",
        "table-with-too-many-columns", "yaml-table-with-too-many-columns", "word-table-with-too-many-columns",
        "too-many-table-cells-in-a-file", "errors-before-the-block-limit-of-a-file",
        "yaml-errors-before-the-block-limit-of-a-file", "labels-of-a-file-cut-at-its-limit"],
    "a paper's blocks and footnotes are limited": ["too-many-blocks-in-the-paper", "too-many-footnotes-in-the-paper"],
    "U+2028 and U+2029 in YAML are characters of the text, not line ends": ["yaml-line-separators"],
    # word.md: submissions written in Word
    "tracked changes that are not yet accepted or rejected": ["word-tracked-changes"],
    "a `.doc`, `.docm`, `.dotx` or `.rtf` file": ["word-doc-renamed", "word-rtf-renamed", "word-docm-renamed",
                                                  "word-other-documents"],
    "a file that is not a Word document (not a zip, no `word/document.xml`)": ["word-text-renamed",
                                                                              "word-odt-renamed"],
    "a password-protected document": ["word-encrypted", "word-password-protected"],
    "a document ... whose parts would inflate past 50 MB": ["word-zip-bomb"],
    "Endnotes are an error (\"use footnotes\")": ["word-endnotes"],
    "Merged cells are an error": ["word-merged-cells"],
    "text boxes, images ...: a warning that names them, and their text is not lost silently": [
        "word-text-box-and-picture"],
    "comments ... one warning naming how many": ["word-comments"],
    "a missing or unreadable `Unit:` or `Paper:` line is an error at line 1": ["word-missing-paper-line"],
    "a problem in a footnote points at the paragraph that holds its reference": [
        "word-footnote-cross-reference-to-no-label"],
    "the message quotes the first words of the paragraph": ["word-unknown-section-heading"],
    "Heading 1 as `#`, Heading 2 as `##`, Heading 3 as `###`": ["word-heading-too-deep"],
    "a list item of the paragraph it follows": ["word-list-without-paragraph"],
}


def test_the_corpus_has_a_case_for_everything_the_contract_lists():
    assert len(CASES) >= 40
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), f"{case} has no expected.txt"
    missing = {item: case for item, cases in CONTRACT.items() for case in cases if case not in CASES}
    assert missing == {}


def test_the_base_builds_without_a_diagnostic(gbpaper):
    shutil.copytree(BASE, gbpaper.root)
    result = gbpaper("build", "paper", "--format", "txt,docx")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("case", CASES)
def test_a_case_gives_exactly_its_expected_diagnostics(case, gbpaper, request):
    lay_out(case, gbpaper.root)
    outputs = gbpaper.root / "outputs"
    outputs.mkdir()
    for name, data in PREVIOUS.items():
        (outputs / name).write_bytes(data)

    result = gbpaper("build", "paper", "--format", "txt,docx")
    printed = result.stderr.splitlines()
    matches_golden(result.stderr, CORPUS / case / "expected.txt", request, "--update-corpus", "make corpus")

    assert printed == sorted(printed, key=place)
    errors = any(": error: " in line for line in printed)
    assert result.exit_code == (1 if errors else 0)
    if errors:
        assert snapshot(outputs) == PREVIOUS
    else:
        assert sorted(snapshot(outputs)) == sorted(PREVIOUS)
        assert snapshot(outputs)["GB.300-MNE-2-1.en.txt"] != PREVIOUS["GB.300-MNE-2-1.en.txt"]

    checked = gbpaper("check", "--format", "json", "paper")
    report = json.loads(checked.stdout)
    assert checked.exit_code == result.exit_code
    assert checked.stderr == ""
    assert [f"{d['path']}:{d['line']}:{d['col']}: {d['severity']}: {d['message']}"
            for d in report["diagnostics"]] == printed
    assert report["errors"] == sum(d["severity"] == "error" for d in report["diagnostics"])
    assert report["warnings"] == len(printed) - report["errors"]


# --- What the corpus cannot hold ---------------------------------------------------------------


def test_a_pipe_among_the_submissions_is_an_error_not_a_hang(gbpaper):
    shutil.copytree(BASE, gbpaper.root)
    os.mkfifo(gbpaper.root / "paper" / "pipe.md")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (1, "paper/pipe.md:1:1: error: not a regular file\n")


def test_a_diagnostic_is_one_line_whatever_the_file_name(gbpaper):
    shutil.copytree(BASE, gbpaper.root)
    (gbpaper.root / "paper" / "notes\n.txt").write_text("not a submission\n", encoding="utf-8")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (
        0, "paper/notes\\n.txt:1:1: warning: ignored: a submission is a .md, .yaml, .yml or .docx file\n")

def test_text_is_normalised_to_nfc(gbpaper):
    lay_out("decomposed-unicode-is-fine", gbpaper.root)
    assert gbpaper("build", "paper", "--format", "txt").exit_code == 0
    text = (gbpaper.root / "outputs" / "GB.300-MNE-2-1.en.txt").read_text(encoding="utf-8")
    assert "- one on cocoa (C\u00f4te d\u2019Ivoire);" in text.splitlines()
    assert "o\u0302" not in text


def test_diagnostics_of_several_papers_come_sorted_by_file(gbpaper):
    lay_out("unknown-section-key", gbpaper.root)
    shutil.copytree(gbpaper.root / "paper", gbpaper.root / "another")
    (gbpaper.root / "another" / "notes.txt").write_text("not a submission\n", encoding="utf-8")
    result = gbpaper("check", "paper", "another")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "another/ipec.md:6:3: error: unknown section 'knowledg'; did you mean 'knowledge' "
        "(Knowledge development)?",
        "another/notes.txt:1:1: warning: ignored: a submission is a .md, .yaml, .yml or .docx file",
        "paper/ipec.md:6:3: error: unknown section 'knowledg'; did you mean 'knowledge' "
        "(Knowledge development)?",
    ]


def test_check_json_is_one_document_on_stdout(gbpaper):
    lay_out("errors-in-every-file-at-once", gbpaper.root)
    result = gbpaper("check", "--format", "json", "paper")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "diagnostics": [
            {"path": "paper/ipec.md", "line": 6, "col": 3, "severity": "error",
             "message": "unknown section 'knowlege'; did you mean 'knowledge' (Knowledge development)?"},
            {"path": "paper/notes.txt", "line": 1, "col": 1, "severity": "warning",
             "message": "ignored: a submission is a .md, .yaml, .yml or .docx file"},
            {"path": "paper/paper.yaml", "line": 2, "col": 10, "severity": "error",
             "message": "session 301 does not match the symbol GB.300/MNE/2/1 (session 300)"},
            {"path": "paper/sector.yaml", "line": 7, "col": 14, "severity": "error",
             "message": "unknown section 'others'; did you mean 'other' (Other activities)?"},
            {"path": "units.yaml", "line": 7, "col": 12, "severity": "error",
             "message": "unit code 'IPEC' given twice (first at line 3)"},
        ],
        "errors": 4,
        "warnings": 1,
    }


def test_check_json_of_a_good_paper(gbpaper):
    shutil.copytree(BASE, gbpaper.root)
    result = gbpaper("check", "--format", "json", "paper")
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (
        0, {"diagnostics": [], "errors": 0, "warnings": 0}, "")


# --- Internal errors: one line naming the file being read, exit 3 ----------------------------


def boom(*args, **kwargs):
    raise KeyError("boom\nsecond line")


@pytest.mark.parametrize("module, name, where", [
    ("gbpaper.load", "_markdown_submission", "paper/ipec.md"),
    ("gbpaper.load", "_yaml_submission", "paper/sector.yaml"),
    ("gbpaper.pipeline", "assemble", "paper"),
])
@pytest.mark.parametrize("command", [["check"], ["check", "--format", "json"], ["build"]])
def test_an_internal_error_names_the_file_being_read_and_exits_3(gbpaper, monkeypatch, module, name,
                                                                  where, command):
    shutil.copytree(BASE, gbpaper.root)
    monkeypatch.setattr(f"{module}.{name}", boom)
    result = gbpaper(*command, "paper")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (f"gbpaper: internal error while reading {where}: KeyError: 'boom\\nsecond "
                             "line' (a bug; run with --debug for the traceback)\n")
    assert not (gbpaper.root / "outputs").exists()


def test_debug_shows_the_traceback_of_an_internal_error(gbpaper, monkeypatch):
    shutil.copytree(BASE, gbpaper.root)
    monkeypatch.setattr("gbpaper.pipeline.assemble", boom)
    result = gbpaper("--debug", "check", "paper")
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.endswith("(a bug; run with --debug for the traceback)\n")


# --- A failed build never changes outputs/ ------------------------------------------------------


def previous_build(gbpaper) -> dict[str, bytes]:
    shutil.copytree(BASE, gbpaper.root)
    assert gbpaper("build", "paper", "--format", "txt,docx").exit_code == 0
    return snapshot(gbpaper.root / "outputs")


def test_a_renderer_that_fails_leaves_the_previous_outputs(gbpaper, monkeypatch):
    before = previous_build(gbpaper)
    (gbpaper.root / "paper" / "multi.md").write_text(
        (BASE / "paper" / "multi.md").read_text(encoding="utf-8").replace("*all*", "*every*"), encoding="utf-8")
    real = OutputFormat.load
    monkeypatch.setattr(OutputFormat, "load", lambda self: boom if self.name == "docx" else real(self))
    result = gbpaper("build", "paper", "--format", "txt,docx")
    assert result.exit_code == 3
    assert snapshot(gbpaper.root / "outputs") == before


@pytest.mark.parametrize("failure, exit_code, said", [
    (OSError(28, "No space left on device"), 2,
     "gbpaper: cannot write outputs/GB.300-MNE-2-1.en.docx: No space left on device\n"),
    (KeyboardInterrupt(), 130, "Aborted!"),
], ids=["disk full", "interrupted"])
def test_a_write_that_stops_halfway_leaves_the_previous_outputs_and_no_temporary_file(
        gbpaper, monkeypatch, failure, exit_code, said):
    before = previous_build(gbpaper)
    (gbpaper.root / "paper" / "multi.md").write_text(
        (BASE / "paper" / "multi.md").read_text(encoding="utf-8").replace("*all*", "*every*"), encoding="utf-8")
    calls = []

    def stop(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file: the first is whole by now
            raise failure

    monkeypatch.setattr(os, "fsync", stop)
    result = gbpaper("build", "paper", "--format", "txt,docx")
    assert result.exit_code == exit_code
    assert said in result.stderr
    assert snapshot(gbpaper.root / "outputs") == before


def test_a_build_renames_its_outputs_only_while_it_holds_the_folder(gbpaper):
    """Another build holding outputs/ (here, the test) makes this one wait with its files whole
    in temporary files; so two builds at once rename their .txt and .docx in turn, and never
    leave one's .txt beside the other's .docx."""
    before = previous_build(gbpaper)
    (gbpaper.root / "paper" / "multi.md").write_text(
        (BASE / "paper" / "multi.md").read_text(encoding="utf-8").replace("*all*", "*every*"), encoding="utf-8")
    outputs = gbpaper.root / "outputs"
    held = os.open(outputs, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    with ThreadPoolExecutor(1) as pool:
        build = pool.submit(pipeline.build_papers, [gbpaper.root / "paper"], outputs, ("txt", "docx"))
        for _ in range(2000):  # until both are written whole; the bound only detects a hang
            if len(os.listdir(outputs)) == 4 or build.done():
                break
            time.sleep(0.01)
        waiting = snapshot(outputs)
        os.close(held)
        assert build.result()[0].paper is not None
    assert len(waiting) == 4 and {k: v for k, v in waiting.items() if k in before} == before
    after = snapshot(outputs)
    assert sorted(after) == sorted(before)
    assert b"*every*" in after["GB.300-MNE-2-1.en.txt"]

