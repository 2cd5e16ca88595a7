"""How the Word paper breaks into pages and lines: a heading, a table's caption, the box's heading
and an appendix's label and title kept with what follows them, by their styles or, in a reference
document whose styles do not, by the paragraph itself; a paragraph kept with its items and with a
table it leads into; no widows or orphans; and a range's en dash (`2012–13`) never ending a line."""
from __future__ import annotations

import dataclasses
import re

import pytest
from lxml import etree

from conftest import ROOT
from gbpaper.diagnostics import Diagnostics
from gbpaper.model import Heading, Paper, Paragraph, Table, Text
from gbpaper.pipeline import compile_paper
from gbpaper.render.docx import KEPT_WITH_NEXT, Reference, read_reference, render_docx
from gbpaper.render.text import render_text
from test_docx import NS, W, attr, docx_parts, paragraph_property, paragraph_text, style_names
from test_docx_genre import PAPER as GENRE_PAPER
from test_docx_layout_2011 import PAPER as LAYOUT_2011_PAPER

OLD_REFERENCE = ROOT / "tests" / "data" / "gb-reference.before-genre.docx"
WORD_JOINER = "\u2060"


@pytest.fixture(scope="module")
def old_reference() -> Reference:
    found = read_reference(OLD_REFERENCE, Diagnostics())
    assert found is not None
    return found


def _paragraphs(paper: Paper, reference: Reference) -> tuple[list[etree._Element], etree._Element]:
    """The body's paragraphs in order, those of the tables' cells too, and the styles part."""
    parts = docx_parts(render_docx(paper, reference))
    return list(parts["word/document.xml"].find("w:body", NS).iter(f"{{{W}}}p")), parts["word/styles.xml"]


def _kept(paper: Paper, reference: Reference) -> list[tuple[str, bool]]:
    """Each paragraph of the body with text, and whether it is kept with the next."""
    paragraphs, styles = _paragraphs(paper, reference)
    return [(paragraph_text(p), paragraph_property(p, styles, "keepNext")) for p in paragraphs
            if paragraph_text(p)]


# The text of every paragraph of the two samples that must be kept with the next, whatever the
# reference document: headings, the box's heading, captions, appendices' labels and titles.
SAMPLE_HEADINGS = {
    "genre sample": ["A. The issues", "Income", "Table 1. Regular budget income, 1998\u201399",
                     "B. Detail of the income", "Draft decision"],
    "2011 sample": ["Purpose of the document", "Introduction", "Appendix I", "List of activities",
                    "In the regions", "Appendix II", "Budget", "Table 1. Income"],
}
SAMPLES = {"genre sample": GENRE_PAPER, "2011 sample": LAYOUT_2011_PAPER}


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("which", ["default reference", "old reference"])
def test_headings_captions_and_appendix_titles_are_kept_with_the_next(reference, old_reference, sample, which):
    kept = dict(_kept(SAMPLES[sample], reference if which == "default reference" else old_reference))
    assert {text: kept[text] for text in SAMPLE_HEADINGS[sample]} == dict.fromkeys(SAMPLE_HEADINGS[sample], True)


def test_the_default_reference_keeps_them_by_style_alone(reference):
    """Every style of KEPT_WITH_NEXT keeps its paragraph with the next, so that no paragraph
    of a paper says it itself but those that lead into items or a table."""
    assert reference.unkept == frozenset()
    for paper in SAMPLES.values():
        paragraphs, styles = _paragraphs(paper, reference)
        names = style_names({"word/styles.xml": styles})
        for paragraph in paragraphs:
            style = names[attr(paragraph.find("w:pPr/w:pStyle", NS), "val")]
            if style in KEPT_WITH_NEXT:
                assert paragraph.find("w:pPr/w:keepNext", NS) is None, paragraph_text(paragraph)


def test_an_old_reference_s_fallback_styles_are_kept_by_the_paragraph(old_reference):
    """A reference made before the appendices' and the captions' styles writes them in GB
    Agenda, GB Title and GB Paragraph, which do not keep with the next: the paragraph does."""
    assert old_reference.unkept == {"GB Appendix Label", "GB Appendix Title", "GB Table Caption"}
    paragraphs, _ = _paragraphs(LAYOUT_2011_PAPER, old_reference)
    direct = [paragraph_text(p) for p in paragraphs if p.find("w:pPr/w:keepNext", NS) is not None]
    assert direct == ["Appendix I", "List of activities", "Activities of the Office:", "(a)\tresearch;",
                      "Appendix II", "Budget", "Table 1. Income"]


def test_a_paragraph_is_kept_with_its_items_the_last_with_what_follows_as_it_would_be(reference):
    kept = _kept(GENRE_PAPER, reference)
    start = kept.index(("3.\tThe Governing Body:", True))
    assert kept[start:start + 8] == [
        ("3.\tThe Governing Body:", True),
        ("(a)\trequests the Office to report;", True),
        ("(b)\tinvites the Director-General:", True),
        ("(i)\tto consult;", True),
        ("(ii)\tto review;", True),
        ("(iii)\tto propose; and", True),
        ("(c)\tdecides to defer the matter.", False),
        ("Geneva, 24 February 2016.", False),
    ]
    start = next(n for n, (text, _) in enumerate(kept) if text.startswith("1.\tAs the reports"))
    assert [keep for _, keep in kept[start:start + 3]] == [True, True, False]  # two quoted paragraphs


def test_a_paragraph_that_leads_into_a_table_is_kept_with_it_and_so_are_its_items(reference):
    quoted = next(block for block in GENRE_PAPER.blocks if isinstance(block, Paragraph) and block.parts)
    lead_in = Paragraph(3, (Text("The survey found:"),), quoted.parts, ())
    table = dataclasses.replace(next(block for block in GENRE_PAPER.blocks if isinstance(block, Table)),
                                caption=None)
    paper = dataclasses.replace(GENRE_PAPER, blocks=(lead_in, table, Paragraph(4, (Text("After."),), (), ())))
    kept = _kept(paper, reference)
    start = kept.index(("3.\tThe survey found:", True))
    assert kept[start:start + 4] == [
        ("3.\tThe survey found:", True),
        ("shall review the modalities each year;", True),
        ("and report to the Governing Body.", True),
        ("Item", True),  # the header row, by GB Table Heading: kept with the first row
    ]
    assert ("4.\tAfter.", False) in kept


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_paragraph_has_widow_and_orphan_control(reference, sample):
    paragraphs, styles = _paragraphs(SAMPLES[sample], reference)
    assert [paragraph_text(p) for p in paragraphs if not paragraph_property(p, styles, "widowControl")] == []


def test_every_gb_paragraph_style_of_the_reference_has_widow_and_orphan_control(reference):
    parts = docx_parts(reference.data)
    styles = parts["word/styles.xml"]
    for style in styles.xpath("w:style[@w:type='paragraph'][starts-with(w:name/@w:val, 'GB ')]", namespaces=NS):
        paragraph = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="{attr(style, "styleId")}"/>'
                                     "</w:pPr></w:p>")
        assert paragraph_property(paragraph, styles, "widowControl"), attr(style, "styleId")


# A range's en dash is joined to the number after it by a word joiner, in the Word paper alone.

RANGES = re.compile("[0-9]\u2013[0-9]")


def test_a_range_s_en_dash_is_joined_to_its_end_in_every_story(reference):
    range_paper = dataclasses.replace(
        GENRE_PAPER,
        blocks=(Heading("plan", "The plan for 2016\u201317", None, 1),
                Paragraph(1, (Text("In 2012\u201313, and from April \u2013 June \u2013 the biennium 2014\u201315."),),
                          (), ())),
    )
    parts = docx_parts(render_docx(range_paper, reference))
    texts = [paragraph_text(p) for p in parts["word/document.xml"].iter(f"{{{W}}}p")]
    assert "The plan for 2016\u2013\u206017" in texts
    assert "1.\tIn 2012\u2013\u206013, and from April \u2013 June \u2013 the biennium 2014\u2013\u206015." in texts
    assert "2016\u201317" in render_text(range_paper).decode("utf-8")  # the text output as typed


@pytest.mark.parametrize("name", ["GB.300-PFA-5", "GB.326-POL-8"])
def test_no_range_of_the_example_papers_may_end_a_line_in_word(reference, name):
    paper = compile_paper(ROOT / "inputs" / name).paper
    assert paper is not None
    text = render_text(paper).decode("utf-8")
    parts = docx_parts(render_docx(paper, reference))
    stories = [root for part, root in parts.items() if re.fullmatch(r"word/(document|footnotes|header\d+)\.xml", part)]
    word = "\n".join(node.text or "" for root in stories for node in root.iter(f"{{{W}}}t"))
    assert RANGES.findall(text)  # each paper has ranges: years, a session's days, paragraphs
    assert RANGES.findall(word) == []
    assert len(re.findall("[0-9]\u2013\u2060[0-9]", word)) == len(RANGES.findall(text))
    assert WORD_JOINER not in text
