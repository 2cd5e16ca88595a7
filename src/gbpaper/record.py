"""What each paper was last built from, so that `gbpaper build --changed` builds only the papers
whose build would write something new.

After a build, OUT_DIR/.gbpaper-record.json holds, for each paper built without errors, a
fingerprint of everything that build read or was asked: every file in the paper's folder and
its sub-folders (its submissions, its translations), the units.yaml it found, the reference document, the
formats and languages, and gbpaper itself (its code, its templates and phrase tables, the
versions of Python and of the libraries that write the files); and the size and time of each
output it wrote. `--changed` passes over a paper whose fingerprint and outputs are as
recorded. A paper with errors is never recorded, so it is checked again, and its errors said
again, until it builds.

A fingerprint is first taken from the files' names, sizes and modification times, which costs
a directory listing; only when that differs (a file touched, a fresh clone) are the files read
and their content compared, so that a file saved unchanged, or a checkout, rebuilds nothing.

This module reads files and JSON only: the check that finds nothing to build imports nothing
else, so that it costs little more than the interpreter's start.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from gbpaper.folders import Listings, units_files

RECORD_NAME = ".gbpaper-record.json"
FORMAT = 1  # of the record: a record of another format is ignored
LIBRARIES = ("python-docx", "lxml", "jinja2", "pydantic", "pyyaml", "click")
PACKAGE = Path(__file__).resolve().parent


# Above the largest file a build reads (a reference document, 20 MB; a submission, 5 MB): a
# larger file is one the build refuses or passes over, and is fingerprinted by its kind and size.
MAX_READ = 32 * 2**20


@dataclass(frozen=True)
class Fingerprint:
    """The files a build reads, by name, size and time (`stats`), and what they hold
    (`content`, read only when asked), with what the build is asked (`extra`)."""

    inputs: tuple[Input, ...]
    extra: str
    stats: str

    def content(self) -> str:
        digest = hashlib.sha256(self.extra.encode("utf-8", "surrogateescape") + b"\0")
        for path, status in self.inputs:
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
            digest.update(_held(path, status))
        return digest.hexdigest()


Status = tuple[int, int, int, int]  # a file's mode, size, modification time and inode; 0s if gone
Input = tuple[str, Status]  # a file a build reads, as found


def _held(path: str, status: Status) -> bytes:
    """What the file at path holds, as a digest: a regular file's content, read when it is of a
    size a build may read, never waiting, never through a link; for anything else (a link, a
    FIFO, a device, a larger file), which the build refuses or passes over, its kind and size
    and, for a link, where it points, which a fresh checkout keeps as they are."""
    mode, size = status[0], status[1]
    if stat.S_ISREG(mode) and size <= MAX_READ:
        with contextlib.suppress(OSError):  # gone or unreadable: the build will say so
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as file:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    return b"file:" + hashlib.sha256(file.read(MAX_READ + 1)).digest()
        return b"unreadable"
    target = b""
    if stat.S_ISLNK(mode):
        with contextlib.suppress(OSError):
            target = os.fsencode(os.readlink(path))
    return f"{stat.S_IFMT(mode)}:{size}:".encode() + target


def fingerprint(inputs: Iterable[Input], extra: str = "") -> Fingerprint:
    """The fingerprint of the files found as `inputs` (in the order given) and of `extra`."""
    found = tuple(inputs)
    names = "\0".join(path for path, _ in found).encode("utf-8", "surrogateescape")
    seen = repr([status for _, status in found]).encode()
    digest = hashlib.sha256(extra.encode("utf-8", "surrogateescape") + b"\0" + names + seen)
    return Fingerprint(found, extra, digest.hexdigest())


def _status(path: str, entry: os.DirEntry[str] | None = None) -> Status:
    """The status of the file at path (read from its folder's listing when given), not
    following a link."""
    try:
        status = entry.stat(follow_symlinks=False) if entry is not None else os.lstat(path)
    except OSError:
        return (0, 0, 0, 0)
    return (status.st_mode, status.st_size, status.st_mtime_ns, status.st_ino)


def _tree(folder: str, listings: Listings | None = None, depth: int | None = None) -> Iterator[Input]:
    """Every entry under folder that is not a folder, in name order, without following links;
    found in one pass, each with its status; a folder in `listings` as listed there. Below
    `depth` levels of folders (when given), a folder is an entry like the others, not looked in."""
    todo = [(folder, 0)]
    while todo:
        current, level = todo.pop()
        listed = listings.pop(current, None) if listings is not None else None
        try:
            if listed is None:
                with os.scandir(current) as listing:
                    listed = list(listing)
        except OSError:
            yield current, _status(current)  # the build will say why it cannot be read
            continue
        for entry in sorted(listed, key=lambda entry: entry.name):
            if entry.is_dir(follow_symlinks=False) and (depth is None or level < depth):
                todo.append((entry.path, level + 1))
            else:
                yield entry.path, _status(entry.path, entry)


def paper_inputs(folder: Path, reference: Path | None, listings: Listings | None = None) -> list[Input]:
    """The files a paper's build may read: those in its folder and in its sub-folders (its
    language folders; it looks no deeper), as listed in `listings` when there; the units.yaml
    beside or above it; the reference document."""
    units = [os.fspath(path) for path in units_files(folder)]
    found = [(path, status) for path in units if (status := _status(path)) != (0, 0, 0, 0)]
    return (list(_tree(os.fspath(folder), listings, depth=1)) + found
            + ([(os.fspath(reference), _status(os.fspath(reference)))] if reference else []))


def code_inputs(templates: Path) -> list[Input]:
    """gbpaper's own files: its modules and its templates."""
    return [found for found in _tree(os.fspath(PACKAGE)) if found[0].endswith(".py")] + list(_tree(os.fspath(templates)))


def code_extra() -> str:
    """Python's version and the libraries' that write the outputs."""
    versions = installed_versions()
    return f"python={sys.version}\0" + "\0".join(f"{name}={versions.get(_normalized(name), 'none')}"
                                                  for name in LIBRARIES)


def installed_versions() -> dict[str, str]:
    """The version of each distribution installed where Python finds it first, by its
    normalized name, from the name of its `<name>-<version>.dist-info` folder. (importlib.metadata
    would tell the same from the files in that folder, but importing it and reading them takes
    longer than the rest of a check that finds nothing to build.)"""
    versions: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for found in names:
            project, _, version = found.removesuffix(".dist-info").partition("-")
            if found.endswith(".dist-info") and version:
                versions.setdefault(_normalized(project), version)
    return versions


def _normalized(project: str) -> str:
    """A project's name as packaging compares names: case and runs of `-`, `_` and `.` aside."""
    return re.sub(r"[-_.]+", "-", project).lower()


@dataclass
class Record:
    """The record in an output folder: gbpaper's own fingerprint and each paper's entry."""

    path: Path
    code: dict[str, str]
    papers: dict[str, dict[str, Any]]

    @classmethod
    def read(cls, out_dir: Path) -> Record:
        """The record in out_dir; an empty one when there is none, or one that cannot be read or
        is of another format (then every paper is built and the record written afresh)."""
        path = out_dir / RECORD_NAME
        try:
            # A regular file alone: not a link (followed nowhere), nor a FIFO, which would wait.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as file:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise OSError(f"{path} is not a file")
                data = json.loads(file.read(64 * 2**20))
            if data.get("format") == FORMAT:
                return cls(path, dict(data["code"]), dict(data["papers"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            pass  # (RecursionError: JSON nested deeper than Python's decoder goes)
        return cls(path, {}, {})

    def code_matches(self, code: Fingerprint) -> bool:
        """Whether gbpaper is the one that wrote the record."""
        return _same(self.code, code)

    def paper_matches(self, key: str, paper: Fingerprint) -> bool:
        """Whether the paper under key was built from what `paper` fingerprints."""
        return _same(self.papers.get(key), paper)

    def outputs_intact(self, key: str) -> bool:
        """Whether every output recorded for the paper under key is as it was written."""
        entry = self.papers.get(key)
        recorded = entry.get("outputs") if isinstance(entry, dict) else None
        if not isinstance(recorded, dict) or not recorded:
            return False
        for name, seen in recorded.items():
            if "/" in name or os.sep in name or name in ("", ".", ".."):
                return False  # (not a name of the output folder's: the record was edited)
            try:
                status = os.lstat(self.path.parent / name)
            except (OSError, ValueError):  # (ValueError: a NUL in the name)
                return False
            if not stat.S_ISREG(status.st_mode) or [status.st_size, status.st_mtime_ns] != seen:
                return False
        return True

    def write(self, code: Fingerprint, built: Mapping[str, tuple[Fingerprint, list[Path]]]) -> None:
        """The record with gbpaper's fingerprint and, for each paper built, its entry, written
        over the one on disk (read again, so that a build running meanwhile keeps its papers).
        A paper that failed keeps its entry: its outputs are those of the inputs recorded, and
        its inputs, which differ, have it built again."""
        on_disk = Record.read(self.path.parent)
        same_code = _same(on_disk.code, code)
        papers = on_disk.papers if same_code else {}
        for key, (paper, outputs) in built.items():
            papers[key] = {"stats": paper.stats, "content": paper.content(),
                           "outputs": {p.name: _seen(p) for p in outputs}}
        # (gbpaper's files are read for their content only when they are not as recorded)
        content = on_disk.code.get("content") if same_code else None
        data = {"format": FORMAT, "code": {"stats": code.stats,
                                           "content": content if isinstance(content, str) else code.content()},
                "papers": dict(sorted(papers.items()))}
        temp = self.path.with_name(f".{RECORD_NAME}.{os.getpid()}.tmp")
        try:
            # (on one line: Python's JSON writer indents only in its slower, pure-Python form)
            temp.write_text(json.dumps(data, sort_keys=True) + "\n", encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:  # a record that cannot be written only costs a rebuild next time
            with contextlib.suppress(OSError):
                temp.unlink()


def _same(recorded: object, fingerprint: Fingerprint) -> bool:
    """Whether a recorded fingerprint is that one: by its stats, or failing them its content."""
    if not isinstance(recorded, dict):
        return False
    return recorded.get("stats") == fingerprint.stats or recorded.get("content") == fingerprint.content()


def _seen(path: Path) -> list[int]:
    status = os.lstat(path)
    return [status.st_size, status.st_mtime_ns]


class Ledger:
    """The record of one build: which of its papers need building (`changed`), and, once it
    is done, what each built paper was built from (`save`)."""

    def __init__(self, out_dir: Path, folders: Iterable[Path], options: str, reference: Path | None,
                 templates: Path, listings: Listings | None = None) -> None:
        """`listings`, the folders as find_papers just listed them, if it did."""
        self.record = Record.read(out_dir)
        self.code = fingerprint(code_inputs(templates), code_extra())
        self.folders = {_key(folder): folder for folder in folders}
        self.inputs = {key: fingerprint(paper_inputs(folder, reference, listings), options)
                       for key, folder in self.folders.items()}
        self.built: dict[str, tuple[Fingerprint, list[Path]]] = {}

    def changed(self) -> list[Path]:
        """The folders whose paper was not built from the same inputs, options and gbpaper, or
        whose outputs are not as that build wrote them."""
        if not self.record.code_matches(self.code):
            return list(self.folders.values())
        return [folder for key, folder in self.folders.items()
                if not (self.record.paper_matches(key, self.inputs[key]) and self.record.outputs_intact(key))]

    def done(self, folder: Path, outputs: list[Path]) -> None:
        """The paper in folder built into outputs."""
        self.built[_key(folder)] = (self.inputs[_key(folder)], outputs)

    def save(self) -> None:
        self.record.write(self.code, self.built)


def _key(folder: Path) -> str:
    return os.fsdecode(os.path.abspath(folder))
