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
    fcntl = None


def write_all(files: dict[Path, bytes]) -> None:
    """Writes every file or none: each first goes to a temporary file beside it, and only when all
    are whole are they renamed into place. On any failure the temporary files are removed and
    the previous files stay as they were."""
    temps: list[tuple[str, Path]] = []
    renamed = 0
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        with _locked(path.parent for path in files):
            for tmp, path in temps:
                os.replace(tmp, path)
                renamed += 1
    except BaseException:
        for tmp, _ in temps[renamed:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
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
