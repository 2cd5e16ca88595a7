"""The assembler's golden files: each paper of inputs/ and tests/data/genre as the document
model holds it (`Paper.pformat()`), in every language, apart from any renderer's layout.

After a deliberate change, `make golden` rewrites them; review with `git diff tests/golden`."""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
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
        golden = GOLDEN / f"{paper.file_stem}.model.txt"
        dump = paper.pformat()
        if request.config.getoption("--update-golden"):
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(dump, encoding="utf-8")
        expected = golden.read_text(encoding="utf-8")
        if dump != expected:
            diff = "\n".join(difflib.unified_diff(expected.splitlines(), dump.splitlines(), golden.name,
                                                  "assembled", lineterm=""))
            pytest.fail(f"{golden.name}: the assembler made another model; if it is right, accept it "
                        f"with `make golden` and review `git diff tests/golden`\n{diff}", pytrace=False)
