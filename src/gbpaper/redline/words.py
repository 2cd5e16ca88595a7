"""An item's words and what lies between them (atoms), and OLD's and NEW's merged as the
comparison pairs their words: the same words, and between them what OLD had deleted and what
NEW has inserted; then each NEW unit's revision from them, and what becomes of the notes."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import groupby
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence, Union

from gbpaper import diff, model
from gbpaper.redline.revisions import Content, Leaves, Line, Marker, Revised, Revision, Span, Status, merged_leaves
from gbpaper.redline.slots import Piece, Slot, Unit
from gbpaper.render.text import Leaf, Styles


# Atoms and events are named tuples: a revision makes one for every word and space of an item,
# and compares stretches of them at once. (Among an item's atoms a word never prints as white
# space alone, and a gap always does: the two never compare equal.)

class Word(NamedTuple):
    """A word as the comparison reads it, and as Word writes it."""

    printed: str
    content: Content


class Gap(NamedTuple):
    """The white space between two words."""

    printed: str
    content: Content


class End(NamedTuple):
    """The end of a Word paragraph: its item's unit-th unit ends here."""

    unit: int


Atom = Union[Word, Gap, End]


def atoms(units: Sequence[Unit]) -> list[Atom]:
    """An item's units as words, the white space between them, and the units' ends."""
    found: list[Atom] = []
    for u, unit in enumerate(units):
        word: list[Piece] = []
        for piece in (*unit.pieces, None):
            if piece is not None and not piece.space:
                word.append(piece)
                continue
            if word:
                found.append(Word(word[0].printed, word[0].content) if len(word) == 1  # (most words)
                             else Word("".join(p.printed for p in word), _joined(word)))
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


def printed_words(units: Sequence[Unit]) -> list[str]:
    """The words of units as printed: those of atoms(units), without making them."""
    found: list[str] = []
    for unit in units:
        word: list[str] = []
        for piece in unit.pieces:
            if not piece.space:
                word.append(piece.printed)
            elif word:
                found.append("".join(word))
                word = []
        if word:
            found.append("".join(word))
    return found


def words(atoms: Sequence[Atom]) -> list[Word]:
    return [atom for atom in atoms if isinstance(atom, Word)]


def misplaced(found: list[Slot], build: diff.Build) -> str | None:
    """The text of the first item of the build whose words are not those of the paper's slot
    for it, slots and items taken in order kind by kind; None when each slot's are its item's."""
    for kind in diff.KINDS:
        ours, items = [slot for slot in found if slot.kind == kind], build.items(kind)
        for slot, item in zip(ours, items):
            if printed_words(slot.units) != item.tokens.shown_words():
                return item.text
        if len(ours) != len(items):
            return items[len(ours)].text if len(items) > len(ours) else f"the {kind}s"
    return None


class Event(NamedTuple):
    status: Status
    atom: Atom | Stretch
    old: Word | None = None  # the OLD word a same word stands for


def events(olds: list[Atom], news: list[Atom], runs: Iterable[diff.WordRun],
           notes: Mapping[int, int]) -> list[Event]:
    """OLD's and NEW's atoms merged, as runs of words say they correspond: words alike (in the
    same emphasis, too) are the same, and between two of them what OLD had is deleted and what
    NEW has inserted, but for white space alike at either end, paragraph ends alike at the end
    and the note marks that end both (`notes`: each OLD note's NEW one, as the comparison pairs
    them). A word whose emphasis changed is deleted and inserted: Word's reject-all then gives
    OLD's emphasis back."""
    old_at = [n for n, atom in enumerate(olds) if isinstance(atom, Word)]  # each word's place among the atoms
    new_at = [n for n, atom in enumerate(news) if isinstance(atom, Word)]
    events: list[Event] = []
    o = n = 0
    for run in runs:
        if not run.same:
            continue
        if len(run.old) > 1:  # (most runs: the words and what is between them alike, kept at once)
            a, b = old_at[run.old.start], old_at[run.old[-1]] + 1
            c, d = new_at[run.new.start], new_at[run.new[-1]] + 1
            kept = _stretch(news[c:d]) if olds[a:b] == news[c:d] else None
            if kept is not None:
                if a > o or c > n:
                    _between(events, olds[o:a], news[n:c], notes)
                events.append(Event("same", kept))
                o, n = b, d
                continue
        for i, j in zip(run.old, run.new):
            at_old, at_new = old_at[i], new_at[j]
            old_word, new_word = olds[at_old], news[at_new]
            assert isinstance(old_word, Word) and isinstance(new_word, Word)
            if not _same_emphasis(old_word.content, new_word.content):
                continue  # a word made bold or italic, or plain: deleted and inserted with what is around it
            if at_old - o == 1 == at_new - n and _alike(olds[o], news[n], ends=False):
                events.append(Event("same", news[n]))  # (most words: a space before them that stays)
            elif at_old > o or at_new > n:
                _between(events, olds[o:at_old], news[n:at_new], notes)
            events.append(Event("same", new_word, old_word))
            o, n = at_old + 1, at_new + 1
    _between(events, olds[o:], news[n:], notes)
    return events


class Stretch(NamedTuple):
    """Words and the white space between them in one paragraph, kept, deleted or inserted at
    once (a stretch kept is alike on both sides: text, emphasis and notes' marks). `notes` are
    those whose marks it holds."""

    leaves: Leaves
    notes: tuple[int, ...]


def _stretch(atoms: Sequence[Atom]) -> Stretch | None:
    """Atoms as one stretch: None when they hold a paragraph's end or an item's letter, which
    go one by one."""
    leaves: list[tuple[Leaf, Styles]] = []
    for atom in atoms:
        if isinstance(atom, End) or isinstance(atom.content, Marker):
            return None
        leaves += atom.content
    return Stretch(tuple(leaves), tuple(leaf.number for leaf, _ in leaves if isinstance(leaf, model.NoteRef)))


def _stretched(status: Status, atoms: Sequence[Atom]) -> list[Event]:
    """Atoms of one status as events: stretches between the paragraphs' ends and items' letters."""
    found: list[Event] = []
    start = 0
    for k, atom in enumerate((*atoms, None)):
        if atom is None or isinstance(atom, End) or isinstance(atom.content, Marker):
            if k > start:
                stretch = _stretch(atoms[start:k])
                assert stretch is not None, "a stretch between ends and letters"
                found.append(Event(status, stretch))
            if atom is not None:
                found.append(Event(status, atom))
            start = k + 1
    return found


def _same_emphasis(a: Content, b: Content) -> bool:
    """Whether two words alike are in the same emphasis, character by character; where a
    cross-reference is (whose value renumbering may lengthen), run by run."""
    if a == b:
        return True
    emphasis = _emphasis(a), _emphasis(b)
    if emphasis[0] == emphasis[1]:
        return True
    references = any(isinstance(leaf, model.CrossRef) for content in (a, b) if not isinstance(content, Marker)
                     for leaf, _ in content)
    return references and [k for k, _ in groupby(emphasis[0])] == [k for k, _ in groupby(emphasis[1])]


def _emphasis(content: Content) -> list[Styles]:
    """The emphasis of each character of a text (each note mark one). A cross-reference counts
    its value's characters: a text output read back has its value as text."""
    if isinstance(content, Marker):
        return []
    return [styles for leaf, styles in content
            for _ in (leaf.value if isinstance(leaf, (model.Text, model.CrossRef)) else "^")]


def _alike(a: Atom, b: Atom, ends: bool) -> bool:
    """Whether two atoms stay: white space printed and written alike (a space, not a cell's
    edge, which Word does not write; in the same emphasis), or with `ends` paragraph ends."""
    if isinstance(a, Gap) and isinstance(b, Gap):
        return a.printed == b.printed and _same_emphasis(a.content, b.content)
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
    events += _stretched("deleted", deleted)
    events += _stretched("inserted", inserted)
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
        end = [Event("same", new._replace(printed="", content=new_content[-tail:]),
                     old._replace(printed="", content=old_content[-tail:]))]
        old_content, new_content = old_content[:-tail], new_content[:-tail]
        old, new = old._replace(content=old_content), new._replace(content=new_content)
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
        kept.append(Event("same", new._replace(printed="", content=new_text), old._replace(printed="", content=old_text)))
        while deleted and inserted and _alike(deleted[-1], inserted[-1], ends=False):
            deleted.pop()
            kept.insert(0, Event("same", inserted.pop()))
    else:
        for atoms, word, text in ((deleted, old, old_text), (inserted, new, new_text)):
            if text:
                atoms.append(word._replace(content=text))

    def mark(word: Word, leaf: tuple[Leaf, Styles]) -> Word:
        return word._replace(printed="", content=(leaf,))

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
    return content if isinstance(content, Marker) else renumbered_leaves(content, copies)


def renumbered_leaves(leaves: Leaves, copies: Callable[[int], int]) -> Leaves:
    return tuple((model.NoteRef(copies(leaf.number)), styles) if isinstance(leaf, model.NoteRef) else (leaf, styles)
                 for leaf, styles in leaves)


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
        if isinstance(atom, Stretch):
            leaves = atom.leaves
            if event.status == "deleted":
                leaves = renumbered_leaves(leaves, copies)
            elif event.status == "inserted":
                notes.inserted.update(atom.notes)
            else:
                notes.paired.update(zip(atom.notes, atom.notes))
            started = started or event.status != "deleted"
            spans.append(Span(event.status, merged_leaves(leaves)))
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
    runs: list[list[Span]] = []  # spans to join, each run's leaves merged once (not span by span)
    for span in spans:
        if (runs and runs[-1][-1].status == span.status and not isinstance(span.content, Marker)
                and not isinstance(runs[-1][-1].content, Marker)):
            runs[-1].append(span)
        elif span.content:
            runs.append([span])
    return tuple(run[0] if len(run) == 1 else Span(run[0].status, merged_leaves(_leaves_of(run))) for run in runs)


def _leaves_of(run: list[Span]) -> Leaves:
    leaves: list[tuple[Leaf, Styles]] = []
    for span in run:
        assert not isinstance(span.content, Marker), "a letter is a span of its own"
        leaves += span.content
    return tuple(leaves)
