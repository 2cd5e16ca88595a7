"""NEW's paper as the redline writes it: OLD's deleted text put where it stood, and the text of
each revised unit tagged with the number of its revision."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Callable, Mapping, Sequence, TypeVar, assert_never

from gbpaper import diff, model
from gbpaper.redline.revisions import Leaves, Line, Marker, Redline, Revised, Revision, Span, Whole, merged_leaves, tag
from gbpaper.redline.revising import Reviser
from gbpaper.redline.slots import Unit, Where, block_at
from gbpaper.redline.words import joined_spans, renumbered_notes


class Placer:
    """NEW's paper with OLD's deleted text placed where it stood, every revised unit's text
    tagged with the number of its revision."""

    def __init__(self, reviser: Reviser) -> None:
        self.reviser = reviser
        self.old, self.new = reviser.old.paper, reviser.new.paper
        self.revisions: list[Revision] = []
        self.old_notes = {note.number: note for note in self.old.footnotes}
        # Where each OLD unit stands in NEW, for those that stay: OLD path -> NEW path.
        self.stand_in: dict[Where, Where] = {}
        for kind in diff.KINDS:
            for i, slot in enumerate(reviser.olds[kind]):
                j = reviser.stays(kind, i)
                if j is not None and kind != "footnote":
                    self.stand_in[slot.units[0].path] = reviser.news[kind][j].units[0].path
        self.deleted_units = {unit.path: unit for slot in reviser.old_slots if id(slot) in reviser.deleted
                              for unit in slot.units}
        self.new_units = {unit.path: unit for slot in reviser.new_slots for unit in slot.units}

    def redline(self) -> Redline:
        new = self.new
        if self.deleted(("title",)):  # (a paper always has a title: OLD's goes before NEW's)
            self.deleted_before(("title",), ("title",))
        paper = replace(
            new,
            notice=self.field_text(("notice",), new.notice, self.old.notice),
            masthead=self.masthead(),
            summary=self.summary(),
            blocks=self.blocks(0, self.new.blocks, self.old.blocks),
            date_line=self.field_text(("date_line",), new.date_line, self.old.date_line),
            closing=self.field_inlines(("closing",), new.closing, self.old.closing),
            appendices=self.appendices(),
            purpose=self.field_text(("purpose",), new.purpose, self.old.purpose),
            agenda=self.field_text(("agenda",), new.agenda, self.old.agenda),
            title=self.text(("title",), new.title),
            subtitle=self.field_text(("subtitle",), new.subtitle, self.old.subtitle),
        )
        return Redline(paper, tuple(self.revisions), new)

    # Tags ------------------------------------------------------------------------------------

    def tagged(self, revision: Revision | None) -> str:
        if revision is None:
            return ""
        self.revisions.append(revision)
        return tag(len(self.revisions) - 1)

    def text(self, path: Where, value: str) -> str:
        return self.tagged(self.reviser.revisions.get(path)) + value

    def inlines(self, path: Where, value: model.Inlines) -> model.Inlines:
        mark = self.tagged(self.reviser.revisions.get(path))
        return (model.Text(mark), *value) if mark else value

    def deleted_text(self, value: str, row: bool = False) -> str:
        return self.tagged(Whole("deleted", row)) + value

    def deleted_inlines(self, value: model.Inlines, row: bool = False,
                        into: tuple[int, int] | None = None) -> model.Inlines:
        return (model.Text(self.tagged(Whole("deleted", row))), *self.copied(value, into))

    def copied(self, value: model.Inlines, into: tuple[int, int] | None = None) -> model.Inlines:
        """OLD's runs with each note mark pointing at the note's deleted copy, which goes with the
        NEW block `into` when OLD's runs are deleted in it (a row deleted in a table that stays)."""
        def renumber(nodes: model.Inlines) -> model.Inlines:
            out: list[model.Inline] = []
            for node in nodes:
                if isinstance(node, model.NoteRef):
                    node = model.NoteRef(self.reviser.notes.copy(node.number, into))
                elif isinstance(node, model.Emphasis):
                    node = replace(node, children=renumber(node.children))
                out.append(node)
            return tuple(out)

        return renumber(value)

    def deleted(self, path: Where) -> bool:
        return path in self.deleted_units

    # Lines of the paper -----------------------------------------------------------------------

    def field_text(self, path: Where, new: str | None, old: str | None) -> str | None:
        """A line of which a paper has one: NEW's, tagged; OLD's deleted where NEW has none, or
        deleted before NEW's."""
        if old is not None and self.deleted(path) and new is None:
            return self.deleted_text(old)
        if old is not None and self.deleted(path):
            self.deleted_before(path, path)
        return None if new is None else self.text(path, new)

    def field_inlines(self, path: Where, new: model.Inlines, old: model.Inlines) -> model.Inlines:
        if old and self.deleted(path) and not new:
            return self.deleted_inlines(old)
        if old and self.deleted(path):
            self.deleted_before(path, path)
        return self.inlines(path, new) if new else new

    def deleted_before(self, old_path: Where, new_path: Where) -> None:
        """OLD's unit, deleted, at the start of NEW's (which took its place in the paper)."""
        old_unit, new_unit = self.deleted_units[old_path], self.new_units[new_path]
        removed = Span("deleted", renumbered_notes(unit_leaves(old_unit), self.reviser.notes.copy))
        revision = self.reviser.revisions.get(new_path)
        match revision:
            case None | Whole():
                added = Span("same" if revision is None else revision.status, unit_leaves(new_unit))
                self.reviser.revisions[new_path] = Revised("same", (Line(joined_spans([removed, added]), "same"),))
            case Revised(lead, lines):
                first = replace(lines[0], spans=joined_spans([removed, *lines[0].spans]))
                self.reviser.revisions[new_path] = Revised(lead, (first, *lines[1:]))
            case _:
                assert_never(revision)

    def masthead(self) -> tuple[model.MastheadLine, ...]:
        lines = [replace(line, text=self.text(("masthead", i), line.text)) for i, line in enumerate(self.new.masthead)]
        placed = self.placed(len(self.old.masthead), lambda i: ("masthead", i),
                             lambda path: int(path[1]) if path[0] == "masthead" else None)
        return tuple(_interleaved(lines, {at: [replace(self.old.masthead[i], text=self.deleted_text(
            self.old.masthead[i].text)) for i in olds] for at, olds in placed.items()}))

    def placed(self, count: int, old_path: Callable[[int], Where],
               new_index: Callable[[Where], int | None]) -> dict[int, list[int]]:
        """Where OLD's deleted members of a list go among NEW's: each after the NEW member that
        stands for the last OLD member before it that stays (at the start if none does)."""
        at = 0
        placed: dict[int, list[int]] = defaultdict(list)
        for i in range(count):
            path = old_path(i)
            stand_in = self.stand_in.get(path)
            index = None if stand_in is None else new_index(stand_in)
            if index is not None:
                at = max(at, index + 1)
            elif self.deleted(path):
                placed[at].append(i)
        return placed

    def summary(self) -> model.Summary | None:
        """NEW's summary box tagged, with OLD's deleted fields where they stood; or OLD's box,
        deleted whole with its frame, or NEW's inserted whole with it."""
        new, old = self.new.summary, self.old.summary
        if new is None:
            if old is None or not self.deleted(("summary", "heading")):
                return None
            return model.Summary(self.deleted_text(old.heading, row=True), self.deleted_inlines(old.purpose, row=True),
                                 tuple(replace(f, label=self.deleted_text(f.label, row=True)) for f in old.fields))
        if old is None:
            for path, revision in list(self.reviser.revisions.items()):
                if path[0] == "summary" and isinstance(revision, Whole):
                    self.reviser.revisions[path] = replace(revision, row=True)
        heading = self.field_text(("summary", "heading"), new.heading, old.heading if old else None)
        purpose = self.field_inlines(("summary", "purpose"), new.purpose, old.purpose if old else ())
        fields = [replace(f, label=self.text(("summary", "field", i), f.label)) for i, f in enumerate(new.fields)]
        if old is not None:
            placed = self.placed(len(old.fields), lambda i: ("summary", "field", i),
                                 lambda path: int(path[2]) if path[:2] == ("summary", "field") else None)
            fields = _interleaved(fields, {at: [replace(old.fields[i], label=self.deleted_text(old.fields[i].label))
                                                for i in olds] for at, olds in placed.items()})
        assert heading is not None
        return model.Summary(heading, purpose, tuple(fields))

    # Blocks ---------------------------------------------------------------------------------

    def appendices(self) -> tuple[model.Appendix, ...]:
        partner: dict[int, int] = {}  # OLD appendix -> NEW appendix
        for k in range(len(self.old.appendices)):
            for part in ("label", "title"):
                stand_in = self.stand_in.get(("appendix", k, part))
                if stand_in is not None and stand_in[0] == "appendix":
                    partner.setdefault(k, int(stand_in[1]))
        new_appendices = []
        for l, appendix in enumerate(self.new.appendices):
            olds = [k for k, partnered in partner.items() if partnered == l]
            old = self.old.appendices[olds[0]] if olds else None
            if olds:
                for part in ("label", "title"):
                    if self.deleted(("appendix", olds[0], part)):
                        self.deleted_before(("appendix", olds[0], part), ("appendix", l, part))
            label = self.text(("appendix", l, "label"), appendix.label)
            title = self.text(("appendix", l, "title"), appendix.title)
            blocks = self.blocks(l + 1, appendix.blocks, old.blocks if old is not None else (), olds[0] + 1 if olds else None)
            new_appendices.append(replace(appendix, label=label, title=title, blocks=blocks))
        at = 0
        placed: dict[int, list[model.Appendix]] = defaultdict(list)
        for k, appendix in enumerate(self.old.appendices):
            if k in partner:
                at = max(at, partner[k] + 1)
                continue
            placed[at].append(replace(appendix, label=self.deleted_text(appendix.label),
                                      title=self.deleted_text(appendix.title),
                                      blocks=tuple(self.deleted_block(b) for n, b in enumerate(appendix.blocks)
                                                   if self.block_deleted((k + 1, n)))))
        return tuple(_interleaved(new_appendices, placed))

    def blocks(self, container: int, news: tuple[model.Block, ...], olds: tuple[model.Block, ...],
               old_container: int | None = 0) -> tuple[model.Block, ...]:
        """A container's NEW blocks, tagged, with OLD's deleted blocks where they stood, and
        right before a NEW table whose columns changed in number its OLD table, deleted."""
        tagged = [self.block((container, b), block) for b, block in enumerate(news)]
        placed: dict[int, list[model.Block]] = defaultdict(list)
        if old_container is not None:
            at = 0
            for b, block in enumerate(olds):
                partner = self.block_partner((old_container, b), block)
                if partner is not None and partner[0] == container:
                    at = max(at, partner[1] + 1)
                elif self.block_deleted((old_container, b)):
                    placed[at].append(self.deleted_block(block))
        regridded = {new: old for old, new in self.reviser.regridded.items()}
        for b, block in enumerate(news):
            if (container, b) in regridded and isinstance(block, model.Table):
                placed[b].append(self.regridded_table(regridded[(container, b)], (container, b), block))
        return tuple(_interleaved(tagged, placed))

    def block_partner(self, where: tuple[int, int], block: model.Block) -> tuple[int, int] | None:
        """The NEW block that stands for an OLD one: a table's partner (or the table that takes
        its place with other columns), or the block of the NEW item its heading or paragraph
        stays as."""
        if isinstance(block, model.Table):
            return self.reviser.table_partner.get(where) or self.reviser.regridded.get(where)
        path: Where = ("block", *where) if isinstance(block, model.Heading) else ("block", *where, "content")
        stand_in = self.stand_in.get(path)
        if stand_in is None or stand_in[0] != "block":  # (none, or a line of the paper's own)
            return None
        return int(stand_in[1]), int(stand_in[2])

    def block_deleted(self, where: tuple[int, int]) -> bool:
        """Whether an OLD block is deleted whole: its heading or paragraph, or a table of which
        nothing stays (a table that stays loses its deleted rows within it)."""
        block = block_at(self.old, where)
        if isinstance(block, model.Table):
            return where not in self.reviser.table_partner and where not in self.reviser.regridded
        path: Where = ("block", *where) if isinstance(block, model.Heading) else ("block", *where, "content")
        return self.deleted(path)

    def deleted_block(self, block: model.Block) -> model.Block:
        """An OLD block as a deletion: every unit tagged deleted, its notes as deleted copies."""
        match block:
            case model.Heading():
                return replace(block, text=self.deleted_text(block.text))
            case model.Paragraph():
                return replace(block, content=self.deleted_inlines(block.content),
                               parts=tuple(replace(part, content=self.deleted_inlines(part.content))
                                           for part in block.parts),
                               footnotes=self.deleted_notes(block.footnotes))
            case model.Table():
                caption = block.caption and replace(block.caption, content=self.deleted_inlines(block.caption.content))
                return replace(block, caption=caption, header=self.deleted_row(block.header),
                               rows=tuple(self.deleted_row(row) for row in block.rows),
                               footnotes=self.deleted_notes(block.footnotes))
            case _:
                assert_never(block)

    def deleted_row(self, row: tuple[model.Inlines, ...],
                    into: tuple[int, int] | None = None) -> tuple[model.Inlines, ...]:
        return tuple(self.deleted_inlines(cell, row=True, into=into) for cell in row)

    def deleted_notes(self, notes: tuple[model.Footnote, ...]) -> tuple[model.Footnote, ...]:
        return tuple(model.Footnote(self.reviser.notes.copy(note.number),
                                    self.deleted_inlines(note.content)) for note in notes)

    def new_notes(self, where: tuple[int, int], notes: tuple[model.Footnote, ...]) -> tuple[model.Footnote, ...]:
        """A NEW block's notes tagged, then the deleted copies of the OLD notes whose marks its
        revised text deletes."""
        tagged = [replace(note, content=self.inlines(("note", note.number), note.content)) for note in notes]
        copies = [model.Footnote(self.reviser.notes.copies[number], self.deleted_inlines(self.old_notes[number].content))
                  for number in self.reviser.notes.copied_into.get(where, [])]
        return (*tagged, *copies)

    def block(self, where: tuple[int, int], block: model.Block) -> model.Block:
        path: Where = ("block", *where)
        match block:
            case model.Heading():
                return replace(block, text=self.text(path, block.text))
            case model.Paragraph():
                return replace(block, content=self.inlines((*path, "content"), block.content),
                               parts=tuple(replace(part, content=self.inlines((*path, "part", p), part.content))
                                           for p, part in enumerate(block.parts)),
                               footnotes=self.new_notes(where, block.footnotes))
            case model.Table():
                return self.table(where, block)
            case _:
                assert_never(block)

    def table(self, where: tuple[int, int], table: model.Table) -> model.Table:
        """A NEW table tagged; OLD's deleted caption and rows in it, where the OLD table that it
        stands for had them. One that takes the place of an OLD table with other columns gives
        its caption to that table (regridded_table)."""
        path: Where = ("block", *where)
        if where in self.reviser.regridded.values():
            rows = [tuple(self.inlines((*path, "cell", r, k), cell) for k, cell in enumerate(cells))
                    for r, cells in enumerate((table.header, *table.rows))]
            return replace(table, caption=None, header=rows[0], rows=tuple(rows[1:]),
                           footnotes=self.new_notes(where, table.footnotes))
        olds = [w for w, partner in self.reviser.table_partner.items() if partner == where]
        old = block_at(self.old, olds[0]) if olds else None
        old_path: Where = ("block", *olds[0]) if olds else ()
        caption = self.caption(where, table, olds[0] if olds else None)
        rows = [tuple(self.inlines((*path, "cell", r, k), cell) for k, cell in enumerate(cells))
                for r, cells in enumerate((table.header, *table.rows))]
        if isinstance(old, model.Table):
            old_rows = (old.header, *old.rows)
            placed = self.placed(len(old_rows), lambda r: (*old_path, "cell", r, 0),
                                 lambda p: int(p[4]) if p[:3] == path else None)
            # An OLD row deleted before NEW's header goes after it: a table has one header row.
            after_header: dict[int, list[tuple[model.Inlines, ...]]] = defaultdict(list)
            for at, numbers in sorted(placed.items()):
                after_header[max(at, 1)] += [self.deleted_row(old_rows[r], where) for r in numbers]
            rows = _interleaved(rows, after_header)
        return replace(table, caption=caption, header=rows[0], rows=tuple(rows[1:]),
                       footnotes=self.new_notes(where, table.footnotes))

    def caption(self, where: tuple[int, int], table: model.Table,
                old_where: tuple[int, int] | None) -> model.Caption | None:
        """A NEW table's caption tagged, OLD's deleted before it where it is deleted; OLD's
        deleted where NEW's table has none."""
        path: Where = ("block", *where)
        old = None if old_where is None else block_at(self.old, old_where)
        old_path: Where = () if old_where is None else ("block", *old_where)
        if isinstance(old, model.Table) and old.caption and self.deleted((*old_path, "caption")):
            if table.caption is None:
                return replace(old.caption, content=self.deleted_inlines(old.caption.content))
            self.deleted_before((*old_path, "caption"), (*path, "caption"))
        return table.caption and replace(table.caption, content=self.inlines((*path, "caption"), table.caption.content))

    def regridded_table(self, old_where: tuple[int, int], where: tuple[int, int], table: model.Table) -> model.Table:
        """The OLD table in whose place a NEW table has columns changed in number: its rows and
        notes deleted, under the NEW table's caption (changed word by word against its own), for
        the NEW table's rows to follow right after."""
        old = block_at(self.old, old_where)
        assert isinstance(old, model.Table)
        deleted = self.deleted_block(replace(old, caption=None))
        assert isinstance(deleted, model.Table)
        return replace(deleted, caption=self.caption(where, table, old_where))


def unit_leaves(unit: Unit) -> Leaves:
    """All of a unit's text as leaves: its pieces, between what the comparison leaves out of it."""
    leaves = list(unit.lead)
    for piece in unit.pieces:
        if not isinstance(piece.content, Marker):
            leaves += piece.content
    return merged_leaves((*leaves, *unit.trail))


T = TypeVar("T")


def _interleaved(items: Sequence[T], placed: Mapping[int, Sequence[T]]) -> list[T]:
    """items with placed[n] put before items[n] (after the last for n past it)."""
    out: list[T] = []
    for n in range(len(items) + 1):
        out += placed.get(n, ())
        if n < len(items):
            out.append(items[n])
    return out
