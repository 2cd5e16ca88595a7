"""A Markdown submission: front matter, section headings, paragraphs with their dash items,
lettered items or quotation, tables, and footnote definitions.

Only the block structure is read here, line by line, keeping the place of every line; inline
syntax is parsed later, in the same way for Markdown and YAML submissions. A line that starts
like a Markdown construct gbpaper does not have (`* item`, `1. item`) is an error that says
what to write instead, never text. Blocks and table cells are counted against the file's limits
as they are read (sources/limits.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from gbpaper.diagnostics import Diagnostics, Location, quote
from gbpaper.inline import LABEL, label_problem
from gbpaper.model import Align
from gbpaper.sources.limits import MAX_COLUMNS, FileLimits, Refused
from gbpaper.sources.raw import PartKind, RawBlock, RawNote, RawPart, RawParagraph, RawTable, part_family
from gbpaper.sources.text import SPACE, SourceText

MAX_HEADING_DEPTH = 3
TAB_STOP = 4  # a tab in an item's indentation reaches the next multiple of 4 columns (CommonMark's)
_NOTE_DEF = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_HEADING = re.compile(r"(#+)([ \t]+|$)")
_DASH = re.compile(r"([ \t]*)-(?:[ \t]+|$)")
_LETTERED = re.compile(r"([ \t]*)\(([a-z]+)\)(?:[ \t]+|$)")
# What an author types as an item's letter: one letter, a doubled one, or a small Roman numeral.
_ITEM_MARK = re.compile(r"([a-z])\1?|[ivxl]+\Z")
_QUOTE = re.compile(r"[ \t]*>(?:[ \t]+|$)")
_QUOTE_UNSPACED = re.compile(r"[ \t]*>(?=\S)")  # `>text`: a quotation line missing its space
_ROW = re.compile(r"[ \t]*\|")
_CAPTION = re.compile(r"Table:[ \t]*")
_INDENTED_HEADING = re.compile(r"([ \t]+)#+(?:[ \t]|$)")  # a heading's mark, but not at the line's start
_FOREIGN_LIST = re.compile(r"([ \t]*)([*+]|\d{1,3}[.)])[ \t]+")  # Markdown's other lists
# The characters that the patterns above can match first: a line that starts with any other is
# text, whatever follows.
_MARKER_STARTS = frozenset("[#|T*+>(- \t0123456789")
_DELIMITER_CELL = re.compile(r":?-+:?\Z")
_LABEL_AT_END = re.compile(r"(?<!\\)\{#([^{}]*)\}\s*\Z")


@dataclass
class MarkdownBody:
    blocks: list[RawBlock] = field(default_factory=list)
    notes: list[RawNote] = field(default_factory=list)
    headings: list[SourceText] = field(default_factory=list)  # every one, with paragraphs or not
    cut: bool = False  # read no further past a limit (its error reported): what was read before it


def split_front_matter(text: str, path: str, diags: Diagnostics) -> tuple[str, str, int] | None:
    """(front matter YAML, body, the body's first line number), or None with an error."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        diags.error(Location(path), "no front matter: the first line must be '---', "
                    "followed by 'unit:' and 'paper:' and a closing '---'")
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    diags.error(Location(path), "the front matter opened by '---' on line 1 is never closed by '---'")
    return None


def split_label(src: SourceText, kind: str, diags: Diagnostics) -> tuple[SourceText, SourceText | None]:
    """The text and its `{#label}`, if it ends with one (the spaces before it dropped)."""
    # The pattern cannot skip ahead to a `{`, so it is tried only on texts that have one.
    match = _LABEL_AT_END.search(src.text) if "{#" in src.text else None
    if not match:
        return src, None
    label = src.slice(match.start(1), match.end(1))
    if not LABEL.match(label.text):
        diags.error(src.location(match.start()), label_problem(label.text, kind))
    text = src.slice(0, match.start())
    return SourceText(text.text.rstrip(SPACE), text.segments, text.exact), label


class _Lines:
    """Lines of one paragraph, trailing part, footnote definition or table, as they are read."""

    def __init__(self, kind: str, lines: list[tuple[str, Location]], note_label: str = "",
                 part: PartKind | None = None, at: Location | None = None) -> None:
        self.kind, self.lines, self.note_label, self.part = kind, lines, note_label, part
        self.at = at or lines[0][1]  # where its marker stands (given when no line is read yet)
        self.rows: list[list[SourceText]] = []  # a table's cells, a list for each of its lines

    def source(self) -> SourceText:
        parts: list[str] = []
        segments: list[tuple[int, Location]] = []
        offset = 0
        for text, where in self.lines:
            stripped = text.strip(SPACE)
            if not stripped:
                continue
            if indent := len(text) - len(text.lstrip(SPACE)):
                where = where.shifted(indent)
            if parts:
                offset += 1
            segments.append((offset, where))
            parts.append(stripped)
            offset += len(stripped)
        if not segments:
            segments.append((0, self.lines[0][1]))
        return SourceText(" ".join(parts), tuple(segments))


@dataclass
class _OpenParagraph:
    """The paragraph that trailing parts attach to, while they are read."""

    text: SourceText
    label: SourceText | None
    parts: list[RawPart] = field(default_factory=list)
    family: str | None = None  # the kind of its trailing part, once it has one
    top_indent: int | None = None  # the indent of its first lettered item
    dash_indent: int = 0


def parse_body(body: str, path: str, first_line: int, diags: Diagnostics, limits: FileLimits) -> MarkdownBody:
    """The blocks (with their sections and trailing parts) and footnote definitions of a body;
    past the file's limits, those read before (`cut`)."""
    parser = _BodyParser(path, diags, limits)
    lines = body.split("\n")
    try:
        for n, line in enumerate(lines):
            following = lines[n + 1] if n + 1 < len(lines) else ""
            parser.feed(line, Location(path, first_line + n, 1), following)
        parser.flush()
    except Refused:
        parser.result.cut = True
    return parser.result


class _BodyParser:
    def __init__(self, path: str, diags: Diagnostics, limits: FileLimits) -> None:
        self.path, self.diags, self.limits = path, diags, limits
        self.result = MarkdownBody()
        self.heading: SourceText | None = None
        self.heading_at = Location(path)
        self.block: _Lines | None = None
        self.para: _OpenParagraph | None = None
        self.caption: tuple[str, Location] | None = None  # `Table: ...` above the next row
        self.warned_orphan = False

    def feed(self, line: str, where: Location, following: str) -> None:
        if not line.strip():
            self.close_block()
            return
        marked = line[0] in _MARKER_STARTS  # a line that starts otherwise is text
        if marked and self.opening_line(line, where):
            return
        if self.block and self.block.kind == "table" and not _ROW.match(line):
            self.diags.error(where, "a table ends at a blank line: put one between the table's "
                             "last row and this line")
            self.close_block()
        if marked and self.marked_line(line, where, following):
            return
        if self.block and (self.block.kind != "note" or line[0] in " \t"):
            self.block.lines.append((line, where))
        else:
            self.close_block()
            self.start_paragraph(line, where)

    def opening_line(self, line: str, where: Location) -> bool:
        """A footnote's definition, a heading or a footnote's indented line read; False for
        any other line."""
        if note := _NOTE_DEF.match(line):
            self.close_block()
            self.limits.block(where)
            rest = line[note.end():]
            self.block = _Lines("note", [(rest, where.shifted(note.end()))], note.group(1))
        elif heading := _HEADING.match(line):
            self.start_heading(line, heading, where)
        elif self.block and self.block.kind == "note" and line[0] in " \t":
            self.text_line(line, where, "a footnote")  # an indented line goes on with the note
        else:
            return False
        return True

    def marked_line(self, line: str, where: Location, following: str) -> bool:
        """A table's row, a caption, a list, a quotation's line or a trailing part read; False
        for any other line."""
        if _ROW.match(line):
            self.table_row(line, where)
        elif self.block is None and (caption := _CAPTION.match(line)):
            self.start_caption(line, caption, where, following)
        elif foreign := _FOREIGN_LIST.match(line):
            self.foreign_list(line, foreign, where)
        elif indented := _INDENTED_HEADING.match(line):
            self.diags.error(where.shifted(len(indented.group(1))), "'#' starts a heading only at the start of "
                             "its line: remove what stands before it (or write \\# for a literal '#')")
            return False  # (read as text, so that its text is checked all the same)
        elif quote := _QUOTE.match(line):
            self.quote_line(line, quote, where)
        elif unspaced := _QUOTE_UNSPACED.match(line):
            self.diags.error(where.shifted(unspaced.end() - 1), "'>' starts a line of a quotation only with "
                             "a space after it: write '> text', or \\> for a literal '>'")
            self.quote_line(line, unspaced, where)
        elif lettered := _LETTERED.match(line):
            if not _ITEM_MARK.fullmatch(lettered.group(2)):
                self.diags.warning(where.shifted(len(lettered.group(1))), f"'({lettered.group(2)}) ' starts a "
                                   "lettered item, which gbpaper letters itself: the word is dropped; write "
                                   f"\\({lettered.group(2)}) if it is text")
            self.start_part("lettered", line, lettered, where)
        elif dash := _DASH.match(line):
            self.start_part("dash", line, dash, where)
        else:
            return False
        return True

    def start_heading(self, line: str, heading: re.Match[str], where: Location) -> None:
        self.limits.block(where)
        self.close_block()
        self.close_paragraph()
        level = len(heading.group(1))
        text = line[heading.end():].strip(SPACE)
        if level > MAX_HEADING_DEPTH:
            self.diags.error(where, f"only '#', '##' and '###' headings are allowed; "
                             f"{quote('#' * level)} is too deep")
        elif not text:
            self.diags.error(where, "a heading needs a section key or heading text after '#'")
        self.heading = SourceText.at(text, where.shifted(heading.end()))
        self.heading_at = where
        if text and level <= MAX_HEADING_DEPTH:
            self.result.headings.append(self.heading)

    def start_paragraph(self, line: str, where: Location) -> None:
        self.limits.block(where)
        self.close_paragraph()
        self.check_heading(line, where)
        self.block = _Lines("para", [(line, where)])

    def check_heading(self, line: str, where: Location) -> None:
        """An error, once, for text (a paragraph or a table) before the first heading."""
        if self.heading is None and not self.warned_orphan:
            hashes = re.match(r"#+", line)
            hint = (f"a heading needs a space after '{hashes.group()}'" if hashes
                    else "start the section with '# <section key or heading>'")
            self.diags.error(where, f"text before the first section heading; {hint}")
            self.warned_orphan = True

    # Trailing parts ------------------------------------------------------------------------

    def start_part(self, kind: PartKind, line: str, marker: re.Match[str], where: Location) -> None:
        """A dash item or lettered item: the paragraph above it is its own."""
        self.close_block()
        at = where.shifted(len(marker.group(1)))
        indent = len(marker.group(1).expandtabs(TAB_STOP))  # (as wide as an editor shows it)
        self.limits.block(at)
        para = self.para
        if para is None:
            what = "a list item" if kind == "dash" else "a lettered item"
            self.diags.error(at, f"{what} must follow a paragraph of its section")
        elif kind == "lettered":
            kind = self.lettered_depth(para, indent, at)
        else:
            para.dash_indent = indent if para.family is None else para.dash_indent
        self.block = _Lines("part", [(line[marker.end():], where.shifted(marker.end()))], part=kind, at=at)
        if para is not None and not (kind == "sub" and para.family == "dash items"):  # reported as such
            self.check_family(kind, at)

    def lettered_depth(self, para: _OpenParagraph, indent: int, at: Location) -> PartKind:
        """`lettered` or `sub` by indentation; a sub-item with nothing to stand under is an error."""
        if para.family == "dash items" and indent >= para.dash_indent + 2:
            self.diags.error(at, "a lettered sub-item cannot stand under a dash item; write "
                             "'(a) ' items for the paragraph and indent '(i) ' sub-items under them")
            return "sub"
        if para.top_indent is None:
            para.top_indent = indent
            return "lettered"
        if indent < para.top_indent + 2:
            return "lettered"
        return "sub"

    def check_family(self, kind: PartKind, at: Location) -> None:
        """A paragraph has one kind of trailing part: dash items, lettered items or a quotation."""
        para = self.para
        if para is None:
            return
        family = part_family(kind)
        if para.family is None:
            para.family = family
        elif para.family != family:
            self.diags.error(at, f"a paragraph has one kind of trailing part, and this one has "
                             f"{para.family} already: {family} here would need a paragraph of "
                             "their own")

    def text_line(self, line: str, where: Location, within: str) -> None:
        """A line that goes on with the note (or quoted paragraph) being read: it holds text
        only, and one that starts like a list item, a quotation or a table is reported."""
        assert self.block is not None
        stripped = line.lstrip()
        at = where.shifted(len(line) - len(stripped))
        if construct := _construct(stripped):
            marker = stripped.split()[0] if stripped.split() else stripped
            self.diags.error(at, f"{within} holds text only, and '{marker}' would start {construct} in it: "
                             f"write \\{marker} to keep it as text" + (
                                 "; a line that is only '>' parts a quotation's paragraphs"
                                 if within == "a quotation" else ""))
        self.block.lines.append((line, where))

    def quote_line(self, line: str, quote: re.Match[str], where: Location) -> None:
        """`> text` continues the quoted paragraph read; a `>` line alone ends it."""
        text = line[quote.end():]
        in_quote = self.block is not None and self.block.part == "quote"
        if not text.strip():
            if in_quote:
                self.close_block()
            else:
                self.diags.error(where.shifted(len(line) - len(line.lstrip())),
                                 "a line that is only '>' parts the paragraphs of a quotation, and no "
                                 "quotation is read here: write '> text'")
            return
        if in_quote:
            self.text_line(text, where.shifted(quote.end()), "a quotation")
            return
        self.close_block()
        at = where.shifted(len(line) - len(line.lstrip()))
        self.limits.block(at)
        if self.para is None:
            self.diags.error(at, "a quotation must follow a paragraph of its section: "
                             "the paragraph that introduces it")
        self.block = _Lines("part", [], part="quote", at=at)
        self.text_line(text, where.shifted(quote.end()), "a quotation")
        self.check_family("quote", at)

    def foreign_list(self, line: str, marker: re.Match[str], where: Location) -> None:
        """`* item`, `+ item`, `1. item`: reported with what to write instead, then read as the
        text after the marker (so that its text is checked all the same, and nothing else is
        reported for it)."""
        sign = marker.group(2)
        at = where.shifted(len(marker.group(1)))
        if sign in "*+":
            self.diags.error(at, f"'{sign} ' does not start a list item here: write '- ' for a "
                             f"dash item or '(a) ' for a lettered one (\\{sign} for a literal '{sign}')")
        else:
            self.diags.error(at, f"'{sign} ' would start a numbered list, and gbpaper numbers "
                             f"paragraphs itself: write '(a) ' for lettered items, or "
                             f"{sign[:-1]}\\{sign[-1]} if the number is part of the text")
        text = (line[marker.end():], where.shifted(marker.end()))
        if self.block is not None:
            self.block.lines.append(text)
        else:
            self.start_paragraph(*text)

    # Tables --------------------------------------------------------------------------------

    def start_caption(self, line: str, caption: re.Match[str], where: Location, following: str) -> None:
        self.close_paragraph()
        self.check_heading(line, where)
        if not _ROW.match(following):
            self.diags.error(where, "'Table:' gives the caption of a table, on the line right above its "
                             "first row, and no row follows it; put it there (no blank line between), "
                             "or write Table\\: for text that starts so")
            return
        self.caption = (line[caption.end():], where.shifted(caption.end()))

    def table_row(self, line: str, where: Location) -> None:
        """A row, counted with its cells (but for the delimiter row's, which are no cells of the
        table), and read no further than a cell past the columns a table may have."""
        at = where.shifted(len(line) - len(line.lstrip()))
        self.limits.block(at)
        cells = _cells(line, where, MAX_COLUMNS + 1)
        block = self.block
        if block is None or block.kind != "table":
            if block is not None:
                self.diags.error(at, "a table needs a blank line before it: a '|' line under a paragraph's "
                                 "line is neither its text nor a table (write \\| for a literal '|')")
            self.close_block()
            self.close_paragraph()
            self.check_heading(line, where)
            block = self.block = _Lines("table", [], at=where)
        self.limits.row(len(cells), lambda k: cells[k].location(), counted=len(block.rows) != 1)
        block.lines.append((line, where))
        block.rows.append(cells)

    def close_table(self, block: _Lines) -> None:
        caption, self.caption = self.caption, None
        rows = block.rows
        first = block.lines[0][1]
        bad = next((cell for cell in rows[1] if not _DELIMITER_CELL.match(cell.text)), None) if len(rows) > 1 else None
        if len(rows) < 2 or bad is not None:
            at = block.lines[1][1] if len(rows) > 1 else first
            lone = " (a '|' line alone is no table: write \\| for a literal '|')" if len(rows) < 2 else ""
            if bad is not None and any(_DELIMITER_CELL.match(cell.text) for cell in rows[1]):
                at, lone = bad.location(), f"; {quote(bad.text)} is not one"
            self.diags.error(at, "a table's second line must be its delimiter row, a cell of '-' "
                             "for each column, with ':' at the side it is aligned to: "
                             f"| --- | ---: | :---: |{lone}")
            return
        header, delimiter, body = rows[0], rows[1], rows[2:]
        for (line, where), cells in zip(block.lines[1:], rows[1:]):
            if len(cells) != len(header):
                self.diags.error(where, f"this row has {len(cells)} cell{'s' * (len(cells) != 1)}, the "
                                 f"header {len(header)}: every row has as many cells as the header "
                                 "(write \\| for a '|' in a cell)")
        label = None
        caption_text = None
        if caption is not None:
            caption_text, label = split_label(SourceText.at(*caption).folded(), "table", self.diags)
            if not caption_text.text:
                self.diags.error(caption[1], "empty table caption: write its text after 'Table:'")
        if self.heading is None:
            return
        self.result.blocks.append(RawTable(
            self.heading, caption_text, label, tuple(_alignment(c.text) for c in delimiter), tuple(header),
            tuple(tuple(row) for row in body), self.heading_at, first))

    # Closing what was read -----------------------------------------------------------------

    def close_block(self) -> None:
        block, self.block = self.block, None
        if block is None:
            return
        if block.kind == "table":
            self.close_table(block)
            return
        src = block.source()
        if block.kind == "note":
            if not src.text:
                self.diags.error(block.lines[0][1], f"footnote '{block.note_label}' is empty")
            self.result.notes.append(RawNote(block.note_label, src))
        elif block.kind == "part":
            assert block.part is not None
            self.add_part(block.part, src, block.at)
        else:
            self.close_paragraph()
            text, label = split_label(src, "paragraph", self.diags)
            self.para = _OpenParagraph(text, label)

    def add_part(self, kind: PartKind, src: SourceText, where: Location) -> None:
        if not src.text:
            what = {"dash": "list item", "lettered": "lettered item", "sub": "sub-item",
                    "quote": "quotation"}[kind]
            self.diags.error(where, f"empty {what}")
        label = None
        if kind in ("lettered", "sub"):
            src, label = split_label(src, "item", self.diags)
            if label is not None and not src.text:
                self.diags.error(where, "empty lettered item: it holds only a label")
        if self.para is not None:
            self.para.parts.append(RawPart(kind, src, label))

    def close_paragraph(self) -> None:
        para, self.para = self.para, None
        if para is None:
            return
        if not para.text.text:
            self.diags.error(para.text.location(), "empty paragraph: it holds only a label")
        if self.heading is not None:
            self.result.blocks.append(RawParagraph(self.heading, para.text, tuple(para.parts), para.label,
                                                   self.heading_at))

    def flush(self) -> None:
        self.close_block()
        self.close_paragraph()


def _construct(text: str) -> str | None:
    """What a line's start would begin in Markdown beside text: a list item, a quotation, a
    table row."""
    if _DASH.match(text) or _LETTERED.match(text) or _FOREIGN_LIST.match(text):
        return "a list item"
    if _QUOTE.match(text):
        return "a quotation"
    if _ROW.match(text):
        return "a table row"
    return None


def _cells(line: str, where: Location, most: int) -> list[SourceText]:
    """The cells of a table row, each trimmed and placed, the first `most` of them; `\\|` stays
    in the cell (the inline syntax reads it as a literal pipe), a closing `|` adds no cell."""
    start = line.index("|") + 1
    cells: list[SourceText] = []
    i = start
    while i <= len(line) and len(cells) < most:
        if i < len(line) and line[i] == "\\":
            i += 2
            continue
        if i == len(line) or line[i] == "|":
            raw = line[start:i]
            lead = len(raw) - len(raw.lstrip(SPACE))
            if i < len(line) or raw.strip(SPACE):
                cells.append(SourceText.at(raw.strip(SPACE), where.shifted(start + lead)))
            start = i + 1
        i += 1
    return cells


def _alignment(cell: str) -> Align:
    if cell.startswith(":") and cell.endswith(":") and len(cell) > 1:
        return "center"
    return "right" if cell.endswith(":") else "left"
