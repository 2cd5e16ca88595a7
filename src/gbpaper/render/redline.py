"""The redline as a Word paper: NEW's paper written by the Word renderer in the house style, its
revised text as Word's tracked changes.

The renderer writes the paper as it writes any; this writer only takes over where it meets a
unit tagged with a revision (redline.py): a unit inserted or deleted whole is written as usual,
then its runs are put in a `w:ins` or `w:del` and its paragraph mark (and in a table its row)
marked so; a unit changed word by word is written span by span, each deleted or inserted span
in its own `w:del` or `w:ins`. Deleted text is `w:delText`. A paragraph keeps with the next
as each view (marks.py) has it, OLD's way in a `w:pPrChange` where it differs from NEW's; no
paragraph mark that LibreOffice could not join to the next is inserted or deleted. Every
revision is by the author `gbpaper`, at one fixed time (that of the file's properties), and
numbered in document order, so that the same OLD and NEW give the same bytes.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from functools import partial
from typing import assert_never

from lxml import etree

from gbpaper.model import (
    NOTE_SEPARATOR, Block, CrossRef, Emphasis, Footnote, Heading, Inlines, NoteRef, Paper, Paragraph, Summary, Table,
    Text)
from gbpaper.redline.revisions import Marker, Redline, Revised, Revision, Span, Status, Whole, inlines, untag
from gbpaper.render.docx import CORE_TIME, FOOTNOTE_REFERENCE, Reference, _add, _clark, _Writer, render_docx
from gbpaper.render.marks import (
    DROPPED, REVISION_TAGS, View, alike, joins, kept_with_next, mark, properties, unmark, wholly)

AUTHOR = "gbpaper"
DATE = CORE_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")


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
        # Each paragraph block (by id) of the blocks being written: whether it leads into a table
        # once every change is accepted, and once every one is rejected.
        self.leads: dict[int, dict[View, bool]] = {}
        # Tables (by id): one deleted whole and the one inserted whole right after it, that share
        # the paragraph under the second.
        self.sharing: set[int] = set()

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

    def body(self, body: etree._Element, paper: Paper) -> None:
        """The paper; then each paragraph whose mark a view drops and that no paragraph follows
        to take it in (a table does, or the body ends) unpinned; and the body's last paragraph,
        which neither Word nor LibreOffice removes, not marked (as Word writes the paragraph
        that ends a body after a table inserted or deleted there)."""
        super().body(body, paper)
        for paragraph in body.findall(_clark("w:p")):
            if paragraph.getparent() is not None and mark(paragraph) != "same" and not joins(paragraph):
                self.unpin(paragraph)
        last = body.findall(_clark("w:p"))[-1]
        following = last.getnext()
        if following is None or following.tag == _clark("w:sectPr"):
            unmark(last)

    def blocks(self, body: etree._Element, blocks: tuple[Block, ...]) -> None:
        """The blocks, each paragraph leading into a table that a view keeps after it; a table
        deleted whole right before one inserted whole without a caption shares the paragraph
        under that one: Word shows the two as one table, OLD's rows deleted, NEW's inserted."""
        fates = [self.fate(block) for block in blocks]
        leads = {view: _leads_in(blocks, fates, dropped) for view, dropped in DROPPED.items()}
        for index, (block, fate) in enumerate(zip(blocks, fates)):
            if isinstance(block, Paragraph):
                self.leads[id(block)] = {view: leads[view][index] for view in DROPPED}
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if (fate == "deleted" and isinstance(following, Table) and following.caption is None
                    and fates[index + 1] == "inserted"):
                self.sharing |= {id(block), id(following)}
        super().blocks(body, blocks)

    def paragraph_block(self, body: etree._Element, paragraph: Paragraph, leads_in: bool) -> None:
        """A paragraph and its parts, each kept with the next as each view has it."""
        before = next(body.iterchildren(reversed=True), None)  # (not len(body): lxml counts the children)
        super().paragraph_block(body, paragraph, leads_in)
        leads = self.leads.get(id(paragraph), {view: leads_in for view in DROPPED})
        self.keep_with_next(list(body if before is None else before.itersiblings()), leads)

    def table(self, body: etree._Element, table: Table) -> None:
        """A table; the empty paragraph under it inserted or deleted with it when all its rows
        are, or, under a table that shares it, neither (and none under that one)."""
        super().table(body, table)
        fate = self.fate(table)
        if id(table) in self.sharing:
            if fate == "deleted":
                body.remove(body[-1])
        elif fate != "same":
            self.mark_paragraph(body[-1], fate)

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

    def fate(self, block: Block) -> Status:
        """Whether a block is inserted whole, deleted whole, or neither."""
        statuses: set[Status | None]
        match block:
            case Heading(text=text):
                _, number, _ = untag(text)
                revision = None if number is None else self.revisions[number]
                statuses = {revision.status if isinstance(revision, Whole) else None}
            case Paragraph(content=content):
                statuses = {self.whole(content)}
            case Table(header=header, rows=rows):
                statuses = {self.whole(cells[0]) for cells in (header, *rows)}
            case _:
                assert_never(block)
        status = statuses.pop() if len(statuses) == 1 else None
        return "same" if status is None else status

    def keep_with_next(self, paragraphs: list[etree._Element], leads: dict[View, bool]) -> None:
        """The Word paragraphs of a paragraph block kept with the next as each view has them:
        all but the last that the view keeps, and that one too where the block leads into a
        table; a paragraph whose mark the view drops as the one that takes it in. NEW's in the
        paragraph's properties, OLD's, where they differ, in a w:pPrChange."""
        keeps: dict[View, list[bool | None]] = {}
        for view, dropped in DROPPED.items():
            kept = [n for n, paragraph in enumerate(paragraphs) if mark(paragraph) != dropped]
            found: list[bool | None] = [None] * len(paragraphs)
            for n in kept:
                found[n] = n != kept[-1] or leads[view]
            for n in reversed(range(len(paragraphs) - 1)):
                found[n] = found[n + 1] if found[n] is None else found[n]
            keeps[view] = found
        for paragraph, accepted, rejected in zip(paragraphs, keeps["accepted"], keeps["rejected"]):
            own = properties(paragraph, "accepted")
            self.set_properties(paragraph, kept_with_next(own, bool(rejected if accepted is None else accepted)),
                                kept_with_next(own, bool(accepted if rejected is None else rejected)))

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
                    after_mark = False, False
                    for span in line.spans:
                        after_mark = self.span(current, span, after_mark)
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

    def span(self, paragraph: etree._Element, span: Span, after_mark: tuple[bool, bool]) -> tuple[bool, bool]:
        """A span of text at the end of the paragraph, and whether NEW's text and OLD's then end
        in a note's mark (`after_mark`: before it). A mark that opens the span follows a raised
        comma where the mark before it on either side is one: the comma is kept, inserted or
        deleted as NEW has it, OLD has it, or both."""
        match span.content:
            case Marker(text):
                target = self.target(paragraph, span.status)
                self.mark(target, text)
                if span.status == "deleted":
                    _deleted_text(target)
                return _after(span.status, after_mark, False)
            case leaves:
                new_side, old_side = span.status != "deleted", span.status != "inserted"
                if leaves and isinstance(leaves[0][0], NoteRef):
                    separated = (new_side and after_mark[0], old_side and after_mark[1])
                    status: Status | None = _SEPARATED.get(separated)
                    if span.status != "same":
                        status = span.status if any(separated) else None
                    if status is not None:
                        target = self.target(paragraph, status)
                        self.text_run(target, NOTE_SEPARATOR, frozenset(leaves[0][1]), FOOTNOTE_REFERENCE)
                        if status == "deleted":
                            _deleted_text(target)
                target = self.target(paragraph, span.status)
                super().inlines(target, inlines(leaves))
                if span.status == "deleted":
                    _deleted_text(target)
                return _after(span.status, after_mark, bool(leaves) and isinstance(leaves[-1][0], NoteRef))

    def target(self, paragraph: etree._Element, status: Status) -> etree._Element:
        """Where text of a status goes at the end of the paragraph: the paragraph itself, or a
        w:ins or w:del, the one that ends the paragraph when it is of that kind."""
        last = next(paragraph.iterchildren(reversed=True), None)  # (not len(): lxml counts the children)
        if status == "same":
            return paragraph
        if last is not None and last.tag == _clark(REVISION_TAGS[status]):
            return last
        return self.revision(paragraph, status)

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

    def set_properties(self, paragraph: etree._Element, accepted: list[etree._Element],
                       rejected: list[etree._Element]) -> None:
        """The paragraph's properties: `accepted` in its w:pPr, and `rejected`, where they
        differ, in a w:pPrChange (Word's change of a paragraph's properties, OLD's in it)."""
        found = paragraph.find(_clark("w:pPr"))
        assert found is not None, "the writer gives every paragraph its style"
        run_properties = found.find(_clark("w:rPr"))
        for child in list(found):
            if child is not run_properties:
                found.remove(child)
        for n, child in enumerate(accepted):
            found.insert(n, child)
        if not alike(accepted, rejected):
            change = _add(found, "w:pPrChange", id=str(self.next_id), author=AUTHOR, date=DATE)
            self.next_id += 1
            _add(change, "w:pPr").extend(rejected)

    def unpin(self, paragraph: etree._Element) -> None:
        """A paragraph whose mark a view drops and that nothing can take in: the mark of the
        paragraph before those whose marks go with it goes instead, their text joining this
        one's, which takes that paragraph's properties in that view. Where that paragraph's
        mark goes in the other view, all its text with it, the two are one paragraph, whose
        mark stays, with the properties of the one each view keeps (the paragraphs between,
        all of whose text goes with their marks, put before it). After a table, or after a
        paragraph with text of both views, it stays as it is."""
        status = mark(paragraph)
        between = []
        before = paragraph.getprevious()
        while before is not None and before.tag == _clark("w:p") and mark(before) == status:
            between.append(before)
            before = before.getprevious()
        if before is None or before.tag != _clark("w:p"):
            return
        if mark(before) == "same":
            accepted = properties(before if status == "deleted" else paragraph, "accepted")
            rejected = properties(paragraph if status == "deleted" else before, "rejected")
            unmark(paragraph)
            self.mark_paragraph(before, status)
            self.set_properties(paragraph, accepted, rejected)
            return
        if between and not (wholly(before, mark(before)) and all(wholly(other, status) for other in between)):
            return
        paragraph.addprevious(before)
        inserted, deleted = (paragraph, before) if status == "inserted" else (before, paragraph)
        accepted, rejected = properties(inserted, "accepted"), properties(deleted, "rejected")
        before.extend(child for child in paragraph if child.tag != _clark("w:pPr"))
        body = paragraph.getparent()
        assert body is not None
        body.remove(paragraph)
        unmark(before)
        self.set_properties(before, accepted, rejected)

    def finish(self, body: etree._Element, notes: etree._Element) -> None:
        """Every revision numbered from 1 in document order: the body's, then the notes'."""
        tags = [_clark(tag) for tag in (*REVISION_TAGS.values(), "w:pPrChange")]
        number = 0
        for story in (body, notes):
            for revision in story.iter(*tags):
                number += 1
                revision.set(_clark("w:id"), str(number))

    def mark_row(self, row: etree._Element, status: Status) -> None:
        properties = row.find(_clark("w:trPr"))
        if properties is None:
            properties = etree.Element(_clark("w:trPr"))
            row.insert(0, properties)
        if properties.find(_clark(REVISION_TAGS[status])) is None:
            properties.append(self.revision(None, status))


# The raised comma before a note's mark as NEW and OLD have it: kept, inserted or deleted.
_SEPARATED: dict[tuple[bool, bool], Status] = {(True, True): "same", (True, False): "inserted",
                                               (False, True): "deleted"}


def _after(status: Status, after_mark: tuple[bool, bool], mark: bool) -> tuple[bool, bool]:
    """Whether NEW's text and OLD's end in a note's mark after a span of a status that ends in
    one or not."""
    return (mark if status != "deleted" else after_mark[0], mark if status != "inserted" else after_mark[1])


def _leads_in(blocks: tuple[Block, ...], fates: list[Status], dropped: Status) -> list[bool]:
    """For each block, whether the first of the blocks after it that a view keeps (those not
    `dropped`) is a table; found from the last block back, in one pass."""
    leads: list[bool] = []
    next_kept_is_table = False
    for block, fate in zip(reversed(blocks), reversed(fates)):
        leads.append(next_kept_is_table)
        if fate != dropped:
            next_kept_is_table = isinstance(block, Table)
    return leads[::-1]


def _note_id(note: etree._Element) -> int:
    return int(note.get(_clark("w:id"), "0"))


def _deleted_text(element: etree._Element) -> None:
    """Text in a deletion is w:delText."""
    for text in element.iter(_clark("w:t")):
        text.tag = _clark("w:delText")
