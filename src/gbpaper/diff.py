"""Two builds of a paper compared by content, not by number.

Inserting one paragraph renumbers every paragraph and footnote after it; a line diff then shows
them all. Here paragraphs, footnotes and headings are matched by what they say, with the
numbers taken out (a footnote by its mark, where that stays), so that renumbering alone (of
paragraphs, footnotes, footnote markers, appendices and cross-references) is no change. What is left is what an editor changed: each paragraph,
footnote or heading inserted, removed, moved or changed, and for a changed one its words.

Either side is a text output (.txt) or a paper folder, built in memory. A folder's build marks
its cross-references, so a number there counts as renumbered only where it is one; in a .txt a
number that equals a renumbered paragraph's old and new number is taken for a cross-reference.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import Match, SequenceMatcher
from functools import lru_cache
from itertools import accumulate, chain, compress, count
from operator import ne
from pathlib import Path
from typing import Callable, Collection, Hashable, Iterable, Iterator, Literal, Mapping, NamedTuple, Sequence, TypeVar
from typing import assert_never, overload

from gbpaper import model
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.output import NoSuchVersion
from gbpaper.pipeline import compile_paper
from gbpaper.sources.text import read_text

Kind = Literal["paragraph", "footnote", "heading", "row"]
KINDS: tuple[Kind, ...] = ("paragraph", "footnote", "heading", "row")

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
REF_OPEN, REF_CLOSE = "\ue000", "\ue001"  # around a cross-reference's value in a folder's build
MARKER = "\ue002"  # what a footnote marker becomes for comparing, whatever its number
REF_SPACE = "\ue003"  # a space inside a marked cross-reference's value (`19 b)`), kept one word
REF_TABLE = "\ue004"  # opens a marked cross-reference's value that is a table's number
REF_APPENDIX = "\ue005"  # ... that is an appendix's numeral; and opens an appendix's label line

# What a text output compared may hold, at most: as much as the 600x benchmark paper prints (10 MB,
# 25,000 paragraphs, footnotes and headings, 1.6 million words, 46,000 of them different) and some
# more, so that comparing two takes seconds and a few hundred MB at worst, however they are made.
# (A paper within its input limits may print more: 200,000 blocks and 20,000 notes.)
MAX_TEXT_BYTES = 16 * 2**20
MAX_ITEMS = 50_000  # paragraphs, footnotes, headings and table rows
MAX_WORDS = 2_000_000
MAX_DIFFERENT_WORDS = 300_000  # each of which is held once, however often it is met
WORDS_SLICE = 1 << 16  # characters of a text split into words at once
COMPARED_AT_MOST = ", the most gbpaper diff compares"  # ends the error for a text output past one of them
SIMILAR = 0.5  # two paragraphs this alike (difflib's ratio on words) are one paragraph, changed
CONTAINED = 0.9  # ... or when this much of the shorter is in the longer: a paragraph split or merged
MOVED = 0.75  # a removed and an inserted paragraph this alike are one paragraph, moved
CONTEXT = 4  # words shown on each side of a changed run
PAIR_BUDGET = 20_000  # unmatched old and new items compared all with all, up to this many pairs
WINDOW = 20  # past it, an item is compared with those this many places either side of it
MATCH_WORK = 32  # steps of difflib's search allowed for each element of the two sequences aligned
MATCH_FLOOR = 2_000  # ... and this many more, however short they are
MATCH_CAP = 2_000_000  # ... and this many at most, however long they are
PAIR_WORK = 8  # steps for each word of two items compared in pairing, spent on any comparison
# The steps of a whole comparison are bounded too, each counted as about a tenth of a microsecond
# of work: holding two items against each other, aligning their words, showing them.
COMPARISON_STEPS = 200  # holding two items against each other, before their words
ALIGNMENT_STEPS = 600  # aligning two items' words, before the steps of difflib's search
WORD_COST = 10  # showing a word of a changed item, before its alignment
PAIR_STEPS = 40_000_000  # pairing the items of the builds, shared among the kinds as their items are
WORD_STEPS = 10_000_000  # showing the words of every changed item; apart, aligning those of items with notes' marks
WORD_STEPS_PER_WORD = 40  # ... or, when more, what showing every item of the builds costs (ALIGNMENT_STEPS and
# WORD_COST for each word) and this many to align each of its words: any paper edited throughout is shown word by
# word (the 600x benchmark paper with a word changed in each paragraph), and the work stays linear in the words
LONGEST_COMPARED = 20_000  # words of an item held against others; a longer one is paired only unchanged

# A number has at most 9 digits (more would be no paragraph's or footnote's, and Python refuses
# to read a number of over 4,300 digits).
PARAGRAPH_RE = re.compile(r"(\d{1,9})\. (.*)")
NOTE_RE = re.compile(f"([{SUPERSCRIPTS}]{{1,9}}) (.*)")
NUMERAL_RE = re.compile(r"(?:[IVXLCDM]+|[A-Z]{1,2})\. ")  # a heading's Roman numeral or letter
CAPTION_NUMBER_RE = re.compile(r"\S+ (\d+)\. ")  # `Table 2. `, `Cuadro 2. `
LABEL_RE = re.compile(r"(.+?)( [IVXLCDM]+)?")  # an appendix's label: `Appendix II`, `Annex`
ROW_RE = re.compile(r"\| .* \|")
PART_LINE_RE = re.compile(r"- |> |(?:  )?\(?[a-z]+\) ")  # a dash item, a quotation, an item or sub-item
DELIMITER_ROW_RE = re.compile(r"\|(?: :?-+:? \|)+")
_MARKERS = re.compile(f"[{SUPERSCRIPTS}]+")
# The marks that end a word and what follows them (`2006³,⁴).`), read from the word's end: the
# word reversed, so that the search is made once, however many marks the word holds.
_END_MARKS = re.compile(f"([^{SUPERSCRIPTS}]*)([{SUPERSCRIPTS}]+(?:,[{SUPERSCRIPTS}]+)*)")
_REF_MARKS = re.compile(f"[{REF_OPEN}{REF_CLOSE}{REF_SPACE}{REF_TABLE}{REF_APPENDIX}]")
# The white space between words: what the text output writes between them. Any other space
# (a no-break space, U+2028) is a character of its word, so that a space made a no-break space
# is a change.
SPACES = " \t\n\r\f\v"
_WHITESPACE = re.compile(f"[{SPACES}]")
_WORD = re.compile(f"[^{SPACES}]+")
_OTHER_SPACE = re.compile(f"[^\\S{SPACES}]")  # a space that str.split() would split at, wrongly
# A word compared otherwise than as printed: a footnote marker, a cross-reference's mark.
_KEYED = re.compile(f"[{SUPERSCRIPTS}{REF_OPEN}{REF_CLOSE}{REF_SPACE}{REF_TABLE}{REF_APPENDIX}]")
# The last marked cross-reference of a word; its parts cannot hold a mark (a unit's text may: a
# private-use character), so that a word of many marks is read once, not once a mark.
_MARKED_REF = re.compile(f"(.*){REF_OPEN}([^{REF_OPEN}{REF_CLOSE}]*){REF_CLOSE}([^{REF_OPEN}]*)")
_PLAIN_REF = re.compile(r"(\W*)(\d+(?:\([a-z]+\))*|[IVXLCDM]+)(\W*)")
_ITEM_REF = re.compile(r"(\d+)(\D.*)")  # `19(b)`, `19 b) ii)`: a paragraph's number, then the item's


class Token(NamedTuple):
    """A word: as printed, as compared, and its cross-reference (prefix, value, suffix) if any."""

    shown: str
    key: str
    ref: tuple[str, str, str] | None


class Tokens(Sequence[Token]):
    """The words of an item, as printed and as compared (`keys`), and as tokens, each made when
    it is asked for: a build holds millions of words, and only some words of changed items are
    looked at one by one."""

    __slots__ = ("words", "keys", "refs_marked")

    def __init__(self, words: tuple[str, ...], keys: tuple[str, ...], refs_marked: bool) -> None:
        self.words, self.keys, self.refs_marked = words, keys, refs_marked

    def shown(self) -> str:
        """The words as printed, one space between them."""
        text = " ".join(self.words)
        return _unmarked(text) if _REF_MARKS.search(text) else text

    def shown_words(self) -> list[str]:
        """Each word as printed."""
        if not _REF_MARKS.search("".join(self.words)):  # (most items: nothing to unmark)
            return list(self.words)
        return [token.shown for token in self]

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> Tokens: ...

    def __getitem__(self, index: int | slice) -> Token | Tokens:
        if isinstance(index, slice):
            return Tokens(self.words[index], self.keys[index], self.refs_marked)
        return _token(self.words[index], self.refs_marked)

    def __iter__(self) -> Iterator[Token]:
        return (_token(word, self.refs_marked) for word in self.words)


class Item(NamedTuple):
    """A paragraph, footnote or heading of one build, with what identifies it apart from numbers.
    (Items and tokens are named tuples: a build may hold hundreds of thousands, made in a
    fraction of the time a frozen dataclass takes.)

    `number` is the paragraph's or footnote's number (0 for an appendix's unnumbered
    paragraph), a heading's line in the text output, or
    a table row's count through the paper's tables; `place` is the index of the heading a
    paragraph or table row falls under, or the number of the paragraph a footnote belongs to.
    `key` is what is compared: the words, with every footnote marker alike.
    """

    number: int
    text: str
    tokens: Tokens
    key: tuple[str, ...]
    place: int | None = None
    numeral: str | None = None
    appendix: int = 0  # a paragraph's appendix (1 for the first), or 0 in the body


Owner = tuple[Kind, int]  # an item of a build: its kind, and its index among those of its kind


@dataclass(frozen=True)
class Build:
    """One side of the comparison: its paragraphs (with their items and quotations),
    footnotes, headings (with tables' captions) and table rows in reading order, and for each
    footnote's number the item that holds its mark."""

    paragraphs: tuple[Item, ...]
    footnotes: tuple[Item, ...]
    headings: tuple[Item, ...]
    rows: tuple[Item, ...] = ()
    owners: Mapping[int, Owner] = field(default_factory=dict)

    def items(self, kind: Kind) -> tuple[Item, ...]:
        match kind:
            case "paragraph":
                return self.paragraphs
            case "footnote":
                return self.footnotes
            case "heading":
                return self.headings
            case "row":
                return self.rows
            case _:
                assert_never(kind)


GAP = "…"
Words = tuple[str | tuple[str, str], ...]  # context as text, and (removed, inserted) words


@dataclass(frozen=True)
class Change:
    kind: Kind
    change: str
    old: int | None
    new: int | None
    text: str  # the new version's text; the old one's for a removed item
    place: str | int | None = None  # a paragraph's section heading, a footnote's paragraph
    old_place: str | int | None = None  # where a moved item was
    words: Words = ()  # for a changed (or moved and changed) item: its changed words


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)

    def of(self, kind: Kind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


# Reading a build -------------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """A side of a comparison as read: its build, and the paper folder's paper or the text
    output's text it came from."""

    path: Path
    build: Build
    paper: model.Paper | None
    text: str | None


def read_builds(paths: list[Path], diags: Diagnostics, language: str | None = None) -> list[Read] | None:
    """The build at each path: a text output, or a paper folder compiled in memory (in
    `language`, else in its original language); None after reporting what stops any of them.
    Every text output is read, and its size checked, before any is parsed, and every side is
    checked against the comparison's limits before either is compared: a NEW too big is
    refused before an OLD is worked on."""
    texts = {path: read_text_output(path, diags) for path in paths if not path.is_dir()}
    if None in texts.values():
        return None
    read: list[Read] = []
    for path in paths:
        text = texts.get(path)
        if text is None:
            paper = read_folder(path, diags, language)
            build = None if paper is None else paper_build(paper, str(path), diags)
        else:
            paper = None
            build = parse_text(text, str(path), diags, labels=appendix_labels(path, language))
        if build is not None:
            read.append(Read(path, build, paper, text))
    return read if len(read) == len(paths) else None


def appendix_labels(path: Path, language: str | None) -> re.Pattern[str] | None:
    """The appendices' label lines of a text output, as its language's phrase table has them
    (`Appendix`, `Annex II`); None for a language that has none."""
    from gbpaper.phrases import load_phrases
    from gbpaper.text_output import text_language  # (which reads this module's patterns)

    phrases = load_phrases(text_language(path, language), Diagnostics(), Location(str(path)))
    return None if phrases is None else phrases.appendix_label_pattern()


def read_text_output(path: Path, diags: Diagnostics) -> str | None:
    return read_text(path, str(path), diags, MAX_TEXT_BYTES, max_lines=None)


def read_folder(folder: Path, diags: Diagnostics, language: str | None = None) -> model.Paper | None:
    """The paper in folder built in memory, in its original language (the one compared) unless
    `language` names another of its versions; its errors reported. NoSuchVersion for a language
    the paper is not issued in."""
    result = compile_paper(folder, translations=False)
    if result.paper is not None and language not in (None, result.paper.language):
        result = compile_paper(folder)
    diags.extend(d for d in result.diagnostics.items if d.severity == "error")
    if result.paper is None or result.diagnostics.has_errors:
        return None
    if language in (None, result.paper.language):
        return result.paper
    version = next((paper for paper in result.versions if paper.language == language), None)
    if version is None:
        offered = ", ".join(paper.language for paper in result.versions)
        raise NoSuchVersion(f"{folder} has no '{language}' version; its languages: {offered}")
    return version


def paper_build(paper: model.Paper, path: str, diags: Diagnostics) -> Build | None:
    """A compiled paper as the comparison reads it: its text output, its cross-references marked."""
    from gbpaper.render.text import render_text  # not for every command: it loads the templates

    text = render_text(_marked(paper)).decode("utf-8")
    return parse_text(text, path, diags, refs_marked=True)


def _marked(paper: model.Paper) -> model.Paper:
    """The paper with every cross-reference's value between REF_OPEN and REF_CLOSE, a table's
    number after REF_TABLE too and an appendix's numeral after REF_APPENDIX (their renumbering
    is the captions' and the labels', not the paragraphs'); each appendix's label after
    REF_APPENDIX."""

    tables = {block.label for block in paper.all_blocks if isinstance(block, model.Table) and block.label}
    appendices = {appendix.key for appendix in paper.appendices}

    def inlines(nodes: model.Inlines) -> model.Inlines:
        out: list[model.Inline] = []
        for node in nodes:
            if isinstance(node, model.CrossRef):
                kind = REF_TABLE if node.target in tables else REF_APPENDIX if node.target in appendices else ""
                node = replace(node, value=f"{REF_OPEN}{kind}{node.value.replace(' ', REF_SPACE)}{REF_CLOSE}")
            elif isinstance(node, model.Emphasis):
                node = replace(node, children=inlines(node.children))
            out.append(node)
        return tuple(out)

    summary = paper.summary and replace(
        paper.summary, purpose=inlines(paper.summary.purpose),
        fields=tuple(replace(field, content=inlines(field.content)) for field in paper.summary.fields))
    marked = tuple(replace(appendix, label=REF_APPENDIX + appendix.label,
                           blocks=tuple(model.map_inlines(b, inlines) for b in appendix.blocks))
                   for appendix in paper.appendices)
    return replace(paper, blocks=tuple(model.map_inlines(b, inlines) for b in paper.blocks),
                   closing=inlines(paper.closing), summary=summary, appendices=marked)


def parse_text(text: str, path: str, diags: Diagnostics, refs_marked: bool = False,
               labels: re.Pattern[str] | None = None) -> Build | None:
    """A text output in the format of the outputs' contract. Numbered blocks are paragraphs,
    with their trailing lines (items, sub-items, quotations: compared as part of the paragraph)
    and footnote lines; a block of `| ... |` rows (with a caption line above them) is a table,
    compared row by row; every other line (masthead, title lines, headings, captions, the
    closing lines, the appendices' labels and titles) counts as a heading. An appendix's label
    is a line after REF_APPENDIX (in a folder's build) or one that `labels` matches, with a
    block after it (as a text output is read back). Past MAX_ITEMS of these, MAX_WORDS words or
    MAX_DIFFERENT_WORDS different words, an error and no further reading."""
    past = _past_word_limits(text)
    if past is not None:  # read up to the line that passes it: an earlier one may pass MAX_ITEMS
        text = text[: text.rfind("\n", 0, past[0]) + 1]
    paragraphs: list[Item] = []
    footnotes: list[Item] = []
    headings: list[Item] = []
    rows: list[Item] = []
    owners: dict[int, Owner] = {}
    errors = len(diags.items)
    last = 0  # the last paragraph number, in the body or the appendix being read
    appendix = 0  # appendices found: a paragraph numbered 1 again, or one with no number
    section: int | None = None  # the last heading that is no table's caption: where paragraphs are
    count = 0

    def add(items: list[Item], item: Item, line: int) -> None:
        """item added to items, and counted: _TooMany at the line of the first past MAX_ITEMS."""
        nonlocal count
        count += 1
        if count > MAX_ITEMS:
            raise _TooMany(line)
        items.append(item)

    try:
        for (first, lines), more in _followed(text_blocks(text)):
            kind = block_kind(lines, last, bool(paragraphs), bool(headings))
            match = PARAGRAPH_RE.fullmatch(lines[0])
            number = int(match.group(1)) if match else None
            if kind == "paragraph":
                if number == 1 and paragraphs or number is None and not appendix:
                    appendix += 1
                if number is not None:
                    last = number
                words, notes = [match.group(2) if match else lines[0]], list[Item]()
                for offset, line in enumerate(lines[1:], start=1):
                    note = NOTE_RE.fullmatch(line)
                    if note:
                        add(notes, _item(_number(note.group(1)), note.group(2), refs_marked,
                                         place=None if appendix else number), first + offset)
                    elif PART_LINE_RE.match(line) and not notes:
                        words.append(line)
                    else:
                        diags.error(Location(path, first + offset), "a line of a paragraph must be a list "
                                    "item ('- item', '(a) item'), a quotation ('> text') or, after them, a "
                                    "footnote ('¹ text')")
                owners.update((item.number, ("paragraph", len(paragraphs))) for item in notes
                              if item.number not in owners)
                add(paragraphs, _item(number or 0, " ".join(words), refs_marked, place=section, appendix=appendix),
                    first)
                footnotes.extend(notes)
            elif kind == "table":
                start = 0 if ROW_RE.fullmatch(lines[0]) else 1
                if start:
                    add(headings, _item(first, lines[0], refs_marked, heading=True, caption=True), first)
                place = section  # its rows: in order under the same heading, a caption added or not
                first_row, first_note = len(rows), len(footnotes)
                for offset, line in enumerate(lines[start:], start=start):
                    if DELIMITER_ROW_RE.fullmatch(line):
                        continue
                    if ROW_RE.fullmatch(line):
                        add(rows, _item(len(rows) + 1, line, refs_marked, place=place), first + offset)
                    elif note := NOTE_RE.fullmatch(line):
                        add(footnotes, _item(_number(note.group(1)), note.group(2), refs_marked), first + offset)
                    else:
                        diags.error(Location(path, first + offset), "a line of a table must be a row "
                                    "('| cell | cell |') or, after the rows, a footnote ('¹ text')")
                if len(footnotes) > first_note:
                    caption = len(headings) - 1 if start else None
                    _own_table_notes(owners, footnotes[first_note:], headings, caption, rows, first_row)
            elif kind == "lines":
                label = len(lines) == 1 and (lines[0].startswith(REF_APPENDIX) or bool(
                    labels and more and labels.fullmatch(lines[0])))
                for offset, line in enumerate(lines):
                    add(headings, _item(first + offset, line, refs_marked, heading=True, label=label), first + offset)
                    section = len(headings) - 1
            else:
                expected = last + 1
                diags.error(Location(path, first), f"a block of several lines that is not paragraph "
                            f"{expected} (which would start '{expected}. ') or a table")
    except _TooMany as exc:
        diags.error(Location(path, exc.line), f"more than {MAX_ITEMS:,} paragraphs, footnotes, headings and table "
                    f"rows{COMPARED_AT_MOST}")
        return None
    if past is not None:
        diags.error(Location(path, text.count("\n") + 1), past[1] + COMPARED_AT_MOST)  # (text ends at it)
        return None
    if not paragraphs and len(diags.items) == errors:
        diags.error(Location(path), "no paragraph '1. ...': this is not a paper's text output")
    if len(diags.items) > errors:
        return None
    return Build(tuple(paragraphs), tuple(footnotes), tuple(headings), tuple(rows), owners)


def _own_table_notes(owners: dict[int, Owner], notes: Sequence[Item], headings: Sequence[Item], caption: int | None,
                     rows: Sequence[Item], first_row: int) -> None:
    """The notes of a table owned by its caption (at headings[caption]) or the first of its rows
    (from rows[first_row]) that holds their marks."""
    marked: dict[int, Owner] = {}
    holders: list[Owner] = [("heading", caption)] if caption is not None else []
    holders += [("row", r) for r in range(first_row, len(rows))]
    for kind, index in holders:
        text = (headings if kind == "heading" else rows)[index].text
        if _MARKERS.search(text):
            for number in _note_marks(text):
                marked.setdefault(number, (kind, index))
    for note in notes:
        if note.number in marked:
            owners.setdefault(note.number, marked[note.number])


def _past_word_limits(text: str) -> tuple[int, str] | None:
    """Where text first holds more words than MAX_WORDS, or more different words than
    MAX_DIFFERENT_WORDS: the offset of the word that passes one, and what it passes; None when
    it passes neither."""
    words = 0
    different: set[str] = set()
    offset = 0
    for piece in _pieces(text):
        split = _words(piece)
        fresh = set(split)
        fresh -= different
        if words + len(split) <= MAX_WORDS and len(different) + len(fresh) <= MAX_DIFFERENT_WORDS:
            words += len(split)
            different |= fresh
            offset += len(piece)
            continue
        for word in _WORD.finditer(piece):  # the piece that passes a limit, a word at a time
            words += 1
            different.add(word.group())
            passed = (f"more than {MAX_WORDS:,} words" if words > MAX_WORDS else
                      f"more than {MAX_DIFFERENT_WORDS:,} different words" if len(different) > MAX_DIFFERENT_WORDS
                      else None)
            if passed:
                return offset + word.start(), passed
    return None


def _pieces(text: str) -> Iterator[str]:
    """text in pieces of WORDS_SLICE characters or so, cut between words (a paragraph may be
    megabytes long)."""
    start = 0
    while len(text) - start > WORDS_SLICE:
        space = _WHITESPACE.search(text, start + WORDS_SLICE)
        if space is None:
            break
        yield text[start : space.start()]
        start = space.start()
    yield text[start:]


class _TooMany(Exception):
    """A text output read past MAX_ITEMS, at a line."""

    def __init__(self, line: int) -> None:
        self.line = line


BlockKind = Literal["paragraph", "table", "lines"]


def block_kind(lines: list[str], last: int, paragraphs: bool, headings: bool) -> BlockKind | None:
    """What a block of a text output is, after the paragraph numbered `last` (and after some
    paragraph and some heading or not): a paragraph, numbered as the next one (or 1 again, an
    appendix's first) or unnumbered with lines of items, quotation or footnotes under it; a
    table; lines that are each a heading (one line, or lines before the first paragraph: the
    masthead, the summary box's fields); None for a block that is none of these."""
    match = PARAGRAPH_RE.fullmatch(lines[0])
    number = int(match.group(1)) if match else None
    unnumbered = number is None and headings and len(lines) > 1 and all(
        PART_LINE_RE.match(line) or NOTE_RE.fullmatch(line) for line in lines[1:])
    if (number is not None and (number == last + 1 or number == 1 and paragraphs)) or unnumbered:
        return "paragraph"
    if _is_table(lines):
        return "table"
    if len(lines) == 1 or not paragraphs:
        return "lines"
    return None


def _is_table(lines: list[str]) -> bool:
    """Whether a block is a table: its rows, with a caption line above them or not."""
    start = 0 if ROW_RE.fullmatch(lines[0]) else 1
    return len(lines) > start + 1 and bool(ROW_RE.fullmatch(lines[start])) and bool(
        DELIMITER_ROW_RE.fullmatch(lines[start + 1]))


T = TypeVar("T")


def _followed(items: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item, and whether another follows it."""
    waiting: list[T] = []
    for item in items:
        if waiting:
            yield waiting.pop(), True
        waiting.append(item)
    if waiting:
        yield waiting.pop(), False


def text_blocks(text: str) -> Iterable[tuple[int, list[str]]]:
    """The blocks of text (runs of non-blank lines), each with the number of its first line."""
    block: list[str] = []
    start = 1
    for number, line in enumerate(_lines(text), start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line.rstrip())
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _lines(text: str) -> Iterator[str]:
    """The lines of text one by one (a list of them all would hold a second copy of the text)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _number(superscript: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in superscript))


def _item(number: int, text: str, refs_marked: bool, place: int | None = None,
          heading: bool = False, caption: bool = False, appendix: int = 0, label: bool = False) -> Item:
    """An item of a build; a heading's numeral (`I. `, `A. `), a table caption's number
    (`Table 2. `) and an appendix label's numeral (`Appendix II`) are kept apart from the words
    compared, the number as REF_TABLE and it and the label's numeral as REF_APPENDIX and it, for
    they renumber cross-references to tables and appendices alone."""
    numeral = None
    words = text
    if label:
        words, rest = label_parts(text.removeprefix(REF_APPENDIX))
        numeral = REF_APPENDIX + rest.lstrip()  # (REF_APPENDIX alone: a paper's single appendix)
    elif heading:
        start = compared_start(text, caption)
        table = caption and CAPTION_NUMBER_RE.match(text)
        if table:
            numeral = REF_TABLE + table.group(1)
        elif start:
            numeral = text[:start - 2]
        words = text[start:]
    split = _split(words)
    # The words as compared: the words themselves (no copy) unless some hold a footnote marker
    # or a cross-reference's mark.
    key = tuple([_token(word, refs_marked).key for word in split]) if _KEYED.search(words) else split
    shown = " ".join(split if words is text else _words(text))
    if _REF_MARKS.search(shown):
        shown = _unmarked(shown)
    return Item(number, shown, Tokens(split, key, refs_marked), key, place, numeral, appendix)


def _split(text: str) -> tuple[str, ...]:
    """The words of text, one string for each word met again, split a piece at a time (a list of
    the words of a paragraph of megabytes would hold each twice)."""
    return tuple(chain.from_iterable(map(sys.intern, _words(piece)) for piece in _pieces(text)))


def _words(text: str) -> list[str]:
    """The words of text, between the white space of SPACES (str.split() where it splits at no
    other: it is the faster)."""
    return text.split() if _OTHER_SPACE.search(text) is None else _WORD.findall(text)


def label_parts(label: str) -> tuple[str, str]:
    """An appendix's label as its words and its numeral with the space before it, which the
    comparison leaves out: ('Appendix', ' II'); ('Appendix', '') for a paper's single appendix."""
    match = LABEL_RE.fullmatch(label)
    assert match is not None, "a label has words"
    return match.group(1), match.group(2) or ""


def compared_start(line: str, caption: bool = False) -> int:
    """Where the words compared of a heading's line begin: after a table caption's number
    (`Table 2. `), or after a heading's Roman numeral or letter (`I. `); 0 when it has neither."""
    match = (caption and CAPTION_NUMBER_RE.match(line)) or NUMERAL_RE.match(line)
    return match.end() if match else 0


def _unmarked(word: str) -> str:
    return (word.replace(REF_OPEN, "").replace(REF_CLOSE, "").replace(REF_SPACE, " ").replace(REF_TABLE, "")
            .replace(REF_APPENDIX, ""))


@lru_cache(maxsize=1 << 16)  # one Token for a word met again: memory grows with the vocabulary
def _token(word: str, refs_marked: bool) -> Token:
    key = _MARKERS.sub(MARKER, word)
    match = (_MARKED_REF if refs_marked else _PLAIN_REF).fullmatch(key)
    if not _REF_MARKS.search(word):  # (most words: nothing to unmark)
        return Token(word, key, (match.group(1), match.group(2), match.group(3)) if match else None)
    # The value keeps REF_TABLE or REF_APPENDIX, which _renumber looks up; what is shown and
    # compared does not.
    ref = ((_unmarked(match.group(1)), match.group(2).replace(REF_SPACE, " "), _unmarked(match.group(3)))
           if match else None)
    return Token(_unmarked(word), _unmarked(key), ref)


# Comparing ---------------------------------------------------------------------------------


@dataclass
class _Pairing:
    """Which old item is which new one: aligned in order, found alike nearby, or moved."""

    pairs: dict[int, int] = field(default_factory=dict)  # old index -> new index
    moved: set[int] = field(default_factory=set)  # old indexes found out of order
    anchors: dict[int, int] = field(default_factory=dict)  # an unpaired old index -> new index after it


@dataclass(frozen=True)
class Matching:
    """How two builds correspond, kind by kind: which old item is which new one (old index ->
    new index), which of those pairs stayed in place (the others moved), before which new item
    each unpaired old one stood, and what renumbering made of old paragraph numbers and
    section numerals."""

    pairs: Mapping[Kind, Mapping[int, int]]
    stayed: Mapping[Kind, frozenset[int]]  # old indexes
    anchors: Mapping[Kind, Mapping[int, int]]
    renumbered: Mapping[str, str]


def match(old: Build, new: Build) -> Matching:
    """Pair the items of old and new, kind by kind, and tell which pairs stayed in place."""
    pairing = {kind: _pair(old.items(kind), new.items(kind), kind == "heading", _pairing_work(old, new, kind))
               for kind in KINDS}
    _pair_labels_with_their_titles(old.headings, new.headings, pairing["heading"])
    headings = pairing["heading"].pairs
    paragraphs = {old.paragraphs[i].number: new.paragraphs[j].number
                  for i, j in pairing["paragraph"].pairs.items()
                  if not old.paragraphs[i].appendix and not new.paragraphs[j].appendix}
    numerals = {a: b for a, b in ((old.headings[i].numeral, new.headings[j].numeral) for i, j in headings.items())
                if a and b}
    renumbered = {str(a): str(b) for a, b in paragraphs.items()} | numerals
    _pair_notes_by_their_marks(old, new, pairing, renumbered)
    # Whether an item stayed in place: a paragraph in order and in the same section; a footnote
    # with the same paragraph wherever that went or, in a table or an appendix, in order; a
    # heading in order; a table row in order and under the same heading.
    # A heading removed or inserted moves nothing: the paragraphs under it are under the heading
    # before it that both sides have.
    old_under = _under_paired(len(old.headings), headings.keys(), lambda k: headings[k])
    new_under = _under_paired(len(new.headings), set(headings.values()), lambda k: k)

    def same_heading(a: Item, b: Item) -> bool:
        return (None if a.place is None else old_under[a.place]) == (None if b.place is None else new_under[b.place])

    stays: dict[Kind, Callable[[Item, Item, bool], bool]] = {
        "paragraph": lambda a, b, in_order: in_order and same_heading(a, b),
        "row": lambda a, b, in_order: in_order and same_heading(a, b),
        "footnote": lambda a, b, in_order: (paragraphs[a.place] == b.place if a.place in paragraphs
                                            else in_order),
        "heading": lambda a, b, in_order: in_order,
    }
    stayed = {kind: _stayed(pairing[kind], old.items(kind), new.items(kind), stays[kind]) for kind in KINDS}
    return Matching({kind: pairing[kind].pairs for kind in KINDS}, stayed,
                    {kind: pairing[kind].anchors for kind in KINDS}, renumbered)


def _pairing_work(old: Build, new: Build, kind: Kind) -> _Work:
    """The work that pairing the items of a kind may spend: its share of PAIR_STEPS, as many
    steps for each of its items as for any other's."""
    items = sum(len(build.items(k)) for build in (old, new) for k in KINDS)
    return _Work(MATCH_FLOOR, PAIR_STEPS * (len(old.items(kind)) + len(new.items(kind))) // max(items, 1))


def _pair_labels_with_their_titles(olds: Sequence[Item], news: Sequence[Item], pairing: _Pairing) -> None:
    """Each appendix's label paired with the label of the appendix that its title is paired
    with: labels alike (`Appendix`, their numerals aside) are told apart by what they open, so
    that an appendix inserted before others is inserted with its own label."""
    pairs = pairing.pairs
    partners = {j: i for i, j in pairs.items()}  # each NEW heading's OLD one (pairs go one to one)
    for i in range(len(olds) - 1):
        j = pairs.get(i + 1, 0) - 1  # the NEW heading before the one that OLD's title is paired with
        if j < 0 or not (_is_label(olds[i]) and _is_label(news[j])) or pairs.get(i) == j:
            continue
        other = partners.pop(j, None)
        if other is not None:
            del pairs[other]
            pairing.anchors[other] = j
        if i in pairs:
            del partners[pairs[i]]
        pairs[i] = j
        partners[j] = i
        pairing.anchors.pop(i, None)
        pairing.moved.discard(i)


def _is_label(item: Item) -> bool:
    return item.numeral is not None and item.numeral.startswith(REF_APPENDIX)


def _under_paired(count: int, paired: Collection[int], new_index: Callable[[int], int]) -> list[int | None]:
    """For each of count headings, the NEW index of the nearest heading up to it that both sides
    have (None when there is none)."""
    found: list[int | None] = []
    for k in range(count):
        found.append(new_index(k) if k in paired else found[-1] if found else None)
    return found


def _stayed(pairing: _Pairing, olds: Sequence[Item], news: Sequence[Item],
            stays: Callable[[Item, Item, bool], bool]) -> frozenset[int]:
    """The old indexes of the pairs that stayed in place."""
    moved = pairing.moved
    return frozenset(i for i, j in pairing.pairs.items() if stays(olds[i], news[j], i not in moved))


MARKED: tuple[Kind, ...] = ("paragraph", "row", "heading")  # the kinds of items that hold notes' marks


def _pair_notes_by_their_marks(old: Build, new: Build, pairing: Mapping[Kind, _Pairing],
                               renumbered: Mapping[str, str]) -> None:
    """Notes follow their marks, as the redline has them. A note whose mark stays (in a word
    that stayed, or among the marks that end the last words changed in a run, as many on each
    side: `2006.³,⁴`) is the note at that mark on the other side, changed if its text changed.
    Notes paired by their texts stay paired otherwise, but for those whose marks are in a
    paragraph, row or heading removed or inserted, which go or come with it, and those whose
    marks are in words changed within one paragraph (or row or heading), which go and come with
    those words (unless they end them, as many as their texts pair)."""
    notes = pairing["footnote"]
    old_at = {item.number: i for i, item in reversed(list(enumerate(old.footnotes)))}
    new_at = {item.number: j for j, item in reversed(list(enumerate(new.footnotes)))}
    by_marks: dict[int, int] = {}  # old note -> new note, at marks that stay
    # At marks that end changed words, unlike in number on the two sides: for each old and each
    # new note there, the runs of changed words (numbered) whose last word its mark ends; an old
    # and a new note that end one run stand at those marks together.
    ending: tuple[dict[int, set[int]], dict[int, set[int]]] = {}, {}
    ended = 0
    work = _Work(WORD_STEPS, WORD_STEPS)  # for aligning the words of the items that hold marks
    for kind in MARKED:
        olds, news = old.items(kind), new.items(kind)
        for i, j in pairing[kind].pairs.items():
            if _MARKERS.search(olds[i].text) is None and _MARKERS.search(news[j].text) is None:
                continue  # no note at all: the common case, found at once
            owned = _marks_owned(old.owners, (kind, i)), _marks_owned(new.owners, (kind, j))
            for old_marks, new_marks in _marks_that_stay(olds[i], news[j], owned, renumbered, work):
                if len(old_marks) == len(new_marks):
                    by_marks.update((old_at[o], new_at[n]) for o, n in zip(old_marks, new_marks))
                else:
                    ended += 1
                    for number in old_marks:
                        ending[0].setdefault(old_at[number], set()).add(ended)
                    for number in new_marks:
                        ending[1].setdefault(new_at[number], set()).add(ended)
    paired_new = {kind: set(pairing[kind].pairs.values()) for kind in MARKED}
    taken = set(by_marks.values())
    by_text = {}
    for i, j in notes.pairs.items():
        if i in by_marks or j in taken:
            continue
        old_owner, new_owner = old.owners.get(old.footnotes[i].number), new.owners.get(new.footnotes[j].number)
        if old_owner and old_owner[1] not in pairing[old_owner[0]].pairs:
            continue  # removed with its paragraph
        if new_owner and new_owner[1] not in paired_new[new_owner[0]]:
            continue  # inserted with its paragraph
        if (old_owner and new_owner and old_owner[0] == new_owner[0]
                and pairing[old_owner[0]].pairs[old_owner[1]] == new_owner[1]
                and ending[0].get(i, set()).isdisjoint(ending[1].get(j, ()))):
            continue  # deleted and inserted with the words changed around its mark
        by_text[i] = j
    notes.pairs = by_text | by_marks
    notes.moved -= by_marks.keys()
    _anchor_unpaired(notes, len(old.footnotes))


def _marks_owned(owners: Mapping[int, Owner], item: Owner) -> Callable[[str], list[int]]:
    """The numbers of the marks in a word that are of the item's notes (not a superscript of
    its text: `m²`)."""
    return lambda word: [number for number in _note_marks(word) if owners.get(number) == item]


def _marks_that_stay(old: Item, new: Item, owned: tuple[Callable[[str], list[int]], ...],
                     renumbered: Mapping[str, str], work: _Work) -> Iterator[tuple[list[int], list[int]]]:
    """The marks of an old and a new word that stay, as their numbers: those of each word that
    stayed, where both have as many, and those that end the last old and the last new word of
    each run of words changed, followed by the same characters on both sides (`2006.³,⁴).`).
    The words are aligned within work (see _matching_blocks)."""
    a, b = old.tokens, new.tokens
    if old.key == new.key:
        runs: Iterable[WordRun] = (WordRun(True, range(len(a)), range(len(b))),)
    else:
        runs = word_runs(a, b, renumbered, work)
    for run in runs:
        if run.same:
            for k, l in zip(run.old, run.new):
                if MARKER in a.keys[k]:
                    marks = owned[0](a[k].shown), owned[1](b[l].shown)
                    if len(marks[0]) == len(marks[1]):
                        yield marks
        elif run.old and run.new:
            ends = _end_marks(a[run.old.stop - 1].shown), _end_marks(b[run.new.stop - 1].shown)
            if ends[0] and ends[1] and ends[0][1] == ends[1][1]:
                yield owned[0](ends[0][0]), owned[1](ends[1][0])


def _end_marks(word: str) -> tuple[str, str] | None:
    """The marks that end a word, with the commas between them, and what follows them: ('³,⁴',
    ').') for `2006³,⁴).`; None for a word without a mark."""
    match = _END_MARKS.match(word[::-1])
    return None if match is None else (match.group(2)[::-1], match.group(1)[::-1])


def _anchor_unpaired(pairing: _Pairing, count: int) -> None:
    """Each of count old items unpaired that has no place yet placed after the new item of the
    last old one before it that stayed paired in order."""
    after = 0
    for i in range(count):
        if i in pairing.pairs:
            if i not in pairing.moved:
                after = pairing.pairs[i] + 1
        else:
            pairing.anchors.setdefault(i, after)


def _note_marks(word: str) -> list[int]:
    """The numbers of the footnote marks in a word, in order."""
    return [_number(group) for group in _MARKERS.findall(word)]


def compare(old: Build, new: Build, matching: Matching | None = None) -> Comparison:
    """Every change from old to new: paragraphs, footnotes, headings and table rows, each in
    the new order (`matching`: the builds' items paired already)."""
    matching = matching or match(old, new)
    describe: dict[Kind, Callable[[Build, Item], str | int | None]] = {
        "paragraph": _section,
        "footnote": lambda build, item: item.place,
        "heading": lambda build, item: None,
        "row": _section,
    }
    result = Comparison()
    work = word_budget(old, new)
    for kind in KINDS:
        result.changes.extend(_changes(kind, old, new, matching, describe[kind], work))
    return result


def changed(old: Build, new: Build, matching: Matching) -> bool:
    """Whether compare() lists any change, found without listing them: the first ends the
    search. (Items are looked at, and the steps of showing words spent, as compare() does.)"""
    work = word_budget(old, new)
    for kind in KINDS:
        pairs, stayed = matching.pairs[kind], matching.stayed[kind]
        if len(pairs) < len(old.items(kind)) or len(pairs) < len(new.items(kind)):
            return True  # an item removed or inserted
        for i, j in pairs.items():
            a, b = old.items(kind)[i], new.items(kind)[j]
            if i not in stayed or (a.key != b.key and _word_changes(
                    a.tokens, b.tokens, paid_word_runs(a.tokens, b.tokens, matching.renumbered, work))):
                return True
    return False


def _section(build: Build, item: Item) -> str | None:
    """The heading a paragraph falls under, or the caption (or heading) over a table row, as
    printed."""
    return None if item.place is None else build.headings[item.place].text


def _changes(kind: Kind, old: Build, new: Build, matching: Matching,
             describe: Callable[[Build, Item], str | int | None], work: _Work) -> list[Change]:
    """The changes of one kind, sorted by place in the new build (a removed item where it was)."""
    olds, news = old.items(kind), new.items(kind)
    pairs = matching.pairs[kind]
    found: list[tuple[tuple[int, ...], Change]] = []
    for i, j in pairs.items():
        a, b = olds[i], news[j]
        words = () if a.key == b.key else _word_changes(
            a.tokens, b.tokens, paid_word_runs(a.tokens, b.tokens, matching.renumbered, work))
        stayed = i in matching.stayed[kind]
        if stayed and not words:
            continue
        found.append(((j, 1), Change(kind, "changed" if stayed else "moved", a.number, b.number, b.text,
                                     describe(new, b), None if stayed else describe(old, a), words)))
    for i, a in enumerate(olds):
        if i not in pairs:
            found.append(((matching.anchors[kind][i], 0, i),
                          Change(kind, "removed", a.number, None, a.text, describe(old, a))))
    paired = set(pairs.values())
    for j, b in enumerate(news):
        if j not in paired:
            found.append(((j, 1), Change(kind, "inserted", None, b.number, b.text, describe(new, b))))
    return [change for _, change in sorted(found, key=lambda f: f[0])]


def _pair(olds: Sequence[Item], news: Sequence[Item], by_place: bool, work: _Work) -> _Pairing:
    """Items aligned in order by content; in what does not align, the alike paired as changed
    (and with by_place, for headings, as many old as new in one place paired in order, however
    unlike: a section renamed); of the rest, those alike elsewhere paired as moved. Finding the
    alike spends work."""
    pairing = _Pairing()
    removed: list[int] = []
    inserted: list[int] = []
    ids: dict[tuple[str, ...], int] = {}  # equal keys as equal numbers, which compare at once
    keys = [[ids.setdefault(item.key, len(ids)) for item in items] for items in (olds, news)]
    for tag, i1, i2, j1, j2 in _opcodes(keys[0], keys[1]):
        if tag == "equal":
            pairing.pairs.update(zip(range(i1, i2), range(j1, j2)))
            continue
        if by_place and i2 - i1 == j2 - j1:
            alike = dict(zip(range(i1, i2), range(j1, j2)))
        else:
            alike = _best_pairs(olds, range(i1, i2), news, range(j1, j2), SIMILAR, True, work)
        pairing.pairs.update(alike)
        paired = set(alike.values())
        removed += [i for i in range(i1, i2) if i not in alike]
        inserted += [j for j in range(j1, j2) if j not in paired]
        pairing.anchors.update((i, j1) for i in range(i1, i2))
    pairing.pairs.update(_best_pairs(olds, removed, news, inserted, MOVED, False, work))
    _uncross_copies(pairing, keys[0])
    # Pairs that cross (blocks swapped, rotated, found alike elsewhere) did not all stay: those
    # out of the longest run in order moved.
    stayed = _stayers(sorted(pairing.pairs.items()))
    pairing.moved.update(i for i in pairing.pairs if i not in stayed)
    return pairing


def _uncross_copies(pairing: _Pairing, keys: Sequence[int]) -> None:
    """Old items that are copies of each other (the same words) paired in order: which copy
    was which is the alignment's arbitrary choice, and one choice can leave every copy in its
    place where another shows them moved (six identical paragraphs of which three were edited:
    the alignment keeps the unedited in order, and the edited are found elsewhere)."""
    copies: dict[int, list[int]] = {}
    for i in pairing.pairs:
        copies.setdefault(keys[i], []).append(i)
    for group in copies.values():
        if len(group) > 1:
            group.sort()
            partners = sorted(pairing.pairs[i] for i in group)
            pairing.pairs.update(zip(group, partners))


def _stayers(pairs: Sequence[tuple[int, int]]) -> set[int]:
    """The old indexes of the pairs (i, j), given in the order of i, that stay: the longest run
    whose j grow too, and of runs as long, the one whose items are nearest their places (sections
    reversed: the middle one stays, not the first, which would show the middle one moved to
    where it was)."""
    run = _longest_run(pairs)
    if len(run) == len(pairs):  # the common case: nothing crosses
        return {i for i, _ in run}
    # For each pair, the best run that ends with it: (length, -distance from places, pair),
    # found over the pairs of smaller j with a Fenwick tree of prefix maxima over j.
    size = max(j for _, j in pairs) + 1
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)
    before: list[int] = []
    best = (0, 0, -1)
    for n, (i, j) in enumerate(pairs):
        found, k = (0, 0, -1), j
        while k > 0:
            found = max(found, tree[k])
            k -= k & -k
        before.append(found[2])
        ending = (found[0] + 1, found[1] - abs(i - j), n)
        best = max(best, ending)
        k = j + 1
        while k <= size:
            tree[k] = max(tree[k], ending)
            k += k & -k
    stayed = set()
    n = best[2]
    while n >= 0:
        stayed.add(pairs[n][0])
        n = before[n]
    return stayed


def _best_pairs(olds: Sequence[Item], old_indexes: Sequence[int], news: Sequence[Item],
                new_indexes: Sequence[int], threshold: float, split: bool, work: _Work) -> dict[int, int]:
    """Old and new items paired, the most alike first, each at most once; between equally alike
    pairs (the halves of a split paragraph), the one at the same place in the run goes first.

    Items alike to the word are paired first, in order. Of the rest, every old item is held
    against the new ones while they are few (those up to as many places from it as there are
    new ones); past PAIR_BUDGET pairs (a paper reordered or edited throughout), only against
    those within WINDOW places of it, so that the time grows with the paper, not with its
    square: nearest first, each against the one at its place, then those one place away, and so
    on, and two items found MOVED alike are held against no others. Each comparison spends
    work: steps of alignment (MATCH_FLOOR for the pairs of this call, and PAIR_WORK more for
    each word compared: see _likeness), and steps of the total that every pairing of the kind
    shares, past which no comparison is made. An item of more than LONGEST_COMPARED words is
    held against none."""
    pairs: dict[int, int] = {}
    waiting: dict[tuple, list[int]] = {}  # the new items of each key, the last first
    for j in reversed(new_indexes):
        waiting.setdefault(news[j].key, []).append(j)
    rest_old = []
    for i in old_indexes:
        same = waiting.get(olds[i].key)
        if same:
            pairs[i] = same.pop()
        else:
            rest_old.append(i)
    taken = set(pairs.values())
    rest_new = [j for j in new_indexes if j not in taken]
    few = len(rest_old) * len(rest_new) <= PAIR_BUDGET
    work.left = MATCH_FLOOR  # this pairing's own steps of alignment (its total is the kind's)
    scored = []
    settled: tuple[set[int], set[int]] = set(), set()  # places of items found at least MOVED alike
    for x, y in _nearest_first(len(rest_old), len(rest_new), len(rest_new) if few else WINDOW, settled):
        i, j = rest_old[x], rest_new[y]
        a, b = olds[i].key, news[j].key
        if len(a) > LONGEST_COMPARED or len(b) > LONGEST_COMPARED:
            continue
        work.total -= COMPARISON_STEPS + len(a) + len(b)
        if work.total < 0:
            break
        score = _likeness(a, b, threshold, split, work)
        if score >= threshold:
            scored.append((-score, abs(x - y), i, j))
        if score >= MOVED and not few:
            settled[0].add(x)
            settled[1].add(y)
    for _, _, i, j in sorted(scored):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _nearest_first(olds: int, news: int, window: int, settled: tuple[set[int], set[int]]
                   ) -> Iterator[tuple[int, int]]:
    """The places (x, y) of the old and new items to compare, those up to window places apart:
    every item with the one at its own place first, then with those one place away, and so on;
    none whose old or new place is settled (as the comparisons go)."""
    left = list(range(olds))
    for distance in range(window + 1):
        left = [x for x in left if x not in settled[0]]
        for x in left:
            for y in (x - distance, x + distance) if distance else (x,):
                if 0 <= y < news and x not in settled[0] and y not in settled[1]:
                    yield x, y


def _likeness(a: Sequence[str], b: Sequence[str], threshold: float, split: bool, work: _Work) -> float:
    """How alike two word sequences are: difflib's ratio or, when split is allowed, CONTAINED if
    the longer holds nearly all of the shorter (of 8 words or more), as a paragraph split in two
    holds each half. Each comparison adds PAIR_WORK steps for each word to the work of the
    pairing; while that is spent, none is found alike."""
    if not a or not b:
        return 0.0
    shorter = min(len(a), len(b))
    common = _common_words(a, b)
    may_split = split and shorter >= 8 and common >= CONTAINED * shorter
    if 2 * common / (len(a) + len(b)) < threshold and not may_split:
        return 0.0
    work.left += PAIR_WORK * (len(a) + len(b))
    if work.left <= 0:
        return 0.0
    matched = sum(size for _, _, size in _matching_blocks(a, b, work))
    ratio = 2 * matched / (len(a) + len(b))
    if may_split and matched >= CONTAINED * shorter:
        return max(ratio, CONTAINED)
    return ratio


def _common_words(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words a and b have in common, each as often as both have it: an upper bound of
    the words in order in common, cheap enough to skip most pairs with."""
    shared = set(a).intersection(b)
    if len(shared) == min(len(a), len(b)):  # (all the shorter's words, each once: most short items)
        return len(shared)
    count_a, count_b = Counter(a), Counter(b)
    return sum(min(count_a[word], count_b[word]) for word in shared)


class WordRun(NamedTuple):
    """Words alike on both sides (`same`: equal, or cross-references only renumbered), or
    changed: old[old.start:old.stop] became new[new.start:new.stop]. (A named tuple: a redline
    keeps those of every changed item.)"""

    same: bool
    old: range
    new: range


def word_runs(a: Tokens, b: Tokens, renumbered: Mapping[str, str], work: _Work | None = None
              ) -> tuple[WordRun, ...]:
    """How a's words became b's, in runs alike and changed that alternate (aligned within work:
    see _matching_blocks)."""
    runs: list[WordRun] = []

    def add(same: bool, i1: int, i2: int, j1: int, j2: int) -> None:
        if runs and runs[-1].same == same:
            last = runs.pop()
            i1, j1 = last.old.start, last.new.start
        runs.append(WordRun(same, range(i1, i2), range(j1, j2)))

    for tag, i1, i2, j1, j2 in _opcodes(a.keys, b.keys, work):
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                add(_renumbered(a[i1 + k], b[j1 + k], renumbered), i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
        else:
            add(tag == "equal", i1, i2, j1, j2)
    return tuple(runs)


def word_budget(old: Build, new: Build) -> _Work:
    """The steps that showing the words of every changed item of a comparison of old and new may
    take (its report's, or its redline's)."""
    items = [len(item.tokens) for build in (old, new) for kind in KINDS for item in build.items(kind)]
    steps = max(WORD_STEPS, ALIGNMENT_STEPS * len(items) + (WORD_COST + WORD_STEPS_PER_WORD) * sum(items))
    return _Work(steps, steps)


def more_than_renumbered(a: Tokens, b: Tokens) -> bool:
    """Whether a word that is not a cross-reference is on one side and not the other: then
    more changed than renumbering changes, however the words align (found without aligning
    them)."""
    differing = set(a.keys).symmetric_difference(b.keys)
    return bool(differing) and any(key in differing and _token(word, tokens.refs_marked).ref is None
                                   for tokens in (a, b) for word, key in zip(tokens.words, tokens.keys))


def replaced_whole(a: Tokens, b: Tokens) -> tuple[WordRun, ...]:
    """The runs of words of an item shown replaced whole: all of a became all of b."""
    return (WordRun(False, range(len(a)), range(len(b))),)


def paid_word_runs(a: Tokens, b: Tokens, renumbered: Mapping[str, str], work: _Work) -> tuple[WordRun, ...]:
    """word_runs(), its steps spent from work (see word_budget); when work cannot pay for
    them, the whole of a replaced by the whole of b, in one run. Words alike cost nothing (a
    table's cells that stay)."""
    if a.keys == b.keys:
        return (WordRun(True, range(len(a)), range(len(b))),) if a.keys else ()
    cost = ALIGNMENT_STEPS + WORD_COST * (len(a) + len(b))
    if work.total < cost:
        return replaced_whole(a, b)
    work.total -= cost
    return word_runs(a, b, renumbered, work)


def _word_changes(a: Tokens, b: Tokens, runs: tuple[WordRun, ...]) -> Words:
    """The changed words from a to b, as runs say they correspond, between a little context; ()
    when only numbers moved."""
    if all(run.same for run in runs):
        return ()
    words: list[str | tuple[str, str]] = []
    last = len(runs) - 1
    for n, run in enumerate(runs):
        if not run.same:
            words.append((a[run.old.start:run.old.stop].shown(), b[run.new.start:run.new.stop].shown()))
            continue
        start, stop = run.new.start, run.new.stop
        head = CONTEXT if n > 0 else 0
        tail = CONTEXT if n < last else 0
        if head + tail >= stop - start:
            words.append(b[start:stop].shown())
        else:
            words.extend(part for part in (b[start:start + head].shown(), GAP, b[stop - tail:stop].shown()) if part)
    return tuple(words)


def _renumbered(a: Token, b: Token, renumbered: Mapping[str, str]) -> bool:
    """Whether b is a's cross-reference with the value renumbering gave it."""
    if a.ref is None or b.ref is None:
        return False
    (before_a, value_a, after_a), (before_b, value_b, after_b) = a.ref, b.ref
    return before_a == before_b and after_a == after_b and _renumber(value_a, renumbered) == value_b


def _renumber(value: str, renumbered: Mapping[str, str]) -> str | None:
    """What renumbering made of a cross-reference's value: a paragraph's number or a section's
    numeral, or an item's paragraph number with its letters after it (`19(b)`)."""
    if value in renumbered:
        return renumbered[value]
    item = _ITEM_REF.fullmatch(value)
    if item and item.group(1) in renumbered:
        return renumbered[item.group(1)] + item.group(2)
    return None


# Aligning ----------------------------------------------------------------------------------
#
# difflib's SequenceMatcher aligns two sequences well, but its search for the longest block in
# common looks at every pair of equal elements: on repetitive input (a paragraph repeated
# thousands of times, a paragraph of two words), the square of its length. So it runs within a
# budget of steps that grows with the length alone; past it, the sequences are aligned on what
# they share at both ends and on the elements that occur once on each side, and what lies
# between is aligned again within its own budget, or by Myers' algorithm while it needs few
# edits, or left as replaced.


class _TooMuchWork(Exception):
    pass


@dataclass
class _Work:
    """Steps of alignment left to spend, shared by the comparisons of a pairing, by the changed
    items or by the items that hold notes' marks; and `total`, the steps of any kind left to
    them all (see PAIR_STEPS), past which no more is aligned."""

    left: int
    total: int


class _BoundedMatcher(SequenceMatcher):
    """difflib's matcher, which gives up past `budget` steps of its search (a step for each
    element of a and each place in b where that element occurs); `steps` counts those of a
    search over a[:i]."""

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable], budget: int, steps: list[int]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self.budget, self.steps = budget, steps

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0,
                           bhi: int | None = None) -> Match:
        self.budget -= self.steps[len(self.steps) - 1 if ahi is None else ahi] - self.steps[alo]
        if self.budget < 0:
            raise _TooMuchWork
        return super().find_longest_match(alo, ahi, blo, bhi)


def _difflib_blocks(a: Sequence[Hashable], b: Sequence[Hashable], budget: int) -> tuple[list[Block], int] | None:
    """difflib's get_matching_blocks() (without its last, empty block) and the steps its search
    took; None if it would take more than budget."""
    places = Counter(b)
    if len(a) + sum(n * places[x] for x, n in Counter(a).items()) > budget:  # (its first search alone)
        return None
    steps = list(accumulate((1 + places[x] for x in a), initial=0))
    matcher = _BoundedMatcher(a, b, budget, steps)
    try:
        blocks = [(m.a, m.b, m.size) for m in matcher.get_matching_blocks()[:-1]]
    except _TooMuchWork:
        return None
    return blocks, budget - matcher.budget


Block = tuple[int, int, int]  # a[i:i+size] == b[j:j+size], as (i, j, size)


def _opcodes(a: Sequence[Hashable], b: Sequence[Hashable], work: _Work | None = None
             ) -> list[tuple[str, int, int, int, int]]:
    """How to turn a into b, as difflib's get_opcodes() says it (its steps spent from work)."""
    codes = []
    i = j = 0
    for ai, bj, size in _matching_blocks(a, b, work) + [(len(a), len(b), 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            codes.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            codes.append(("equal", ai, i, bj, j))
    return codes


def _matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable], work: _Work | None = None) -> list[Block]:
    """The blocks a and b have in common, in order: _aligned_blocks() while work can pay for
    them; else those a and b share at both ends, and between them _aligned_blocks() of the rest,
    or none (the rest of a taken as replaced by the rest of b whole)."""
    blocks = _aligned_blocks(a, b, work)
    if blocks is not None:
        return blocks
    head, tail = _common_ends(a, b)
    inner = _aligned_blocks(a[head : len(a) - tail], b[head : len(b) - tail], work) or []
    blocks = [(0, 0, head), *[(i + head, j + head, size) for i, j, size in inner], (len(a) - tail, len(b) - tail, tail)]
    return _merged(blocks)


def _aligned_blocks(a: Sequence[Hashable], b: Sequence[Hashable], work: _Work | None) -> list[Block] | None:
    """The blocks a and b have in common, in order: difflib's while its search stays within
    MATCH_FLOOR steps and MATCH_WORK more for each element (MATCH_CAP at most), and within the
    work left; past that, found in as many steps (of the order of), which are spent from work.
    None when fewer steps are left than there are elements."""
    elements = len(a) + len(b)
    own = min(MATCH_FLOOR + MATCH_WORK * elements, MATCH_CAP)
    allowed = own if work is None else min(own, work.left, work.total)
    if allowed < elements:
        return None
    if not a or not b:
        return []
    found = _difflib_blocks(a, b, allowed)
    blocks, spent = found or (_anchored_blocks(a, b, allowed // elements), allowed)
    if work is not None:
        work.left -= spent
        work.total -= spent + ALIGNMENT_STEPS
    return blocks


def _common_ends(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[int, int]:
    """How many elements a and b have in common at their start, and then at their end."""
    shorter = min(len(a), len(b))
    head = next(compress(count(), map(ne, a, b)), shorter)
    tail = next(compress(count(), map(ne, reversed(a), reversed(b))), shorter)
    return head, min(tail, shorter - head)


def _anchored_blocks(a: Sequence[Hashable], b: Sequence[Hashable], rate: int) -> list[Block]:
    """The blocks a and b have in common at both ends and at the elements found once on each
    side, and between those, as _gap_blocks() finds them with rate steps for each element."""
    head, tail = _common_ends(a, b)
    end = (len(a) - tail, len(b) - tail)
    blocks: list[Block] = [(0, 0, head)]
    i, j = head, head
    for ai, bj in _unique_anchors(a, b, head, end[0], head, end[1]) + [end]:
        blocks += [(i + gi, j + gj, size) for gi, gj, size in _gap_blocks(a[i:ai], b[j:bj], rate)]
        blocks.append((ai, bj, 1))
        i, j = ai + 1, bj + 1
    blocks[-1] = (*end, tail)
    return _merged(blocks)


def _unique_anchors(a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
                    ) -> list[tuple[int, int]]:
    """Places (i, j) of elements that occur once in a[alo:ahi] and once in b[blo:bhi], the longest
    run of them in the same order on both sides (patience sorting)."""
    count_a, count_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    once = {e for e, n in count_a.items() if n == 1 and count_b[e] == 1}
    where = {e: j for j, e in enumerate(b[blo:bhi], blo) if e in once} if once else {}
    return _longest_run([(i, where[e]) for i, e in enumerate(a[alo:ahi], alo) if e in where] if once else [])


def _longest_run(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (i, j), given in the order of i, whose j grow too (patience
    sorting): of pairs that cross, the most that can stay in order."""
    tops: list[int] = []  # the smallest j that ends a run of each length
    ends: list[int] = []  # ... and which pair it is
    before: list[int] = []  # each pair's predecessor in the longest run that ends with it
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tops, j)
        before.append(ends[k - 1] if k else -1)
        if k == len(tops):
            tops.append(j)
            ends.append(n)
        else:
            tops[k], ends[k] = j, n
    run = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    return run[::-1]


def _gap_blocks(a: Sequence[Hashable], b: Sequence[Hashable], rate: int) -> list[Block]:
    """The blocks in common of two stretches between anchors: difflib's within rate steps for
    each element, else those of Myers' shortest edit script while it takes rate edits or fewer
    (as many steps, of the order of), else none (the stretch replaced)."""
    if not a or not b:
        return []
    if len(a) == 1 == len(b):  # a word changed between two that stay: most stretches, found at once
        return [(0, 0, 1)] if a[0] == b[0] else []
    found = _difflib_blocks(a, b, rate * (len(a) + len(b)))
    return found[0] if found else _myers_blocks(a, b, rate) or []


def _myers_blocks(a: Sequence[Hashable], b: Sequence[Hashable], max_edits: int) -> list[Block] | None:
    """The blocks in common along a shortest edit script from a to b (Myers, 1986), found in
    steps of the order of (len(a) + len(b)) * max_edits; None if it needs more edits."""
    n, m = len(a), len(b)
    furthest = {1: 0}  # on each diagonal k = x - y, the furthest x reached
    trace = []
    for d in range(min(max_edits, n + m) + 1):
        for k in range(-d, d + 1, 2):
            down = k == -d or (k != d and furthest[k - 1] < furthest[k + 1])
            x = furthest[k + 1] if down else furthest[k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            furthest[k] = x
            if x >= n and y >= m:
                trace.append(dict(furthest))
                return _myers_path(trace, n, m)
        trace.append(dict(furthest))
    return None


def _myers_path(trace: list[dict[int, int]], n: int, m: int) -> list[Block]:
    """The blocks along the edit script whose furthest points trace holds, from its end back."""
    blocks: list[Block] = []
    x, y = n, m
    for d in range(len(trace) - 1, 0, -1):
        before, k = trace[d - 1], x - y
        down = k == -d or (k != d and before[k - 1] < before[k + 1])
        prev_k = k + 1 if down else k - 1
        start_x = before[prev_k] if down else before[prev_k] + 1  # after the edit, before the snake
        if x > start_x:
            blocks.append((start_x, start_x - k, x - start_x))
        x, y = before[prev_k], before[prev_k] - prev_k
    if x:
        blocks.append((0, 0, x))
    return blocks[::-1]


def _merged(blocks: list[Block]) -> list[Block]:
    """The blocks without empty ones, those that touch joined."""
    out: list[Block] = []
    for i, j, size in blocks:
        if not size:
            continue
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + size)
        else:
            out.append((i, j, size))
    return out


# Printing ----------------------------------------------------------------------------------

Style = Callable[[str, str], str]  # (text, colour) -> the text coloured for a terminal


def format_words(words: Words, style: Style | None = None) -> str:
    """The changed words: `[-old-]{+new+}` between their context, or coloured by style."""
    out = []
    for part in words:
        if isinstance(part, str):
            out.append(part)
            continue
        removed, inserted = (_visible(text) for text in part)
        if style:
            out.append(" ".join(style(text, colour) for text, colour in ((removed, "red"), (inserted, "green"))
                                if text))
        else:
            out.append((removed and f"[-{removed}-]") + (inserted and f"{{+{inserted}+}}"))
    return " ".join(out)


def _visible(text: str) -> str:
    """Changed words with any space but the white space between words named (`<U+00A0>`): a
    space made a no-break space would look unchanged."""
    return _OTHER_SPACE.sub(lambda space: f"<U+{ord(space.group()):04X}>", text) if text else text


def format_change(change: Change, style: Style | None = None) -> str:
    """One line of the report: the kind of item, what happened, its numbers, its text or words."""
    old, new = (_shown_number(change, n) for n in (change.old, change.new))
    numbers = {"inserted": f"new {new}", "removed": f"old {old}"}.get(change.change, f"{old} -> {new}")
    if change.change == "moved" and change.place is not None:
        numbers += f", now in {'paragraph ' if change.kind == 'footnote' else ''}{change.place}"
    if change.words:
        body = format_words(change.words, style)
    elif style and change.change in ("inserted", "removed"):
        body = style(change.text, "green" if change.change == "inserted" else "red")
    else:
        body = change.text
    return f"{change.kind} {change.change} ({numbers}): {body}"


def _shown_number(change: Change, number: int | None) -> str:
    """A number as the report shows it: an appendix's unnumbered paragraph has none."""
    return "unnumbered" if change.kind == "paragraph" and number == 0 else str(number)


def report_text(comparison: Comparison, style: Style | None = None) -> str:
    return "".join(format_change(c, style) + "\n" for c in comparison.changes)


_PLACE = {"paragraph": ("section", "old_section"), "footnote": ("paragraph", "old_paragraph"),
          "row": ("table", "old_table")}


def report_json(comparison: Comparison) -> dict[str, list[dict[str, object]]]:
    """`{"paragraphs": [...], "footnotes": [...], "headings": [...], "rows": [...]}`, a change
    an object."""
    out: dict[str, list[dict[str, object]]] = {}
    for kind in KINDS:
        entries = []
        for c in comparison.of(kind):
            entry: dict[str, object] = {"change": c.change, "old": c.old, "new": c.new}
            if kind in _PLACE:
                place, old_place = _PLACE[kind]
                entry[place] = c.place
                if c.change == "moved":
                    entry[old_place] = c.old_place
            entry["text"] = c.text
            if c.words:
                entry["words"] = [{"removed": w[0], "inserted": w[1]} for w in c.words if isinstance(w, tuple)]
                entry["diff"] = format_words(c.words)
            entries.append(entry)
        out[f"{kind}s"] = entries
    return out
