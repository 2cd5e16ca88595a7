"""An item's words and what lies between them (atoms), and OLD's and NEW's merged as the
comparison pairs their words: the same words, and between them what OLD had deleted and what
NEW has inserted; then each NEW unit's revision from them, and what becomes of the notes."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Callable, Iterable, Mapping, Sequence, Union

from gbpaper import diff, model
from gbpaper.redline.revisions import Content, Leaves, Line, Marker, Revised, Revision, Span, Status, merged_leaves
from gbpaper.redline.slots import Piece, Slot, Unit
from gbpaper.render.text import Leaf, Styles


@dataclass(frozen=True)
class Word:
    """A word as the comparison reads it (`index` its place in its item), and as Word writes it."""

    index: int
    printed: str
    content: Content


@dataclass(frozen=True)
class Gap:
    """The white space between two words."""

    printed: str
    content: Content


@dataclass(frozen=True)
class End:
    """The end of a Word paragraph: its item's unit-th unit ends here."""

    unit: int


Atom = Union[Word, Gap, End]


def atoms(units: Sequence[Unit]) -> list[Atom]:
    """An item's units as words, the white space between them, and the units' ends."""
    found: list[Atom] = []
    index = 0
    for u, unit in enumerate(units):
        word: list[Piece] = []
        for piece in (*unit.pieces, None):
            if piece is not None and not piece.space:
                word.append(piece)
                continue
            if word:
                found.append(Word(index, "".join(p.printed for p in word), _joined(word)))
                index += 1
                word = []
            if piece is not None:
                found.append(Gap(piece.printed, piece.content))
        found.append(End(u))
    return found


def _joined(pieces: Sequence[Piece]) -> Content:
    """A word's pieces as one content: their leaves, or the letter it is."""
    leaves: list[tuple[Leaf, Styles]] = []
    for piece in pieces:
        if isinstance(piece.content, Marker):
            return piece.content
        leaves += piece.content
    return tuple(leaves)


def words(atoms: Sequence[Atom]) -> list[Word]:
    return [atom for atom in atoms if isinstance(atom, Word)]


def misplaced(found: list[Slot], build: diff.Build) -> str | None:
    """The text of the first item of the build whose words are not those of the paper's slot
    for it, slots and items taken in order kind by kind; None when each slot's are its item's."""
    for kind in diff.KINDS:
        ours, items = [slot for slot in found if slot.kind == kind], build.items(kind)
        for slot, item in zip(ours, items):
            if [w.printed for w in words(atoms(slot.units))] != [t.shown for t in item.tokens]:
                return item.text
        if len(ours) != len(items):
            return items[len(ours)].text if len(items) > len(ours) else f"the {kind}s"
    return None


@dataclass(frozen=True)
class Event:
    status: Status
    atom: Atom
    old: Word | None = None  # the OLD word a same word stands for


def events(olds: list[Atom], news: list[Atom], runs: Iterable[diff.WordRun],
           notes: Mapping[int, int]) -> list[Event]:
    """OLD's and NEW's atoms merged, as runs of words say they correspond: words alike (in the
    same emphasis, too) are the same, and between two of them what OLD had is deleted and what
    NEW has inserted, but for white space alike at either end, paragraph ends alike at the end
    and the note marks that end both (`notes`: each OLD note's NEW one, as the comparison pairs
    them). A word whose emphasis changed is deleted and inserted: Word's reject-all then gives
    OLD's emphasis back."""
    old_at = {atom.index: n for n, atom in enumerate(olds) if isinstance(atom, Word)}
    new_at = {atom.index: n for n, atom in enumerate(news) if isinstance(atom, Word)}
    events: list[Event] = []
    o = n = 0
    for run in runs:
        if not run.same:
            continue
        for i, j in zip(run.old, run.new):
            old_word, new_word = olds[old_at[i]], news[new_at[j]]
            assert isinstance(old_word, Word) and isinstance(new_word, Word)
            if _emphasis(old_word.content) != _emphasis(new_word.content):
                continue  # a word made bold or italic, or plain: deleted and inserted with what is around it
            _between(events, olds[o:old_at[i]], news[n:new_at[j]], notes)
            events.append(Event("same", new_word, old_word))
            o, n = old_at[i] + 1, new_at[j] + 1
    _between(events, olds[o:], news[n:], notes)
    return events


def _emphasis(content: Content) -> list[Styles]:
    """The emphasis of each character of a text (each note mark or cross-reference one)."""
    if isinstance(content, Marker):
        return []
    return [styles for leaf, styles in content for _ in (leaf.value if isinstance(leaf, model.Text) else "^")]


def _alike(a: Atom, b: Atom, ends: bool) -> bool:
    """Whether two atoms stay: white space printed and written alike (a space, not a cell's
    edge, which Word does not write; in the same emphasis), or with `ends` paragraph ends."""
    if isinstance(a, Gap) and isinstance(b, Gap):
        return a.printed == b.printed and _emphasis(a.content) == _emphasis(b.content)
    return ends and isinstance(a, End) and isinstance(b, End)


def _between(events: list[Event], olds: list[Atom], news: list[Atom], notes: Mapping[int, int]) -> None:
    head = 0
    while head < min(len(olds), len(news)) and _alike(olds[head], news[head], ends=False):
        head += 1
    # A paragraph end on both sides at the start stays when NEW's next unit opens with words of
    # its own, inserted: what OLD had there is then deleted in that unit, before them. (Were it
    # to open with a word kept, the writer, which puts a letter first, would put it before
    # what OLD had.)
    if (head < min(len(olds), len(news)) and _alike(olds[head], news[head], ends=True)
            and any(isinstance(atom, Word) for atom in news[head + 1:])):
        head += 1
    tail = 0
    while tail < min(len(olds), len(news)) - head and _alike(olds[-1 - tail], news[-1 - tail], ends=True):
        tail += 1
    events += [Event("same", atom) for atom in news[:head]]
    _replaced(events, olds[head:len(olds) - tail], news[head:len(news) - tail], notes)
    events += [Event("same", atom) for atom in news[len(news) - tail:]]


def _replaced(events: list[Event], deleted: list[Atom], inserted: list[Atom], notes: Mapping[int, int]) -> None:
    """OLD's atoms deleted and NEW's inserted, but for what ends both alike."""
    kept = _kept_end(deleted, inserted, notes)
    events += [Event("deleted", atom) for atom in deleted]
    events += [Event("inserted", atom) for atom in inserted]
    events += kept


def _kept_end(deleted: list[Atom], inserted: list[Atom], notes: Mapping[int, int]) -> list[Event]:
    """What stays of the last deleted word and the last inserted one, taken off them (the words
    left out where nothing else remains): the note marks that end both, and their notes, which
    the words before them do not change. As many marks on each stay mark by mark; else those
    whose notes the comparison pairs, in order, the others deleted or inserted where they stand,
    and the text before the marks stays too when it is alike (`2006.³,⁴` made `2006.³,⁴,⁵`)."""
    if not deleted or not inserted:
        return []
    old, new = deleted[-1], inserted[-1]
    if not isinstance(old, Word) or not isinstance(new, Word):
        return []
    if isinstance(old.content, Marker) or isinstance(new.content, Marker):
        return []
    # What follows the last marks alike on both sides stays after them (`).` in `2006³,⁴).`).
    old_content, new_content = old.content, new.content
    tail = _tail(old_content)
    end: list[Event] = []
    if tail and _tail(new_content) == tail and old_content[-tail:] == new_content[-tail:]:
        end = [Event("same", replace(new, printed="", content=new_content[-tail:]),
                     replace(old, printed="", content=old_content[-tail:]))]
        old_content, new_content = old_content[:-tail], new_content[:-tail]
        old, new = replace(old, content=old_content), replace(new, content=new_content)
    old_count, new_count = _trailing_marks(old_content), _trailing_marks(new_content)
    if not old_count and not new_count:
        return []
    old_text, old_marks = old_content[:len(old_content) - old_count], old_content[len(old_content) - old_count:]
    new_text, new_marks = new_content[:len(new_content) - new_count], new_content[len(new_content) - new_count:]
    if old_count == new_count:
        staying = list(zip(range(old_count), range(new_count)))
    else:
        staying = _paired_marks(notes_in(old_marks), notes_in(new_marks), notes)
    alike = bool(old_text) and old_text == new_text
    if not staying and not alike:
        return []
    deleted.pop()
    inserted.pop()
    kept: list[Event] = []
    if alike:
        kept.append(Event("same", replace(new, printed="", content=new_text), replace(old, printed="", content=old_text)))
        while deleted and inserted and _alike(deleted[-1], inserted[-1], ends=False):
            deleted.pop()
            kept.insert(0, Event("same", inserted.pop()))
    else:
        for atoms, word, text in ((deleted, old, old_text), (inserted, new, new_text)):
            if text:
                atoms.append(replace(word, content=text))

    def mark(word: Word, leaf: tuple[Leaf, Styles]) -> Word:
        return replace(word, printed="", content=(leaf,))

    o = n = 0
    for i, j in (*staying, (old_count, new_count)):
        kept += [Event("deleted", mark(old, leaf)) for leaf in old_marks[o:i]]
        kept += [Event("inserted", mark(new, leaf)) for leaf in new_marks[n:j]]
        if i < old_count:
            kept.append(Event("same", mark(new, new_marks[j]), mark(old, old_marks[i])))
        o, n = i + 1, j + 1
    return kept + end


def _paired_marks(olds: list[int], news: list[int], notes: Mapping[int, int]) -> list[tuple[int, int]]:
    """The places of the OLD and NEW marks that stay: the most, in order, whose notes the
    comparison pairs."""
    matcher = SequenceMatcher(None, [notes.get(number, -1 - k) for k, number in enumerate(olds)], news,
                              autojunk=False)
    return [(block.a + k, block.b + k) for block in matcher.get_matching_blocks() for k in range(block.size)]


def _tail(content: Leaves) -> int:
    """How many leaves end a word after its last note mark: 0 when it has none."""
    for k in range(len(content) - 1, -1, -1):
        if isinstance(content[k][0], model.NoteRef):
            return len(content) - 1 - k
    return 0


def _trailing_marks(content: Content) -> int:
    """How many note marks end a word."""
    if isinstance(content, Marker):
        return 0
    count = 0
    while count < len(content) and isinstance(content[-1 - count][0], model.NoteRef):
        count += 1
    return count


@dataclass
class Notes:
    """What becomes of the footnotes: NEW's inserted with their reference, or revised against
    the OLD note at the same reference; OLD's deleted with their reference, each as a copy of
    its own under a number NEW does not use."""

    first_free: int
    inserted: set[int] = field(default_factory=set)
    paired: dict[int, int] = field(default_factory=dict)  # NEW number -> OLD number
    copies: dict[int, int] = field(default_factory=dict)  # OLD number -> the copy's number
    copied_into: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # NEW block -> OLD numbers

    def copy(self, number: int, into: tuple[int, int] | None = None) -> int:
        """The number of OLD note `number`'s deleted copy; the copy goes with the NEW block `into`
        (its revised text deletes the note's mark), or with the OLD block deleted whole."""
        if number not in self.copies:
            self.copies[number] = self.first_free + len(self.copies)
            if into is not None:
                self.copied_into.setdefault(into, []).append(number)
        return self.copies[number]


def notes_in(content: Content) -> list[int]:
    if isinstance(content, Marker):
        return []
    return [leaf.number for leaf, _ in content if isinstance(leaf, model.NoteRef)]


def renumbered_notes(content: Content, copies: Callable[[int], int]) -> Content:
    """OLD's words with each note mark pointing at the note's deleted copy."""
    if isinstance(content, Marker):
        return content
    return tuple((model.NoteRef(copies(leaf.number)), styles) if isinstance(leaf, model.NoteRef) else (leaf, styles)
                 for leaf, styles in content)


def revised_units(events: list[Event], units: Sequence[Unit], notes: Notes,
                   copies: Callable[[int], int]) -> list[Revision | None]:
    """Each NEW unit's revision from the merged events, None for a unit with none; the notes
    met on the way recorded."""
    revisions: list[Revision | None] = []
    lines: list[Line] = []
    spans: list[Span] = []
    lead: Status = "same"
    started = False
    for event in events:
        atom = event.atom
        if isinstance(atom, End):
            lines.append(Line(joined_spans(spans), event.status))
            spans = []
            if event.status == "deleted":
                continue
            unit = units[atom.unit]
            if unit.lead:
                lines[0] = replace(lines[0], spans=(Span("same", unit.lead), *lines[0].spans))
            if unit.trail:
                lines[-1] = replace(lines[-1], spans=joined_spans([*lines[-1].spans, Span("same", unit.trail)]))
            changed = lead != "same" or any(line.mark != "same" or any(s.status != "same" for s in line.spans)
                                            for line in lines)
            revisions.append(Revised(lead, tuple(lines)) if changed else None)
            lines, lead, started = [], "same", False
            continue
        content = atom.content
        if event.status == "deleted":
            content = renumbered_notes(content, copies)
        elif isinstance(atom, Word):
            if event.status == "inserted":
                notes.inserted.update(notes_in(content))
            if event.old is not None:
                notes.paired.update(zip(notes_in(content), notes_in(event.old.content)))
        if event.status != "deleted" and not started:
            started = True
            if isinstance(content, Marker):  # the writer types a NEW item's letter itself
                lead = event.status
                continue
        spans.append(Span(event.status, content))
    return revisions


def joined_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Spans of one status joined, their texts in the same emphasis joined, letters apart."""
    joined: list[Span] = []
    for span in spans:
        if (joined and joined[-1].status == span.status and not isinstance(span.content, Marker)
                and not isinstance(joined[-1].content, Marker)):
            joined[-1] = Span(span.status, merged_leaves((*joined[-1].content, *span.content)))
        elif span.content:
            joined.append(span)
    return tuple(joined)
