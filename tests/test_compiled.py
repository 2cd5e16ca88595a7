"""Compiled once, read by every run: `python -m gbpaper.compiled` (which `make` runs after each
change) keeps Jinja's compiled templates beside the text renderer's bytecode, and a run reads
them instead of compiling the templates again, and never writes them."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from conftest import ROOT
from gbpaper.pipeline import compile_paper
from gbpaper.render import text

PAPER = ROOT / "inputs" / "GB.300-MNE-2-1"


@pytest.fixture
def compiled_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """COMPILED_DIR in tmp_path, with environments made afresh before and after."""
    folder = tmp_path / "__pycache__"
    monkeypatch.setattr(text, "COMPILED_DIR", folder)
    text._environment.cache_clear()
    yield folder
    text._environment.cache_clear()


def paper_text() -> bytes:
    result = compile_paper(PAPER)
    assert result.paper is not None
    return text.render_text(result.paper)


def refuse_to_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled")
    monkeypatch.setattr(jinja2.Environment, "compile", refused)


def test_a_run_reads_the_compiled_templates_and_writes_none(compiled_dir, monkeypatch):
    expected = paper_text()  # compiled in memory: nothing written
    assert not compiled_dir.exists()
    text.compile_templates()
    assert len(list(compiled_dir.glob("__jinja2_*.cache"))) == len(text.TEMPLATES)
    written = {path: path.read_bytes() for path in compiled_dir.iterdir()}
    text._environment.cache_clear()
    refuse_to_compile(monkeypatch)
    assert paper_text() == expected
    assert {path: path.read_bytes() for path in compiled_dir.iterdir()} == written


def test_a_damaged_compiled_template_is_compiled_again_in_memory(compiled_dir):
    expected = paper_text()
    text.compile_templates()
    for path in compiled_dir.glob("__jinja2_*.cache"):
        path.write_bytes(path.read_bytes()[:40])
    text._environment.cache_clear()
    assert paper_text() == expected


def test_a_template_changed_since_it_was_compiled_is_read_from_its_source(compiled_dir, tmp_path,
                                                                       monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    for name in text.TEMPLATES:
        (templates / name).write_text((text.TEMPLATES_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(text, "TEMPLATES_DIR", templates)
    text.compile_templates()
    page = templates / "paper.txt.j2"
    page.write_text("changed since {{ paper.symbol }}\n", encoding="utf-8")
    text._environment.cache_clear()
    assert paper_text() == b"changed since GB.300/MNE/2/1\n"
