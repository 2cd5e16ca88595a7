"""Writing outputs: whole or not at all (temporary files in the same folder, then renames)."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class OutputError(Exception):
    """An output that cannot be written: the machine's problem, not the inputs'."""


def write_all(files: dict[Path, bytes]) -> None:
    """Writes every file or none: each first goes to a temporary file beside it, and only when all
    are whole are they renamed into place, one after another. A target that a file cannot
    replace (a folder) is found before anything is written. On any failure the temporary
    files are removed, and an OSError comes back as an OutputError naming the file."""
    temps: list[tuple[str, Path]] = []
    renamed = 0
    target = next(iter(files), Path())
    try:
        for target in files:
            if target.is_dir():
                raise IsADirectoryError(21, "a folder stands there")
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        with _locked(path.parent for path in files):
            for tmp, target in temps:
                os.replace(tmp, target)
                renamed += 1
    except BaseException as exc:
        for tmp, _ in temps[renamed:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


@contextlib.contextmanager
def _locked(folders: Iterable[Path]) -> Iterator[None]:
    """An exclusive lock on each folder while a build renames its files into place, so that two
    builds at once never leave one build's .txt beside the other's .docx."""
    with contextlib.ExitStack() as stack:
        for folder in sorted(set(folders)) if fcntl else ():
            fd = os.open(folder, os.O_RDONLY)
            stack.callback(os.close, fd)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
