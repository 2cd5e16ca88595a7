"""The benchmark's synthetic papers and its runner, as CI runs them: at 1x and 10x, no timing.

Per copy of GB.300/MNE/2/1 a synthetic paper holds 34 paragraphs, 8 footnotes, 3 list items
and 1 cross-reference, all numbered through the whole paper.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchmarks import GeneratedPaper
from benchmarks.generate import generate
from conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
PER_COPY = {"paragraphs": 34, "footnotes": 8, "list_items": 3, "cross_references": 1}


def gbpaper(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gbpaper", *args], capture_output=True,
                          text=True, cwd=ROOT)


def build(paper: GeneratedPaper, out: Path) -> tuple[str, Path]:
    """The text and the Word file of the paper, built as a user builds it."""
    done = gbpaper("build", str(paper.folder), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert " error: " not in done.stderr
    (text,) = out.glob("*.txt")
    (word,) = out.glob("*.docx")
    return text.read_text(encoding="utf-8"), word


def superscript_number(text: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in text))


@pytest.fixture(scope="module")
def ten(tmp_path_factory) -> GeneratedPaper:
    return generate(10, tmp_path_factory.mktemp("bench"))


@pytest.fixture(scope="module")
def ten_built(ten, tmp_path_factory) -> tuple[str, Path]:
    return build(ten, tmp_path_factory.mktemp("out"))


def test_the_1x_paper_is_the_reference_paper(tmp_path):
    paper = generate(1, tmp_path / "build")
    text, _ = build(paper, tmp_path / "out")
    assert text == (ROOT / "outputs" / "GB.300-MNE-2-1.en.txt").read_text(encoding="utf-8")


def test_the_10x_paper_has_ten_times_the_content(ten):
    assert {name: getattr(ten, name) for name in PER_COPY} == {k: 10 * v for k, v in PER_COPY.items()}


def test_the_10x_paper_mixes_markdown_and_yaml_like_the_inputs(ten):
    reference = sorted(p.name for p in (ROOT / "inputs" / "GB.300-MNE-2-1").iterdir() if p.is_file())
    assert sorted(p.name for p in ten.folder.iterdir()) == reference


def test_the_10x_paper_checks_without_a_diagnostic(ten):
    done = gbpaper("check", str(ten.folder))
    assert (done.returncode, done.stderr) == (0, "")


def test_paragraphs_are_numbered_1_to_340_without_gaps(ten_built):
    text, _ = ten_built
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)]
    assert numbers == list(range(1, 341))


def test_footnotes_are_numbered_1_to_80_in_the_order_of_their_markers(ten_built):
    text, _ = ten_built
    notes = [superscript_number(n) for n in re.findall(f"^([{SUPERSCRIPTS}]+) ", text, re.M)]
    assert notes == list(range(1, 81))
    paragraphs = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    markers = [superscript_number(m) for line in paragraphs for m in re.findall(f"[{SUPERSCRIPTS}]+", line)]
    assert markers == list(range(1, 81))


def test_every_paragraph_has_its_own_text(ten_built):
    text, _ = ten_built
    paragraphs = [line.split(". ", 1)[1] for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert len(set(paragraphs)) == 340


def test_cross_references_and_list_items_are_resolved_in_every_copy(ten_built):
    text, _ = ten_built
    assert len(re.findall(r"as reported in section I\b", text)) == 10
    assert "[#" not in text
    assert len(re.findall(r"^- ", text, re.M)) == 30


def test_the_word_paper_has_every_footnote(ten_built):
    _, word = ten_built
    with zipfile.ZipFile(word) as package:
        document = package.read("word/document.xml").decode("utf-8")
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert document.count("<w:footnoteReference ") == 80
    assert len(re.findall(r'<w:footnote (?![^>]*w:type=")', notes)) == 80


def test_the_markdown_for_pandoc_holds_the_same_content(ten):
    markdown = ten.markdown.read_text(encoding="utf-8")
    assert [int(n) for n in re.findall(r"^(\d+)\\\. ", markdown, re.M)] == list(range(1, 341))
    assert [int(n) for n in re.findall(r"^\[\^(\d+)\]: ", markdown, re.M)] == list(range(1, 81))
    assert len(re.findall(r"\[\^\d+\](?!:)", markdown)) == 80
    assert len(re.findall(r"^- ", markdown, re.M)) == 30


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_markdown_as_the_same_paper(ten, tmp_path):
    word = tmp_path / "pandoc.docx"
    subprocess.run(["pandoc", "-f", "markdown-smart", "-t", "docx", "-o", str(word), str(ten.markdown)],
                   check=True)
    with zipfile.ZipFile(word) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert len(re.findall(r'<w:footnote (?![^>]*w:type=")', notes)) == 80
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(word)],
                           capture_output=True, text=True, check=True).stdout
    assert [int(n) for n in re.findall(r"^(\d+)\. ", plain, re.M)] == list(range(1, 341))


def test_the_benchmark_runs_at_1x_and_10x(tmp_path):
    """The smoke test of `make bench`: every command runs and the table is written."""
    results = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--scales", "1,10", "--runs", "1",
         "--build", str(tmp_path / "build"), "--results", str(results)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    table = results.read_text(encoding="utf-8")
    assert table in done.stdout
    assert re.search(r"^\| 1x \| 34 \| 8 \| 1 \| ", table, re.M)
    assert re.search(r"^\| 10x \| 340 \| 80 \| 1 \| ", table, re.M)
    assert "CPU:" in table


def test_the_session_benchmark_measures_every_row_and_keeps_the_paper_table(tmp_path):
    """Two papers, one round, no PDF: every row measured, the targets listed, and the results
    file's other table kept."""
    results = tmp_path / "results.md"
    results.write_text("# gbpaper against pandoc\n\nthe paper table\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "benchmarks.session", "--papers", "2", "--runs", "1",
                           "--pdf-runs", "0", "--build", str(tmp_path / "build"), "--results", str(results)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# gbpaper against pandoc\n\nthe paper table\n\n<!-- session: begin -->")
    rows = re.findall(r"^\| ([^|]+) \| [\d.]+ s \| \d+ MiB \|$", text, re.M)
    assert rows == ["cold", "nothing changed", "one changed", "pandoc one by one", f"pandoc -P{os.cpu_count()}"]
    assert len(re.findall(r"^- .*\*\*(met|NOT MET|not measured)\*\*$", text, re.M)) == 5
    built = sorted(p.name for p in (tmp_path / "build" / "session" / "outputs").iterdir() if p.suffix == ".txt")
    assert built == [f"GB.300-MNE-2-{k}.{lang}.txt" for k in (1, 2) for lang in ("en", "es", "fr")]
