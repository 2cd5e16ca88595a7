"""Today's Governing Body paper (docs/inputs.md and docs/outputs.md, after genre.md sections
6-8 and 10): the 2011 layout, the "Purpose of the document" box, notice, appendices and
annexes, revised, added and corrected symbols."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, matches_golden
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.phrases import load_phrases
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text

DATA = ROOT / "tests" / "data" / "y2011"
EXPECTED = DATA / "expected"
ERRORS = DATA / "errors"


def copy(tmp_path: Path, name: str) -> Path:
    """A copy of a paper of tests/data/y2011, with its units.yaml above it."""
    shutil.copy(DATA / "units.yaml", tmp_path / "units.yaml")
    return Path(shutil.copytree(DATA / name, tmp_path / name))


def texts(folder: Path) -> dict[str, str]:
    result = compile_paper(folder)
    assert [d.format() for d in result.diagnostics.sorted()] == []
    return {f"{p.file_stem}.txt": render_text(p).decode("utf-8") for p in result.versions}


# --- Papers written to the contract, with the text it prescribes ----------------------------


@pytest.mark.parametrize("name, files", [
    ("GB.323-INS-8(Rev.1)", ["GB.323-INS-8(Rev.1).en.txt", "GB.323-INS-8(Rev.1).es.txt"]),
    ("GB.328-PFA-1(Add.1)(Corr.)", ["GB.328-PFA-1(Add.1)(Corr.).en.txt"]),
    ("GB.303-MNE-2", ["GB.303-MNE-2.en.txt"]),
], ids=["revised, across months, a single appendix, Spanish", "added and corrected, across years",
        "2007 layout with a notice and an appendix"])
def test_a_paper_written_to_the_contract_builds_to_exactly_its_text(tmp_path, name, files):
    printed = texts(copy(tmp_path, name))
    assert sorted(printed) == files
    for file in files:
        assert printed[file] == (EXPECTED / file).read_text(encoding="utf-8"), file


def test_the_2011_example_in_inputs_builds_to_exactly_its_text():
    printed = texts(ROOT / "inputs" / "GB.326-POL-8")
    for file in ("GB.326-POL-8.en.txt", "GB.326-POL-8.fr.txt"):
        assert printed[file] == (EXPECTED / file).read_text(encoding="utf-8"), file
        assert (ROOT / "outputs" / file).read_text(encoding="utf-8") == printed[file], "outputs/ is stale"


def test_output_names_keep_the_revision_marks(tmp_path, monkeypatch):
    folder = copy(tmp_path, "GB.328-PFA-1(Add.1)(Corr.)")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "GB.328-PFA-1(Add.1)(Corr.).en.docx", "GB.328-PFA-1(Add.1)(Corr.).en.txt"]


# --- The masthead's dates, in every language ------------------------------------------------


@pytest.mark.parametrize("lang, within, across, years, date, original", [
    ("en", "326th Session, Geneva, 10–24 March 2016", "325th Session, Geneva, 29 October–12 November 2015",
     "329th Session, Geneva, 29 December 2016–3 January 2017", "Date: 1 March 2016", "Original: French"),
    ("fr", "326e session, Genève, 10–24 mars 2016", "325e session, Genève, 29 octobre–12 novembre 2015",
     "329e session, Genève, 29 décembre 2016–3 janvier 2017", "Date: 1er mars 2016", "Original: français"),
    ("es", "326.ª reunión, Ginebra, 10–24 de marzo de 2016",
     "325.ª reunión, Ginebra, 29 de octubre–12 de noviembre de 2015",
     "329.ª reunión, Ginebra, 29 de diciembre de 2016–3 de enero de 2017", "Fecha: 1.º de marzo de 2016",
     "Original: francés"),
])
def test_session_dates_date_and_original_lines(lang, within, across, years, date, original):
    phrases = load_phrases(lang, Diagnostics(), Location("x"))
    assert phrases is not None
    place = {"en": "Geneva", "fr": "Genève", "es": "Ginebra"}[lang]
    assert phrases.session_dates_line(326, place, dt.date(2016, 3, 10), dt.date(2016, 3, 24)) == within
    assert phrases.session_dates_line(325, place, dt.date(2015, 10, 29), dt.date(2015, 11, 12)) == across
    assert phrases.session_dates_line(329, place, dt.date(2016, 12, 29), dt.date(2017, 1, 3)) == years
    assert phrases.date_label(dt.date(2016, 3, 1)) == date
    assert phrases.original_label("fr") == original


# --- Every error of sections 6-8, located ---------------------------------------------------


CASES = sorted(p.name for p in ERRORS.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_a_broken_paper_gives_exactly_its_expected_diagnostics(case, tmp_path, monkeypatch, request):
    shutil.copy(ERRORS / "units.yaml", tmp_path / "units.yaml")
    shutil.copytree(ERRORS / case, tmp_path / case, ignore=shutil.ignore_patterns("expected.txt"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", case, "-o", "out"])
    matches_golden(result.stderr, ERRORS / case / "expected.txt", request, "--update-corpus", "make corpus")
    errors = ": error: " in result.stderr
    assert (result.exit_code, (tmp_path / "out").exists()) == ((1, False) if errors else (0, True))



# --- The other commands follow --------------------------------------------------------------


@pytest.mark.parametrize("name", ["GB.326-POL-8", "GB.323-INS-8(Rev.1)"])
def test_diff_reads_the_box_appendices_and_unnumbered_paragraphs_of_a_text_output(name):
    result = CliRunner().invoke(main, ["diff", str(ROOT / "outputs" / f"{name}.en.txt"), str(ROOT / "inputs" / name)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_diff_reports_an_appendixs_unnumbered_paragraph_and_the_boxs_lines(tmp_path):
    old = ROOT / "outputs" / "GB.326-POL-8.en.txt"
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text(text.replace("Legal implications: None.", "Legal implications: Yes.")
                   .replace("available in English, French", "available in English, Arabic, French")
                   .replace("referred to in this document", "referred to in this paper"), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    # (A one-line unnumbered paragraph reads as a heading: only its block tells, and a text
    # output has a paragraph's number or its notes and parts to tell by.)
    assert result.stdout.splitlines() == [
        "paragraph changed (unnumbered -> unnumbered): … referred to in this [-document-]{+paper+} read as "
        "follows:⁷ > …",
        "heading changed (24 -> 24): Legal implications: [-None.-]{+Yes.+}",
        "heading changed (115 -> 115): … is available in English, {+Arabic,+} French and Spanish on …",
    ]


def test_status_counts_the_paragraphs_of_each_appendix(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["status", "inputs/GB.326-POL-8", "--format", "json"])
    [status] = json.loads(result.stdout)
    multi = next(c for c in status["contributors"] if c["unit"] == "MULTI")
    assert {k: multi["paragraphs"][k] for k in ("review-process", "steps", "costs", "mne-text")} == {
        "review-process": 1, "steps": 3, "costs": 1, "mne-text": 1}


def test_new_writes_the_appendices_and_their_sections_as_headings(tmp_path, monkeypatch):
    shutil.copy(ROOT / "inputs" / "units.yaml", tmp_path / "units.yaml")
    folder = Path(shutil.copytree(ROOT / "inputs" / "GB.326-POL-8", tmp_path / "paper"))
    (folder / "normes.yaml").unlink()
    (folder / "fr" / "normes.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "NORMES", "paper"]).exit_code == 0
    headings = [line for line in (folder / "normes.md").read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert headings[-4:] == ["# Proposed steps of the review process", "## Steps of the review",
                             "## Estimated resources", "# Extract from the MNE Declaration"]


def test_a_session_of_one_day_prints_the_day_once():
    phrases = load_phrases("en", Diagnostics(), Location("x"))
    assert phrases is not None
    assert phrases.session_dates_line(326, "Geneva", dt.date(2016, 3, 10), dt.date(2016, 3, 10)) == (
        "326th Session, Geneva, 10 March 2016")


def plan_errors(tmp_path: Path, old: str, new: str) -> list[str]:
    """The diagnostics of inputs/GB.326-POL-8 with old replaced by new in its paper.yaml."""
    shutil.copy(ROOT / "inputs" / "units.yaml", tmp_path / "units.yaml")
    folder = Path(shutil.copytree(ROOT / "inputs" / "GB.326-POL-8", tmp_path / "paper"))
    plan = folder / "paper.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [d.format().replace(f"{tmp_path}/", "") for d in compile_paper(folder).diagnostics.sorted()]


@pytest.mark.parametrize("dates, expected", [
    ("[2016-03-10]", "paper/paper.yaml:4:16: error: session_dates are two dates, the session's first and last day "
                     "([2016-03-10, 2016-03-24]); not 1"),
    ("[2016-03-10, 2016-03-12, 2016-03-24]", "paper/paper.yaml:4:16: error: session_dates are two dates, the "
     "session's first and last day ([2016-03-10, 2016-03-24]); not 3"),
])
def test_session_dates_are_two_dates(tmp_path, dates, expected):
    assert plan_errors(tmp_path, "session_dates: [2016-03-10, 2016-03-24]", f"session_dates: {dates}") == [expected]


def test_a_language_without_a_name_in_the_phrase_table_is_printed_as_its_code_with_a_warning(tmp_path):
    assert plan_errors(tmp_path, "original: en", "original: pt") == [
        "paper/paper.yaml:10:11: warning: the phrase table has no name for language 'pt': 'Original: pt' is printed"]


def test_diff_of_two_folders_marks_the_references_of_the_box_and_the_appendices(tmp_path):
    shutil.copy(ROOT / "inputs" / "units.yaml", tmp_path / "units.yaml")
    old = Path(shutil.copytree(ROOT / "inputs" / "GB.326-POL-8", tmp_path / "old"))
    new = Path(shutil.copytree(old, tmp_path / "new"))
    multi = new / "multi.md"
    multi.write_text(multi.read_text(encoding="utf-8").replace("# introduction\n", "# introduction\n\nA new first "
                                                                 "paragraph.\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.stdout == "paragraph inserted (new 1): A new first paragraph.\n"
