"""The command line as spec/outputs.md gives it: arguments, output names, exit codes, stderr."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT, md
from gbpaper.cli import main
from gbpaper.render import FORMATS, OutputFormat, UnknownFormat, output_format


@pytest.fixture
def good(paper):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne paragraph.[^a]\n\n[^a]: A note.\n"))
    paper.write("ipec.md", md("IPEC", "# knowledge\n\nIPEC's paragraph.\n"))
    paper.write("travail.md", md("TRAVAIL", "# meetings\n\nTRAVAIL's.\n"))
    paper.write("sector.yaml", "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n"
                "  - {section: other, text: SECTOR's.}\n")
    return paper


def test_build_writes_txt_and_docx_named_by_symbol_and_language(run, good):
    result = run("build", "paper")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(good.root / "outputs")) == ["GB.300-MNE-2-1.en.docx", "GB.300-MNE-2-1.en.txt"]


def test_build_without_paper_dir_builds_every_paper_under_inputs(run, good):
    (good.root / "inputs").mkdir()
    shutil.move(good.folder, good.root / "inputs" / "first")
    shutil.move(good.root / "units.yaml", good.root / "inputs" / "units.yaml")
    result = run("build", "--format", "txt", "-o", "out/deeper")
    assert result.exit_code == 0, result.output
    assert os.listdir(good.root / "out" / "deeper") == ["GB.300-MNE-2-1.en.txt"]


def test_check_writes_nothing(run, good):
    result = run("check", "paper")
    assert (result.exit_code, result.output) == (0, "")
    assert not (good.root / "outputs").exists()


def test_same_inputs_give_byte_identical_outputs(run, good):
    run("build", "paper", "-o", "one")
    run("build", "paper", "-o", "two")
    for name in ("GB.300-MNE-2-1.en.txt", "GB.300-MNE-2-1.en.docx"):
        assert (good.root / "one" / name).read_bytes() == (good.root / "two" / name).read_bytes()


def test_errors_exit_1_sorted_on_stderr_and_keep_previous_outputs(run, good):
    assert run("build", "paper", "--format", "txt").exit_code == 0
    before = (good.root / "outputs" / "GB.300-MNE-2-1.en.txt").read_bytes()
    good.write("travail.md", md("TRAVAIL", "# meetingz\n\nTRAVAIL's *unclosed.\n"))
    good.write("ipec.md", md("IPEC", "# knowledge\n\nIPEC's[^none] paragraph.\n"))
    (good.folder / "sector.yaml").unlink()
    result = run("build", "paper", "--format", "txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "paper/ipec.md:7:7: error: footnote reference '[^none]' has no definition in this file",
        "paper/paper.yaml:11:42: warning: contributor 'SECTOR' has sent no submission",
        "paper/travail.md:5:3: error: unknown section 'meetingz'; did you mean 'meetings' "
        "(Tripartite and expert meetings)?",
        "paper/travail.md:7:11: error: '*' opens italic text that is never closed "
        "(write \\* for a literal asterisk)",
    ]
    assert (good.root / "outputs" / "GB.300-MNE-2-1.en.txt").read_bytes() == before


def test_warnings_are_shown_and_the_build_goes_on(run, good):
    good.write("notes.txt", "not a submission")
    result = run("build", "paper", "--format", "txt")
    assert result.exit_code == 0
    assert result.stderr == ("paper/notes.txt:1:1: warning: ignored: a submission is a .md, .yaml, "
                             ".yml or .docx file\n")


def test_a_broken_paper_does_not_stop_the_others(run, good):
    shutil.copytree(good.folder, good.root / "broken")
    (good.root / "broken" / "ipec.md").write_text("no front matter\n", encoding="utf-8")
    result = run("build", "broken", "paper", "--format", "txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("broken/ipec.md:1:1: error: no front matter")
    assert os.listdir(good.root / "outputs") == ["GB.300-MNE-2-1.en.txt"]


@pytest.mark.parametrize("args, message", [
    (["build", "nowhere"], "nowhere: no such folder"),
    (["check", "."], ".: no paper.yaml in this folder"),
    (["build", "paper", "--format", "txt,odt"], "unknown format 'odt'"),
    (["build", "--frobnicate"], "No such option '--frobnicate'"),
])
def test_misuse_exits_2(run, good, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_internal_error_is_one_line_and_exit_3(run, good, monkeypatch):
    def broken(*args):
        raise KeyError("boom")

    monkeypatch.setattr(OutputFormat, "load", lambda self: broken)
    result = run("build", "paper")
    assert result.exit_code == 3
    assert result.stderr == ("gbpaper: internal error while reading paper: KeyError: 'boom' "
                             "(a bug; run with --debug for the traceback)\n")
    assert not (good.root / "outputs").exists()


def test_the_committed_paper_builds_from_the_repository_root(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "--format", "txt", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "GB.300-MNE-2-1.en.txt").read_bytes() == (
        ROOT / "outputs" / "GB.300-MNE-2-1.en.txt").read_bytes()


def test_an_output_that_cannot_be_written_exits_2_and_names_it(run, good):
    (good.root / "afile").write_text("", encoding="utf-8")
    (good.root / "outputs" / "GB.300-MNE-2-1.en.docx").mkdir(parents=True)
    result = run("build", "paper", "-o", "afile/out", "--format", "txt")
    assert (result.exit_code, result.stderr) == (
        2, "gbpaper: cannot write afile/out/GB.300-MNE-2-1.en.txt: Not a directory\n")
    result = run("build", "paper", "-o", "afile", "--format", "txt")  # (before: `File exists`)
    assert (result.exit_code, result.stderr) == (
        2, "gbpaper: cannot write afile/GB.300-MNE-2-1.en.txt: Not a directory\n")
    result = run("build", "paper")
    assert (result.exit_code, result.stderr) == (
        2, "gbpaper: cannot write outputs/GB.300-MNE-2-1.en.docx: a folder stands there\n")
    assert os.listdir(good.root / "outputs") == ["GB.300-MNE-2-1.en.docx"]


def test_a_language_the_paper_lacks_exits_2(run, good):
    result = run("build", "paper", "--lang", "de")
    assert (result.exit_code, result.stderr) == (2, "gbpaper: paper has no 'de' version; its languages: en\n")
    assert not (good.root / "outputs").exists()


def test_units_yaml_is_found_above_a_paper_folder_given_as_dot(good, monkeypatch):
    monkeypatch.chdir(good.folder)
    result = CliRunner().invoke(main, ["check", "."], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (0, "")


def test_two_folders_with_one_symbol_do_not_overwrite_each_other(run, good):
    shutil.copytree(good.folder, good.root / "again")
    result = run("build", "paper", "again", "--format", "txt")
    assert result.exit_code == 1
    assert result.stderr == ("again/paper.yaml:1:1: error: paper GB.300/MNE/2/1 is built from paper "
                             "already; the two would overwrite each other's outputs\n")
    assert os.listdir(good.root / "outputs") == ["GB.300-MNE-2-1.en.txt"]


def test_formats_are_the_registrys_and_an_unknown_one_is_refused():
    assert list(FORMATS) == ["txt", "docx", "pdf"]
    with pytest.raises(UnknownFormat, match="unknown format 'html'; the formats: txt, docx, pdf"):
        output_format("html")


def test_a_reference_document_without_the_genres_styles_builds_with_a_warning_for_each(run, good):
    old = ROOT / "tests" / "data" / "gb-reference.before-genre.docx"
    result = run("build", "paper", "--format", "docx", "--reference-docx", str(old))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[10] == (
        f"{old}:1:1: warning: the reference document has no paragraph style 'GB Quotation'; quotations "
        "are written in 'GB Paragraph'")
    assert len(result.stderr.splitlines()) == 19
