"""A Word document read as Word shows it once every tracked change is accepted, or every one
rejected: the text of its paragraphs in order (the tables' cell by cell), of its notes in the
order of the references that remain, and its layout: each paragraph's properties, and where
each table (with its number of columns) and each row begins.

Accepting keeps the insertions and drops the deletions; rejecting does the opposite. A
paragraph whose mark is dropped joins the paragraph right after it, and has its properties
(a paragraph's properties are its mark's); LibreOffice gives the joined paragraph those of
the first of them that keeps some text, so where these differ the view shows both, `first |
last`. Where no paragraph comes right after (a table does, or the paragraph ends its cell or
the body) the paragraph stays, empty if all its text is dropped, as LibreOffice keeps it. A
paragraph's properties are those of its `w:pPr` once accepted, those its `w:pPrChange` holds
once rejected. A row inserted or deleted goes with its mark, and a table with its last row.
Text is that of `w:t` and `w:delText`, a tab `\\t`, a footnote reference `^`, text in bold
between `**` and in italic between `_`. The range dashes' word joiners are left out, as a
reader of the text would.
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
    layout: list[str]


def view(data: bytes, accept: bool) -> View:
    """The document's text and layout with every change accepted (or rejected)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(_w("body"))
        notes_part = etree.fromstring(package.read("word/footnotes.xml"))
    dropped = _w("del") if accept else _w("ins")
    notes = {note.get(_w("id")): note for note in notes_part.iter(_w("footnote"))}
    reading = _Reading(dropped, accept)
    reading.container(body)
    texts = []
    for ref in reading.referenced:
        note = _Reading(dropped, accept)
        note.container(notes[ref])
        texts.append(" ".join(note.paragraphs))
    return View(reading.paragraphs, texts, reading.layout)


class _Reading:
    """A story's paragraphs and layout as a view shows them, and the notes they refer to."""

    def __init__(self, dropped: str, accept: bool) -> None:
        self.dropped, self.accept = dropped, accept
        self.paragraphs: list[str] = []
        self.layout: list[str] = []
        self.referenced: list[str] = []

    def container(self, container: etree._Element) -> None:
        """The paragraphs and tables of the body, a cell or a note, a dropped mark joining a
        paragraph to the paragraph right after it."""
        # The text of the paragraphs joining the next, and the properties of the first of them
        # that has any.
        pending: tuple[str, str | None] = "", None
        for child in container:
            if child.tag == _w("p"):
                text, properties = _text(child, self.dropped, self.referenced), _properties(child, self.accept)
                before, leading = pending
                following = child.getnext()
                if child.find(f"{_w('pPr')}/{_w('rPr')}/{self.dropped}") is not None and following is not None \
                        and following.tag == _w("p"):
                    pending = before + text, leading if leading is not None or not text else properties
                    continue
                if leading is not None and leading != properties:  # Word and LibreOffice keep different ones
                    properties = f"{leading} | {properties}"
                text = before + text
                pending = "", None
                self.paragraphs.append(text.replace("\u2060", ""))
                self.layout.append(properties)
            elif child.tag == _w("tbl"):
                rows = [row for row in child.iter(_w("tr")) if row.find(f"{_w('trPr')}/{self.dropped}") is None]
                if rows:
                    columns = len(child.findall(f"{_w('tblGrid')}/{_w('gridCol')}"))
                    self.layout.append(f"table of {columns} columns")
                for row in rows:
                    self.layout.append("row")
                    for cell in row.iter(_w("tc")):
                        self.container(cell)


def _properties(paragraph: etree._Element, accept: bool) -> str:
    """A paragraph's properties as a view has them: its w:pPr's, or those its w:pPrChange holds
    when rejecting; not the revision of its mark."""
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        return ""
    change = properties.find(f"{_w('pPrChange')}/{_w('pPr')}")
    if not accept and change is not None:
        properties = change
    return " ".join(_property(child) for child in properties
                    if child.tag not in (_w("rPr"), _w("pPrChange"), _w("sectPr")))


def _property(element: etree._Element) -> str:
    values = ",".join(f"{etree.QName(name).localname}={value}" for name, value in element.attrib.items())
    return f"{etree.QName(element).localname}={values}" if values else etree.QName(element).localname


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
