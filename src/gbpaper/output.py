"""Writing outputs: the files of a paper change as one, each whole, or none changes.

Every file is first written whole to a temporary file beside its target. Then, holding a lock
on the output folders and with SIGINT and SIGTERM held back, each target in turn has its
previous file moved aside (renamed to a temporary name beside it) and its new file renamed
into place. When a rename fails (a file that cannot be replaced: immutable, or open in Word
on Windows), every file moved so far is moved back, so the previous outputs are as they were
and the new ones are gone; the previous files are deleted only once every new one stands in
place. Moving aside, rather than linking, works on any file system that renames; a folder
cannot be swapped instead, since a paper's outputs share OUT_DIR with other papers'. An
interruption waits for the last rename, or the last file moved back: never a mixture. Only a
build killed outright (SIGKILL, a power cut) between two renames can leave one, with the
previous files beside their targets as `.<name>.*.old`.
"""
from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class OutputError(Exception):
    """An output that cannot be written: the machine's problem, not the inputs'."""


class NoSuchVersion(Exception):
    """`--lang` asked for a language the paper is not issued in: the command's mistake, found
    as the outputs are chosen."""


def write_all(files: dict[Path, bytes]) -> None:
    """Writes every file or none (see above). A target that a file cannot replace (a folder) is
    found before anything is written. On any failure or interruption the temporary files are
    removed, and an OSError comes back as an OutputError naming the file."""
    temps: dict[Path, str] = {}
    target = next(iter(files), Path())
    try:
        for target in files:
            if target.is_dir():
                raise IsADirectoryError(21, "a folder stands there")
        for target, data in files.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError:  # (a file, not a folder, stands there: /dev/null)
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
            with interruptions_held():  # a signal between making the file and noting it would leave it
                fd, temps[target] = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temps[target], 0o644)
        # The lock is taken before the signals are held: a run waiting for another can be stopped.
        with locked(path.parent for path in files), interruptions_held():
            previous: dict[Path, str | None] = {}  # target -> where its previous file went
            try:
                for target, temp in temps.items():
                    previous[target] = _moved_aside(target)
                    os.replace(temp, target)
            except BaseException:
                _put_back(previous, temps)
                raise
            for aside in previous.values():
                if aside is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(aside)
    except BaseException as exc:
        for temp in temps.values():  # (a folder that refuses this too says so in the first error)
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


def _moved_aside(target: Path) -> str | None:
    """Renames target's previous file to a new temporary name beside it and returns that name;
    None when there is no previous file."""
    if not os.path.lexists(target):
        return None
    fd, aside = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
    os.close(fd)
    try:
        os.replace(target, aside)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(aside)
        raise
    return aside


def _put_back(previous: dict[Path, str | None], temps: dict[Path, str]) -> None:
    """Each target in `previous` as it was before the build: its previous file moved back, or,
    when it had none, the new file removed if it was renamed into place (its temporary file is
    gone). Best effort, every target tried: renames back in the same folder that just worked."""
    for target, aside in reversed(previous.items()):
        with contextlib.suppress(OSError):
            if aside is not None:
                os.replace(aside, target)
            elif not os.path.lexists(temps[target]):
                os.unlink(target)


@contextlib.contextmanager
def interruptions_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back in this thread for the duration: one that comes meanwhile
    is delivered at the end, so that what the block does (rename a set of files, end
    LibreOffice) is done whole. Blocks only a few system calls long."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


@contextlib.contextmanager
def locked(folders: Iterable[Path]) -> Iterator[None]:
    """An exclusive lock on each folder while a build renames its files into place (or updates
    its record), so that two builds at once never leave one build's .txt beside the other's
    .docx."""
    with contextlib.ExitStack() as stack:
        for folder in sorted(set(folders)) if fcntl else ():
            fd = os.open(folder, os.O_RDONLY)
            stack.callback(os.close, fd)
            _lock(fd, folder)
        yield


LOCK_WAIT = 60  # seconds. Another build holds the lock for a few renames, milliseconds; one
# held longer belongs to a build that is stopped (Ctrl-Z) or hung, and waiting longer is no use.


def _lock(fd: int, folder: Path) -> None:
    """Takes the lock on folder at once, or says on stderr that it waits for another build and
    waits, at most LOCK_WAIT seconds: then an OutputError."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        sys.stderr.write(f"gbpaper: waiting for another build writing into {folder}\n")
        sys.stderr.flush()
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        time.sleep(0.05)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OutputError(f"cannot write into {folder}: another build has held it for more than "
                                  f"{LOCK_WAIT} s (stopped, or hung?)") from None
