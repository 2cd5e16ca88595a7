"""The redline as a Word paper: NEW's paper written by the Word renderer in the house style, its
revised text as Word's tracked changes.

The renderer writes the paper as it writes any; this writer only takes over where it meets a
unit tagged with a revision (redline.py): a unit inserted or deleted whole is written as usual,
then its runs are put in a `w:ins` or `w:del` and its paragraph mark (and in a table its row)
marked so; a unit changed word by word is written span by span, each deleted or inserted span
in its own `w:del` or `w:ins`. Deleted text is `w:delText`. Every revision is by the author
`gbpaper`, at one fixed time (that of the file's properties), and numbered in the order it is
written, so that the same OLD and NEW give the same bytes.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from functools import partial
from typing import assert_never

from lxml import etree

from gbpaper.model import CrossRef, Emphasis, Footnote, Inlines, NoteRef, Summary, Table, Text
from gbpaper.redline.revisions import Marker, Redline, Revised, Revision, Span, Status, Whole, inlines, untag
from gbpaper.render.docx import CORE_TIME, Reference, _add, _clark, _Writer, render_docx

AUTHOR = "gbpaper"
DATE = CORE_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
REVISION_TAGS = {"inserted": "w:ins", "deleted": "w:del"}


def render_redline(redline: Redline, reference: Reference) -> bytes:
    """The redline as a .docx in the reference document's house style."""
    return render_docx(redline.paper, reference, partial(_RevisingWriter, redline.revisions), redline.plain)


def _untagged(nodes: Inlines) -> tuple[int | None, Inlines]:
    """The number of the tag that opens runs' text, and the runs without it; (None, nodes) when
    they hold none."""
    if not nodes:
        return None, nodes
    first = nodes[0]
    match first:
        case Text(value):
            before, number, after = untag(value)
            if number is None or before:
                return None, nodes
            return number, ((Text(after),) if after else ()) + nodes[1:]
        case Emphasis(children=children):
            number, rest = _untagged(children)
            if number is None:
                return None, nodes
            return number, ((replace(first, children=rest),) if rest else ()) + nodes[1:]
        case NoteRef() | CrossRef():
            return None, nodes
        case _:
            assert_never(first)


class _RevisingWriter(_Writer):
    """The Word renderer's writer, which writes the units tagged with a revision as tracked
    changes."""

    def __init__(self, revisions: tuple[Revision, ...], reference: Reference, first_note_id: int,
                 width: int) -> None:
        super().__init__(reference, first_note_id, width)
        self.revisions = revisions
        self.next_id = 1
        self.note_ids: dict[int, int] = {}

    def note_id(self, number: int) -> str:
        """Notes numbered in the order their marks are written, deleted copies of OLD's notes
        among NEW's, as Word numbers them: LibreOffice gives each mark the note whose id comes
        next, whatever the mark's id says."""
        return str(self.note_ids.setdefault(number, len(self.note_ids) + 1) + self.note_id_offset)

    def footnote(self, notes: etree._Element, footnote: Footnote) -> None:
        """A note, among the others in the order of their ids."""
        super().footnote(notes, footnote)
        written = place = notes[-1]
        while (previous := place.getprevious()) is not None and _note_id(previous) > _note_id(written):
            place = previous
        if place is not written:
            place.addprevious(written)

    def text_paragraph(self, parent: etree._Element, style: str, text: str,
                       *properties: tuple[str, str | None]) -> None:
        before, number, after = untag(text)
        if number is None:
            super().text_paragraph(parent, style, text, *properties)
            return
        paragraph = self.paragraph(parent, style, *properties)
        if before:  # what the writer puts before the unit's text: a heading's numeral
            super().inlines(paragraph, (Text(before),))
        self.revise(paragraph, self.revisions[number], (Text(after),) if after else ())

    def inlines(self, paragraph: etree._Element, inlines: Inlines,
                emphasis: frozenset[str] = frozenset()) -> None:
        number, content = (None, inlines) if emphasis else _untagged(inlines)
        if number is None:
            super().inlines(paragraph, inlines, emphasis)
        else:
            self.revise(paragraph, self.revisions[number], content)

    def table(self, body: etree._Element, table: Table) -> None:
        """A table; the empty paragraph under it inserted or deleted with it when all its rows are."""
        super().table(body, table)
        statuses = {self.whole(cells[0]) for cells in (table.header, *table.rows)}
        if len(statuses) == 1 and (status := statuses.pop()) is not None:
            self.mark_paragraph(body[-1], status)

    def summary(self, body: etree._Element, summary: Summary) -> None:
        """The summary box; the empty paragraph under it inserted or deleted with it."""
        super().summary(body, summary)
        _, number, _ = untag(summary.heading)
        revision = None if number is None else self.revisions[number]
        if isinstance(revision, Whole) and revision.row:
            self.mark_paragraph(body[-1], revision.status)

    def whole(self, cell: Inlines) -> Status | None:
        number, _ = _untagged(cell)
        revision = None if number is None else self.revisions[number]
        return revision.status if isinstance(revision, Whole) else None

    # Revisions ------------------------------------------------------------------------------

    def revise(self, paragraph: etree._Element, revision: Revision, content: Inlines) -> None:
        """A unit's text in the paragraph the writer opened for it (which may hold what the
        writer puts before it), as its revision says."""
        match revision:
            case Whole(status, row):
                super().inlines(paragraph, content)
                self.wrap(paragraph, status)
                self.mark_paragraph(paragraph, status)
                cell = paragraph.getparent()
                if row and cell is not None and (table_row := cell.getparent()) is not None:
                    self.mark_row(table_row, status)
            case Revised(lead, lines):
                if lead != "same":
                    self.wrap(paragraph, lead)
                properties = paragraph.find(_clark("w:pPr"))
                assert properties is not None, "the writer gives every paragraph its style"
                properties = copy.deepcopy(properties)
                current = paragraph
                for n, line in enumerate(lines):
                    if n:  # a paragraph that OLD had: another in the same style after the last
                        following = etree.Element(_clark("w:p"))
                        following.append(copy.deepcopy(properties))
                        current.addnext(following)
                        current = following
                    for span in line.spans:
                        self.span(current, span)
                    if line.mark != "same":
                        self.mark_paragraph(current, line.mark)
            case _:
                assert_never(revision)

    def revision(self, parent: etree._Element | None, status: Status) -> etree._Element:
        """A new w:ins or w:del, with the next id, at the end of parent if given."""
        element = _add(etree.Element(_clark("w:r")) if parent is None else parent, REVISION_TAGS[status],
                       id=str(self.next_id), author=AUTHOR, date=DATE)
        self.next_id += 1
        return element

    def span(self, paragraph: etree._Element, span: Span) -> None:
        """A span of text at the end of the paragraph: in the paragraph itself, or in a w:ins or
        w:del, the one that ends the paragraph when it is of the span's kind."""
        last = paragraph[-1] if len(paragraph) else None
        if span.status == "same":
            target = paragraph
        elif last is not None and last.tag == _clark(REVISION_TAGS[span.status]):
            target = last
        else:
            target = self.revision(paragraph, span.status)
        match span.content:
            case Marker(text):
                self.mark(target, text)
            case leaves:
                super().inlines(target, inlines(leaves))
        if span.status == "deleted":
            _deleted_text(target)

    def wrap(self, paragraph: etree._Element, status: Status) -> None:
        """The paragraph's runs so far in one w:ins or w:del, but for a note's own mark, which
        comes and goes with the note (LibreOffice shows no change of the note's text when its
        mark is inside one)."""
        runs = [run for run in paragraph.findall(_clark("w:r")) if run.find(_clark("w:footnoteRef")) is None]
        if not runs:
            return
        element = self.revision(paragraph, status)
        runs[0].addprevious(element)
        element.extend(runs)
        if status == "deleted":
            _deleted_text(element)

    def mark_paragraph(self, paragraph: etree._Element, status: Status) -> None:
        """The paragraph's mark inserted or deleted: accepting a deleted one (or rejecting an
        inserted one) joins the paragraph to the next."""
        properties = paragraph.find(_clark("w:pPr"))
        if properties is None:
            properties = etree.Element(_clark("w:pPr"))
            paragraph.insert(0, properties)
        run_properties = properties.find(_clark("w:rPr"))
        if run_properties is None:
            run_properties = _add(properties, "w:rPr")
        run_properties.insert(0, self.revision(None, status))

    def mark_row(self, row: etree._Element, status: Status) -> None:
        properties = row.find(_clark("w:trPr"))
        if properties is None:
            properties = etree.Element(_clark("w:trPr"))
            row.insert(0, properties)
        if properties.find(_clark(REVISION_TAGS[status])) is None:
            properties.append(self.revision(None, status))


def _note_id(note: etree._Element) -> int:
    return int(note.get(_clark("w:id"), "0"))


def _deleted_text(element: etree._Element) -> None:
    """Text in a deletion is w:delText."""
    for text in element.iter(_clark("w:t")):
        text.tag = _clark("w:delText")
