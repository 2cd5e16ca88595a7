"""The Word paper says what the text output says: the notice, every heading, paragraph, list
item, lettered item, quoted paragraph, table row, line of the summary box, closing line and
appendix in order, and one real footnote per note, numbered and worded alike. Checked on the
reference paper GB.300/MNE/2/1, on the sample of the genre's blocks that tests/test_docx_genre.py
builds and on the 2011-layout sample of tests/test_docx_layout_2011.py."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from conftest import ROOT
from gbpaper.model import Paper
from gbpaper.pipeline import compile_paper
from gbpaper.render.docx import render_docx
from gbpaper.render.text import render_text, superscript
from test_docx_genre import PAPER as GENRE_PAPER
from test_docx_layout_2011 import PAPER as LAYOUT_2011_PAPER

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUPERSCRIPTS = tuple("⁰¹²³⁴⁵⁶⁷⁸⁹")


def visible_text(paragraph: etree._Element) -> str:
    """A Word paragraph's text, a tab shown as a space and a footnote reference as its
    superscript number; without the invisible word joiners that keep a range's en dash from
    ending a line."""
    out = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}footnoteReference"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append(" ")
        else:
            out.append(superscript(int(node.get(f"{W}id"))))
    return "".join(out).replace("\u2060", "")


def _is_box(table: etree._Element) -> bool:
    """Whether a Word table is the summary box: its first line is in GB Summary Heading."""
    return table.find(f"{W}tr/{W}tc/{W}p/{W}pPr/{W}pStyle[@{W}val='GBSummaryHeading']") is not None


def word_lines(body: etree._Element) -> list[str]:
    """The body after the masthead (the first table) as the text output writes it: a line per
    paragraph, the box's lines, and a table's rows as `| cell | cell |`. The empty paragraph
    under a table or the box has no line."""
    lines = []
    after_masthead = body.find(f"{W}tbl").itersiblings()
    for element in after_masthead:
        if element.tag == f"{W}p" and visible_text(element):
            lines.append(visible_text(element))
        elif element.tag == f"{W}tbl" and _is_box(element):
            lines += [visible_text(paragraph) for paragraph in element.iter(f"{W}p")]
        elif element.tag == f"{W}tbl":
            lines += ["| " + " | ".join(visible_text(cell) for cell in row.iter(f"{W}tc")) + " |"
                      for row in element.iter(f"{W}tr")]
    return lines


def text_lines(text: str, paper: Paper) -> list[str]:
    """The text output after the masthead (and the notice before it), less its note lines and
    tables' delimiter rows, and less what Word draws otherwise: a dash item's `- ` (Word's
    numbering), a quotation's `> ` and a sub-item's indent (the styles' indents)."""
    masthead = 1 if paper.notice is None else 2
    return [line.strip().removeprefix("- ").removeprefix("> ")
            for block in text.split("\n\n")[masthead:] for line in block.splitlines()
            if not line.startswith(SUPERSCRIPTS) and not line.startswith("| ---")]


@pytest.fixture(scope="module", params=["reference paper", "genre sample", "2011 sample"])
def built(request, reference) -> tuple[str, etree._Element, etree._Element, Paper]:
    if request.param == "reference paper":
        paper = compile_paper(ROOT / "inputs" / "GB.300-MNE-2-1").paper
        assert paper is not None
    else:
        paper = {"genre sample": GENRE_PAPER, "2011 sample": LAYOUT_2011_PAPER}[request.param]
    with zipfile.ZipFile(io.BytesIO(render_docx(paper, reference))) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    return render_text(paper).decode("utf-8").replace("*", ""), document, notes, paper


def test_every_text_line_after_the_masthead_is_a_word_paragraph_or_row_in_order(built):
    text, document, _, paper = built
    assert word_lines(document.find(f"{W}body")) == text_lines(text, paper)


def test_the_notice_is_the_text_s_first_block_and_the_word_paper_s_first_paragraph(built):
    text, document, _, paper = built
    first = document.find(f"{W}body")[0]
    if paper.notice is None:
        assert first.tag == f"{W}tbl"
    else:
        assert visible_text(first) == text.split("\n\n")[0] == paper.notice


def test_one_footnote_reference_per_note_in_order(built):
    _, document, _, paper = built
    references = [int(r.get(f"{W}id")) for r in document.iter(f"{W}footnoteReference")]
    assert references == [note.number for note in paper.footnotes]
    assert references == list(range(1, len(references) + 1))


def test_footnotes_are_worded_as_in_the_text(built):
    text, _, notes, _ = built
    in_text = [line for line in text.splitlines() if line.startswith(SUPERSCRIPTS)]
    in_word = []
    for note in notes.findall(f"{W}footnote"):
        if note.get(f"{W}type") is None:
            assert note.find(f".//{W}footnoteRef") is not None
            in_word.append(superscript(int(note.get(f"{W}id"))) + visible_text(note))
    assert in_word == in_text


def test_the_reference_papers_repeated_note_is_ibid(reference):
    paper = compile_paper(ROOT / "inputs" / "GB.300-MNE-2-1").paper
    assert paper is not None
    with zipfile.ZipFile(io.BytesIO(render_docx(paper, reference))) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    assert visible_text(notes.find(f"{W}footnote[@{W}id='3']")) == " ibid."
    assert len(paper.footnotes) == 8
