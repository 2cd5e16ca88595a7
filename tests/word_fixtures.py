"""The Word fixtures of tests/data/word and of the corpus's Word cases (tests/corpus/word-*),
which `make word-fixtures` remakes (pandoc and LibreOffice must be installed):

    python tests/word_fixtures.py

tests/data/word holds the reference paper's submissions (inputs/GB.300-MNE-2-1, in English,
French and Spanish, Markdown and YAML alike) as Word documents written by three tools:
- gbpaper/: by gbpaper's own writer (gbpaper.word_submission, python-docx), as a unit's editor
  writes in Word: built-in heading styles, List Bullet for dash items, real footnotes, italic
  and bold runs;
- pandoc/: by pandoc, from the same content as pandoc's Markdown (the front lines as paragraphs,
  every punctuation character escaped, footnotes as `[^n]`);
- libreoffice/: by LibreOffice (`soffice --headless --convert-to docx`), from that Markdown made
  into an OpenDocument text by pandoc.
Each builds the same paper as the Markdown and YAML it came from (tests/test_word.py). The time
stamps that pandoc and LibreOffice write are fixed, so that making them again changes nothing
that did not change.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from docx.oxml import parse_xml

from gbpaper.diagnostics import Diagnostics
from gbpaper.inline import RawCrossRef, RawEmphasis, RawInline, RawNoteRef
from gbpaper.load import Submission, SubmittedParagraph, load_paper
from gbpaper.ooxml import repacked
from gbpaper.outline import Outline
from gbpaper.sources.word import OLE2
from gbpaper.word_submission import (
    DASH_STYLE,
    NS,
    Block,
    Note,
    Paragraph,
    Table,
    WordWriter,
    from_submission,
    front,
    heading,
    runs_of_blocks,
)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "inputs" / "GB.300-MNE-2-1"
DATA = ROOT / "tests" / "data" / "word"
FLAVOURS = ("gbpaper", "pandoc", "libreoffice")
EPOCH = "946684800"  # 1 January 2000: what pandoc stamps its documents with


# --- The reference paper's submissions as Word documents ------------------------------------------


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _pandoc_inline(nodes: tuple[RawInline, ...], notes: list[tuple[RawInline, ...]],
                   defined: dict[str, tuple[RawInline, ...]]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_PUNCTUATION.sub(r"\\\1", node))
        elif isinstance(node, RawEmphasis):
            mark = "*" if node.style == "italic" else "**"
            out.append(mark + _pandoc_inline(node.children, notes, defined) + mark)
        elif isinstance(node, RawCrossRef):
            out.append(_PUNCTUATION.sub(r"\\\1", f"[#{node.label}]"))
        elif isinstance(node, RawNoteRef):
            notes.append(defined[node.label])
            out.append(f"[^{len(notes)}]")
    return "".join(out)


def pandoc_markdown(sub: Submission, outline: Outline) -> str:
    """The submission as pandoc's Markdown: what pandoc and LibreOffice make their documents of."""
    defined = {n.raw.label: n.content for n in sub.notes}
    notes: list[tuple[RawInline, ...]] = []
    lines = [_PUNCTUATION.sub(r"\\\1", f"Unit: {sub.unit}"), "", _PUNCTUATION.sub(r"\\\1", f"Paper: {sub.paper}"), ""]
    for start, block in runs_of_blocks(sub, outline):
        if start:
            lines += ["#" * start[1] + " " + _PUNCTUATION.sub(r"\\\1", start[0]), ""]
        assert isinstance(block, SubmittedParagraph), "the reference paper has paragraphs only"
        label = _PUNCTUATION.sub(r"\\\1", f" {{#{block.raw.label.text}}}") if block.raw.label else ""
        lines += [_pandoc_inline(block.content, notes, defined) + label, ""]
        items = [_pandoc_inline(c, notes, defined) for c in block.parts]
        if items:
            lines += [f"- {item}" for item in items] + [""]
    for n, content in enumerate(notes, start=1):
        lines += [f"[^{n}]: " + _pandoc_inline(content, [], defined), ""]
    return "\n".join(lines)


def _normalised_package(data: bytes) -> bytes:
    """A document as another tool wrote it, with its time stamps fixed, so that making the
    fixtures again changes nothing that did not change."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            if name == "docProps/app.xml":
                content = re.sub(rb"<TotalTime>[^<]*</TotalTime>", b"<TotalTime>0</TotalTime>", content)
            target.writestr(name, content)
    return repacked(out.getvalue())


def reference_documents(out: Path) -> None:
    """Every submission of the reference paper, in every language, in each flavour, under out."""
    diags = Diagnostics()
    sources = load_paper(REFERENCE, diags)
    assert sources is not None, [d.format() for d in diags.sorted()]
    plan = sources.plan
    outline = Outline(plan.sections, sources.plan_doc, Diagnostics(), plan.appendices)
    versions = [("", outline, sources.submissions)]
    for lang, subs in sorted(sources.translations.items()):
        entry = plan.translations[lang]
        versions.append((lang, outline.translated(entry.headings, entry.appendices), subs))
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for lang, version_outline, subs in versions:
            folder = work / (lang or "en")
            folder.mkdir()
            for sub in subs:
                stem = Path(sub.name).stem
                _write(out / "gbpaper" / lang / f"{stem}.docx", from_submission(sub, version_outline))
                markdown = folder / f"{stem}.md"
                markdown.write_text(pandoc_markdown(sub, version_outline), encoding="utf-8")
                _write(out / "pandoc" / lang / f"{stem}.docx", _pandoc(markdown, markdown.with_suffix(".docx")))
                _pandoc(markdown, markdown.with_suffix(".odt"))
            for docx_file in _libreoffice(sorted(folder.glob("*.odt")), folder / "libreoffice"):
                _write(out / "libreoffice" / lang / docx_file.name, docx_file.read_bytes())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_normalised_package(data))


def _pandoc(source: Path, target: Path) -> bytes:
    subprocess.run(["pandoc", "-f", "markdown-smart", str(source), "-o", str(target)], check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    return target.read_bytes()


def _libreoffice(documents: list[Path], folder: Path) -> list[Path]:
    """The documents converted to .docx by LibreOffice."""
    _libreoffice_to("docx", documents, folder)
    return [folder / document.with_suffix(".docx").name for document in documents]


def _libreoffice_to(kind: str, documents: list[Path], folder: Path) -> None:
    """The documents converted by LibreOffice, in one run with a profile of its own."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", kind,
                        "--outdir", str(folder), *map(str, documents)], check=True, capture_output=True)


# --- The corpus's Word cases -----------------------------------------------------------------------

CORPUS = ROOT / "tests" / "corpus"
BASE_HEADING = "Tripartite and expert meetings"
BASE_TEXT = "TRAVAIL took part in the meetings mentioned in paragraph [#actions]."
TEXT_BOX = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" Requires="wps">'
    '<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
    'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
    '<w:p><w:r><w:t>Key figures: 12 workshops in 2007</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape '
    'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Key figures: 12 workshops '
    'in 2007</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>')
PICTURE = (
    '<w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
    'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rId99"/>'
    '</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')


def _travail(*blocks: Block, unit: str = "TRAVAIL", xml: tuple[str, ...] = ()) -> WordWriter:
    """The base's travail.md as a Word document, with blocks (and body XML) after its paragraph."""
    writer = WordWriter().add(*front(unit, "GB.300/MNE/2/1"), heading(BASE_HEADING),
                              Paragraph([BASE_TEXT, Note(["See the TRAVAIL web site."])]), *blocks)
    for body in xml:
        writer.add_xml(body)
    return writer


def _compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (as Word 97-2003 documents and encrypted Office documents are) that
    holds the streams, each padded to whole 512-byte sectors of at least 4096 bytes."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    chains, data, sector = [], b"", 2
    for content in streams.values():
        content = content.ljust(max(4096, -(-len(content) // 512) * 512), b"\0")
        count = len(content) // 512
        chains.append((sector, len(content)))
        data += content
        sector += count
    fat = [fat_sector, end]
    for start, size in chains:
        count = size // 512
        fat += [start + i + 1 for i in range(count - 1)] + [end]
    fat_bytes = b"".join(n.to_bytes(4, "little") for n in fat).ljust(512, b"\xff")

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + bytes([kind, 1])
                + free.to_bytes(4, "little") + right.to_bytes(4, "little") + child.to_bytes(4, "little")
                + bytes(16 + 4 + 16) + start.to_bytes(4, "little") + size.to_bytes(8, "little"))

    names = list(streams)
    entries = entry("Root Entry", 5, 1, free, end, 0)
    for i, (name, (start, size)) in enumerate(zip(names, chains), start=1):
        entries += entry(name, 2, free, i + 1 if i < len(names) else free, start, len(streams[name]))
    directory = entries.ljust(512, b"\0")
    header = (OLE2 + bytes(16) + (0x3E).to_bytes(2, "little") + (3).to_bytes(2, "little")
              + b"\xfe\xff" + (9).to_bytes(2, "little") + (6).to_bytes(2, "little") + bytes(6)
              + (0).to_bytes(4, "little") + (1).to_bytes(4, "little") + (1).to_bytes(4, "little")
              + bytes(4) + (4096).to_bytes(4, "little") + end.to_bytes(4, "little") + bytes(4)
              + end.to_bytes(4, "little") + bytes(4) + (0).to_bytes(4, "little")
              + free.to_bytes(4, "little") * 108)
    return header + fat_bytes + directory + data


def _zip_bomb() -> bytes:
    """A Word document whose body part unpacks to 60 MB, as a zip bomb does (it is 60 KB)."""
    data = io.BytesIO(_travail().save())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content.replace(b"<w:body>", b"<w:body>" + b" " * (60 * 2**20), 1)
            target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content,
                            compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def _with_member(data: bytes, name: str, change) -> bytes:
    """The package in data with one member's bytes changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.namelist():
            content = source.read(member)
            target.writestr(member, change(content) if member == name else content)
    return repacked(out.getvalue())


def _converted(data: bytes, kind: str) -> bytes:
    """A Word document saved by LibreOffice as another kind of file (doc, rtf, odt)."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "travail.docx"
        source.write_bytes(data)
        _libreoffice_to(kind, [source], Path(scratch) / "out")
        return (Path(scratch) / "out" / f"travail.{kind}").read_bytes()


def corpus_documents(corpus: Path) -> dict[str, dict[str, bytes]]:
    """The Word cases of the corpus: case -> file -> bytes. Each replaces the base's travail.md
    (the case's removed.txt says so) with paper/travail.docx, or adds other files."""
    base = _travail().save()
    tracked = _travail(xml=(
        '<w:p><w:r><w:t xml:space="preserve">TRAVAIL also </w:t></w:r><w:ins w:id="1" w:author="A. Editor" '
        'w:date="2007-09-30T10:00:00Z"><w:r><w:t xml:space="preserve">advised on </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A. Editor" w:date="2007-09-30T10:00:00Z"><w:r><w:delText xml:space="preserve">'
        'organized </w:delText></w:r></w:del><w:r><w:t>the meetings.</w:t></w:r></w:p>',)).save()
    endnotes = _travail(xml=('<w:p><w:r><w:t>TRAVAIL also published a report.</w:t></w:r><w:r><w:rPr>'
                             '<w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r></w:p>',))
    endnotes.parts["word/endnotes.xml"] = (
        f'<w:endnotes {NS}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
        '<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        '</w:endnote><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> On the '
        'TRAVAIL web site.</w:t></w:r></w:p></w:endnote></w:endnotes>')
    merged = _travail(Paragraph(["Table: Meetings attended"]), Table(
        [[["Meeting"], ["Month"], ["Place"]], [["Electronics"], ["April 2007"], ["Geneva"]],
         [["Food and drink"], ["September 2007"], [""]]],
        cell_props={(1, 2): '<w:vMerge w:val="restart"/>', (2, 2): "<w:vMerge/>", (0, 1): '<w:gridSpan w:val="1"/>'}))
    spanned = _travail(Table([[["Meeting"], ["When and where"]], [["Electronics, April 2007, Geneva"]]],
                             cell_props={(1, 0): '<w:gridSpan w:val="2"/>'}))
    comments = _travail()
    comments.parts["word/comments.xml"] = (
        f'<w:comments {NS}><w:comment w:id="0" w:author="A. Editor"><w:p><w:r><w:t>Check the date.</w:t></w:r>'
        '</w:p></w:comment><w:comment w:id="1" w:author="A. Editor"><w:p><w:r><w:t>Which meetings?</w:t></w:r>'
        '</w:p></w:comment></w:comments>')
    drawings = _travail(xml=(f'<w:p><w:r><w:t xml:space="preserve">TRAVAIL reported on its workshops. </w:t>'
                             f'</w:r><w:r>{TEXT_BOX}</w:r><w:r>{PICTURE}</w:r></w:p>',))
    docm = _with_member(base, "[Content_Types].xml", lambda content: content.replace(
        b"wordprocessingml.document.main+xml", b"!").replace(
        b"application/vnd.openxmlformats-officedocument.!", b"application/vnd.ms-word.document.macroEnabled.main+xml"))
    protected = _travail()
    protected.document.settings.element.append(parse_xml(
        f'<w:documentProtection {NS} w:edit="readOnly" w:enforcement="1" w:cryptProviderType="rsaAES" '
        'w:cryptAlgorithmClass="hash" w:cryptAlgorithmType="typeAny" w:cryptAlgorithmSid="14" '
        'w:cryptSpinCount="100000" '
        'w:hash="yUUn0pV2lp3sUbd8ikn8CtJc3DrhA1m15MZW4P9UmWeOXeQYnpLqNZIgMOf8bqvsb8Nx8WFb7s1sKl7C8hL3WQ==" '
        'w:salt="oWQtNfdvMn7P1RiwOjVTUA=="/>'))
    footnote = WordWriter().add(*front("TRAVAIL", "GB.300/MNE/2/1"), heading(BASE_HEADING), Paragraph(
        [BASE_TEXT, Note(["See paragraph [#sites] of the TRAVAIL report."])]))
    return {
        "word-unknown-section-heading": {"paper/travail.docx": WordWriter().add(
            *front("TRAVAIL", "GB.300/MNE/2/1"), heading(BASE_HEADING), Paragraph([BASE_TEXT]),
            Paragraph([""]), heading("Promotoin activities"), Paragraph(["TRAVAIL established a methodology."])
        ).save()},
        "word-tracked-changes": {"paper/travail.docx": tracked},
        "word-doc-renamed": {"paper/travail.docx": _converted(base, "doc")},
        "word-rtf-renamed": {"paper/travail.docx": _converted(base, "rtf")},
        "word-odt-renamed": {"paper/travail.docx": _converted(base, "odt")},
        "word-text-renamed": {"paper/travail.docx": (corpus / "_base" / "paper" / "travail.md").read_bytes()},
        "word-docm-renamed": {"paper/travail.docx": docm},
        "word-other-documents": {"paper/travail-2006.doc": _converted(base, "doc"),
                                 "paper/travail-notes.rtf": _converted(base, "rtf")},
        "word-zip-bomb": {"paper/travail.docx": _zip_bomb()},
        "word-encrypted": {"paper/travail.docx": _compound_file(
            {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": bytes(4096)})},
        "word-password-protected": {"paper/travail.docx": protected.save()},
        "word-endnotes": {"paper/travail.docx": endnotes.save()},
        "word-merged-cells": {"paper/travail.docx": merged.save(), "paper/travail-spanned.docx": spanned.save()},
        "word-comments": {"paper/travail.docx": comments.save()},
        "word-text-box-and-picture": {"paper/travail.docx": drawings.save()},
        "word-missing-paper-line": {"paper/travail.docx": WordWriter().add(
            Paragraph([""]), Paragraph(["UNIT:  TRAVAIL "]), heading(BASE_HEADING), Paragraph([BASE_TEXT])).save()},
        "word-footnote-cross-reference-to-no-label": {"paper/travail.docx": footnote.save()},
        "word-heading-too-deep": {"paper/travail.docx": _travail(heading("Regional meetings", 4), Paragraph(
            ["TRAVAIL took part in regional meetings."])).save()},
        "word-list-without-paragraph": {"paper/travail.docx": WordWriter().add(
            *front("TRAVAIL", "GB.300/MNE/2/1"), heading(BASE_HEADING),
            Paragraph(["the electronics meeting;"], style=DASH_STYLE), Paragraph([BASE_TEXT])).save()},
    }


def write_corpus(corpus: Path) -> None:
    for case, files in corpus_documents(corpus).items():
        folder = corpus / case
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        if "paper/travail.docx" in files:
            (folder / "removed.txt").write_text("paper/travail.md\n", encoding="utf-8")
        expected = folder / "expected.txt"
        if not expected.exists():
            expected.write_text("", encoding="utf-8")  # filled by `make corpus`


def main() -> None:
    reference_documents(DATA)
    write_corpus(CORPUS)


if __name__ == "__main__":
    main()
