"""Finding papers and files: which folders under inputs/ hold a paper, and whether something
stands at a path. Reads folders only, imports nothing heavy: `gbpaper build --changed` uses it
before it knows whether anything is to be built."""
from __future__ import annotations

import os
from pathlib import Path


def present(path: Path) -> bool:
    """Whether something, of whatever kind, stands at path, a symbolic link not followed; when
    it cannot be looked at (no permission), reading it says why."""
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def units_files(folder: Path) -> tuple[Path, Path]:
    """Where a paper's units.yaml may be: in its folder, or else in the folder above it. That is
    the folder above the paper's folder itself, the one a symbolic link named on the command line
    points at; it is written as a path when it is the folder above the path (`.`'s is `..`,
    whatever the current directory), else as the absolute path of the folder it is."""
    above = os.path.normpath(folder / "..")
    physical = os.path.realpath(folder / "..")
    if physical != os.path.realpath(above):
        above = physical
    return folder / "units.yaml", Path(above) / "units.yaml"


MAX_SEARCH_DEPTH = 32  # folders below inputs/ searched for papers; paper folders sit near the top
Listings = dict[str, list[os.DirEntry[str]]]  # the entries of folders, by path, as listed once


def find_papers(root: Path, listings: Listings | None = None) -> list[Path]:
    """Every folder under root that holds a paper.yaml, in name order, and every folder there
    that cannot be read, which may hold one: reading it says why it cannot be read. A symbolic
    link to a folder is not followed. Each folder's entries go into `listings`, when given, for
    what looks at the papers' files next (the record), so that none is listed twice."""
    unreadable: list[Path] = []
    found: list[Path] = []
    todo = [(root, 0)]
    while todo:  # by hand, not os.walk, which recurses and fails on a tree a thousand deep
        folder, depth = todo.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            unreadable.append(folder)
            continue
        if listings is not None:
            listings[os.fspath(folder)] = entries
        if any(e.name == "paper.yaml" and not e.is_dir(follow_symlinks=False) for e in entries):
            found.append(folder)
        if depth < MAX_SEARCH_DEPTH:
            todo += [(Path(e.path), depth + 1) for e in entries if e.is_dir(follow_symlinks=False)]
    return sorted(found + unreadable)
