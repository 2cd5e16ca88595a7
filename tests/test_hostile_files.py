"""Hostile files and folders: what lands in a paper's folder, or how the file system holds it,
never makes gbpaper read outside the paper, hang, crash or overwrite (issue 13: A, B, C, D, M,
N). Each ends with a located error, or a one-line `gbpaper:` message, and the documented exit
status; previous outputs stay as they were.

- Symbolic links (A) are made here, since the corpus copies files and would follow them.
- Two papers whose outputs share names (C), and the longest symbol that check passes (D),
  need more than the corpus's one paper.
- File names whose bytes are not UTF-8 (M) are printed by a gbpaper of its own, whose output
  encoding is strict UTF-8 (PYTHONIOENCODING=utf-8), as a terminal's can be.
- Permissions (N) are read by a gbpaper of its own too. Root reads any file whatever its mode,
  so as root that gbpaper runs without the two capabilities that let it (CAP_DAC_OVERRIDE,
  CAP_DAC_READ_SEARCH: `setpriv`), and the permission bits apply to it as to any user.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gbpaper.cli import main
from gbpaper.pipeline import MAX_OUTPUT_NAME
from reference_copy import reference_copy

BASE = Path(__file__).parent / "corpus" / "_base"
SYMBOL = "GB.300/MNE/2/1"
PREVIOUS = {"GB.300-MNE-2-1.en.txt": b"the previous build\n", "GB.300-MNE-2-1.en.docx": b"PK previous"}
SYMLINK = ("error: a symbolic link, not followed: gbpaper reads only files and folders inside the "
           "paper's folder; put the file or folder itself here")
PATIENCE = 60  # seconds for a gbpaper of its own: a regression that hangs fails instead


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """The corpus's good paper in tmp_path/case (units.yaml, paper/), a previous build of it in
    outputs/, and a folder outside the paper, outside/, holding a file that must stay unread;
    the current directory is tmp_path/case."""
    case = tmp_path / "case"
    shutil.copytree(BASE, case)
    (case / "outputs").mkdir()
    for name, data in PREVIOUS.items():
        (case / "outputs" / name).write_bytes(data)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yaml").write_text("secret_key: the outside file was read\n", encoding="utf-8")
    monkeypatch.chdir(case)
    return case


def gbpaper(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def outputs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "outputs").iterdir())}


def assert_refused(root: Path, stderr: str, exit_code: int = 1) -> None:
    """check, build, status and diff end with exactly stderr (status and diff print theirs after
    their own report), and the previous outputs are untouched."""
    for command in (["check", "paper"], ["build", "paper"], ["status", "paper"]):
        result = gbpaper(*command)
        assert (result.exit_code, result.stderr) == (exit_code, stderr), command
    assert outputs(root) == PREVIOUS
    result = gbpaper("diff", "paper", "paper")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


# --- A. Symbolic links: an error at their path, never followed --------------------------------


def test_the_base_paper_builds(root):
    assert (gbpaper("build", "paper").exit_code, sorted(outputs(root))) == (0, sorted(PREVIOUS))


@pytest.mark.parametrize("target", [
    "../../outside/secret.yaml",  # a file outside the paper, which must not be read
    "../../outside",  # a folder outside it
    "/proc/self/environ",  # the machine's own
    "ipec.md",  # a file of the paper itself: a link all the same
    "nowhere.md",  # a link to nothing
])
@pytest.mark.parametrize("name", ["linked.yaml", "linked.md", "notes.txt", "images", "fr"])
def test_a_symbolic_link_in_the_paper_folder_is_an_error_at_its_path(root, name, target):
    (root / "paper" / name).symlink_to(target)
    assert_refused(root, f"paper/{name}:1:1: {SYMLINK}\n")


def test_a_symbolic_link_to_a_file_that_never_ends_is_an_error_not_a_hang(root, tmp_path):
    """/proc/kmsg is a regular file that blocks when read; a pipe blocks when opened."""
    os.mkfifo(tmp_path / "outside" / "pipe")
    (root / "paper" / "pipe.md").symlink_to(tmp_path / "outside" / "pipe")
    (root / "paper" / "kmsg.md").symlink_to("/proc/kmsg")
    result = subprocess.run([sys.executable, "-m", "gbpaper", "check", "paper"], cwd=root, capture_output=True,
                            text=True, timeout=PATIENCE)
    assert (result.returncode, result.stderr) == (1, f"paper/kmsg.md:1:1: {SYMLINK}\npaper/pipe.md:1:1: {SYMLINK}\n")


def test_paper_yaml_and_units_yaml_as_symbolic_links_are_errors(root):
    os.rename(root / "paper" / "paper.yaml", root / "plan.yaml")
    (root / "paper" / "paper.yaml").symlink_to("../plan.yaml")
    os.rename(root / "units.yaml", root / "registry.yaml")
    (root / "units.yaml").symlink_to("registry.yaml")
    assert_refused(root, f"paper/paper.yaml:1:1: {SYMLINK}\nunits.yaml:1:1: {SYMLINK}\n")


def test_a_units_yaml_in_the_paper_folder_that_is_a_link_is_not_passed_over_for_the_one_above(root):
    (root / "paper" / "units.yaml").symlink_to("../../outside/secret.yaml")
    assert_refused(root, f"paper/units.yaml:1:1: {SYMLINK}\n")


def test_a_symbolic_link_in_a_language_folder_is_an_error(tmp_path, monkeypatch):
    folder = reference_copy(tmp_path, "paper")
    monkeypatch.chdir(tmp_path)
    (folder / "fr" / "ipec.md").unlink()
    (folder / "fr" / "ipec.md").symlink_to("../ipec.md")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (1, f"paper/fr/ipec.md:1:1: {SYMLINK}\n")


def test_a_translation_that_cannot_be_read_is_one_error_at_it_not_also_missing(tmp_path, monkeypatch):
    folder = reference_copy(tmp_path, "paper")
    monkeypatch.chdir(tmp_path)
    (folder / "fr" / "ipec.md").write_bytes(b"Unit: IPEC\xff\n")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (
        1, "paper/fr/ipec.md:1:11: error: the file is not UTF-8: byte 0xff ('\u00ff' in Windows-1252) at "
           "byte offset 10; save it as UTF-8\n")


def test_new_never_writes_through_a_symbolic_link(tmp_path, monkeypatch):
    """A language folder that is a link would have `new` write its translation wherever the
    link leads; so would a link standing where the unit's file goes."""
    folder = reference_copy(tmp_path, "paper")
    monkeypatch.chdir(tmp_path)
    for path in folder.rglob("ilo-tokyo.md"):
        path.unlink()
    shutil.move(folder / "fr", tmp_path / "elsewhere")
    (folder / "fr").symlink_to(tmp_path / "elsewhere")
    before = sorted(os.listdir(tmp_path / "elsewhere"))
    result = gbpaper("new", "ILO-Tokyo", "paper")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"paper/fr:1:1: {SYMLINK}\n")
    (folder / "fr").unlink()
    shutil.move(tmp_path / "elsewhere", folder / "fr")
    (folder / "ilo-tokyo.md").symlink_to(tmp_path / "written-through.md")
    result = gbpaper("new", "ILO-Tokyo", "paper")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("Error: paper/ilo-tokyo.md already exists; gbpaper new never overwrites a file\n")
    assert not (tmp_path / "written-through.md").exists()
    assert sorted(os.listdir(folder / "fr")) == before
    assert not (folder / "es" / "ilo-tokyo.md").exists()


def test_a_paper_folder_named_on_the_command_line_may_be_a_link_to_one(root):
    """The rule is about what the paper's folder holds: the folder the user names is theirs."""
    os.rename(root / "paper", root / "real")
    (root / "paper").symlink_to("real")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_link_named_on_the_command_line_finds_units_yaml_above_the_folder_it_points_at(root, tmp_path):
    """The folder above a paper's folder is the one that holds it, where its units.yaml lies,
    not the one that holds the link."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.move(root / "paper", shared / "paper")
    shutil.move(root / "units.yaml", shared / "units.yaml")
    (root / "paper").symlink_to(shared / "paper")
    assert (gbpaper("check", "paper").exit_code, gbpaper("check", "paper").stderr) == (0, "")
    (shared / "units.yaml").write_text("units: [\n", encoding="utf-8")
    result = gbpaper("check", "paper")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{shared / 'units.yaml'}:2:1: error: YAML syntax error")


def test_without_a_paper_dir_a_link_to_a_folder_under_inputs_is_not_followed(root):
    (root / "inputs").mkdir()
    shutil.move(root / "paper", root / "inputs" / "paper")
    shutil.move(root / "units.yaml", root / "inputs" / "units.yaml")
    shutil.copytree(root / "inputs" / "paper", root / "elsewhere")
    (root / "inputs" / "linked").symlink_to(root / "elsewhere")
    result = gbpaper("check")
    assert (result.exit_code, result.stderr) == (0, "")
    result = gbpaper("build", "--format", "txt")
    assert (result.exit_code, result.stderr) == (0, "")  # one paper: no clash with its copy


# --- B. A unit code that would name a hidden file ----------------------------------------------


def test_new_never_writes_a_hidden_file_that_the_loader_would_skip(root):
    with (root / "units.yaml").open("a", encoding="utf-8") as units:
        units.write("  - {code: .hidden, name: A unit whose file would be hidden}\n")
    result = gbpaper("new", ".hidden", "paper")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("units.yaml:7:12: error: unit code '.hidden' must not start with '.': gbpaper new "
                             "names the unit's file after it, and '.hidden.md' would be skipped as hidden\n")
    assert not (root / "paper" / ".hidden.md").exists()


# --- C. Two papers whose outputs have the same names -------------------------------------------


def copy_with_symbol(root: Path, name: str, symbol: str) -> None:
    """The paper copied as root/name, under another symbol."""
    shutil.copytree(root / "paper", root / name)
    for path in (root / name).iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace(SYMBOL, symbol), encoding="utf-8")


@pytest.mark.parametrize("symbol, said", [
    ("GB.300/MNE-2/1", "GB.300-MNE-2-1.en.txt"),
    ("GB.300/mne/2/1", "GB.300-mne-2-1.en.txt, the same file on Windows and macOS as GB.300-MNE-2-1.en.txt"),
])
def test_two_symbols_that_write_the_same_files_do_not_overwrite_each_other(root, symbol, said):
    copy_with_symbol(root, "other", symbol)
    assert gbpaper("check", "paper", "other").exit_code == 0  # each paper is good on its own
    result = gbpaper("build", "paper", "other", "--format", "txt,docx")
    assert (result.exit_code, result.stderr) == (
        1, f"other/paper.yaml:1:1: error: paper {symbol} would write {said}, which paper {SYMBOL}, built from "
        "paper, writes already; the two would overwrite each other's outputs\n")
    first = outputs(root)
    assert sorted(first) == sorted(PREVIOUS)
    assert gbpaper("build", "paper").exit_code == 0
    assert outputs(root) == first  # the outputs are the first paper's


def test_one_symbol_in_two_folders_is_still_named_as_such(root):
    shutil.copytree(root / "paper", root / "again")
    result = gbpaper("build", "paper", "again", "--format", "txt")
    assert (result.exit_code, result.stderr) == (
        1, f"again/paper.yaml:1:1: error: paper {SYMBOL} is built from paper already; the two would "
        "overwrite each other's outputs\n")


def test_papers_whose_output_names_differ_are_both_built(root):
    copy_with_symbol(root, "other", "GB.300/MNE/2/2")
    result = gbpaper("build", "paper", "other", "--format", "txt")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "GB.300-MNE-2-2.en.txt" in outputs(root)


# --- D. check and build agree on how long an output's name may be ------------------------------


def symbol_of_length(length: int) -> str:
    """A GB symbol of that many characters: GB.300/MNE-MNE-...-X/2/1."""
    middle = length - len("GB.300//2/1")
    return f"GB.300/{('MNE-' * middle)[:middle - 1]}X/2/1"


def test_the_longest_output_name_that_check_passes_is_built(root):
    longest = symbol_of_length(MAX_OUTPUT_NAME - len(".en.docx"))
    for path in (root / "paper").iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace(SYMBOL, longest), encoding="utf-8")
    assert (gbpaper("check", "paper").exit_code, gbpaper("build", "paper").exit_code) == (0, 0)
    written = {name for name in outputs(root) if name not in PREVIOUS}
    assert {len(name.encode()) for name in written} == {MAX_OUTPUT_NAME - 1, MAX_OUTPUT_NAME}


def test_an_output_name_one_byte_longer_is_an_error_of_check_and_build_alike(root):
    longer = symbol_of_length(MAX_OUTPUT_NAME - len(".en.docx") + 1)
    for path in (root / "paper").iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace(SYMBOL, longer), encoding="utf-8")
    shown = longer.replace("/", "-")[:39]
    error = (f"paper/paper.yaml:1:9: error: the symbol is too long for a file name: the output '{shown}…' "
             f"would be {MAX_OUTPUT_NAME + 1} bytes, and a file name is at most {MAX_OUTPUT_NAME}\n")
    for command in ("check", "build"):
        result = gbpaper(command, "paper")
        assert (result.exit_code, result.stderr) == (1, error), command
    assert outputs(root) == PREVIOUS


# --- M. File names whose bytes are not UTF-8 ---------------------------------------------------


def strict_utf8(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """gbpaper in a process of its own, printing through strict UTF-8."""
    return subprocess.run([sys.executable, "-m", "gbpaper", *args], cwd=cwd, capture_output=True, timeout=PATIENCE,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_a_file_name_that_is_not_utf8_is_printed_with_its_bytes_escaped(root):
    os.rename(root / "paper" / "ipec.md", os.fsencode(root / "paper") + b"/ip\xe9c.md")
    (root / "paper" / "notes.txt").write_text("a note\n", encoding="utf-8")
    os.rename(root / "paper" / "notes.txt", os.fsencode(root / "paper") + b"/not\xe9s.txt")
    warning = "paper/not\\xe9s.txt:1:1: warning: ignored: a submission is a .md, .yaml, .yml or .docx file\n"

    result = strict_utf8("status", "paper", cwd=root)
    assert (result.returncode, result.stderr.decode()) == (0, warning)
    assert "IPEC                  1     23          1  ip\\xe9c.md   knowledge 1" in result.stdout.decode()

    result = strict_utf8("status", "--format", "json", "paper", cwd=root)
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["contributors"][1]["files"] == ["ip\\xe9c.md"]

    result = strict_utf8("check", "--format", "json", "paper", cwd=root)
    assert (result.returncode, json.loads(result.stdout)["diagnostics"][0]["path"]) == (0, "paper/not\\xe9s.txt")

    result = strict_utf8("build", "paper", cwd=root)
    assert (result.returncode, result.stderr.decode()) == (0, warning)


def test_a_paper_folder_whose_name_is_not_utf8(root):
    os.rename(root / "paper", os.fsencode(root) + b"/pap\xe9r")
    result = strict_utf8("status", b"pap\xe9r", cwd=root)
    assert (result.returncode, result.stdout.decode().splitlines()[0]) == (0, f"{SYMBOL} (pap\\xe9r)")
    (root / os.fsdecode(b"pap\xe9r") / "travail.md").unlink()
    result = strict_utf8("new", "TRAVAIL", b"pap\xe9r", cwd=root)
    assert (result.returncode, result.stdout.decode()) == (0, "pap\\xe9r/travail.md\n")


# --- N. Folders and files that cannot be read --------------------------------------------------


DROP_ROOT = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]


@pytest.fixture
def unprivileged(tmp_path):
    """Runs gbpaper in a process to which permission bits apply (see the module's docstring),
    in tmp_path/case; restores every mode the test changed, so that the folder can be removed."""
    prefix = DROP_ROOT if os.geteuid() == 0 else []
    probe = tmp_path / "probe"
    probe.write_text("", encoding="utf-8")
    probe.chmod(0)
    if prefix and (shutil.which("setpriv") is None
                   or subprocess.run([*prefix, "cat", str(probe)], capture_output=True).returncode == 0):
        pytest.skip("running as root, and setpriv cannot take root's permission override away here")
    changed: list[tuple[Path, int]] = []

    def chmod(path: Path, mode: int) -> None:
        changed.append((path, path.stat().st_mode))
        path.chmod(mode)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, sys.executable, "-m", "gbpaper", *args], cwd=tmp_path / "case",
                              capture_output=True, text=True, timeout=PATIENCE)

    run.chmod = chmod  # type: ignore[attr-defined]
    yield run
    for path, mode in reversed(changed):
        path.chmod(mode)


# Modes of a folder that cannot be read: nothing allowed; not listed (311, as `chmod a-r`);
# listed, but its files out of reach (644, as `chmod a-x`).
UNREADABLE = [0o000, 0o311, 0o644]


@pytest.mark.parametrize("mode", UNREADABLE, ids=lambda mode: f"{mode:03o}")
def test_a_paper_folder_that_cannot_be_read_is_an_error_at_it(root, unprivileged, mode):
    unprivileged.chmod(root / "paper", mode)
    for command in (["check", "paper"], ["build", "paper"], ["status", "paper"], ["new", "IPEC", "paper"]):
        result = unprivileged(*command)
        assert (result.returncode, result.stdout, result.stderr) == (
            1, "", "paper:1:1: error: cannot read the folder: Permission denied\n"), command
    result = unprivileged("diff", "paper", "paper")
    assert (result.returncode, result.stderr) == (2, "paper:1:1: error: cannot read the folder: Permission denied\n")
    assert outputs(root) == PREVIOUS


@pytest.mark.parametrize("mode", UNREADABLE, ids=lambda mode: f"{mode:03o}")
def test_a_language_folder_that_cannot_be_read_is_an_error_at_it(root, unprivileged, mode):
    with (root / "paper" / "paper.yaml").open("a", encoding="utf-8") as plan:
        plan.write("languages: [en, fr]\n")  # a folder of another language is not read at all
    (root / "paper" / "fr").mkdir()
    shutil.copyfile(root / "paper" / "ipec.md", root / "paper" / "fr" / "ipec.md")
    unprivileged.chmod(root / "paper" / "fr", mode)
    for command in ("check", "build", "status"):
        result = unprivileged(command, "paper")
        assert (result.returncode, result.stderr) == (
            1, "paper/fr:1:1: error: cannot read the folder: Permission denied\n"), command
    assert outputs(root) == PREVIOUS


def test_files_that_cannot_be_read_are_errors_at_them(root, unprivileged):
    unprivileged.chmod(root / "units.yaml", 0)
    unprivileged.chmod(root / "paper" / "ipec.md", 0)
    result = unprivileged("build", "paper")
    assert (result.returncode, result.stderr) == (1, "paper/ipec.md:1:1: error: cannot read the file: Permission "
                                                     "denied\nunits.yaml:1:1: error: cannot read the file: "
                                                     "Permission denied\n")
    assert outputs(root) == PREVIOUS


def test_the_folder_above_that_cannot_be_read_hides_units_yaml(root, unprivileged, tmp_path):
    """units.yaml is looked for in the folder above too; not being able to look is said so."""
    (root / "paper" / "units.yaml").unlink(missing_ok=True)
    os.rename(root / "paper", tmp_path / "paper")
    (tmp_path / "case" / "sealed").mkdir()
    os.rename(tmp_path / "paper", tmp_path / "case" / "sealed" / "paper")
    unprivileged.chmod(root / "sealed", 0o311)  # the paper is reachable, the folder not listed
    os.rename(root / "units.yaml", root / "sealed" / "units.yaml")
    unprivileged.chmod(root / "sealed" / "units.yaml", 0)
    result = unprivileged("check", "sealed/paper")
    assert (result.returncode, result.stderr) == (
        1, "sealed/units.yaml:1:1: error: cannot read the file: Permission denied\n")


def test_without_a_paper_dir_a_folder_under_inputs_that_cannot_be_read_is_an_error(root, unprivileged):
    (root / "inputs").mkdir()
    shutil.move(root / "paper", root / "inputs" / "first")
    shutil.copytree(root / "inputs" / "first", root / "inputs" / "second")
    shutil.move(root / "units.yaml", root / "inputs" / "units.yaml")
    (root / "inputs" / "second" / "paper.yaml").write_text(
        (root / "inputs" / "first" / "paper.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    unprivileged.chmod(root / "inputs" / "second", 0)
    result = unprivileged("build", "--format", "txt")
    assert (result.returncode, result.stderr) == (
        1, "inputs/second:1:1: error: cannot read the folder: Permission denied\n")
    assert outputs(root)["GB.300-MNE-2-1.en.txt"] != PREVIOUS["GB.300-MNE-2-1.en.txt"]  # the first is built


def test_a_folder_tree_a_thousand_deep_under_inputs_hides_no_paper(tmp_path):
    from gbpaper.folders import find_papers

    inputs = tmp_path / "inputs"
    (inputs / "p").mkdir(parents=True)
    (inputs / "p" / "paper.yaml").write_text("symbol: x\n", encoding="utf-8")
    deep = inputs / "d"
    deep.mkdir()
    here = os.getcwd()
    try:  # a path a thousand deep is longer than a path may be: made a step at a time
        os.chdir(deep)
        for _ in range(1000):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(here)
    try:
        assert find_papers(inputs) == [inputs / "p"]
    finally:  # undone a step at a time too: a recursive removal would fail on it as os.walk did
        os.chdir(deep)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
        os.chdir(here)


def test_an_original_that_cannot_be_read_does_not_make_its_translations_strays(tmp_path, monkeypatch):
    folder = reference_copy(tmp_path, "paper")
    monkeypatch.chdir(tmp_path)
    (folder / "ipec.md").write_bytes(b"Unit: IPEC\xff\n")
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (
        1, "paper/ipec.md:1:11: error: the file is not UTF-8: byte 0xff ('\u00ff' in Windows-1252) at "
           "byte offset 10; save it as UTF-8\n")


def test_a_language_folder_that_is_a_link_is_one_error_not_one_for_each_file(tmp_path, monkeypatch):
    """Before: the link's error, and 'no fr translation of this file' for each of the paper's 17
    files, which are all there, behind the link."""
    from reference_copy import reference_copy

    folder = reference_copy(tmp_path, "paper")
    (folder / "fr").rename(tmp_path / "fr-elsewhere")
    (folder / "fr").symlink_to(tmp_path / "fr-elsewhere")
    monkeypatch.chdir(tmp_path)
    result = gbpaper("check", "paper")
    assert (result.exit_code, result.stderr) == (1, f"paper/fr:1:1: {SYMLINK}\n")
