"""Which revision each NEW unit gets: a NEW item paired in place with an OLD one is revised
word by word (a row cell by cell), a NEW item with no OLD one in place inserted whole; an OLD
item with no NEW one in place is deleted whole; and each NEW note follows its reference."""
from __future__ import annotations

from gbpaper import diff, model
from gbpaper.redline.revisions import Revision, Side, Whole
from gbpaper.redline.slots import Kind, Slot, Where, block_at, same_text
from gbpaper.redline.words import Notes, atoms, events, notes_in, revised_units, words


# The changes a redline marks word by word, at most: past them each changed item is marked
# deleted and inserted whole. Word shows no more usefully, and each costs the writer a few
# elements (a paper's every paragraph changed in one word is a few ten thousand).
MAX_MARKED = 50_000


class Reviser:
    """The revision of each NEW unit (`revisions`, by the unit's place in NEW's paper), the OLD
    items deleted whole (`deleted`), what becomes of the notes (`notes`), which NEW table stands
    for each OLD one (`table_partner`), and which takes the place of an OLD one with its columns
    changed in number (`regridded`)."""

    def __init__(self, old: Side, new: Side, matching: diff.Matching, old_slots: list[Slot],
                 new_slots: list[Slot]) -> None:
        self.old, self.new, self.matching = old, new, matching
        self.olds = {kind: [s for s in old_slots if s.kind == kind] for kind in diff.KINDS}
        self.news = {kind: [s for s in new_slots if s.kind == kind] for kind in diff.KINDS}
        self.old_slots = old_slots
        self.new_slots = new_slots
        numbers = [note.number for note in new.paper.footnotes]
        self.notes = Notes(max(numbers, default=0) + 1)
        self.revisions: dict[Where, Revision] = {}  # NEW unit -> its revision
        self.words = diff.word_budget(old.build, new.build)  # past it, a revised item is marked replaced whole, as in the report
        self.marks_left = MAX_MARKED  # and past these changes marked word by word
        self.deleted: set[int] = set()  # OLD slots (by id) deleted whole
        self.old_notes = {slot.note: slot for slot in self.olds["footnote"]}
        self.old_note_items = {item.number: item for item in old.build.footnotes}
        self.new_note_items = {item.number: item for item in new.build.footnotes}
        # Each OLD note's NEW one, as the comparison pairs them.
        self.note_pairs = {old.build.footnotes[i].number: new.build.footnotes[j].number
                           for i, j in matching.pairs["footnote"].items()}
        self.table_partner = self._table_partners(same_columns=True)
        self.regridded: dict[tuple[int, int], tuple[int, int]] = {}
        for old_table, new_table in self._table_partners(same_columns=False).items():
            if old_table not in self.table_partner and new_table not in {*self.table_partner.values(),
                                                                         *self.regridded.values()}:
                self.regridded[old_table] = new_table

    # Which NEW slot stands for which OLD one ------------------------------------------------

    def stays(self, kind: Kind, i: int) -> int | None:
        """The NEW item that OLD item i is, in place; None if it has none or moved."""
        j = self.matching.pairs[kind].get(i)
        if j is None or i not in self.matching.stayed[kind]:
            return None
        old_slot, new_slot = self.olds[kind][i], self.news[kind][j]
        if old_slot.block is not None and isinstance(block_at(self.old.paper, old_slot.block), model.Table):
            # A row or a caption stands for its OLD one in the table that stands for its OLD table;
            # a caption also in the table that takes its OLD table's place with other columns.
            partner = self.table_partner.get(old_slot.block)
            if kind == "heading" and partner is None:
                partner = self.regridded.get(old_slot.block)
            if partner != new_slot.block:
                return None
        return j

    def _table_partners(self, same_columns: bool) -> dict[tuple[int, int], tuple[int, int]]:
        """Each OLD table and the NEW one that stands for it: the first holding one of its rows or
        its caption in place (with as many columns, if `same_columns`)."""
        partners: dict[tuple[int, int], tuple[int, int]] = {}
        for kind in ("heading", "row"):
            for i, slot in enumerate(self.olds[kind]):
                j = self.matching.pairs[kind].get(i)
                if slot.block is None or j is None or i not in self.matching.stayed[kind]:
                    continue
                old_block, new_block = block_at(self.old.paper, slot.block), None
                target = self.news[kind][j].block
                if target is not None:
                    new_block = block_at(self.new.paper, target)
                if (isinstance(old_block, model.Table) and isinstance(new_block, model.Table) and target is not None
                        and (len(old_block.align) == len(new_block.align) or not same_columns)):
                    partners.setdefault(slot.block, target)
        return partners

    # Revising --------------------------------------------------------------------------------

    def revise(self) -> None:
        """Every NEW unit's revision: by its item's OLD one when it stays, else inserted; then
        every NEW note's."""
        kinds: tuple[Kind, ...] = ("paragraph", "heading", "row")
        for kind in kinds:
            paired = {j: i for i, j in self.matching.pairs[kind].items() if self.stays(kind, i) is not None}
            for j, slot in enumerate(self.news[kind]):
                if j in paired:
                    self._revise(kind, paired[j], j)
                else:
                    self._inserted(slot)
            for i, slot in enumerate(self.olds[kind]):
                if self.stays(kind, i) is None:
                    self.deleted.add(id(slot))
        self._revise_notes()

    def _inserted(self, slot: Slot) -> None:
        """A NEW item inserted whole, its notes with it."""
        for unit in slot.units:
            self.revisions[unit.path] = Whole("inserted", row=slot.kind == "row")
            for piece in unit.pieces:
                self.notes.inserted.update(notes_in(piece.content))

    def _revise(self, kind: Kind, i: int, j: int) -> None:
        """NEW item j revised word by word against OLD item i, as the comparison pairs their words."""
        old_slot, new_slot = self.olds[kind][i], self.news[kind][j]
        old_item, new_item = self.old.build.items(kind)[i], self.new.build.items(kind)[j]

        def copies(number: int) -> int:  # an OLD note whose mark is deleted goes with the NEW block
            return self.notes.copy(number, new_slot.block)

        if same_text(old_slot.units, new_slot.units):  # most items of a revision: no revision, notes kept
            self.notes.paired.update((number, number) for unit in new_slot.units for piece in unit.pieces
                                     for number in notes_in(piece.content))
            return
        if kind == "row":
            # Cell by cell: a table's cells cannot take in each other's words.
            o = n = 0
            for old_unit, new_unit in zip(old_slot.units, new_slot.units, strict=True):
                olds, news = atoms((old_unit,)), atoms((new_unit,))
                a = old_item.tokens[o:o + len(words(olds))]
                b = new_item.tokens[n:n + len(words(news))]
                o, n = o + len(a), n + len(b)
                runs = self.runs(a, b)
                [revision] = revised_units(events(olds, news, runs, self.note_pairs), (new_unit,), self.notes,
                                            copies)
                if revision is not None:
                    self.revisions[new_unit.path] = revision
            return
        runs = self.runs(old_item.tokens, new_item.tokens)
        merged = events(atoms(old_slot.units), atoms(new_slot.units), runs, self.note_pairs)
        for unit, revision in zip(new_slot.units, revised_units(merged, new_slot.units, self.notes, copies),
                                  strict=True):
            if revision is not None:
                self.revisions[unit.path] = revision

    def runs(self, a: diff.Tokens, b: diff.Tokens) -> tuple[diff.WordRun, ...]:
        """How a's words became b's, within the steps of showing words; a replaced whole by b
        when the changes would take more than the marks left (once none are left, without
        aligning the words of an item that more than renumbering changed)."""
        if self.marks_left <= 0 and diff.more_than_renumbered(a, b):
            self.marks_left -= 1
            return diff.replaced_whole(a, b)
        runs = diff.paid_word_runs(a, b, self.matching.renumbered, self.words)
        changes = sum(not run.same for run in runs)
        if changes > 1 and changes > self.marks_left:
            runs, changes = diff.replaced_whole(a, b), 1
        self.marks_left -= changes
        return runs

    def _revise_notes(self) -> None:
        """Each NEW note: inserted with its reference, or revised against the OLD note that its
        reference stands for."""
        for slot in self.news["footnote"]:
            number = slot.note
            assert number is not None
            unit = slot.units[0]
            if number in self.notes.inserted or number not in self.notes.paired:
                self.revisions[unit.path] = Whole("inserted")
                continue
            old_number = self.notes.paired[number]
            old_unit = self.old_notes[old_number].units[0]
            a, b = self.old_note_items[old_number], self.new_note_items[number]
            runs = self.runs(a.tokens, b.tokens)
            [revision] = revised_units(events(atoms((old_unit,)), atoms((unit,)), runs, self.note_pairs), (unit,),
                                        self.notes, self.notes.copy)
            if revision is not None:
                self.revisions[unit.path] = revision
