"""A Word document read as Word shows it once every tracked change is accepted, or every one
rejected: the text of its paragraphs in order (the tables' cell by cell), and of its notes in
the order of the references that remain.

Accepting keeps the insertions and drops the deletions; rejecting does the opposite. A
paragraph whose mark is dropped joins the next paragraph; a row inserted or deleted goes with
its mark. Text is that of `w:t` and `w:delText`, a tab `\\t`, a footnote reference `^`, text
in bold between `**` and in italic between `_`. The range dashes' word joiners are left out,
as a reader of the text would.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from itertools import groupby

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class View:
    paragraphs: list[str]
    notes: list[str]


def view(data: bytes, accept: bool) -> View:
    """The document's text with every change accepted (or rejected)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(_w("body"))
        notes_part = etree.fromstring(package.read("word/footnotes.xml"))
    dropped = _w("del") if accept else _w("ins")
    notes = {note.get(_w("id")): note for note in notes_part.iter(_w("footnote"))}
    referenced: list[str] = []
    paragraphs = _paragraphs(body, dropped, referenced)
    texts = [" ".join(_paragraphs(notes[ref], dropped, [])) for ref in referenced]
    return View(paragraphs, texts)


def _paragraphs(container: etree._Element, dropped: str, referenced: list[str]) -> list[str]:
    """The text of each paragraph in container, the dropped marks joining paragraphs."""
    out: list[str] = []
    pending = ""
    for paragraph in _in_order(container, dropped):
        text = pending + _text(paragraph, dropped, referenced)
        mark = paragraph.find(f"{_w('pPr')}/{_w('rPr')}/{dropped}")
        if mark is not None:
            pending = text
            continue
        out.append(text.replace("\u2060", ""))
        pending = ""
    if pending:
        out.append(pending.replace("\u2060", ""))
    return out


def _in_order(container: etree._Element, dropped: str) -> list[etree._Element]:
    """The paragraphs of container in document order, without those of dropped rows."""
    found = []
    for paragraph in container.iter(_w("p")):
        rows = [a for a in paragraph.iterancestors(_w("tr"))]
        if any(row.find(f"{_w('trPr')}/{dropped}") is not None for row in rows):
            continue
        found.append(paragraph)
    return found


def _emphasis(run: etree._Element | None) -> str:
    """The markers of a run's bold and italic."""
    properties = None if run is None else run.find(_w("rPr"))
    markers = ""
    for tag, marker in (("b", "**"), ("i", "_")):
        element = None if properties is None else properties.find(_w(tag))
        if element is not None and element.get(_w("val")) not in ("0", "false"):
            markers += marker
    return markers


def _text(paragraph: etree._Element, dropped: str, referenced: list[str]) -> str:
    pieces: list[tuple[str, str]] = []  # (text, its emphasis markers)
    for node in paragraph.iter(_w("t"), _w("delText"), _w("tab"), _w("footnoteReference")):
        if any(a.tag == dropped for a in node.iterancestors()) or node.getparent().tag == _w("pPr"):
            continue
        emphasis = _emphasis(node.getparent())
        if node.tag == _w("tab"):
            if node.getparent().tag == _w("r"):
                pieces.append(("\t", ""))
        elif node.tag == _w("footnoteReference"):
            pieces.append(("^", ""))
            referenced.append(node.get(_w("id")))
        elif node.text:
            pieces += [(char, emphasis) for char in node.text]
    return "".join(f"{markers}{''.join(text for text, _ in group)}{markers[::-1]}"
                   for markers, group in groupby(pieces, key=lambda piece: piece[1]))


def revisions(data: bytes) -> dict[str, dict[str, int]]:
    """How many w:ins and w:del elements each story part of the document holds."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: etree.fromstring(package.read(f"word/{name}.xml")) for name in ("document", "footnotes")}
    return {name: {kind: len(root.findall(f".//{_w(kind)}")) for kind in ("ins", "del")}
            for name, root in parts.items()}
