"""The Word paper of GB.300/MNE/2/1 says what the text output says: every heading, paragraph,
list item and closing line in order, and one real footnote per note, numbered and worded alike."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from conftest import ROOT
from gbpaper.pipeline import compile_paper
from gbpaper.render.docx import render_docx
from gbpaper.render.text import render_text, superscript

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def visible_text(paragraph: etree._Element) -> str:
    """A Word paragraph's text, a footnote reference shown as its superscript number."""
    out = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}footnoteReference"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append(" ")
        else:
            out.append(superscript(int(node.get(f"{W}id"))))
    return "".join(out)


@pytest.fixture(scope="module")
def built(reference):
    paper = compile_paper(ROOT / "inputs" / "GB.300-MNE-2-1").paper
    with zipfile.ZipFile(io.BytesIO(render_docx(paper, reference))) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    return render_text(paper).decode("utf-8").replace("*", ""), document, notes


def test_every_text_line_after_the_masthead_is_a_word_paragraph_in_order(built):
    text, document, _ = built
    body = document.find(f"{W}body")
    words = [visible_text(p) for p in body.findall(f"{W}p")]
    lines = [line for block in text.split("\n\n")[1:] for line in block.splitlines()
             if line[0] not in "⁰¹²³⁴⁵⁶⁷⁸⁹"]
    assert words == [line.removeprefix("- ") for line in lines]


def test_one_footnote_reference_per_note_in_order(built):
    _, document, _ = built
    references = [int(r.get(f"{W}id")) for r in document.iter(f"{W}footnoteReference")]
    assert references == list(range(1, 9))


def test_footnotes_are_worded_as_in_the_text(built):
    text, _, notes = built
    in_text = [line for line in text.splitlines() if line[:1] in tuple("⁰¹²³⁴⁵⁶⁷⁸⁹")]
    in_word = []
    for note in notes.findall(f"{W}footnote"):
        if note.get(f"{W}type") is None:
            assert note.find(f".//{W}footnoteRef") is not None
            in_word.append(superscript(int(note.get(f"{W}id"))) + visible_text(note))
    assert in_word == in_text
    assert in_word[2] == "³ ibid."
