"""Compiled once, read by every run: `python -m gbpaper.compiled` (which `make` runs after each
change) keeps Jinja's compiled templates beside the text renderer's bytecode, and the default
reference document as the Word renderer reads it (with its styles in each phrase table's
language) beside the Word renderer's, and the phrase tables as the data they hold; a run reads
them instead of doing the work again, and never writes them."""
from __future__ import annotations

import marshal
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT
from gbpaper import phrases
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.pipeline import compile_paper
from gbpaper.render import docx as word
from gbpaper.render import reference_cache, text
from gbpaper.render.docx import DEFAULT_REFERENCE, compile_reference, read_reference, render_docx

PAPER = ROOT / "inputs" / "GB.300-MNE-2-1"
OLD_REFERENCE = ROOT / "tests" / "data" / "gb-reference.before-genre.docx"  # made before the genre's styles


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


LOCALES = ["en-GB", "es-ES", "fr-FR"]  # those of the phrase tables


@pytest.fixture
def compiled_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the compiled reference document goes, in tmp_path; none there yet."""
    path = tmp_path / "__pycache__" / "gb-reference.compiled"
    monkeypatch.setattr(reference_cache, "COMPILED", path)
    return path


def paper_docx(reference: Path = DEFAULT_REFERENCE) -> list[bytes]:
    """The reference paper's Word files, English, French and Spanish."""
    result = compile_paper(PAPER)
    found = read_reference(reference, Diagnostics())
    assert found is not None
    return [render_docx(version, found) for version in result.versions]


def refuse_to_read_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> None:
        raise AssertionError("the reference document was read")
    monkeypatch.setattr(word, "_check_package", refused)  # where reading the document starts


def test_a_build_reads_the_compiled_reference_and_writes_it_never(compiled_reference, monkeypatch):
    expected = paper_docx()  # the document read: nothing written
    assert not compiled_reference.exists()
    assert compile_reference(DEFAULT_REFERENCE, LOCALES)
    written = compiled_reference.read_bytes()
    refuse_to_read_the_document(monkeypatch)
    found = read_reference(DEFAULT_REFERENCE, Diagnostics())
    assert found is not None and sorted(found.packer.languages) == LOCALES
    assert paper_docx() == expected
    assert compiled_reference.read_bytes() == written


@pytest.mark.parametrize("damage", [
    lambda blob, key: blob[:100],
    lambda blob, key: b"",
    lambda blob, key: marshal.dumps((key, (1, 2, 3, 4, 5, 6))),
    lambda blob, key: marshal.dumps((key, ({"GB Paragraph": 7}, (), b"", "styles", b"", {}))),
    lambda blob, key: marshal.dumps(key),
], ids=["cut short", "empty", "fields of the wrong kinds", "a style id that is no text", "a key alone"])
def test_a_damaged_compiled_reference_is_set_aside(compiled_reference, damage):
    expected = paper_docx()
    assert compile_reference(DEFAULT_REFERENCE, LOCALES)
    key = reference_cache.key(DEFAULT_REFERENCE.read_bytes())
    compiled_reference.write_bytes(damage(compiled_reference.read_bytes(), key))
    assert paper_docx() == expected


def test_another_reference_document_is_read_itself(compiled_reference):
    said = Diagnostics()
    assert read_reference(OLD_REFERENCE, said) is not None
    assert compile_reference(DEFAULT_REFERENCE, LOCALES)
    diags = Diagnostics()
    assert read_reference(OLD_REFERENCE, diags) is not None
    assert [d.format() for d in diags.items] == [d.format() for d in said.items]
    assert diags.items[0].format() == (
        f"{OLD_REFERENCE}:1:1: warning: the reference document has no paragraph style 'GB Heading 2'; "
        "lettered and second-level headings are written in 'GB Heading 1'")


def test_a_reference_read_with_a_warning_is_never_compiled(compiled_reference):
    assert not compile_reference(OLD_REFERENCE, LOCALES)
    assert not compiled_reference.exists()


@pytest.fixture
def compiled_phrases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The compiled phrase tables kept in tmp_path, and a copy of the phrase tables to edit
    there; read afresh before and after."""
    tables = tmp_path / "phrases"
    tables.mkdir()
    for table in (phrases.phrase_table_path("en").parent).glob("*.yaml"):
        (tables / table.name).write_bytes(table.read_bytes())
    monkeypatch.setattr(phrases, "COMPILED", tmp_path / "__pycache__" / "phrases.compiled")
    monkeypatch.setattr(phrases, "phrase_table_path", lambda language: tables / f"{language}.yaml")
    forget_phrases()
    yield tables
    forget_phrases()


def forget_phrases() -> None:
    phrases._load.cache_clear()
    phrases._compiled.cache_clear()


def load(language: str) -> tuple[phrases.Phrases | None, list[str]]:
    diags = Diagnostics()
    found = phrases.load_phrases(language, diags, Location("paper.yaml"))
    return found, [d.format() for d in diags.items]


def refuse_to_read_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a phrase table's YAML was read")
    monkeypatch.setattr(phrases, "load_yaml", refused)


def test_a_run_takes_the_compiled_phrase_tables_and_writes_none(compiled_phrases, monkeypatch):
    expected = {language: load(language) for language in ("en", "fr", "es")}
    assert not phrases.COMPILED.exists()  # read from their YAML: nothing written
    phrases.compile_phrase_tables()
    written = phrases.COMPILED.read_bytes()
    forget_phrases()
    refuse_to_read_yaml(monkeypatch)
    assert {language: load(language) for language in ("en", "fr", "es")} == expected
    assert phrases.COMPILED.read_bytes() == written


def test_a_phrase_table_changed_since_it_was_compiled_is_read_itself(compiled_phrases):
    phrases.compile_phrase_tables()
    table = compiled_phrases / "en.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("ibid: ibid.", "ibid: idem."), encoding="utf-8")
    forget_phrases()
    found, said = load("en")
    assert found is not None and found.ibid == "idem." and said == []


def test_a_phrase_table_with_an_error_is_not_compiled_and_says_it_each_time(compiled_phrases):
    table = compiled_phrases / "fr.yaml"
    written = table.read_text(encoding="utf-8")
    table.write_text(written + "unknown: 1\n", encoding="utf-8")
    phrases.compile_phrase_tables()
    assert set(marshal.loads(phrases.COMPILED.read_bytes())) == {"en", "es"}
    forget_phrases()
    found, said = load("fr")
    assert found is None and said == [f"{table}:{written.count(chr(10)) + 1}:1: error: unknown field 'unknown'"]


def test_damaged_compiled_phrase_tables_are_set_aside(compiled_phrases):
    phrases.compile_phrase_tables()
    expected = load("es")
    data = phrases.COMPILED.read_bytes()
    for damaged in (data[: len(data) // 2], marshal.dumps({"es": ("key", {})}),
                    marshal.dumps({"es": (marshal.loads(data)["es"][0], {"locale": 3})}), b"\x00"):
        phrases.COMPILED.write_bytes(damaged)
        forget_phrases()
        assert load("es") == expected
