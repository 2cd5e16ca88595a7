"""The assembler's golden files: each paper of inputs/ and tests/data/genre as the document
model holds it (`Paper.pformat()`), in every language, apart from any renderer's layout.

After a deliberate change, `make golden` rewrites them; review with `git diff tests/golden`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, matches_golden
from gbpaper.pipeline import compile_paper

GOLDEN = ROOT / "tests" / "golden"
GENRE = ROOT / "tests" / "data" / "genre"
PAPERS = {
    "GB.300-MNE-2-1": ROOT / "inputs" / "GB.300-MNE-2-1",
    "GB.300-PFA-5": ROOT / "inputs" / "GB.300-PFA-5",
    "GB.300-LILS-7": GENRE / "lils-ratification",
    "GB.301-ESP-2": GENRE / "esp-youth",
    "GB.326-POL-8": ROOT / "inputs" / "GB.326-POL-8",
    "GB.323-INS-8(Rev.1)": ROOT / "inputs" / "GB.323-INS-8(Rev.1)",
    "GB.328-PFA-1(Add.1)(Corr.)": ROOT / "tests" / "data" / "y2011" / "GB.328-PFA-1(Add.1)(Corr.)",
    "GB.303-MNE-2": ROOT / "tests" / "data" / "y2011" / "GB.303-MNE-2",
}


@pytest.mark.parametrize("name", PAPERS)
def test_the_assembled_model_is_the_golden_one(name, tmp_path, request):
    folder = PAPERS[name]
    if folder.parent != ROOT / "inputs":  # with its own units.yaml above it
        shutil.copy(folder.parent / "units.yaml", tmp_path / "units.yaml")
        folder = Path(shutil.copytree(folder, tmp_path / folder.name))
    result = compile_paper(folder)
    assert result.versions, [d.format() for d in result.diagnostics.sorted()]
    for paper in result.versions:
        matches_golden(paper.pformat(), GOLDEN / f"{paper.file_stem}.model.txt", request, "--update-golden",
                       "make golden")
