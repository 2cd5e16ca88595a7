"""The PDF paper: LibreOffice's rendering of the Word paper.

LibreOffice runs headless in a temporary folder with a profile of its own, so that builds
running side by side do not share (and lock) one profile. It stamps each PDF with the time of
the run (it does not honour SOURCE_DATE_EPOCH) and an id derived from it; both are rewritten in
place, at the same length, so that the same Word paper gives the same PDF bytes with the same
LibreOffice and fonts.

However the conversion ends (done, failed, timed out, or the run interrupted), whatever
LibreOffice started is killed before its folder (profile, temporary files, log aside) is
removed: its process group and, on Linux, every process of its tree, however it left the group
(a session of its own, an environment cleared). While LibreOffice runs, gbpaper is a child
subreaper: a process whose parent ends comes to gbpaper, not to init, so that none escapes the
tree; after the conversion gbpaper kills the processes that came to it meanwhile, with all they
started, and reaps them. Its other children, those it had before, are left alone. gbpaper
waits for LibreOffice itself, not for the end of its output, which goes to a file: a process
that detaches and keeps the output open cannot hold the build past TIMEOUT.
"""
from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterator, Mapping

from gbpaper.diagnostics import one_line
from gbpaper.output import interruptions_held
from gbpaper.render import PdfError

INSTALL = "apt-get install libreoffice-writer-nogui"
TIMEOUT = 300  # seconds; a conversion takes a few, the first one with a new profile a little more
PER_DOCUMENT = 30  # seconds more for each further document of a batch; one takes a fraction of one
BATCH = 200  # documents on one command line: LibreOffice 7.4 passes over those after the 253rd
STOP_TIMEOUT = 5  # seconds to wait for killed processes to be gone before the folder is removed
PR_SET_CHILD_SUBREAPER, PR_GET_CHILD_SUBREAPER = 36, 37  # prctl(2)'s options, on Linux
CREATION_DATE = re.compile(rb"/CreationDate\(D:\d{14}")
# The file id (twice) and LibreOffice's checksum: digests that change from run to run.
RUN_DIGESTS = re.compile(rb"/ID \[\s*<([0-9A-F]{32})>\s*<([0-9A-F]{32})>|/DocChecksum /([0-9A-F]{32})")
FIXED_DATE = b"20000101000000"
MAX_PDF_BYTES = 512 * 2**20  # far above any paper's; bounds what a misbehaving LibreOffice leaves


def find_soffice() -> str:
    """The LibreOffice program, or PdfError saying how to install it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise PdfError(f"PDF needs LibreOffice: {INSTALL}")
    return program


def render_pdf(docx: bytes) -> bytes:
    """The Word paper `docx` rendered as PDF by LibreOffice."""
    return render_pdfs({"the PDF": docx})["the PDF"]


def render_pdfs(documents: Mapping[str, bytes]) -> dict[str, bytes]:
    """The Word papers, by the name of their PDF, rendered as PDF by one LibreOffice with one profile: every
    document on one command line, BATCH at most at a time (LibreOffice 7.4 passes over the
    file arguments after the 253rd and still exits 0). The same document gives the same PDF as
    when it is converted alone. PdfError, naming the document, when one has no PDF."""
    program = find_soffice()
    names = list(documents)
    pdfs: dict[str, bytes] = {}
    with _scratch_folder() as folder:
        (folder / "tmp").mkdir()
        for start in range(0, len(names), BATCH):
            files = {name: f"{start + k + 1:05}" for k, name in enumerate(names[start:start + BATCH])}
            for name, stem in files.items():
                (folder / f"{stem}.docx").write_bytes(documents[name])
            said = _convert(program, folder, [f"{stem}.docx" for stem in files.values()])
            for name, stem in files.items():
                pdfs[name] = _fix_stamps(_written_pdf(folder / "pdf" / f"{stem}.pdf", name, said))
                (folder / f"{stem}.docx").unlink()
                (folder / "pdf" / f"{stem}.pdf").unlink()
    return pdfs


def _convert(program: str, folder: Path, files: list[str]) -> str:
    """Runs LibreOffice in folder, converting files into folder/pdf, within TIMEOUT plus
    PER_DOCUMENT for each; the last line it printed."""
    command = [
        program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *files,
    ]
    # A session of its own, so that killing its group ends LibreOffice's helpers along with
    # it; UTC, so that the time zone LibreOffice writes after the creation date is always the
    # same; its own temporary files in the folder.
    env = {**os.environ, "TZ": "UTC", "TMPDIR": str(folder / "tmp")}
    timeout = TIMEOUT + PER_DOCUMENT * (len(files) - 1)
    with tempfile.TemporaryFile() as log, _adopting():
        before, since = _children(), _ticks()
        try:
            process = subprocess.Popen(
                command, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:  # not a program this system can run
            raise PdfError(f"LibreOffice could not be started ({one_line(program)}): {exc.strerror}") from None
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice took more than {timeout} s to render the PDF") from None
        finally:
            with interruptions_held():
                _end(process, before, since)
        said = _last_line(log)
    if process.returncode != 0:
        detail = f": {said}" if said else ""
        raise PdfError(f"LibreOffice could not render the PDF (exit {process.returncode}){detail}")
    return said


def _written_pdf(path: Path, name: str, said: str) -> bytes:
    """The PDF LibreOffice wrote at path for the document `name`: a regular file (not a link
    to elsewhere) of at most MAX_PDF_BYTES that begins as a PDF does; else PdfError."""
    detail = f": {said}" if said else ""
    try:
        status = path.lstat()
    except FileNotFoundError:
        raise PdfError(f"LibreOffice did not make {name}{detail}") from None
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_PDF_BYTES:
        raise PdfError(f"LibreOffice left something other than a PDF of at most "
                       f"{MAX_PDF_BYTES // 2**20} MB as {name}{detail}")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise PdfError(f"LibreOffice made a {name} that is not a PDF{detail}")
    return data


@contextlib.contextmanager
def _scratch_folder() -> Iterator[Path]:
    """A new temporary folder, removed with all it holds however the block ends: an
    interruption meanwhile waits for the removal. Best effort, so that a file that cannot be
    removed does not hide why the block ended."""
    folder = Path(tempfile.mkdtemp(prefix="gbpaper-pdf-"))
    try:
        yield folder
    finally:
        with interruptions_held():
            shutil.rmtree(folder, ignore_errors=True)


def _end(process: subprocess.Popen[bytes], before: frozenset[int], since: int) -> None:
    """Kills LibreOffice's process group and every process started since `since` (in clock
    ticks after boot, taken before LibreOffice started) that came to gbpaper, but those of
    `before`, with all they started; reaps those that are gbpaper's children; waits, at most
    STOP_TIMEOUT seconds, until the program is reaped and none of them is left, not even a
    zombie."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    deadline = time.monotonic() + STOP_TIMEOUT
    while True:
        came, left = _adopted(before, since)
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in came - {process.pid}:  # (the program is Popen's to reap)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        if (process.poll() is not None and not left - {process.pid}) or time.monotonic() > deadline:
            return
        time.sleep(0.02)


@contextlib.contextmanager
def _adopting() -> Iterator[None]:
    """gbpaper a child subreaper while the block runs (Linux; elsewhere, or when it is one
    already, nothing changes): a process whose parent ends comes to gbpaper, not to init, so that
    what LibreOffice starts and leaves behind stays among gbpaper's descendants, to be ended."""
    prctl = _prctl()
    was = ctypes.c_int(1)
    if prctl is None or prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(was), 0, 0, 0) != 0 or was.value:
        yield
        return
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        yield
    finally:
        prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def _prctl() -> Callable[..., int] | None:
    """The C library's prctl(2), on Linux."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


@dataclass(frozen=True)
class _Process:
    """A process as /proc/<pid>/stat shows it: its parent and its start, in clock ticks after boot."""

    parent: int
    start: int


def _process(pid: int) -> _Process | None:
    """The process pid, or None where /proc does not show it (gone, or not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # after the name: any text
        return _Process(int(fields[1]), int(fields[19]))
    except (OSError, IndexError, ValueError):
        return None


def _processes() -> dict[int, _Process]:
    """Every process /proc shows (Linux; elsewhere none)."""
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return {}
    return {pid: found for pid in pids if (found := _process(pid)) is not None}


def _ticks() -> int:
    """The clock ticks since boot, as /proc counts a process's start, less one for the rounding
    of either (Linux; elsewhere 0)."""
    try:
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return max(0, int(uptime * os.sysconf("SC_CLK_TCK")) - 1)


def _children() -> frozenset[int]:
    """gbpaper's children, zombies too."""
    me = os.getpid()
    return frozenset(pid for pid, found in _processes().items() if found.parent == me)


def _adopted(before: frozenset[int], since: int) -> tuple[set[int], set[int]]:
    """gbpaper's children but those of `before` that started at `since` or after (LibreOffice,
    and the processes that came to gbpaper when their parents ended), and those with all their
    descendants, zombies too."""
    table = _processes()
    me = os.getpid()
    came = {pid for pid, found in table.items() if found.parent == me and pid not in before and found.start >= since}
    below: dict[int, list[int]] = {}
    for pid, found in table.items():
        below.setdefault(found.parent, []).append(pid)
    tree, todo = set(), list(came)
    while todo:
        pid = todo.pop()
        if pid not in tree:
            tree.add(pid)
            todo.extend(below.get(pid, ()))
    return came, tree


def _last_line(log: IO[bytes]) -> str:
    """The last line LibreOffice printed, read from the end of its log, however long it is."""
    size = log.seek(0, os.SEEK_END)
    log.seek(max(0, size - 4096))
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return one_line(lines[-1]) if lines else ""


def _fix_stamps(pdf: bytes) -> bytes:
    """The PDF with a fixed creation date, and its id and checksum derived from its content;
    every byte keeps its offset, so the cross-reference table stays true."""
    pdf = CREATION_DATE.sub(b"/CreationDate(D:" + FIXED_DATE, pdf)
    spans = [
        match.span(group)
        for match in RUN_DIGESTS.finditer(pdf)
        for group in (1, 2, 3)
        if match.start(group) >= 0
    ]
    digest = hashlib.md5(_splice(pdf, spans, b"0" * 32), usedforsecurity=False).hexdigest()
    return _splice(pdf, spans, digest.upper().encode())


def _splice(data: bytes, spans: list[tuple[int, int]], value: bytes) -> bytes:
    """`data` with each of the ordered `spans` replaced by `value`."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += [data[last:start], value]
        last = end
    pieces.append(data[last:])
    return b"".join(pieces)
