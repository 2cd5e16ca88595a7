"""`gbpaper build --changed` (what `make paper` runs): only the papers whose inputs, options or
gbpaper itself changed since the last such build, or whose outputs did, are built again; the
others are not even read."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gbpaper import record
from gbpaper.cli import main

BASE = Path(__file__).parent / "corpus" / "_base"
PAPERS = {"one": "GB.300/MNE/2/1", "two": "GB.300/MNE/2/2"}
STEMS = {"one": "GB.300-MNE-2-1", "two": "GB.300-MNE-2-2"}


@pytest.fixture
def session(tmp_path, monkeypatch) -> Path:
    """inputs/one and inputs/two, two papers with their units.yaml; the current directory."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(BASE / "units.yaml", inputs / "units.yaml")
    for name, symbol in PAPERS.items():
        shutil.copytree(BASE / "paper", inputs / name)
        for path in (inputs / name).iterdir():
            path.write_text(path.read_text(encoding="utf-8").replace("GB.300/MNE/2/1", symbol), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(*options: str):
    return CliRunner().invoke(main, ["build", "--changed", *options])


def written(root: Path) -> dict[str, int]:
    """Each output's modification time: what a build wrote anew has a new one."""
    return {p.name: p.stat().st_mtime_ns for p in sorted((root / "outputs").iterdir()) if not p.name.startswith(".")}


def rebuilt(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """The papers (one, two) that wrote any output anew."""
    return {name for name, stem in STEMS.items() for output, time in after.items()
            if output.startswith(stem) and before.get(output) != time}


def test_the_first_build_builds_every_paper_and_keeps_a_record(session):
    result = build()
    assert (result.exit_code, result.output) == (0, "")
    assert sorted(written(session)) == [f"{stem}.en.{fmt}" for stem in STEMS.values() for fmt in ("docx", "txt")]
    kept = json.loads((session / "outputs" / record.RECORD_NAME).read_text(encoding="utf-8"))
    assert sorted(kept["papers"]) == [str(session / "inputs" / name) for name in PAPERS]


def test_nothing_changed_builds_nothing(session):
    build()
    before = written(session)
    result = build()
    assert (result.exit_code, result.output) == (0, "")
    assert written(session) == before


def test_a_changed_submission_rebuilds_its_paper_alone(session):
    build()
    before = written(session)
    travail = session / "inputs" / "two" / "travail.md"
    travail.write_text(travail.read_text(encoding="utf-8").replace("web site", "website"), encoding="utf-8")
    assert build().exit_code == 0
    assert rebuilt(before, written(session)) == {"two"}
    assert b"website" in (session / "outputs" / "GB.300-MNE-2-2.en.txt").read_bytes()


@pytest.mark.parametrize("change", [
    lambda root: (root / "inputs" / "one" / "extra.md").write_text(
        "---\nunit: IPEC\npaper: GB.300/MNE/2/1\n---\n\n# introduction\n\nOne more paragraph.\n", encoding="utf-8"),
    lambda root: (root / "inputs" / "one" / "sector.yaml").unlink(),
    lambda root: (root / "outputs" / "GB.300-MNE-2-1.en.docx").unlink(),
    lambda root: (root / "outputs" / "GB.300-MNE-2-1.en.txt").write_text("edited by hand\n", encoding="utf-8"),
], ids=["a file added", "a file removed", "an output removed", "an output edited"])
def test_what_changes_a_papers_build_rebuilds_it(session, change):
    build()
    before = written(session)
    change(session)
    assert build().exit_code == 0
    assert rebuilt(before, written(session)) == {"one"}


def test_a_file_saved_unchanged_rebuilds_nothing(session):
    """Its time changed, not what it holds: the content is compared."""
    build()
    before = written(session)
    ipec = session / "inputs" / "one" / "ipec.md"
    ipec.write_bytes(ipec.read_bytes())
    os.utime(ipec, ns=(1, 1))
    assert build().exit_code == 0
    assert written(session) == before


def build_apart(session: Path) -> tuple[int, str]:
    """`build --changed` in a process of its own, which is stopped rather than let hang."""
    done = subprocess.run([sys.executable, "-m", "gbpaper", "build", "--changed"], cwd=session,
                          capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def test_what_the_build_does_not_read_is_not_read_for_the_record(session, tmp_path_factory):
    """Before: the record read every file under the paper's folder, following links: a FIFO, a
    link to /dev/zero or a large file that the build passes over made it hang, and a link in an
    ignored folder was read wherever it led."""
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("before", encoding="utf-8")
    one = session / "inputs" / "one"
    os.mkfifo(one / "notes.txt")
    (one / "scans").mkdir()
    os.mkfifo(one / "scans" / "fifo")
    (one / "scans" / "zero").symlink_to("/dev/zero")
    (one / "scans" / "secret").symlink_to(outside)
    with open(one / "scans" / "scan.pdf", "wb") as large:  # (sparse: it takes no room)
        large.truncate(64 * 2**30)
    (one / "scans" / "deeper").mkdir()
    (one / "scans" / "deeper" / "zero").symlink_to("/dev/zero")
    assert build_apart(session)[0] == 0
    before = written(session)
    outside.write_text("after", encoding="utf-8")  # what the link leads to changes...
    ipec = one / "ipec.md"
    ipec.write_bytes(ipec.read_bytes())  # ...and a file is saved unchanged: contents compared
    assert build_apart(session)[0] == 0
    assert written(session) == before


def test_units_yaml_other_options_or_another_gbpaper_rebuild_every_paper(session, monkeypatch):
    build()
    before = written(session)
    units = session / "inputs" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert build().exit_code == 0
    after = written(session)
    assert rebuilt(before, after) == {"one", "two"}
    assert build("--format", "txt").exit_code == 0
    assert rebuilt(after, written(session)) == {"one", "two"}
    after = written(session)
    monkeypatch.setattr(record, "code_extra", lambda: "another version of a library")
    assert build("--format", "txt").exit_code == 0
    assert rebuilt(after, written(session)) == {"one", "two"}


def test_a_paper_with_errors_is_checked_again_each_time_and_writes_nothing(session):
    build()
    before = written(session)
    kept = (session / "outputs" / record.RECORD_NAME).read_bytes()
    ipec = session / "inputs" / "one" / "ipec.md"
    ipec.write_text(ipec.read_text(encoding="utf-8") + "\nAn *unclosed emphasis.\n", encoding="utf-8")
    for _ in range(2):
        result = build()
        assert result.exit_code == 1
        assert "inputs/one/ipec.md:" in result.stderr and "never closed" in result.stderr
    assert written(session) == before
    assert (session / "outputs" / record.RECORD_NAME).read_bytes() == kept


def test_a_record_that_cannot_be_read_rebuilds_everything(session):
    build()
    before = written(session)
    (session / "outputs" / record.RECORD_NAME).write_text("{not json", encoding="utf-8")
    assert build().exit_code == 0
    assert rebuilt(before, written(session)) == {"one", "two"}
    assert build().exit_code == 0


def test_a_record_nested_too_deep_rebuilds_everything(session):
    build()
    before = written(session)
    (session / "outputs" / record.RECORD_NAME).write_text("[" * 100_000, encoding="utf-8")
    assert build().exit_code == 0
    assert rebuilt(before, written(session)) == {"one", "two"}


@pytest.mark.parametrize("name", ["x\0y", "../outputs/GB.300-MNE-2-1.en.txt", ""])
def test_a_record_whose_outputs_are_not_names_in_the_folder_rebuilds_the_paper(session, name):
    """Before, a NUL in an output's name ended the build with a traceback."""
    build()
    before = written(session)
    path = session / "outputs" / record.RECORD_NAME
    kept = json.loads(path.read_text(encoding="utf-8"))
    kept["papers"][str(session / "inputs" / "one")]["outputs"] = {name: [1, 2]}
    path.write_text(json.dumps(kept), encoding="utf-8")
    assert build().exit_code == 0
    assert rebuilt(before, written(session)) == {"one"}


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_record_that_is_not_a_file_is_not_read_and_rebuilds_everything(session, kind):
    """A FIFO would make the build wait for ever; a link could lead anywhere (/dev/zero)."""
    build()
    before = written(session)
    path = session / "outputs" / record.RECORD_NAME
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    assert build().exit_code == 0
    assert rebuilt(before, written(session)) == {"one", "two"}
    assert path.is_file() and not path.is_symlink()  # (written afresh, over it)


def test_a_build_without_changed_keeps_no_record(session):
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    assert not (session / "outputs" / record.RECORD_NAME).exists()


def test_the_libraries_versions_are_those_installed():
    from importlib import metadata

    assert record.code_extra().split("\0")[1:] == [f"{name}={metadata.version(name)}" for name in record.LIBRARIES]
