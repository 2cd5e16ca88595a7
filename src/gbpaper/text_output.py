"""A text output read back into a Paper, so that a Word paper can be written from it.

The text output holds every word of the paper, its emphasis, its notes and its tables, but not
always what each line is: its format marks paragraphs, items, quotations, notes and tables, and
the phrase table of its language tells the purpose and agenda lines, the summary box, the date
line and the appendices' labels. The rest is read as the papers are laid out:

- the first block of several lines is the masthead (a one-line block before it the notice),
  each line given the role it has in its layout (2011 when it has a `Date:` line);
- the first line after the purpose and agenda lines is the title; the other lines up to the
  paragraphs are headings, as are the lines between paragraphs (numbered I. or A. or not);
- after the last paragraph or table of the body, a line of the phrase table's date line is
  the date line (2007), and a line after it the closing.

So the paper reads back word for word, with the same blocks, and prints the same text output;
a subtitle, a heading's depth and an appendix's unnumbered paragraph of one line are not told
apart from a heading, and the Word file's stamp is not in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from gbpaper import model
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.diff import (
    CAPTION_NUMBER_RE,
    DELIMITER_ROW_RE,
    NOTE_RE,
    NUMERAL_RE,
    PARAGRAPH_RE,
    ROW_RE,
    SUPERSCRIPTS,
    block_kind,
    text_blocks,
)
from gbpaper.phrases import Phrases, load_phrases, phrase_table_path

SYMBOL = re.compile(r"GB\.\d+/\S+")
LETTERED = re.compile(r"(  )?(\(?[a-z]+\)) (.*)")
ALIGN: dict[str, model.Align] = {"---": "left", ":---:": "center", "---:": "right"}
SHORT_CODE = re.compile(r"[A-Z0-9/]+")  # a committee's code: `MNE`, `PFA`, `POL`


def text_language(path: Path, language: str | None) -> str:
    """The language a text output is in: as given, else as its name says (`GB.300-MNE-2-1.fr.txt`),
    else English."""
    if language:
        return language
    suffixes = path.name.split(".")
    named = suffixes[-2] if len(suffixes) > 2 else ""
    return named if named and phrase_table_path(named).is_file() else "en"


def read_paper(text: str, path: Path, language: str | None, diags: Diagnostics) -> model.Paper | None:
    """The paper that prints `text`, in its language's phrases; None after an error."""
    lang = text_language(path, language)
    phrases = load_phrases(lang, diags, Location(str(path)))
    if phrases is None:
        return None
    return _Reader(phrases, lang).paper(list(text_blocks(text)))


@dataclass
class _Container:
    """The blocks read into the body or an appendix."""

    blocks: list[model.Block] = field(default_factory=list)
    label: str = ""
    title: str = ""


class _Reader:
    def __init__(self, phrases: Phrases, language: str) -> None:
        self.phrases = phrases
        self.language = language
        self.purposes = set(phrases.purpose.values())
        self.agendas = {phrases.agenda_line(n) for n in range(1, len(phrases.ordinals) + 1)}
        self.labels = {f"{label}: ": label for label in phrases.summary_fields.values()}
        self.appendix_label = phrases.appendix_label_pattern()
        self.date_line = re.compile(re.escape(phrases.date_line).replace(r"\{place\}", ".+").replace(
            r"\{day\}", r"\S+").replace(r"\{month\}", "(?:" + "|".join(map(re.escape, phrases.months)) + ")").replace(
            r"\{year\}", r"\d{4}"))

    def paper(self, blocks: list[tuple[int, list[str]]]) -> model.Paper:
        at = 0
        notice = None
        if len(blocks) > 1 and len(blocks[0][1]) == 1 and len(blocks[1][1]) > 1:
            notice = _plain(blocks[0][1][0])
            at = 1
        layout, masthead = self.masthead(blocks[at][1] if at < len(blocks) else [])
        at += 1
        front: dict[str, str | None] = {"purpose": None, "agenda": None, "title": None}
        for name, known in (("purpose", self.purposes), ("agenda", self.agendas)):
            if at < len(blocks) and len(blocks[at][1]) == 1 and blocks[at][1][0] in known:
                front[name] = blocks[at][1][0]
                at += 1
        if at < len(blocks) and len(blocks[at][1]) == 1:
            front["title"] = _plain(blocks[at][1][0])
            at += 1
        summary = None
        if at + 1 < len(blocks) and blocks[at][1] == [self.phrases.summary]:
            summary, at = self.summary(blocks, at)
        containers, date_line, closing = self.body(blocks[at:], layout)
        symbol = next((line.text for line in masthead if SYMBOL.fullmatch(line.text)), "")
        return model.Paper(
            symbol=symbol, language=self.language, layout=layout, notice=notice, masthead=masthead,
            purpose=front["purpose"], agenda=front["agenda"], title=front["title"] or "", subtitle=None,
            summary=summary, blocks=tuple(containers[0].blocks), date_line=date_line, closing=closing,
            appendices=tuple(model.Appendix(f"appendix-{k}", c.label, c.title, tuple(c.blocks))
                             for k, c in enumerate(containers[1:], start=1)),
            stamp=None, locale=self.phrases.locale, author=self.phrases.author)

    def masthead(self, lines: list[str]) -> tuple[model.Layout, tuple[model.MastheadLine, ...]]:
        """The masthead's lines with their roles: in the order of its layout, the symbol found
        by its form, the committee's code by its capitals, the 2011 layout by its Date: line."""
        date_prefix = self.phrases.date_field.split("{")[0]
        layout: model.Layout = "2011" if any(line.startswith(date_prefix) for line in lines) else "2007"
        texts = [_plain(line) for line in lines]
        head: list[model.MastheadRole] = (["office", "body", "symbol", "session", "place_month"] if layout == "2007"
                                          else ["office", "body", "session", "symbol"])
        tail: list[model.MastheadRole] = [] if layout == "2007" else ["date", "original"]
        middle = texts[len(head):len(texts) - len(tail)]
        code = bool(middle) and bool(SHORT_CODE.fullmatch(middle[-1]))
        named: list[model.MastheadRole] = ["committee", "segment"]
        codes: list[model.MastheadRole] = ["committee_code"] if code else []
        roles = [*head, *named[:len(middle) - code], *codes, *tail]
        return layout, tuple(model.MastheadLine(role, text) for role, text in zip(roles, texts))

    def summary(self, blocks: list[tuple[int, list[str]]], at: int) -> tuple[model.Summary, int]:
        heading = blocks[at][1][0]
        purpose = _inlines(blocks[at + 1][1][0])
        at += 2
        fields: list[model.SummaryField] = []
        if at < len(blocks) and len(blocks[at][1]) > 1 and all(
                any(line.startswith(prefix) for prefix in self.labels) for line in blocks[at][1]):
            for line in blocks[at][1]:
                prefix = next(p for p in self.labels if line.startswith(p))
                fields.append(model.SummaryField(self.labels[prefix], _inlines(line[len(prefix):])))
            at += 1
        return model.Summary(heading, purpose, tuple(fields)), at

    def body(self, blocks: list[tuple[int, list[str]]], layout: model.Layout
             ) -> tuple[list[_Container], str | None, model.Inlines]:
        """The body's blocks and each appendix's, and the date line and closing between them."""
        containers = [_Container()]
        last, seen = 0, False
        tail: list[str] = []  # lines after the body's last paragraph or table
        n = 0
        while n < len(blocks):
            _, lines = blocks[n]
            current = containers[-1]
            if len(lines) == 1 and self.appendix_label.fullmatch(lines[0]) and n + 1 < len(blocks):
                containers.append(_Container(label=lines[0], title=_plain(blocks[n + 1][1][0])))
                last, n = 0, n + 2
                continue
            kind = block_kind(lines, last, seen, True)
            if kind == "paragraph":
                paragraph = _paragraph(lines)
                last = paragraph.number or last
                seen = True
                current.blocks.append(paragraph)
            elif kind == "table":
                current.blocks.append(_table(lines))
            else:
                current.blocks += [_heading(line) for line in lines]
            if len(containers) == 1:
                tail = [] if kind != "lines" else tail + lines
            n += 1
        # After the body's last paragraph or table: the date line (2007) and the closing.
        body = containers[0].blocks
        date_line: str | None = None
        closing: model.Inlines = ()
        if tail and not (layout == "2007" and self.date_line.fullmatch(tail[-1])):
            closing = _inlines(tail.pop())
        if tail and layout == "2007" and self.date_line.fullmatch(tail[-1]):
            date_line = _plain(tail.pop())
        kept = len(body) - (bool(closing) + (date_line is not None))
        del body[kept:]
        return containers, date_line, closing


def _heading(line: str) -> model.Heading:
    """A heading: `I. Text` numbered in Roman numerals, `A. Text` lettered, else unnumbered."""
    text = _plain(line)
    match = NUMERAL_RE.match(line)
    if not match:
        return model.Heading("", text, None, 1)
    numeral = match.group()[:-2]
    numbering: model.Numbering = "roman" if re.fullmatch("[IVXLCDM]+", numeral) else "letter"
    return model.Heading("", _plain(line[match.end():]), numeral, 1 if numbering == "roman" else 2, numbering)


def _paragraph(lines: list[str]) -> model.Paragraph:
    """A paragraph's block: its first line (numbered or not), its parts, then its notes."""
    match = PARAGRAPH_RE.fullmatch(lines[0])
    number = int(match.group(1)) if match else None
    notes = {_number(note.group(1)): note.group(2) for line in lines[1:] if (note := NOTE_RE.fullmatch(line))}
    unused = set(notes)
    content = _inlines(match.group(2) if match else lines[0], unused)
    parts: list[model.Part] = []
    for line in lines[1:]:
        if NOTE_RE.fullmatch(line):
            break
        if line.startswith("- "):
            parts.append(model.DashItem(_inlines(line[2:], unused)))
        elif line.startswith("> "):
            parts.append(model.QuotedParagraph(_inlines(line[2:], unused)))
        elif lettered := LETTERED.fullmatch(line):
            depth: Literal[1, 2] = 2 if lettered.group(1) else 1
            parts.append(model.LetteredItem(lettered.group(2), depth, _inlines(lettered.group(3), unused)))
    footnotes = tuple(model.Footnote(number, _inlines(text)) for number, text in notes.items())
    return model.Paragraph(number, content, tuple(parts), footnotes)


def _table(lines: list[str]) -> model.Table:
    """A table's block: its caption if any, its header, delimiter row and rows, then its notes."""
    caption = None
    if not ROW_RE.fullmatch(lines[0]):
        match = CAPTION_NUMBER_RE.match(lines[0])
        label, text = (match.group()[:-1], lines[0][match.end():]) if match else ("", lines[0])
        caption = model.Caption(label, _inlines(text))
        lines = lines[1:]
    notes = {_number(note.group(1)): note.group(2) for line in lines if (note := NOTE_RE.fullmatch(line))}
    unused = set(notes)
    align = tuple(ALIGN.get(cell.strip(), "left") for cell in _cells(lines[1]))
    rows = [tuple(_inlines(cell, unused) for cell in _cells(line))
            for line in lines if ROW_RE.fullmatch(line) and not DELIMITER_ROW_RE.fullmatch(line)]
    footnotes = tuple(model.Footnote(number, _inlines(text)) for number, text in notes.items())
    return model.Table(caption, align, rows[0], tuple(rows[1:]), footnotes)


def _cells(row: str) -> list[str]:
    """A row's cells as printed (a `|` in a cell is written `\\|`)."""
    return row[2:-2].split(" | ")


def _number(superscript: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in superscript))


def _plain(line: str) -> str:
    """A line of paper.yaml or of a phrase table as printed: its `\\*` and `\\\\` unescaped."""
    return re.sub(r"\\(.)", r"\1", line)


_STAR_WIDTH: dict[str, int] = {"italic": 1, "bold": 2}
_SPECIAL = re.compile(f"[\\\\*{SUPERSCRIPTS}]")  # what _inlines does not read as it is


def _inlines(line: str, notes: set[int] | None = None) -> model.Inlines:
    """Printed runs read back: `\\x` a literal x, `*italic*` and `**bold**` (a run of `*` closes
    what it follows and opens what it precedes), superscript digits the mark of a note of
    `notes` not yet marked (taken from it), a comma between two such marks."""
    notes = set() if notes is None else notes
    frames: list[tuple[str | None, list[model.Inline]]] = [(None, [])]
    text: list[str] = []

    def flush() -> None:
        if text:
            frames[-1][1].append(model.Text("".join(text)))
            text.clear()

    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            text.append(line[i + 1])
            i += 2
        elif char == "*":
            end = i
            while end < len(line) and line[end] == "*":
                end += 1
            flush()
            stars = end - i
            closes = i > 0 and not line[i - 1].isspace()
            opens = end < len(line) and not line[end].isspace()
            while stars and closes and len(frames) > 1 and stars >= _STAR_WIDTH[frames[-1][0] or "italic"]:
                style, children = frames.pop()
                stars -= _STAR_WIDTH[style or "italic"]
                frames[-1][1].append(model.Emphasis("bold" if style == "bold" else "italic", tuple(children)))
            if stars and opens:
                for style in (("italic",) if stars == 1 else ("bold",) if stars == 2 else ("italic", "bold")):
                    frames.append((style, []))
                stars = 0
            text.append("*" * stars)
            i = end
        elif char in SUPERSCRIPTS:
            end = i
            while end < len(line) and line[end] in SUPERSCRIPTS:
                end += 1
            number = _number(line[i:end])
            if number in notes:
                notes.discard(number)
                flush()
                frames[-1][1].append(model.NoteRef(number))
                following = end + 1
                while following < len(line) and line[following] in SUPERSCRIPTS:
                    following += 1
                if line[end:end + 1] == model.NOTE_SEPARATOR and following > end + 1 and _number(
                        line[end + 1:following]) in notes:
                    end += 1  # the comma between two marks at one place, which the writers print
            else:
                text.append(line[i:end])
            i = end
        else:
            special = _SPECIAL.search(line, i + 1)  # the text read as it is ends there
            end = len(line) if special is None else special.start()
            text.append(line[i:end])
            i = end
    flush()
    while len(frames) > 1:  # a mark of emphasis never closed: its stars are text
        style, children = frames.pop()
        frames[-1][1].extend([model.Text("*" * _STAR_WIDTH[style or "italic"]), *children])
    return tuple(frames[0][1])
