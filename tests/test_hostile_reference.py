"""Hostile reference documents (`--reference-docx`): each is refused with one located error,
`house.docx:1:1: error: the reference document ...`, exit status 1 and nothing built, in bounded
time and memory; none ends in a traceback, a hang or a corrupt paper. Each is made here from
templates/gb-reference.docx with zipfile, so that no big file is kept in the repository."""
from __future__ import annotations

import io
import os
import random
import re
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from conftest import ROOT, md
from gbpaper import pipeline
from gbpaper.cli import main
from gbpaper.diagnostics import Diagnostics
from gbpaper.render import docx as word
from gbpaper.render import reference_cache
from gbpaper.render.docx import DEFAULT_REFERENCE, MAX_REFERENCE_BYTES, read_reference, render_docx
from test_docx import PAPER

MB = 2**20
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def _members() -> dict[str, bytes]:
    with zipfile.ZipFile(DEFAULT_REFERENCE) as package:
        return {name: package.read(name) for name in package.namelist()}


BASE = _members()


def _zip(members: dict[str, bytes | Callable], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of members, each bytes or a function that writes its contents to a stream."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", method) as package:
        for name, content in members.items():
            if callable(content):
                with package.open(name, "w") as stream:
                    content(stream)
            else:
                package.writestr(name, content)
    return packed.getvalue()


def _twice(name: str, again: str) -> bytes:
    """The reference with member `name` written a second time, under the name `again`."""
    packed = io.BytesIO(_zip(BASE))
    with zipfile.ZipFile(packed, "a") as package, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (zipfile warns of a name written twice)
        package.writestr(again, BASE[name])
    return packed.getvalue()


def _edited(name: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The reference with one member's contents edited."""
    edited = edit(BASE[name])
    assert edited != BASE[name], f"the edit of {name} changed nothing"
    return _zip({**BASE, name: edited})


def _with(name: str, content: bytes | Callable) -> bytes:
    """The reference with one more member."""
    return _zip({**BASE, name: content})


def _patched(data: bytes, name: str, patch: Callable[[bytearray, int, bool], None]) -> bytes:
    """The zip with `patch(data, offset, central)` applied to the local header (central False)
    and the central directory entry (central True) of member `name`."""
    patched = bytearray(data)
    encoded = name.encode()
    for signature, length_at, name_at, central in ((b"PK\x03\x04", 26, 30, False), (b"PK\x01\x02", 28, 46, True)):
        at = patched.find(signature)
        while at >= 0:
            length = int.from_bytes(patched[at + length_at:at + length_at + 2], "little")
            if patched[at + name_at:at + name_at + length] == encoded:
                patch(patched, at, central)
            at = patched.find(signature, at + 4)
    return bytes(patched)


def _set(field: tuple[int, int], value: int, size: int = 4) -> Callable[[bytearray, int, bool], None]:
    """A patch that sets a header field, given as its offsets in (local, central) headers."""
    def patch(data: bytearray, at: int, central: bool) -> None:
        offset = at + field[central]
        data[offset:offset + size] = value.to_bytes(size, "little")
    return patch


FLAGS, METHOD, UNPACKED_SIZE = (6, 8), (8, 10), (22, 24)


def _encrypted(data: bytearray, at: int, central: bool) -> None:
    data[at + FLAGS[central]] |= 0x1


def _corrupt_stream(data: bytes, name: str) -> bytes:
    """The zip with bytes in the middle of member `name`'s deflate stream inverted."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(data)
    for at in range(start + 10, start + 60):
        damaged[at] ^= 0xFF
    return bytes(damaged)


def _before_end(tag: bytes, insert: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</" + tag + b">", insert + b"</" + tag + b">")


def _doctype(declaration: bytes, use: bytes = b"") -> Callable[[bytes], bytes]:
    """header1.xml with a document type declaration after its XML declaration, `use` in it."""
    def edit(xml: bytes) -> bytes:
        end = xml.index(b"?>") + 2
        return _before_end(b"w:hdr", use)(xml[:end] + declaration + xml[end:])
    return edit


def _zeros(size: int) -> Callable:
    def write(stream) -> None:
        for _ in range(size // MB):
            stream.write(bytes(MB))
    return write


def _header_paragraphs(count: int) -> Callable[[bytes], bytes]:
    return _before_end(b"w:hdr", b"<w:p/>" * count)


BILLION_LAUGHS = b"<!DOCTYPE w:hdr [<!ENTITY a \"aaaaaaaaaa\">" + b"".join(
    b'<!ENTITY %c "%s">' % (ord("b") + k, b"&%c;" % (ord("a") + k) * 10) for k in range(9)) + b"]>"

# (case, the reference document's bytes, the error after `house.docx:1:1: error: `)
CASES: list[tuple[str, Callable[[], bytes], str]] = [
    ("no zip", lambda: b"not a zip",
     "not a Word document (.docx); a reference document must be one"),
    ("bzip2", lambda: _zip(BASE, zipfile.ZIP_BZIP2),
     "the reference document has a member, '[Content_Types].xml', compressed by method 12; Word "
     "reads members stored or deflated only"),
    ("unknown compression", lambda: _patched(_zip(BASE), "word/styles.xml", _set(METHOD, 99, 2)),
     "the reference document has a member, 'word/styles.xml', compressed by method 99; Word "
     "reads members stored or deflated only"),
    ("encrypted member", lambda: _patched(_zip(BASE), "word/document.xml", _encrypted),
     "the reference document has an encrypted member, 'word/document.xml'; Word cannot read one"),
    ("a member twice", lambda: _twice("word/styles.xml", "word/styles.xml"),
     "the reference document has two members named 'word/styles.xml', which a package may not have: programs "
     "differ on which of them they read; save the document again"),
    ("a member twice, in other cases", lambda: _twice("word/styles.xml", "Word/Styles.XML"),
     "the reference document has two members named 'Word/Styles.XML', which a package may not have: programs "
     "differ on which of them they read; save the document again"),
    ("corrupt deflate stream", lambda: _corrupt_stream(_zip(BASE), "word/styles.xml"),
     "the reference document has a corrupt member, 'word/styles.xml' (Error -3 while decompressing "
     "data: invalid bit length repeat)"),
    ("a member declaring 1 GB", lambda: _patched(_zip(BASE), "word/styles.xml", _set(UNPACKED_SIZE, 2**30)),
     "the reference document unpacks to 1024 MB, more than the 50 MB a reference document may hold"),
    ("a member smaller than it says",
     lambda: _patched(_zip(BASE), "word/styles.xml", _set(UNPACKED_SIZE, 400_000)),
     "the reference document has a corrupt member, 'word/styles.xml', which does not unpack to its size"),
    ("a member larger than it says", lambda: _patched(_zip(BASE), "word/styles.xml", _set(UNPACKED_SIZE, 1000)),
     "the reference document has a corrupt member, 'word/styles.xml' (Bad CRC-32 for file "
     "'word/styles.xml')"),
    ("51 MB of members", lambda: _with("word/media/big.bin", _zeros(51 * MB)),
     "the reference document unpacks to 51.4 MB, more than the 50 MB a reference document may hold"),
    ("11 MB of XML", lambda: _edited("word/header1.xml", _header_paragraphs(11 * MB // 6)),
     "the reference document has 11.4 MB of XML, more than the 10 MB a reference document may have"),
    ("1001 members", lambda: _zip({**BASE, **{f"extra/{k}.bin": b"" for k in range(1001 - len(BASE))}}),
     "the reference document has 1001 members, more than the 1000 a reference document may have"),
    ("an entity declared in header1.xml", lambda: _edited(
        "word/header1.xml", _doctype(b'<!DOCTYPE w:hdr [<!ENTITY e "ENTITY">]>', b"<w:p><w:r><w:t>&e;</w:t></w:r></w:p>")),
     "the reference document has a part, 'word/header1.xml', with a document type declaration "
     "(<!DOCTYPE>), which a Word document may not have"),
    ("an external entity", lambda: _edited(
        "word/header1.xml", _doctype(b'<!DOCTYPE w:hdr [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                                     b"<w:p><w:r><w:t>&e;</w:t></w:r></w:p>")),
     "the reference document has a part, 'word/header1.xml', with a document type declaration "
     "(<!DOCTYPE>), which a Word document may not have"),
    ("an external DTD", lambda: _edited(
        "word/styles.xml", _doctype(b'<!DOCTYPE w:styles SYSTEM "http://example.org/w.dtd">')),
     "the reference document has a part, 'word/styles.xml', with a document type declaration "
     "(<!DOCTYPE>), which a Word document may not have"),
    ("a DTD in a part python-docx does not parse", lambda: _edited(
        "customXml/item1.xml", lambda xml: xml.replace(b"?>", b"?><!DOCTYPE b:Sources>", 1)),
     "the reference document has a part, 'customXml/item1.xml', with a document type declaration "
     "(<!DOCTYPE>), which a Word document may not have"),
    ("billion laughs", lambda: _edited(
        "word/header1.xml", _doctype(BILLION_LAUGHS, b"<w:p><w:r><w:t>&j;</w:t></w:r></w:p>")),
     "the reference document has a part, 'word/header1.xml', that is not well-formed XML (Maximum "
     "entity amplification factor exceeded, see xmlCtxtSetMaxAmplification., line 1, column 4)"),
    ("nesting 100,000 deep", lambda: _edited(
        "word/header1.xml", _before_end(b"w:hdr", b"<w:p>" * 100_000 + b"</w:p>" * 100_000)),
     "the reference document has a part, 'word/header1.xml', whose XML is nested more than 256 levels deep "
     "(line 2, column 2511), deeper than Word nests anything"),
    ("document.xml not w:document", lambda: _edited(
        "word/document.xml", lambda xml: xml.replace(b"w:document", b"w:documentx")),
     "the reference document has a main document part, 'word/document.xml', whose root element is "
     "w:documentx, not w:document"),
    ("no body", lambda: _edited("word/document.xml", lambda xml: xml.replace(b"w:body", b"w:bodyx")),
     "the reference document has no body (w:body) in its main document part, 'word/document.xml'"),
    ("styles.xml not w:styles", lambda: _edited(
        "word/styles.xml", lambda xml: xml.replace(b"<w:styles ", b"<w:numbering ").replace(
            b"</w:styles>", b"</w:numbering>")),
     "the reference document has a styles part, 'word/styles.xml', whose root element is "
     "w:numbering, not w:styles"),
    ("footnotes.xml not w:footnotes", lambda: _edited(
        "word/footnotes.xml", lambda xml: xml.replace(b"w:footnotes", b"w:endnotes")),
     "the reference document has a notes part, 'word/footnotes.xml', whose root element is "
     "w:endnotes, not w:footnotes"),
    ("a header not w:hdr", lambda: _edited("word/header1.xml", lambda xml: xml.replace(b"w:hdr", b"w:ftr")),
     "the reference document has a header part, 'word/header1.xml', whose root element is w:ftr, "
     "not w:hdr"),
    ("a footer not w:ftr", lambda: _edited("word/footer1.xml", lambda xml: xml.replace(b"w:ftr", b"w:body")),
     "the reference document has a footer part, 'word/footer1.xml', whose root element is w:body, "
     "not w:ftr"),
    ("settings.xml not w:settings", lambda: _edited(
        "word/settings.xml", lambda xml: xml.replace(b"w:settings", b"w:setting")),
     "the reference document has a settings part, 'word/settings.xml', whose root element is "
     "w:setting, not w:settings"),
    ("core.xml not cp:coreProperties", lambda: _edited(
        "docProps/core.xml", lambda xml: xml.replace(b"cp:coreProperties", b"cp:core")),
     "the reference document has a core properties part, 'docProps/core.xml', whose root element "
     "is cp:core, not cp:coreProperties"),
    ("styles of another content type", lambda: _edited(
        "[Content_Types].xml", lambda xml: xml.replace(b"wordprocessingml.styles+xml", b"wordprocessingml.fontTable+xml")),
     "the reference document has a styles part, 'word/styles.xml', of the content type "
     "'application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml'"),
    ("a footnote id not a number", lambda: _edited(
        "word/footnotes.xml", lambda xml: xml.replace(b'w:id="-1"', b'w:id="x"', 1)),
     "the reference document has a note in 'word/footnotes.xml' whose id, 'x', is not a whole number "
     "of at most nine digits"),
    ("a footnote id too large", lambda: _edited(
        "word/footnotes.xml", lambda xml: xml.replace(b'w:id="-1"', b'w:id="99999999999999999999"', 1)),
     "the reference document has a note in 'word/footnotes.xml' whose id, '99999999999999999999', is "
     "not a whole number of at most nine digits"),
    ("a header the document does not hold", lambda: _edited(
        "word/document.xml", lambda xml: re.sub(rb'(<w:headerReference [^>]*r:id=")[^"]*', rb"\1rId99", xml, count=1)),
     "the reference document has a page set-up that names a header, 'rId99', which it does not hold"),
    ("a page width that is no number", lambda: _edited(
        "word/document.xml", lambda xml: re.sub(rb'(<w:pgSz [^>]*w:w=")[^"]*', rb"\1twelve", xml)),
     "the reference document has a page set-up that cannot be read (invalid literal for int() with "
     "base 10: 'twelve')"),
    ("[Content_Types].xml not Types", lambda: _edited(
        "[Content_Types].xml", lambda xml: xml.replace(b"<Types ", b"<Typos ").replace(b"</Types>", b"</Typos>")),
     "the reference document has a part, '[Content_Types].xml', whose root element is Typos, not Types"),
    ("a relationship without a target", lambda: _edited(
        "word/_rels/document.xml.rels", lambda xml: re.sub(rb' Target="[^"]*"', b"", xml, count=1)),
     "the reference document has an entry Relationship in 'word/_rels/document.xml.rels' without "
     "its Target attribute"),
]


@pytest.fixture
def house(tmp_path: Path) -> Callable[[bytes], list[str]]:
    """The errors and warnings that reading `data` as house.docx gives, without the folder."""
    def read(data: bytes) -> list[str]:
        path = tmp_path / "house.docx"
        path.write_bytes(data)
        diags = Diagnostics()
        assert read_reference(path, diags) is None
        return [d.format().replace(f"{tmp_path}/", "") for d in diags.items]
    return read


@pytest.mark.parametrize("make, error", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_hostile_reference_is_one_located_error(house, make, error):
    assert house(make()) == [f"house.docx:1:1: error: {error}"]


def test_the_hostile_cases_are_made_from_a_fit_reference(tmp_path):
    (tmp_path / "house.docx").write_bytes(_zip(BASE))
    assert read_reference(tmp_path / "house.docx", Diagnostics()) is not None


def test_a_real_bomb_is_refused_having_unpacked_no_more_than_it_declares(house):
    """A member of 128 MB of zeros that says it holds 1 KB: zipfile stops at 1 KB and finds its
    checksum wrong; nothing near its real size is ever held in memory (the peak is the buffer
    for the file's bytes, the size of the largest reference document)."""
    bomb = _patched(_with("word/media/big.bin", _zeros(128 * MB)), "word/media/big.bin", _set(UNPACKED_SIZE, 1024))
    tracemalloc.start()
    try:
        errors = house(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert errors == ["house.docx:1:1: error: the reference document has a corrupt member, 'word/media/big.bin' "
                      "(Bad CRC-32 for file 'word/media/big.bin')"]
    assert peak < MAX_REFERENCE_BYTES + 4 * MB


def test_a_file_over_the_limit_is_refused_unread(house, tmp_path):
    path = tmp_path / "house.docx"
    with path.open("wb") as sparse:  # takes no room on disk
        sparse.truncate(MAX_REFERENCE_BYTES + MB)
    diags = Diagnostics()
    assert read_reference(path, diags) is None
    assert [d.format() for d in diags.items] == [
        f"{path}:1:1: error: the reference document is 21 MB, more than the 20 MB a reference document may be"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "house.docx")
    diags = Diagnostics()
    assert read_reference(tmp_path / "house.docx", diags) is None
    assert [d.format() for d in diags.items] == [
        f"{tmp_path}/house.docx:1:1: error: the reference document is a named pipe, not a file"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_unread():
    diags = Diagnostics()
    assert read_reference(Path("/dev/zero"), diags) is None
    assert [d.format() for d in diags.items] == ["/dev/zero:1:1: error: the reference document is a device, not a file"]


def test_a_folder_is_refused(tmp_path):
    diags = Diagnostics()
    assert read_reference(tmp_path, diags) is None
    assert [d.format() for d in diags.items] == [f"{tmp_path}:1:1: error: the reference document is a folder, not a file"]


@pytest.mark.parametrize("make", [
    lambda: _edited("word/header1.xml", _doctype(b'<!DOCTYPE w:hdr [<!ENTITY e "ENTITY">]>',
                                                  b"<w:p><w:r><w:t>&e;</w:t></w:r></w:p>")),
    lambda: _patched(_zip(BASE), "word/document.xml", _encrypted),
    lambda: _with("word/media/big.bin", _zeros(51 * MB)),
], ids=["entity", "encrypted", "too big"])
def test_build_with_a_hostile_reference_exits_1_and_writes_nothing(paper, monkeypatch, make):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne paragraph.\n"))
    (paper.root / "house.docx").write_bytes(make())
    monkeypatch.chdir(paper.root)
    result = CliRunner().invoke(main, ["build", "paper", "--reference-docx", "house.docx"])
    assert result.exit_code == 1, result.output
    assert re.fullmatch(r"house\.docx:1:1: error: the reference document [^\n]+\n", result.stderr)
    assert not (paper.root / "outputs").exists()


def test_build_with_a_folder_as_reference_exits_1_at_its_path(paper, monkeypatch):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne paragraph.\n"))
    (paper.root / "house.docx").mkdir()
    monkeypatch.chdir(paper.root)
    result = CliRunner().invoke(main, ["build", "paper", "--reference-docx", "house.docx"])
    assert (result.exit_code, result.stderr) == (
        1, "house.docx:1:1: error: the reference document is a folder, not a file\n")
    assert not (paper.root / "outputs").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_build_with_a_named_pipe_exits_1_at_once(paper, monkeypatch):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne paragraph.\n"))
    os.mkfifo(paper.root / "house.docx")
    monkeypatch.chdir(paper.root)
    result = CliRunner().invoke(main, ["build", "paper", "--reference-docx", "house.docx"])
    assert (result.exit_code, result.stderr) == (
        1, "house.docx:1:1: error: the reference document is a named pipe, not a file\n")


def test_a_long_chain_of_based_on_styles_is_read(tmp_path):
    """Each GB style based on a chain of 5,000 styles: followed without recursion."""
    chain = b"".join(
        b'<w:style w:type="paragraph" w:styleId="Chain%d"><w:name w:val="Chain %d"/>'
        b'<w:basedOn w:val="Chain%d"/></w:style>' % (k, k, k + 1) for k in range(5000))
    heading = b'w:styleId="GBHeading1"><w:name w:val="GB Heading 1"/><w:basedOn w:val="'

    def base_on_chain(xml: bytes) -> bytes:
        xml = xml.replace(heading + b"GBBase", heading + b"Chain0").replace(b"<w:keepNext/>", b"")
        return _before_end(b"w:styles", chain)(xml)
    (tmp_path / "house.docx").write_bytes(_edited("word/styles.xml", base_on_chain))
    reference = read_reference(tmp_path / "house.docx", Diagnostics())
    assert reference is not None
    assert "GB Heading 1" in reference.unkept


def test_a_style_without_an_id_is_not_the_style(house):
    errors = house(_edited("word/styles.xml", lambda xml: xml.replace(b' w:styleId="GBParagraph"', b"")))
    assert "house.docx:1:1: error: the reference document has no paragraph style 'GB Paragraph'" in errors


def test_damaged_references_never_end_in_a_traceback(tmp_path):
    """Bytes of the reference flipped, overwritten or cut off, at places fixed by the seed: each
    is refused with an error, or read and then rendered."""
    rng = random.Random(13)
    original = DEFAULT_REFERENCE.read_bytes()
    path = tmp_path / "house.docx"
    for _ in range(60):
        damaged = bytearray(original)
        match rng.randrange(3):
            case 0:
                damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
            case 1:
                at = rng.randrange(len(damaged))
                damaged[at:at + 4] = rng.randbytes(4)
            case _:
                del damaged[rng.randrange(len(damaged)):]
        path.write_bytes(damaged)
        diags = Diagnostics()
        reference = read_reference(path, diags)
        if reference is None:
            assert [d.severity for d in diags.items if d.severity == "error"]
        else:
            render_docx(PAPER, reference)


def test_a_build_of_several_papers_and_languages_reads_the_reference_once(tmp_path, monkeypatch):
    """Read and checked once; each version opens the checked bytes afresh to write into. (The
    reference document itself: none compiled, see test_compiled.py.)"""
    monkeypatch.setattr(reference_cache, "COMPILED", tmp_path / "none")
    unpacked: list[int] = []
    check_package = word._check_package
    monkeypatch.setattr(word, "_check_package", lambda data: unpacked.append(len(data)) or check_package(data))
    reads: list[Path] = []
    read = word._read_bounded
    monkeypatch.setattr(word, "_read_bounded", lambda path: reads.append(path) or read(path))
    papers = [ROOT / "inputs" / "GB.300-MNE-2-1", ROOT / "inputs" / "GB.300-PFA-5"]
    results = pipeline.build_papers(papers, tmp_path, ("docx",))
    assert all(result.paper is not None for result in results)
    assert len(list(tmp_path.glob("*.docx"))) == 5  # en, fr, es and en, fr
    assert (reads, len(unpacked)) == ([DEFAULT_REFERENCE], 1)



def _page_set_up(width: str, margin: str = "1417") -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'(<w:pgSz[^>]*w:w=")\d+(")', lambda m: m.group(1) + width.encode() + m.group(2), xml)
        return re.sub(rb'(<w:pgMar[^>]*w:left=")\d+(")', lambda m: m.group(1) + margin.encode() + m.group(2), xml)
    return edit


@pytest.mark.parametrize("width, margin, said", [
    ("0", "1417", "width 0 twips, side margins 1417 and 1417"),
    ("-5", "1417", "width -5 twips, side margins 1417 and 1417"),
    ("40000", "1417", "width 40000 twips, side margins 1417 and 1417"),
    ("11906", "20000", "width 11906 twips, side margins 20000 and 1417"),
    ("11906", "-100", "width 11906 twips, side margins -100 and 1417"),
], ids=["no width", "negative width", "too wide", "margins wider than the page", "negative margin"])
def test_a_page_set_up_no_page_can_have_is_refused(width, margin, said, tmp_path):
    path = tmp_path / "house.docx"
    path.write_bytes(_edited("word/document.xml", _page_set_up(width, margin)))
    diags = Diagnostics()
    assert read_reference(path, diags) is None
    assert [d.format() for d in diags.items] == [
        f"{path}:1:1: error: the reference document has a page set-up that no page can have: {said} (a page is "
        "at most 31680 twips wide, margins are not negative, and they leave at least 1440 for the text)"]
