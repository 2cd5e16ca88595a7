"""The example papers under inputs/ build without a diagnostic, and the text outputs committed
beside them in outputs/ are the ones they build now. (Only these: a user's own papers under
inputs/ are none of the tests' business.)"""
from __future__ import annotations

import pytest

from conftest import ROOT
from gbpaper.pipeline import compile_paper
from gbpaper.render.text import render_text

EXAMPLES = ["GB.300-MNE-2-1", "GB.300-PFA-5", "GB.323-INS-8(Rev.1)", "GB.326-POL-8"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_paper_builds_cleanly_and_its_committed_text_is_up_to_date(name):
    result = compile_paper(ROOT / "inputs" / name)
    assert [d.format() for d in result.diagnostics.sorted()] == []
    assert result.versions
    for paper in result.versions:
        committed = ROOT / "outputs" / f"{paper.file_stem}.txt"
        assert committed.read_bytes() == render_text(paper), f"{committed.name} is stale: run make paper"
