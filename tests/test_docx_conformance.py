"""The Word papers of the example papers as the standard and other programs read them: every XML
part valid against the ECMA-376 transitional schemas; the notes read back alike by pandoc,
docx2python and mammoth; and what a Word expert checks in the package: no stale copy of the
styles, properties that name gbpaper, notes that declare Word's namespaces, settings that let
Word proof the text. Built as a user builds them, through gbpaper.pipeline.build_papers, with
the default reference document and with one made before the genre's styles."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.html
import mammoth
import pytest
from docx2python import docx2python
from lxml import etree

from conftest import ROOT
from gbpaper.pipeline import build_papers
from gbpaper.render.docx import DEFAULT_REFERENCE, WORD_NAMESPACES
from test_docx import NS, W, attr

EXAMPLES = ("GB.300-MNE-2-1", "GB.326-POL-8")
OLD_REFERENCE = ROOT / "tests" / "data" / "gb-reference.before-genre.docx"
SCHEMAS = ROOT / "tests" / "data" / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Each namespace a part of a Word paper is in, and the schema that defines it (see
# tests/data/ooxml/README.md). The `xml:` namespace and Dublin Core come first, so that the
# schemas that import them from the network find them imported already.
SCHEMA_FILES = {
    "http://www.w3.org/XML/1998/namespace": "xml.xsd",
    "http://purl.org/dc/elements/1.1/": "dc.xsd",
    "http://purl.org/dc/terms/": "dcterms.xsd",
    "http://purl.org/dc/dcmitype/": "dcmitype.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
}
SUPERSCRIPTS = tuple("⁰¹²³⁴⁵⁶⁷⁸⁹")
WORD_JOINER = "\u2060"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    imports = "".join(f'<xs:import namespace="{namespace}" schemaLocation="{name}"/>'
                      for namespace, name in SCHEMA_FILES.items())
    root = etree.fromstring(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>',
                            base_url=(SCHEMAS / "all.xsd").as_uri())
    schema = etree.XMLSchema(root)
    # Nothing is fetched: the imports of Dublin Core from dublincore.org are skipped.
    assert {error.type_name for error in schema.error_log} <= {"SCHEMAP_WARN_SKIP_SCHEMA"}
    return schema


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example papers in every language, as text and Word, and GB.326/POL/8 once more in
    Word with the old reference document (under old/)."""
    out = tmp_path_factory.mktemp("examples")
    folders = [ROOT / "inputs" / name for name in EXAMPLES]
    for result in build_papers(folders, out, ("txt", "docx")):
        assert not result.diagnostics.has_errors, [d.format() for d in result.diagnostics.items]
    build_papers(folders[1:], out / "old", ("docx",), reference_docx=OLD_REFERENCE)
    return out


def _papers(built: Path) -> list[Path]:
    return sorted(built.glob("*.docx")) + sorted((built / "old").glob("*.docx"))


@pytest.fixture(scope="module")
def papers(built) -> dict[str, bytes]:
    """Every Word paper built, and the reference document itself, by name."""
    found = {str(path.relative_to(built)): path.read_bytes() for path in _papers(built)}
    assert len(found) == len(VERSIONS) + 2  # and GB.326/POL/8 in en and fr with the old reference
    return found | {"gb-reference.docx": DEFAULT_REFERENCE.read_bytes()}


def without_ignorable(root: etree._Element) -> etree._Element:
    """A part as a consumer of ECMA-376 Part 3 (markup compatibility) reads it: without the
    attributes and elements of the namespaces its mc:Ignorable lists, nor the mc: attributes.
    An mc:AlternateContent element is kept, for the schemas to reject: a paper has none."""
    ignorable = set()
    for element in root.iter(etree.Element):
        ignorable |= {element.nsmap[prefix] for prefix in element.get(f"{{{MC}}}Ignorable", "").split()}
    for element in list(root.iter(etree.Element)):
        for name in [name for name in element.attrib if etree.QName(name).namespace in ignorable | {MC}]:
            del element.attrib[name]
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
    return root


def violations(data: bytes, schema: etree.XMLSchema) -> list[str]:
    """Every XML part of a .docx that the schemas reject, with why: `part:line: message`."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                root = without_ignorable(etree.fromstring(package.read(name)))
                if not schema.validate(root):
                    found += [f"{name}:{error.line}: {error.message}" for error in schema.error_log]
    return found


def test_every_xml_part_of_every_paper_is_valid_against_the_transitional_schemas(papers, schema):
    assert {name: violations(data, schema) for name, data in papers.items()} == dict.fromkeys(papers, [])


def _with_part(data: bytes, name: str, edit) -> bytes:
    """The package `data` with one XML part changed by `edit(root)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.namelist():
            content = source.read(member)
            if member == name:
                root = etree.fromstring(content)
                edit(root)
                content = etree.tostring(root)
            target.writestr(member, content)
    return out.getvalue()


def _zoom_without_percent(settings: etree._Element) -> None:
    del settings.find("w:zoom", NS).attrib[f"{{{W}}}percent"]


def _unknown_paragraph_property(document: etree._Element) -> None:
    document.find(".//w:pPr", NS).append(etree.Element(f"{{{W}}}keepTogether"))


@pytest.mark.parametrize("name, edit, expected", [
    ("word/settings.xml", _zoom_without_percent,
     "Element '{%s}zoom': The attribute '{%s}percent' is required but missing." % (W, W)),
    ("word/document.xml", _unknown_paragraph_property,
     "Element '{%s}keepTogether': This element is not expected. Expected is one of (" % W),
])
def test_the_schemas_reject_what_word_would_repair(papers, schema, name, edit, expected):
    """The validation is no formality: the paper of the issue, whose zoom lacked its percentage,
    and a paragraph property that WordprocessingML does not have are both caught."""
    found = violations(_with_part(papers["GB.326-POL-8.en.docx"], name, edit), schema)
    assert len(found) == 1 and found[0].startswith(f"{name}:"), found
    assert found[0].split(": ", 1)[1].startswith(expected)


# The notes read back by three readers that share no code with gbpaper or with each other.

def _text_notes(text: str) -> list[str]:
    """The text output's notes in order, without their numbers and emphasis marks."""
    return [line.split(" ", 1)[1].replace("*", "") for line in text.splitlines()
            if line.startswith(SUPERSCRIPTS)]


def _squeeze(text: str) -> str:
    """Text as readers may space it, without the word joiners that keep ranges on one line."""
    return " ".join(text.replace(WORD_JOINER, "").split())


VERSIONS = ("GB.300-MNE-2-1.en", "GB.300-MNE-2-1.es", "GB.300-MNE-2-1.fr", "GB.326-POL-8.en",
            "GB.326-POL-8.fr")


def test_the_examples_are_built_in_every_language(built):
    assert sorted(path.name.removesuffix(".docx") for path in built.glob("*.docx")) == list(VERSIONS)


@pytest.fixture(scope="module", params=VERSIONS)
def version(request, built) -> tuple[Path, list[str]]:
    """A Word paper and the notes its text output prints."""
    notes = _text_notes((built / f"{request.param}.txt").read_text(encoding="utf-8"))
    assert notes
    return built / f"{request.param}.docx", notes


def test_pandoc_reads_the_notes_back(version):
    if shutil.which("pandoc") is None:
        pytest.fail("this test needs pandoc: apt-get install pandoc", pytrace=False)
    path, expected = version
    plain = subprocess.run(["pandoc", str(path), "-t", "plain", "--wrap=none"], capture_output=True,
                           text=True, check=True).stdout
    # pandoc writes the notes after the text, each as `[n] text`, a blank line between them.
    notes = re.findall(r"^\[(\d+)\] (.*)$", plain, flags=re.MULTILINE)
    assert [int(number) for number, _ in notes] == list(range(1, len(expected) + 1))
    assert [_squeeze(note) for _, note in notes] == [_squeeze(note) for note in expected]


def test_docx2python_reads_the_notes_back(version):
    path, expected = version
    with docx2python(path) as document:
        paragraphs = [paragraph for table in document.footnotes for row in table for cell in row
                      for paragraph in cell]
    # The two separators, empty, then each note as `footnoteN)\t` and its text.
    assert paragraphs[:2] == ["", ""]
    notes = [re.fullmatch(r"footnote(\d+)\)\t(.*)", paragraph, flags=re.DOTALL) for paragraph in paragraphs[2:]]
    assert [int(match[1]) for match in notes] == list(range(1, len(expected) + 1))
    assert [_squeeze(match[2]) for match in notes] == [_squeeze(note) for note in expected]


def test_mammoth_reads_the_notes_back(version):
    path, expected = version
    with path.open("rb") as file:
        html = lxml.html.fromstring(f"<div>{mammoth.convert_to_html(file).value}</div>")
    # Each note an item `footnote-N` of a list after the text, ending in a link back: ↑.
    notes = html.xpath("//li[starts-with(@id, 'footnote-')]")
    assert [note.get("id") for note in notes] == [f"footnote-{n}" for n in range(1, len(expected) + 1)]
    assert [_squeeze(note.text_content()).removesuffix(" ↑") for note in notes] == [
        _squeeze(note) for note in expected]


# What a Word expert finds in the package.

def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def test_no_paper_has_a_styles_with_effects_part_relationship_or_content_type(papers):
    for name, data in papers.items():
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert "word/stylesWithEffects.xml" not in package.namelist(), name
            assert b"stylesWithEffects" not in package.read("[Content_Types].xml"), name
            assert b"stylesWithEffects" not in package.read("word/_rels/document.xml.rels"), name


def _python_docx_word_count(data: bytes) -> int:
    """The words of the body as python-docx reads its paragraphs, the tables' included (a cell
    across two columns, which python-docx gives once for each, counted once)."""
    document = docx.Document(io.BytesIO(data))
    cells = {cell._tc: cell for table in document.tables for row in table.rows for cell in row.cells}
    paragraphs = [*document.paragraphs, *(paragraph for cell in cells.values() for paragraph in cell.paragraphs)]
    return sum(len(paragraph.text.split()) for paragraph in paragraphs)


def test_the_application_properties_name_gbpaper_and_count_the_words(papers):
    extended = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    for name, data in papers.items():
        properties = _part(data, "docProps/app.xml")
        assert [etree.QName(child).localname for child in properties] == ["Application", "Words"], name
        assert properties.findtext(f"{extended}Application") == "gbpaper"
        assert int(properties.findtext(f"{extended}Words")) == _python_docx_word_count(data), name


def test_the_notes_declare_the_namespaces_word_declares(papers):
    for name, data in papers.items():
        notes = _part(data, "word/footnotes.xml")
        assert {prefix: notes.nsmap.get(prefix) for prefix in WORD_NAMESPACES} == dict(WORD_NAMESPACES), name
        assert notes.get(f"{{{MC}}}Ignorable") == "w14 wp14", name


def test_the_settings_let_word_proof_the_paper_at_a_full_size_zoom(papers):
    """The old reference document's settings say that its text was proofed and found clean."""
    with zipfile.ZipFile(io.BytesIO(OLD_REFERENCE.read_bytes())) as package:
        assert b"<w:proofState" in package.read("word/settings.xml")
    for name, data in papers.items():
        settings = _part(data, "word/settings.xml")
        assert settings.find("w:proofState", NS) is None, name
        assert attr(settings.find("w:zoom", NS), "percent") == "100", name
