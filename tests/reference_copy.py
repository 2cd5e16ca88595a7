"""The reference paper's inputs copied into a temporary folder, for tests that change them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT

REFERENCE = ROOT / "inputs" / "GB.300-MNE-2-1"


def reference_copy(root: Path, name: str, languages: bool = True, source: Path = REFERENCE) -> Path:
    """inputs/GB.300-MNE-2-1 (or another paper of inputs/) as root/name, with units.yaml beside
    it. Without languages, the English original alone (no fr/, es/, and no languages or
    translations in paper.yaml), so that a test may add or remove paragraphs without
    translating them."""
    shutil.copyfile(source.parent / "units.yaml", root / "units.yaml")
    folder = root / name
    skip = None if languages else (lambda at, names: [n for n in names if (Path(at) / n).is_dir()])
    shutil.copytree(source, folder, ignore=skip)
    if not languages:
        plan = folder / "paper.yaml"
        plan.write_text(_without_languages(plan.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def _without_languages(plan: str) -> str:
    """paper.yaml without its top-level `languages` and `translations` keys."""
    kept, skipping = [], False
    for line in plan.splitlines(keepends=True):
        if re.match(r"(languages|translations):", line):
            skipping = True
        elif skipping and not (line.startswith((" ", "#")) or not line.strip()):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def edit(path: Path, old: str, new: str) -> None:
    """Replaces the one occurrence of old in the file at path by new."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")
