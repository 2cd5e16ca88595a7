"""The PDF paper, as LibreOffice renders the Word paper of GB.300/MNE/2/1 and poppler reads it
back: every page's furniture, the notes at the foot of the pages that reference them, and the
text output's paragraphs in order.

These tests need LibreOffice and poppler-utils (.ci/run installs them); without them they fail
and say so, rather than pass unseen.
"""
from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import ROOT, md
from gbpaper.cli import main
from gbpaper.model import (
    Block,
    CrossRef,
    DashItem,
    Emphasis,
    Heading,
    Inlines,
    LetteredItem,
    NoteRef,
    Paper,
    Paragraph,
    QuotedParagraph,
    Table,
    Text,
)
from gbpaper.pipeline import compile_paper
from gbpaper.render import pdf
from gbpaper.render.docx import render_docx
from test_docx_layout_2011 import NOTICE, STAMP
from test_docx_layout_2011 import PAPER as LAYOUT_2011_PAPER

PAPER = ROOT / "inputs" / "GB.300-MNE-2-1"
STEM = "GB.300-MNE-2-1.en"
MARGIN = 2.5 / 2.54 * 72  # the reference document's margins, in points
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")


@dataclass(frozen=True)
class Line:
    """A line of a PDF page as poppler reads it: its box in points and its words."""

    top: float
    bottom: float
    left: float
    right: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Page:
    header: list[str]
    body: list[Line]
    notes: list[Line]
    footer: list[str]


def _require(program: str, package: str) -> None:
    if shutil.which(program) is None:
        pytest.fail(f"the PDF tests need {program}: apt-get install {package}", pytrace=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The reference paper built as text and PDF, through the command line."""
    _require("soffice", "libreoffice-writer-nogui")
    _require("pdftotext", "poppler-utils")
    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(main, ["build", str(PAPER), "-o", str(out), "--lang", "en",
                                       "--format", "txt,pdf"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def text(built) -> str:
    return (built / f"{STEM}.txt").read_text(encoding="utf-8")


def _rows(lines: list[Line]) -> list[Line]:
    """Lines in reading order. A note's raised number is a line of its own beside the note's
    first line, so lines whose middles are within a few points make one row, read left to right."""
    lines = sorted(lines, key=lambda line: (line.top + line.bottom) / 2)
    rows: list[list[Line]] = []
    for line in lines:
        middle = (line.top + line.bottom) / 2
        if rows and middle - (rows[-1][0].top + rows[-1][0].bottom) / 2 < 5:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.left)]


def _page(element: etree._Element) -> Page:
    """One page's lines sorted into header, body, notes and footer by where they stand: the
    header above the top margin, the footer below the bottom one, and the notes the run of
    lines at the foot of the text in type smaller than the footer's."""
    height = float(element.get("height"))
    lines = _rows([
        Line(float(line.get("yMin")), float(line.get("yMax")), float(line.get("xMin")), float(line.get("xMax")),
             " ".join(word.text for word in line.iterfind("{*}word")))
        for line in element.iter("{*}line")
    ])
    header = [line for line in lines if line.bottom < MARGIN]
    footer = [line for line in lines if line.top > height - MARGIN]
    text = [line for line in lines if line not in header and line not in footer]
    body_height = max((line.height for line in footer), default=max(line.height for line in text))
    cut = len(text)
    while cut and text[cut - 1].height < 0.9 * body_height:
        cut -= 1
    return Page([line.text for line in header], text[:cut], text[cut:], [line.text for line in footer])


def _pages(path: Path) -> list[Page]:
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True).stdout
    return [_page(page) for page in etree.fromstring(xhtml).iter("{*}page")]


@pytest.fixture(scope="module")
def pages(built) -> list[Page]:
    return _pages(built / f"{STEM}.pdf")


def _squeeze(text: str) -> str:
    """Text without its white space: where poppler puts spaces is the layout's business."""
    return re.sub(r"\s+", "", text)


def _is_note(text: str) -> bool:
    """Whether text starts with a note's number (a note's line, or a marker)."""
    return text[:1] != "" and text[0] in SUPERSCRIPTS


def _notes(text: str) -> dict[int, str]:
    """The text output's footnotes by number, emphasis marks taken out."""
    notes = {}
    for line in text.splitlines():
        if _is_note(line):
            number, note = line.split(" ", 1)
            notes[int(number.translate(DIGITS))] = note.replace("*", "")
    return notes


def _stream(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text output after the masthead, squeezed, as the PDF prints it (no notes, no
    emphasis marks, the list's dash as Word's numbering draws it, markers as plain digits), and
    where each note's marker stands in it."""
    stream, markers = "", []
    for block in text.rstrip("\n").split("\n\n")[1:]:
        for line in block.splitlines():
            if _is_note(line):
                continue
            line = re.sub(r"^- ", "\u2013", line).replace("*", "")
            for piece in re.split(f"([{SUPERSCRIPTS}]+)", line):
                if _is_note(piece):
                    markers.append((len(stream), int(piece.translate(DIGITS))))
                    piece = piece.translate(DIGITS)
                stream += _squeeze(piece)
    return stream, markers


def _page_bodies(pages: list[Page]) -> list[str]:
    """Each page's body squeezed, the first page's from its purpose line on."""
    bodies = []
    for page in pages:
        lines = [line.text for line in page.body]
        if not bodies:
            lines = lines[lines.index("FOR INFORMATION"):]
        bodies.append(_squeeze("".join(lines)))
    return bodies


def test_the_paper_has_pages_each_with_its_number_at_the_foot(pages):
    assert len(pages) >= 2
    assert [page.footer for page in pages] == [[str(n)] for n in range(1, len(pages) + 1)]


def test_every_page_after_the_first_has_the_symbol_in_its_header(pages):
    assert pages[0].header == []
    assert [page.header for page in pages[1:]] == [["GB.300/MNE/2/1"]] * (len(pages) - 1)


def test_the_first_page_opens_with_the_masthead(pages, text):
    masthead = text.split("\n\n")[0].splitlines()
    first = [line.text for line in pages[0].body]
    top = first[: first.index("FOR INFORMATION")]
    assert sorted(top) == sorted(masthead)
    assert top[:2] == ["INTERNATIONAL LABOUR OFFICE", "GB.300/MNE/2/1"]  # one row, left and right


def test_the_pages_hold_the_text_outputs_paragraphs_in_order(pages, text):
    assert "".join(_page_bodies(pages)) == _stream(text)[0]


def test_every_paragraph_number_stands_at_the_margin_in_order(pages):
    numbered = [
        int(line.text.split(".", 1)[0])
        for page in pages
        for line in page.body
        if re.fullmatch(r"\d+\.", line.text.split(" ", 1)[0]) and abs(line.left - MARGIN) < 1
    ]
    assert numbered == [paragraph.number for paragraph in compile_paper(PAPER).paper.paragraphs]
    assert numbered == list(range(1, 35))


def test_each_note_stands_at_the_foot_of_the_page_that_references_it(pages, text):
    notes = _notes(text)
    stream, markers = _stream(text)
    placed, start = [], 0
    for page, body in zip(pages, _page_bodies(pages)):
        on_page = [number for at, number in markers if start <= at < start + len(body)]
        foot = _squeeze("".join(line.text for line in page.notes))
        assert foot == _squeeze("".join(f"{n}{notes[n]}" for n in on_page)), on_page
        placed += on_page
        start += len(body)
    assert placed == sorted(notes) == list(range(1, 9))


def test_the_same_word_paper_gives_the_same_pdf_bytes(built, reference):
    paper = compile_paper(PAPER).paper
    assert pdf.render_pdf(render_docx(paper, reference)) == (built / f"{STEM}.pdf").read_bytes()


def test_a_batch_of_papers_gives_each_the_pdf_it_has_alone(built, reference, monkeypatch, tmp_path):
    """Every language of two papers in one LibreOffice, two documents to a command line: each
    PDF the same bytes as its Word paper converted alone; one LibreOffice profile for all."""
    monkeypatch.setattr(pdf, "BATCH", 2)
    started = []
    real = pdf._convert
    monkeypatch.setattr(pdf, "_convert", lambda program, folder, files: started.append((folder, files))
                        or real(program, folder, files))
    result = CliRunner().invoke(main, ["build", str(PAPER), str(ROOT / "inputs" / "GB.300-PFA-5"),
                                       "-o", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert [len(files) for _, files in started] == [2, 2, 1]
    assert len({folder for folder, _ in started}) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "GB.300-MNE-2-1.en.pdf", "GB.300-MNE-2-1.es.pdf", "GB.300-MNE-2-1.fr.pdf",
        "GB.300-PFA-5.en.pdf", "GB.300-PFA-5.fr.pdf"]
    assert (tmp_path / f"{STEM}.pdf").read_bytes() == (built / f"{STEM}.pdf").read_bytes()
    french = compile_paper(ROOT / "inputs" / "GB.300-PFA-5").versions[1]
    assert (tmp_path / "GB.300-PFA-5.fr.pdf").read_bytes() == pdf.render_pdf(render_docx(french, reference))


# The 2011 layout's pages: the masthead's rows level, the box on page 1, the stamp at its foot
# alone, each appendix on a page of its own.

@pytest.fixture(scope="module")
def pages_2011(tmp_path_factory, reference) -> list[Page]:
    _require("soffice", "libreoffice-writer-nogui")
    _require("pdftotext", "poppler-utils")
    path = tmp_path_factory.mktemp("layout-2011") / "paper.pdf"
    path.write_bytes(pdf.render_pdf(render_docx(LAYOUT_2011_PAPER, reference)))
    return _pages(path)


def _line(page: Page, text: str) -> Line:
    return next(line for line in page.body if line.text == text)


def test_2011_page_1_opens_with_the_notice_then_the_masthead(pages_2011):
    first = [line.text for line in pages_2011[0].body]
    assert _squeeze("".join(first[:first.index("INTERNATIONAL LABOUR OFFICE")])) == _squeeze(NOTICE)
    masthead = first[first.index("INTERNATIONAL LABOUR OFFICE"):first.index("EIGHTH ITEM ON THE AGENDA")]
    assert masthead == [
        "INTERNATIONAL LABOUR OFFICE", "Governing Body",
        "326th Session, Geneva, 10\u201324 March 2016", "GB.326/POL/8",
        "Policy Development Section", "POL",
        "Multinational Enterprises Segment",
        "Date: 24 February 2016", "Original: English",
    ]


@pytest.mark.parametrize("left, right", [
    ("326th Session, Geneva, 10\u201324 March 2016", "GB.326/POL/8"),
    ("Policy Development Section", "POL"),
])
def test_2011_masthead_rows_stand_level_left_and_right(pages_2011, left, right):
    page = pages_2011[0]
    width_right = 595.3 - MARGIN  # A4's width in points, less the right margin
    at_left, at_right = _line(page, left), _line(page, right)
    assert abs(at_left.bottom - at_right.bottom) < 1.5
    assert abs(at_left.left - MARGIN) < 1 and abs(at_right.right - width_right) < 1


def test_2011_date_and_original_stand_at_the_right(pages_2011):
    for text in ("Date: 24 February 2016", "Original: English"):
        assert abs(_line(pages_2011[0], text).right - (595.3 - MARGIN)) < 1


def test_2011_the_box_follows_the_title_on_page_1(pages_2011):
    first = [line.text for line in pages_2011[0].body]
    start = first.index("Proposed modalities") + 1
    assert first[start:start + 5] == [
        "Purpose of the document",
        "The Governing Body is invited to consider the draft decision in paragraph 2.",
        "Relevant strategic objective: All.", "Policy implications: Yes.",
        "Related documents: GB.325/POL/9."]
    assert first[start + 5] == "Introduction"


def test_2011_the_stamp_is_at_the_foot_of_page_1_alone(pages_2011):
    assert pages_2011[0].footer == ["1", STAMP]
    assert [page.footer for page in pages_2011[1:]] == [[str(n)] for n in range(2, len(pages_2011) + 1)]


def test_2011_each_appendix_begins_a_page_of_its_own(pages_2011):
    assert len(pages_2011) == 3
    assert [[line.text for line in page.body[:2]] for page in pages_2011[1:]] == [
        ["Appendix I", "List of activities"], ["Appendix II", "Budget"]]
    assert [page.header for page in pages_2011] == [[], ["GB.326/POL/8"], ["GB.326/POL/8"]]


# The pages of the example papers with a decision and tables: no heading, caption or lead-in left
# at the foot of a page, apart from what it introduces.

def _plain(inlines: Inlines) -> str:
    """What inlines print up to their first note, whose number the PDF prints as digits."""
    pieces = []
    for inline in inlines:
        match inline:
            case Text(value) | CrossRef(value=value):
                pieces.append(value)
            case Emphasis(children=children):
                pieces.append(_plain(children))
            case NoteRef():
                break
    return "".join(pieces)


def _pieces(blocks: tuple[Block, ...]) -> Iterator[tuple[str, str]]:
    """Each paragraph of blocks in order as what it is and how the PDF starts it: a heading,
    a paragraph (`N.` then its text), its items (an item's letter or dash, or a quotation's text)
    and a table (its caption and the cells of its header row)."""
    for block in blocks:
        match block:
            case Heading():
                yield "heading", block.display
            case Paragraph():
                number = "" if block.number is None else f"{block.number}."
                yield "lead-in" if block.parts else "paragraph", number + _plain(block.content)
                for part in block.parts:
                    match part:
                        case DashItem(content) | QuotedParagraph(content):
                            dash = "\u2013" if isinstance(part, DashItem) else ""
                            yield "item", dash + _plain(content)
                        case LetteredItem(marker, _, content):
                            yield "item", marker + _plain(content)
            case Table():
                if block.caption:
                    yield "heading", f"{block.caption.label}{_plain(block.caption.content)}"
                yield "table", "".join(_plain(cell) for cell in block.header)


def _page_of_each(pages: list[Page], paper: Paper) -> list[tuple[str, str, int]]:
    """Each piece of the paper's body and appendices (`_pieces`), with the page where it starts,
    found in the pages' text in order: the first 20 characters of each, squeezed. The notes'
    lines are searched too, for `_page` counts a table's small type at the foot as notes."""
    bodies = [_squeeze("".join(line.text for line in page.body + page.notes)) for page in pages]
    found, page, at = [], 0, 0
    appendices = [(("heading", a.label), ("heading", a.title), *_pieces(a.blocks)) for a in paper.appendices]
    for kind, text in [*_pieces(paper.blocks), *(piece for pieces in appendices for piece in pieces)]:
        key = _squeeze(text)[:20]
        while bodies[page].find(key, at) < 0:
            page, at = page + 1, 0
        at = bodies[page].find(key, at) + len(key)
        found.append((kind, text, page + 1))
    return found


@pytest.fixture(scope="module", params=["GB.326-POL-8", "GB.300-PFA-5"])
def decision_paper(request, tmp_path_factory, reference) -> list[tuple[str, str, int]]:
    """The pieces of a paper with a draft decision, each with its page in the PDF."""
    _require("soffice", "libreoffice-writer-nogui")
    _require("pdftotext", "poppler-utils")
    paper = compile_paper(ROOT / "inputs" / request.param).paper
    assert paper is not None
    path = tmp_path_factory.mktemp("decision") / "paper.pdf"
    path.write_bytes(pdf.render_pdf(render_docx(paper, reference)))
    return _page_of_each(_pages(path), paper)


def test_no_heading_caption_or_lead_in_is_left_at_the_foot_of_a_page(decision_paper):
    """A heading or caption stands on the page of what follows it; a lead-in and its items
    stand on one page, and a paragraph just before a table on the page where the table starts."""
    pieces = decision_paper
    for (kind, text, page), (next_kind, next_text, next_page) in zip(pieces, pieces[1:]):
        if kind in ("heading", "lead-in") or next_kind == "item" or (kind != "table" and next_kind == "table"):
            assert page == next_page, f"{text!r} on page {page}, {next_text!r} on page {next_page}"


def test_the_decision_paragraph_and_all_its_items_stand_on_one_page(decision_paper):
    """The draft decision's lead-in and all its items on one page (GB.326/POL/8's last item once
    stood alone at the top of the page after the rest)."""
    pieces = decision_paper
    lead_ins = [(piece, list(itertools.takewhile(lambda item: item[0] == "item", pieces[n + 1:])))
                for n, piece in enumerate(pieces) if piece[0] == "lead-in"]
    lead_in, items = max(lead_ins, key=lambda lead_in: len(lead_in[1]))  # the decision's
    assert lead_in[1].endswith(("The Governing Body:", "Governing Body that it:")) and len(items) >= 5
    assert len({page for _, _, page in (lead_in, *items)}) == 1


# Without LibreOffice, or when it fails, nothing is written and the command says why.

@pytest.fixture
def good(paper, monkeypatch):
    paper.write("multi.md", md("EMP/MULTI", "# introduction\n\nOne paragraph.\n"))
    monkeypatch.chdir(paper.root)
    return paper


def test_pdf_without_libreoffice_exits_2_saying_how_to_install_it(good, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda program: None)
    result = CliRunner().invoke(main, ["build", "paper", "--format", "txt,docx,pdf"])
    assert result.exit_code == 2
    assert result.stderr == "gbpaper: PDF needs LibreOffice: apt-get install libreoffice-writer-nogui\n"
    assert not (good.root / "outputs").exists()


def test_pdf_when_libreoffice_fails_exits_2_and_writes_nothing(good, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: shutil.which("false"))
    result = CliRunner().invoke(main, ["build", "paper", "--format", "txt,pdf"])
    assert result.exit_code == 2
    assert result.stderr == "gbpaper: LibreOffice could not render the PDF (exit 1)\n"
    assert not (good.root / "outputs").exists()
