"""Properties of any valid set of submissions (generated with Hypothesis): it builds; its
paragraphs are numbered 1..N and its footnotes 1..M without gaps, in the paper's reading order;
cross-references give those numbers; and the Word paper agrees with the text output.

The examples are derandomized, so every run tries the same ones.
"""
from __future__ import annotations

import json
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gbpaper import model
from gbpaper.outline import roman
from gbpaper.pipeline import build_papers, compile_paper

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SYMBOL = "GB.301/PFA/4/2"
UNITS = ["EMP/MULTI", "IPEC", "TRAVAIL", "SECTOR", "ILO-Tokyo"]
# Words as units write them: accents, curly quotes, dashes, figures and signs, all in NFC.
WORDS = ["labour", "Office", "decent", "work", "supply", "chains", "Geneva", "2007", "(CSR)", "US$",
         "l’OIT", "café", "naïve", "“quoted”", "–", "50%", "R&D", "A/B", "e.g.", "x:y", "ITC-ILO", "Côte"]


@dataclass
class Para:
    token: str  # unique, first word of the paragraph: finds it in the built paper
    section: int  # index into Plan.sections
    name: str  # how the submission names its section: key, heading, or numeral and heading
    text: str  # the inline source
    items: list[str]
    label: str | None
    refs: int  # footnote references in text and items


@dataclass
class File:
    name: str
    unit: str
    paragraphs: list[Para]
    notes: dict[str, str]


@dataclass
class Plan:
    sections: list[tuple[str, str | None, bool, int]]  # key, heading, numbered, depth (pre-order)
    contributors: list[str]
    files: list[File] = field(default_factory=list)


@st.composite
def outlines(draw) -> list[tuple[str, str | None, bool, int]]:
    """Sections in reading order: top-level ones, each with up to two subsections."""
    sections = []
    for _ in range(draw(st.integers(1, 3))):
        for depth in range(1 + draw(st.integers(0, 2))):
            n = len(sections) + 1
            numbered = draw(st.booleans())
            heading = f"Heading number {n}" if numbered or draw(st.booleans()) else None
            sections.append((f"sec-{n}", heading, numbered, min(depth, 1)))
    return sections


def numerals(sections) -> dict[str, str]:
    numbered = [key for key, _, is_numbered, _ in sections if is_numbered]
    return {key: roman(i) for i, key in enumerate(numbered, start=1)}


@st.composite
def phrases(draw, notes: list[str], targets: list[str]) -> tuple[str, int]:
    """Inline text: words, some in *italic* or **bold**, footnote markers and cross-references."""
    out, refs = [], 0
    for _ in range(draw(st.integers(1, 8))):
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
        style = draw(st.sampled_from(["", "", "*", "**"]))
        if style == "**" and draw(st.booleans()):
            words = f"{words} *{draw(st.sampled_from(WORDS))}*"
        piece = f"{style}{words}{style}"
        if notes and draw(st.integers(0, 3)) == 0:
            piece += f"[^{draw(st.sampled_from(notes))}]"
            refs += 1
        if targets and draw(st.integers(0, 5)) == 0:
            piece += f" [#{draw(st.sampled_from(targets))}]"
        out.append(piece)
    return " ".join(out), refs


@st.composite
def plans(draw) -> Plan:
    sections = draw(outlines())
    contributors = draw(st.permutations(UNITS))[: draw(st.integers(1, len(UNITS)))]
    plan = Plan(sections, contributors)
    labels = [f"para-{i}" for i in range(draw(st.integers(0, 4)))]
    targets = labels + list(numerals(sections))
    unlabelled = list(labels)
    count = 0
    for unit in contributors:
        for f in range(draw(st.integers(0, 2))):
            suffix = draw(st.sampled_from([".md", ".yaml", ".yml"]))
            notes = [f"n{i}" for i in range(draw(st.integers(0, 3)))]
            file = File(f"{unit.replace('/', '-').lower()}-{f}{suffix}", unit, [], {})
            for _ in range(draw(st.integers(1, 4))):
                count += 1
                index = draw(st.integers(0, len(sections) - 1))
                key, heading, numbered, _ = sections[index]
                names = [key] + ([heading, heading.upper()] if heading else [])
                if numbered:
                    names.append(f"{numerals(sections)[key]}. {heading}")
                text, refs = draw(phrases(notes, targets))
                items = []
                for _ in range(draw(st.integers(0, 2))):
                    item, item_refs = draw(phrases(notes, targets))
                    items.append(item)
                    refs += item_refs
                label = unlabelled.pop() if unlabelled and draw(st.booleans()) else None
                file.paragraphs.append(Para(f"P{count}", index, draw(st.sampled_from(names)),
                                            f"P{count} {text}", items, label, refs))
            for note in notes:
                file.notes[note], _ = draw(phrases([], targets))
            plan.files.append(file)
    if count == 0:  # a paper needs a paragraph
        plan.files.append(File("extra.md", contributors[0], [Para("P1", 0, sections[0][0], "P1 text.",
                                                                   [], None, 0)], {}))
    for label in unlabelled:  # a label no paragraph took must not be referred to
        for file in plan.files:
            for para in file.paragraphs:
                para.text = para.text.replace(f" [#{label}]", "")
                para.items = [item.replace(f" [#{label}]", "") for item in para.items]
            file.notes = {k: v.replace(f" [#{label}]", "") for k, v in file.notes.items()}
    return plan


def markdown(file: File) -> str:
    """A Markdown submission, its paragraphs wrapped at random-looking but fixed places."""
    lines = ["---", f"unit: {file.unit}", f"paper: {SYMBOL}", "---", ""]
    for para in file.paragraphs:
        lines += [f"# {para.name}", ""]
        words = para.text.split(" ")
        body = [" ".join(words[i : i + 5]) for i in range(0, len(words), 5)]
        if para.label:
            body[-1] += f" {{#{para.label}}}"
        lines += body + [""]
        lines += [f"- {item}" for item in para.items] + [""]
    lines += [f"[^{label}]: {text}" for label, text in file.notes.items()]
    return "\n".join(lines) + "\n"


def yaml(file: File) -> str:
    """A YAML submission, every value a JSON string (YAML reads JSON)."""
    lines = [f"unit: {file.unit}", f"paper: {SYMBOL}", "paragraphs:"]
    for para in file.paragraphs:
        lines += [f"  - section: {json.dumps(para.name)}", f"    text: {json.dumps(para.text)}"]
        if para.label:
            lines.append(f"    label: {para.label}")
        if para.items:
            lines.append(f"    bullets: {json.dumps(para.items)}")
    if file.notes:
        lines.append("footnotes:")
        lines += [f"  {label}: {json.dumps(text)}" for label, text in file.notes.items()]
    return "\n".join(lines) + "\n"


def write(plan: Plan, root: Path) -> Path:
    folder = root / "paper"
    folder.mkdir()
    (root / "units.yaml").write_text(
        "units:\n" + "".join(f"  - {{code: {u}, name: Unit {u}}}\n" for u in UNITS), encoding="utf-8")
    outline, previous = [], 0
    for key, heading, numbered, depth in plan.sections:
        indent = "    " * depth
        if depth > previous:
            outline.append(f"{indent}sections:")
        previous = depth
        outline.append(f"{indent}  - key: {key}")
        if heading:
            outline.append(f"{indent}    heading: {heading}")
        if numbered:
            outline.append(f"{indent}    numbered: true")
    (folder / "paper.yaml").write_text("\n".join([
        f"symbol: {SYMBOL}", "session: 301", "session_month: 2008-03", "purpose: debate",
        "title: A generated paper", "place: Geneva", "date: 2008-02-14", f"author: {plan.contributors[0]}",
        f"contributors: [{', '.join(plan.contributors)}]", "sections:", *outline]) + "\n", encoding="utf-8")
    for file in plan.files:
        text = markdown(file) if file.name.endswith(".md") else yaml(file)
        (folder / file.name).write_text(text, encoding="utf-8")
    return folder


def refs_in(nodes: model.Inlines) -> list[model.Inline]:
    """The note references and cross-references in nodes, in reading order."""
    out = []
    for node in nodes:
        if isinstance(node, model.Emphasis):
            out += refs_in(node.children)
        elif isinstance(node, (model.NoteRef, model.CrossRef)):
            out.append(node)
    return out


def first_word(nodes: model.Inlines) -> str:
    node = nodes[0]
    return first_word(node.children) if isinstance(node, model.Emphasis) else node.value.split()[0]


def reading_order(plan: Plan) -> list[str]:
    """The paragraphs' tokens in the order the contract gives: section, contributor, file name,
    place in the file."""
    rank = {unit: i for i, unit in enumerate(plan.contributors)}
    keyed = [((p.section, rank[f.unit], f.name, i), p.token)
             for f in plan.files for i, p in enumerate(f.paragraphs)]
    return [token for _, token in sorted(keyed)]


@SETTINGS
@given(plans())
def test_any_valid_set_of_submissions_builds_numbered_in_reading_order(plan):
    with tempfile.TemporaryDirectory() as tmp:
        result = compile_paper(write(plan, Path(tmp)))
    errors = [d.format() for d in result.diagnostics.sorted() if d.severity == "error"]
    assert errors == []
    paragraphs = result.paper.paragraphs
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert [first_word(p.content) for p in paragraphs] == reading_order(plan)

    references = [ref for p in paragraphs for ref in refs_in(p.content) + [r for part in p.parts
                                                                           for r in refs_in(part.content)]]
    notes = [r.number for r in references if isinstance(r, model.NoteRef)]
    assert notes == list(range(1, sum(p.refs for f in plan.files for p in f.paragraphs) + 1))
    assert [n.number for p in paragraphs for n in p.footnotes] == notes

    targets = {p.label: str(p.number) for p in paragraphs if p.label} | numerals(plan.sections)
    crossrefs = [r for r in references if isinstance(r, model.CrossRef)]
    crossrefs += [r for p in paragraphs for n in p.footnotes for r in refs_in(n.content)
                  if isinstance(r, model.CrossRef)]
    assert all(r.value == targets[r.target] for r in crossrefs)


def visible_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@settings(SETTINGS, max_examples=10)
@given(plans())
def test_the_word_paper_agrees_with_the_text_output(plan):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        [result] = build_papers([write(plan, root)], root / "out", ("txt", "docx"))
        assert result.paper is not None
        text = (root / "out" / "GB.301-PFA-4-2.en.txt").read_text(encoding="utf-8")
        with zipfile.ZipFile(root / "out" / "GB.301-PFA-4-2.en.docx") as package:
            document = etree.fromstring(package.read("word/document.xml"))
            footnotes = etree.fromstring(package.read("word/footnotes.xml"))

    # Every numbered paragraph of the text is a Word paragraph, in the same order.
    plain = text.replace("*", "")
    bodies = [SUPERSCRIPT.sub("", m.group(2)) for m in re.finditer(r"^(\d+)\. (P\d+ .*)$", plain, re.M)]
    assert len(bodies) == len(result.paper.paragraphs)
    words = [re.sub(r"^\d+\.\s*", "", visible_text(p)) for p in document.iter(f"{W}p")]
    assert [w for w in words if re.match(r"P\d+ ", w)] == bodies

    # One Word footnote per note, referenced in the text's order and worded as in the text.
    in_text = [SUPERSCRIPT.sub("", line, count=1).strip() for line in plain.splitlines()
               if SUPERSCRIPT.match(line)]
    by_id = {n.get(f"{W}id"): visible_text(n).strip() for n in footnotes.iter(f"{W}footnote")
             if n.get(f"{W}type") is None}
    referenced = [r.get(f"{W}id") for r in document.iter(f"{W}footnoteReference")]
    assert len(referenced) == len(set(referenced)) == len(by_id) == len(in_text)
    assert [by_id[i] for i in referenced] == in_text
