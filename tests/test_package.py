"""The Word paper's package (render/package.py): the zip written as Python's zipfile writes it,
each part of the reference compressed once per build, the styles once per language."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from conftest import ROOT
from gbpaper.diagnostics import Diagnostics
from gbpaper.pipeline import compile_paper
from gbpaper.render import package
from gbpaper.render.docx import DEFAULT_REFERENCE, read_reference, render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MEMBERS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>" * 500,
           "word/m\u00e9dia/\u00e9t\u00e9.bin": bytes(range(256)) * 40, "empty": b""}


def zipfile_writes(members: dict[str, bytes]) -> bytes:
    """The zip as zipfile writes it with gbpaper's stamps: 1980-01-01, Unix, mode 644, deflated."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as target:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=6)
    return packed.getvalue()


def test_the_zip_is_byte_for_byte_what_zipfile_writes():
    written = package.zipped(package.member(name, data) for name, data in MEMBERS.items())
    assert written == zipfile_writes(MEMBERS)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == MEMBERS


@pytest.fixture(scope="module")
def reference():
    diags = Diagnostics()
    found = read_reference(DEFAULT_REFERENCE, diags)
    assert found is not None and not diags.items
    return found


def test_papers_of_one_build_share_the_members_of_the_parts_they_share(reference):
    versions = compile_paper(ROOT / "inputs" / "GB.300-MNE-2-1").versions
    packer = reference.packer
    packer.members.clear()
    packer.languages.clear()
    files = [render_docx(paper, reference) for paper in versions]
    theme = {packer.members[name][1] for name in packer.members if name.startswith("word/theme/")}
    assert len(theme) == 1  # deflated once, for the three papers
    assert sorted(packer.languages) == ["en-GB", "es-ES", "fr-FR"]
    styles = [zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml") for data in files]
    assert [b'w:lang w:val="%s"' % lang.encode() in xml for lang, xml in zip(["en-GB", "fr-FR", "es-ES"], styles)] \
        == [True, True, True]


def test_a_paper_is_opened_from_the_reference_without_its_styles_body_and_notes(reference):
    """The slim copy each paper is opened from: the styles empty, the body only its section
    properties, the notes only their separators; every other part the reference's own."""
    opened = ("word/styles.xml", "word/document.xml", "word/footnotes.xml")
    with zipfile.ZipFile(io.BytesIO(reference.slim)) as slim, zipfile.ZipFile(io.BytesIO(reference.data)) as house:
        assert slim.namelist() == house.namelist()
        assert all(slim.read(n) == house.read(n) for n in house.namelist() if n not in opened)
        assert slim.read("word/styles.xml") == b'<w:styles xmlns:w="http://schemas.openxmlformats.org/' \
                                               b'wordprocessingml/2006/main"/>'
        body = etree.fromstring(slim.read("word/document.xml")).find(f"{W}body")
        assert [child.tag for child in body] == [f"{W}sectPr"]
        notes = etree.fromstring(slim.read("word/footnotes.xml"))
        assert [note.get(f"{W}type") for note in notes] == ["separator", "continuationSeparator"]
    paper = compile_paper(ROOT / "inputs" / "GB.300-MNE-2-1").paper
    with zipfile.ZipFile(io.BytesIO(render_docx(paper, reference))) as written:
        assert len(written.read("word/styles.xml")) > 100_000
