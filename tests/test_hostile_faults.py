"""Faults of the machine, not of the inputs: an output that cannot be replaced, a run stopped by
SIGINT, SIGTERM or SIGHUP, a LibreOffice that hangs or detaches. Whatever happens, a paper's outputs are
its previous ones or its new ones, each set whole; no temporary file is left in the output
folder, no LibreOffice left running, no temporary folder left behind (issue 13: P, O, Q, R).

The signals are sent to `python -m gbpaper build` in a process of its own; LibreOffice is a
fake `soffice`, first on PATH, that writes its process ids where the test reads them.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from gbpaper.cli import main
from gbpaper import output
from gbpaper.render import pdf

PAPER = "GB.300-MNE-2-1"
PYTHON = sys.executable
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
PATIENCE = 30  # seconds: bounds every wait, so that a regression fails rather than hangs


@pytest.fixture
def case(tmp_path, monkeypatch):
    """A copy of the reference paper with its units.yaml, built once into outputs/, then dated a
    day later, so that the next build writes other bytes into every output."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copyfile(ROOT / "inputs" / "units.yaml", inputs / "units.yaml")
    shutil.copytree(ROOT / "inputs" / PAPER, inputs / PAPER)
    monkeypatch.chdir(tmp_path)
    assert build().exit_code == 0
    plan = inputs / PAPER / "paper.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("date: 2007-10-08", "date: 2007-10-09"),
                    encoding="utf-8")
    return tmp_path


def build(*options: str):
    return CliRunner().invoke(main, ["build", f"inputs/{PAPER}", "-o", "outputs", *options])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def new_build(case: Path) -> dict[str, bytes]:
    """What a build of the changed paper writes, built aside."""
    result = CliRunner().invoke(main, ["build", f"inputs/{PAPER}", "-o", str(case / "aside")])
    assert result.exit_code == 0, result.output
    return snapshot(case / "aside")


def alive(pid: int) -> bool:
    """The process runs (a zombie, which no one has reaped, is dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_for(condition, what: str, process: subprocess.Popen[str]) -> None:
    """Until condition() holds, while the process runs."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the build ended before {what}: exit {process.returncode}\n{process.stderr.read()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"still waiting for {what} after {PATIENCE} s:\n{process.communicate()[1]}")
        time.sleep(0.02)


def gbpaper(case: Path, *options: str, prelude: str = "", env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`python -m gbpaper build` of the case in a process of its own, after `prelude` (Python
    that sets a trap in the build). Ctrl-C raises KeyboardInterrupt there, as from a terminal,
    even when the tests run with SIGINT ignored (in the background)."""
    code = f"{prelude}\nimport runpy, signal, sys\nsignal.signal(signal.SIGINT, signal.default_int_handler)\nsys.argv = ['gbpaper', 'build', 'inputs/{PAPER}', '-o', 'outputs', " \
           f"*{list(options)!r}]\nrunpy.run_module('gbpaper', run_name='__main__')"
    return subprocess.Popen([PYTHON, "-c", code], cwd=case, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stopped(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=PATIENCE)
    return process.returncode, stderr


# --- P: an output that cannot be replaced leaves every previous output -------------------------

@pytest.mark.parametrize("blocked", [f"{PAPER}.en.txt", f"{PAPER}.en.docx", f"{PAPER}.es.docx"],
                         ids=["first", "second", "last"])
def test_an_output_that_cannot_be_replaced_leaves_every_previous_output(case, monkeypatch, blocked):
    """As with a file open in Word on Windows: neither renamed over nor renamed away."""
    before = snapshot(case / "outputs")
    real = os.replace

    def replace(src, dst):
        if blocked in (Path(src).name, Path(dst).name):
            raise PermissionError(errno.EPERM, "Operation not permitted")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = build()
    assert result.exit_code == 2
    assert result.stderr == f"gbpaper: cannot write outputs/{blocked}: Operation not permitted\n"
    assert snapshot(case / "outputs") == before


@pytest.fixture
def immutable():
    """Makes files immutable (chattr +i) and mutable again at the end of the test."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is missing")
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i needs root and a file system that has the flag")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_an_immutable_docx_leaves_the_previous_txt_beside_it(case, immutable):
    before = snapshot(case / "outputs")
    immutable(case / "outputs" / f"{PAPER}.en.docx")
    result = build()
    assert result.exit_code == 2
    assert result.stderr == f"gbpaper: cannot write outputs/{PAPER}.en.docx: Operation not permitted\n"
    assert snapshot(case / "outputs") == before


def test_a_failed_first_build_leaves_no_output(case, monkeypatch):
    """With no previous outputs, the files renamed into place before the failure are removed."""
    shutil.rmtree(case / "outputs")
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == f"{PAPER}.fr.txt":
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = build()
    assert result.exit_code == 2
    assert result.stderr == f"gbpaper: cannot write outputs/{PAPER}.fr.txt: Input/output error\n"
    assert snapshot(case / "outputs") == {}


@pytest.mark.parametrize("after", [1, 5], ids=["after the first output", "before the last output"])
def test_an_interruption_between_two_renames_puts_the_previous_outputs_back(case, monkeypatch, after):
    """A KeyboardInterrupt raised between renames (as a signal delivered to another thread
    would be): the outputs renamed so far are put back."""
    before = snapshot(case / "outputs")
    real = os.replace
    placed = []

    def replace(src, dst):
        if len(placed) == after:
            placed.append(dst)
            raise KeyboardInterrupt
        real(src, dst)
        if not Path(dst).name.startswith("."):
            placed.append(dst)

    monkeypatch.setattr(os, "replace", replace)
    result = build()
    assert result.exit_code == 130
    assert "Aborted!" in result.stderr
    assert snapshot(case / "outputs") == before


# A trap for the build's process: after the first output renamed into place, it says so (a file
# named `renaming`) and lingers, so that the test's signal comes between two renames.
BETWEEN_RENAMES = """
import os, pathlib, time
real = os.replace
def replace(src, dst):
    real(src, dst)
    if not pathlib.Path(dst).name.startswith(".") and not pathlib.Path("renaming").exists():
        pathlib.Path("renaming").touch()
        time.sleep(2)
os.replace = replace
"""


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_a_signal_between_two_renames_lets_the_outputs_change_as_one(case, signum):
    """The signal is held until the paper's last output is in place, then stops the run."""
    after = new_build(case)
    process = gbpaper(case, prelude=BETWEEN_RENAMES)
    wait_for(lambda: (case / "renaming").exists(), "the first rename", process)
    process.send_signal(signum)
    status, stderr = stopped(process)
    assert (status, stderr.splitlines()[-1:]) == (130, ["Aborted!"])
    assert snapshot(case / "outputs") == after


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_a_second_signal_right_after_the_first_changes_nothing(case, signum):
    """Before, the second signal cut the clean-up of the first short: `Aborted!` twice and exit
    status 1 (errors in the inputs) in a third of the runs."""
    after, before = new_build(case), snapshot(case / "outputs")
    for k in range(10):  # at moments through the build
        process = gbpaper(case)
        time.sleep(0.3 + 0.06 * k)
        process.send_signal(signum)
        time.sleep(0.0003)
        process.send_signal(signum)
        status, stderr = stopped(process)
        assert (status, stderr.count("Aborted!"), "Traceback" in stderr) in ((130, 1, False), (0, 0, False)), stderr
        assert snapshot(case / "outputs") in (before, after)
        assert not [name for name in os.listdir(case / "outputs") if name.startswith(".")]


# Traps where a KeyboardInterrupt is lost. The trap says where it is (a file named `trapped`),
# then lingers there, so that the test's signal comes while it runs: in a finaliser, which
# Python can only report the interruption from (`Exception ignored in`), and go on; in what
# stands for native code that turns the interruption into an error of its own (as Pydantic
# does while it builds a schema), in the middle of the build, and while the command line is
# imported.
LINGER = """
import os, pathlib, time
def linger():
    pathlib.Path("trapped").touch()
    time.sleep(3)
"""
IN_A_FINALISER = LINGER + """
class Finalised:
    def __del__(self):
        linger()
real = os.fsync
def fsync(fd):
    if not pathlib.Path("trapped").exists():
        Finalised()  # (made and finalised at once)
    real(fd)
os.fsync = fsync
"""
IN_NATIVE_CODE = LINGER + """
real = os.fsync
def fsync(fd):
    if not pathlib.Path("trapped").exists():
        try:
            linger()
        except KeyboardInterrupt as exc:
            raise RuntimeError("a native error") from exc
    real(fd)
os.fsync = fsync
"""
# An object that the interruption stops in its constructor, whose finaliser then fails on what
# was never set (as a ZipFile's does): the failure is the interruption's, not reported.
HALF_MADE = LINGER + """
class HalfMade:
    def __init__(self):
        linger()
        self.opened = True
    def __del__(self):
        self.opened
real = os.fsync
def fsync(fd):
    if not pathlib.Path("trapped").exists():
        HalfMade()
    real(fd)
os.fsync = fsync
"""
AS_THE_COMMAND_LINE_IS_IMPORTED = LINGER + """
import sys
class Finder:
    def find_spec(self, name, path=None, target=None):
        if name == "gbpaper.cli":
            try:
                linger()
            except KeyboardInterrupt as exc:
                raise RuntimeError("a native error") from exc
        return None
sys.meta_path.insert(0, Finder())
"""


@pytest.mark.parametrize("trap", [IN_A_FINALISER, IN_NATIVE_CODE, HALF_MADE, AS_THE_COMMAND_LINE_IS_IMPORTED],
                         ids=["in a finaliser", "in native code", "in a constructor whose finaliser then fails",
                              "as the command line is imported"])
def test_a_signal_whose_interruption_python_loses_still_stops_the_run(case, trap):
    """Before: the build went on to the end with exit status 0 and a traceback (in a finaliser),
    or ended as an internal error (exit 3) or with a traceback and exit 1 (in native code)."""
    before = snapshot(case / "outputs")
    process = gbpaper(case, prelude=trap)
    wait_for(lambda: (case / "trapped").exists(), "the trap", process)
    process.send_signal(signal.SIGTERM)
    assert stopped(process) == (130, "Aborted!\n")
    assert snapshot(case / "outputs") == before


# Traps outside the command's work: as click reads the command's options, and as it closes the
# command line's context once the work is over.
AS_THE_OPTIONS_ARE_READ = LINGER + """
import click
real = click.Command.parse_args
def parse_args(self, ctx, args):
    if ctx.parent is None:  # (the command line's options, read first)
        linger()
    return real(self, ctx, args)
click.Command.parse_args = parse_args
"""
AS_THE_COMMAND_CLOSES = LINGER + """
import click
real = click.Context._close_with_exception_info
def close(self, *exc_info):
    if self.parent is None:  # (the command line's context, which closes last)
        linger()
    return real(self, *exc_info)
click.Context._close_with_exception_info = close
"""


def test_a_signal_while_the_options_are_read_stops_the_command_before_its_work(case):
    """Before: click's own `Aborted!`, after an empty line, and exit status 1."""
    before = snapshot(case / "outputs")
    process = gbpaper(case, prelude=AS_THE_OPTIONS_ARE_READ)
    wait_for(lambda: (case / "trapped").exists(), "the trap", process)
    process.send_signal(signal.SIGTERM)
    assert stopped(process) == (130, "Aborted!\n")
    assert snapshot(case / "outputs") == before


def test_a_signal_once_the_work_is_over_leaves_the_build_and_its_exit_status(case):
    after = new_build(case)
    process = gbpaper(case, prelude=AS_THE_COMMAND_CLOSES)
    wait_for(lambda: (case / "trapped").exists(), "the trap", process)
    process.send_signal(signal.SIGTERM)
    assert stopped(process) == (0, "")
    assert snapshot(case / "outputs") == after


# A trap: SIGTERM comes as the interpreter shuts down, once it has put the default handlers back.
AS_THE_PROCESS_ENDS = """
import atexit, os, signal, time
def late():
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.1)
atexit.register(late)
"""


def test_a_signal_as_the_process_ends_leaves_the_build_and_its_exit_status(case):
    """Before, the signal ended the process with its own status (143) and no word."""
    after = new_build(case)
    assert stopped(gbpaper(case, prelude=AS_THE_PROCESS_ENDS)) == (0, "")
    assert snapshot(case / "outputs") == after


# A command line whose command ends with exit status 1, and a signal that comes as that status
# is on its way out of it.
AFTER_THE_EXIT_STATUS = """
import os, signal, sys, types
def command_line():
    try:
        sys.exit(1)
    finally:
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(1000))
sys.modules["gbpaper.cli"] = types.SimpleNamespace(main=command_line)
from gbpaper.launch import main
main()
"""


def test_a_signal_after_the_command_has_said_its_exit_status_leaves_that_status():
    """Before: a traceback of KeyboardInterrupt, and the status of SIGINT."""
    done = subprocess.run([PYTHON, "-c", AFTER_THE_EXIT_STATUS], capture_output=True, text=True, timeout=PATIENCE)
    assert (done.returncode, done.stderr) == (1, "")


# --- O: a signal while the outputs are written leaves no temporary file -----------------------

@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_a_signal_while_the_outputs_wait_to_be_renamed_leaves_no_temporary_file(case, signum):
    """The test holds the output folder, as another build would: the build writes its files whole
    into temporary files, then waits; the signal stops it there."""
    before = snapshot(case / "outputs")
    held = os.open(case / "outputs", os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        process = gbpaper(case)
        wait_for(lambda: len(os.listdir(case / "outputs")) == 2 * len(before), "the temporary files", process)
        process.send_signal(signum)
        status, stderr = stopped(process)
    finally:
        os.close(held)
    assert (status, stderr.splitlines()[-1:]) == (130, ["Aborted!"])
    assert snapshot(case / "outputs") == before


# A trap: the signal comes right as the last temporary file is made, before its name is returned.
AS_A_FILE_IS_MADE = """
import os, signal, tempfile
real = tempfile.mkstemp
def mkstemp(*args, **kwargs):
    made = real(*args, **kwargs)
    if ".es.docx." in os.path.basename(made[1]):
        os.kill(os.getpid(), signal.SIGTERM)
    return made
tempfile.mkstemp = mkstemp
"""


def test_a_signal_as_a_temporary_file_is_made_leaves_none(case):
    before = snapshot(case / "outputs")
    status, stderr = stopped(gbpaper(case, prelude=AS_A_FILE_IS_MADE))
    assert (status, stderr.splitlines()[-1:]) == (130, ["Aborted!"])
    assert snapshot(case / "outputs") == before


# --- Q and R: LibreOffice that hangs, detaches or is interrupted -------------------------------

# A fake LibreOffice. It records its process id in $PIDS/soffice, starts a helper in its
# process group ($PIDS/helper) and one that detaches into a session of its own ($PIDS/detached),
# both holding its output open, and one that leaves its session and clears its environment
# ($PIDS/escaped), and creates its profile; then it exits at once (MODE=exit) or hangs (MODE=hang).
FAKE_SOFFICE = """#!/bin/sh
outdir=.
next=
for arg; do
  [ "$next" = outdir ] && outdir="$arg"
  next=
  case "$arg" in
    -env:UserInstallation=file://*) mkdir -p "${arg#-env:UserInstallation=file://}";;
    --outdir) next=outdir;;
    *.docx) name=$(basename "$arg" .docx)
            mkdir -p "$outdir"
            [ "$MODE" = link ] && ln -s /etc/passwd "$outdir/$name.pdf"
            [ "$MODE" = garbage ] && echo "not a PDF" > "$outdir/$name.pdf"
            [ "$MODE" = pdf ] && printf '%%PDF-1.4\n' > "$outdir/$name.pdf";;
  esac
done
sh -c 'echo $$ > "$PIDS/helper.new"; mv "$PIDS/helper.new" "$PIDS/helper"; exec sleep 60' &
setsid sh -c 'echo $$ > "$PIDS/detached.new"; mv "$PIDS/detached.new" "$PIDS/detached"; exec sleep 60' &
setsid env -i sleep 1000 &
echo $! > "$PIDS/escaped.new"; mv "$PIDS/escaped.new" "$PIDS/escaped"
while [ ! -e "$PIDS/helper" ] || [ ! -e "$PIDS/detached" ]; do sleep 0.01; done
echo "fake LibreOffice started"
echo $$ > "$PIDS/soffice.new"; mv "$PIDS/soffice.new" "$PIDS/soffice"
[ "$MODE" = hang ] || exit 0
exec sleep 60
"""


@pytest.fixture
def fake_libreoffice(case, tmp_path, monkeypatch):
    """The fake LibreOffice first on PATH, its process ids in `pids`, and a TMPDIR of its own
    for the folders gbpaper makes for LibreOffice (tempfile's, for builds in this process)."""
    bin_dir, pids, temp = tmp_path / "bin", tmp_path / "pids", tmp_path / "tmp"
    for folder in (bin_dir, pids, temp):
        folder.mkdir()
    (bin_dir / "soffice").write_text(FAKE_SOFFICE)
    (bin_dir / "soffice").chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PIDS": str(pids), "TMPDIR": str(temp)}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    yield pids, temp
    for name in LIBREOFFICE:  # should the test fail, nothing left running
        if (pids / name).exists():
            try:
                os.kill(int((pids / name).read_text()), signal.SIGKILL)
            except ProcessLookupError:
                pass


LIBREOFFICE = ("soffice", "helper", "detached", "escaped")  # the fake LibreOffice's processes


def libreoffice_left(pids: Path) -> list[str]:
    """The fake LibreOffice's processes still running, given a moment to die."""
    def running() -> list[str]:
        return [name for name in LIBREOFFICE if alive(int((pids / name).read_text()))]

    deadline = time.monotonic() + 2
    while running() and time.monotonic() < deadline:
        time.sleep(0.02)
    return running()


@pytest.mark.parametrize("mode, said", [
    ("hang", "gbpaper: LibreOffice took more than 2 s to render the PDF\n"),
    ("exit", "gbpaper: LibreOffice did not make GB.300-MNE-2-1.en.pdf: fake LibreOffice started\n"),
    ("link", "gbpaper: LibreOffice left something other than a PDF of at most 512 MB as "
             "GB.300-MNE-2-1.en.pdf: fake LibreOffice started\n"),
    ("garbage", "gbpaper: LibreOffice made a GB.300-MNE-2-1.en.pdf that is not a PDF: fake LibreOffice started\n"),
], ids=["hangs", "exits", "a link", "not a PDF"])
def test_libreoffice_that_detaches_keeping_its_output_open_cannot_outlast_the_timeout(
        case, fake_libreoffice, monkeypatch, mode, said):
    pids, temp = fake_libreoffice
    before = snapshot(case / "outputs")
    monkeypatch.setenv("MODE", mode)
    monkeypatch.setattr(pdf, "TIMEOUT", 2)
    monkeypatch.setattr(pdf, "PER_DOCUMENT", 0)
    start = time.monotonic()
    result = build("--format", "txt,pdf")
    assert time.monotonic() - start < 15
    assert (result.exit_code, result.stderr) == (2, said)
    assert libreoffice_left(pids) == []
    assert os.listdir(temp) == []
    assert snapshot(case / "outputs") == before


def gone(pid: int) -> bool:
    """The process has ended and been reaped, given a moment: not even a zombie is left."""
    deadline = time.monotonic() + 2
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not Path(f"/proc/{pid}").exists()


def test_what_libreoffice_leaves_behind_is_ended_and_reaped_but_no_other_child_of_gbpaper(
        case, fake_libreoffice, monkeypatch):
    """`setsid env -i sleep 1000 &`, out of LibreOffice's session and environment, came to the
    build (here the test's own process) when the fake LibreOffice ended: the build killed and
    reaped it. A child the build's process had before is left running."""
    pids, temp = fake_libreoffice
    monkeypatch.setenv("MODE", "pdf")
    other = subprocess.Popen(["sleep", "60"])
    try:
        result = build("--format", "txt,pdf")
        assert (result.exit_code, result.stderr) == (0, "")
        assert (case / "outputs" / f"{PAPER}.en.pdf").read_bytes() == b"%PDF-1.4\n"
        assert gone(int((pids / "escaped").read_text()))
        assert libreoffice_left(pids) == []
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()
    assert os.listdir(temp) == []


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_a_signal_during_the_pdf_ends_libreoffice_and_removes_its_folder(case, fake_libreoffice, signum):
    pids, temp = fake_libreoffice
    before = snapshot(case / "outputs")
    process = gbpaper(case, "--format", "txt,pdf", env={"MODE": "hang"})
    wait_for(lambda: (pids / "soffice").exists(), "LibreOffice", process)
    process.send_signal(signum)
    status, stderr = stopped(process)
    assert (status, stderr.splitlines()[-1:]) == (130, ["Aborted!"])
    assert libreoffice_left(pids) == []
    assert os.listdir(temp) == []
    assert snapshot(case / "outputs") == before


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_a_signal_during_a_real_libreoffice_leaves_none_of_it_running(case, tmp_path, signum):
    """The real LibreOffice, stopped while it starts: none of its processes (known by their
    profile, in this test's TMPDIR) and none of its files are left."""
    if shutil.which("soffice") is None:
        pytest.fail("this test needs LibreOffice: apt-get install libreoffice-writer-nogui", pytrace=False)
    temp = tmp_path / "tmp"
    temp.mkdir()
    before = snapshot(case / "outputs")

    def running() -> list[int]:
        found = []
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                if str(temp).encode() in (entry / "cmdline").read_bytes() and alive(int(entry.name)):
                    found.append(int(entry.name))
            except OSError:
                pass
        return found

    process = gbpaper(case, "--format", "pdf", env={"TMPDIR": str(temp)})
    wait_for(lambda: running() != [], "LibreOffice", process)
    time.sleep(0.5)
    process.send_signal(signum)
    status, stderr = stopped(process)
    assert (status, stderr.splitlines()[-1:]) == (130, ["Aborted!"])
    time.sleep(0.2)
    assert running() == []
    assert os.listdir(temp) == []
    assert snapshot(case / "outputs") == before


def test_a_folder_that_refuses_every_rename_and_removal_leaves_the_outputs_and_says_so(tmp_path, monkeypatch):
    """As an append-only folder (`chattr +a`) does: the first refusal is the message, exit 2,
    and the clean-up's own refusals change nothing."""
    from gbpaper.output import OutputError, write_all

    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_bytes(b"previous")

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "replace", refused)
    monkeypatch.setattr(os, "unlink", refused)
    with pytest.raises(OutputError, match="cannot write .*a.txt: Operation not permitted"):
        write_all({out / "a.txt": b"new", out / "b.txt": b"new"})
    assert (out / "a.txt").read_bytes() == b"previous"


def test_a_build_waiting_for_another_says_so_and_goes_on_when_it_is_done(case, monkeypatch):
    """Another build holding the output folder's lock (for its renames): this one says it waits,
    and writes once the lock is free."""
    expected = new_build(case)
    held = os.open(case / "outputs", os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    waits = []

    def other_build_done(seconds: float) -> None:  # the lock freed while this build waits
        if not waits:
            os.close(held)
        waits.append(seconds)

    monkeypatch.setattr(output.time, "sleep", other_build_done)
    result = build()
    assert (result.exit_code, result.stderr) == (0, "gbpaper: waiting for another build writing into outputs\n")
    assert snapshot(case / "outputs") == expected


def test_a_build_never_waits_for_ever_for_a_lock_held_by_a_stopped_build(case, monkeypatch):
    monkeypatch.setattr(output, "LOCK_WAIT", 0.2)
    before = snapshot(case / "outputs")
    held = os.open(case / "outputs", os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        result = build()
    finally:
        os.close(held)
    assert (result.exit_code, result.stderr) == (2, (
        "gbpaper: waiting for another build writing into outputs\n"
        "gbpaper: cannot write into outputs: another build has held it for more than 0.2 s "
        "(stopped, or hung?)\n"))
    assert snapshot(case / "outputs") == before


class _Interrupted:
    """A command line whose import is interrupted: Ctrl-C while it loads."""

    def __getattr__(self, name: str):
        raise KeyboardInterrupt


def test_an_interruption_while_the_command_line_loads_is_an_interruption(monkeypatch, capsys):
    """The entry point takes SIGTERM and SIGHUP as Ctrl-C first thing; an interruption while
    the command line is imported ends with `Aborted!` and 130, not a traceback."""
    from gbpaper import launch

    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    monkeypatch.setitem(sys.modules, "gbpaper.cli", _Interrupted())
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # (the entry point sets its own)
    try:
        with pytest.raises(SystemExit) as stopped:
            launch.main()
        assert [signal.getsignal(signum) for signum in previous][:2] == [launch.interrupt, launch.interrupt]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert (stopped.value.code, capsys.readouterr().err) == (130, "Aborted!\n")


# --- What a command prints, where it cannot be written ---------------------------------------

@pytest.mark.parametrize("args", [["check", f"inputs/{PAPER}", "--format", "json"], ["--help"]],
                         ids=["a command's report", "the help"])
def test_a_full_disk_under_standard_output_is_said_with_exit_2(case, args):
    """Before: a traceback of OSError, and exit 1 (for diff, 'something changed')."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([PYTHON, "-m", "gbpaper", *args], cwd=case, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=PATIENCE)
    assert (done.returncode, done.stderr) == (2, "gbpaper: cannot write what it prints: No space left on device\n")


def test_a_pipe_whose_reader_has_ended_is_said_with_exit_2(case):
    process = subprocess.Popen([PYTHON, "-m", "gbpaper", "check", f"inputs/{PAPER}", "--format", "json"], cwd=case,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # (before the report is written: the interpreter alone takes longer to start)
    assert (process.wait(timeout=PATIENCE), process.stderr.read()) == (2, "gbpaper: cannot write what it prints: Broken pipe\n")
    process.stderr.close()
