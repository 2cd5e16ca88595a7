"""A Markdown submission: front matter, section headings, paragraphs, lists and footnotes.

Only the block structure is read here, line by line, keeping the place of every line; inline
syntax is parsed later, in the same way for Markdown and YAML submissions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.inline import LABEL, label_problem
from gbpaper.sources.text import SourceText

_NOTE_DEF = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_HEADING = re.compile(r"(#+)([ \t]+|$)")
_ITEM = re.compile(r"([ \t]*)-(?:[ \t]+|$)")
_LABEL_AT_END = re.compile(r"(?<!\\)\{#([^{}]*)\}\s*\Z")


@dataclass(frozen=True)
class RawParagraph:
    section: SourceText  # the section's name as written: key or heading text
    text: SourceText
    items: tuple[SourceText, ...]
    label: SourceText | None
    heading_at: Location  # the heading line (Markdown) or section value (YAML) that placed it


@dataclass(frozen=True)
class RawNote:
    label: str
    text: SourceText


@dataclass
class MarkdownBody:
    paragraphs: list[RawParagraph] = field(default_factory=list)
    notes: list[RawNote] = field(default_factory=list)
    headings: list[SourceText] = field(default_factory=list)  # every one, with paragraphs or not


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


class _Block:
    """Lines of one paragraph, list item or footnote definition, as they are read."""

    def __init__(self, kind: str, lines: list[tuple[str, Location]], note_label: str = "") -> None:
        self.kind, self.lines, self.note_label = kind, lines, note_label

    def source(self) -> SourceText:
        parts, segments, offset = [], [], 0
        for text, where in self.lines:
            stripped = text.strip()
            if not stripped:
                continue
            if indent := len(text) - len(text.lstrip()):
                where = where.shifted(indent)
            if parts:
                offset += 1
            segments.append((offset, where))
            parts.append(stripped)
            offset += len(stripped)
        if not segments:
            segments.append((0, self.lines[0][1]))
        return SourceText(" ".join(parts), tuple(segments))


def parse_body(body: str, path: str, first_line: int, diags: Diagnostics) -> MarkdownBody:
    """The paragraphs (with their sections and lists) and footnote definitions of a body."""
    parser = _BodyParser(path, diags)
    for n, line in enumerate(body.split("\n"), start=first_line):
        parser.feed(line, Location(path, n, 1))
    parser.flush()
    return parser.result


class _BodyParser:
    def __init__(self, path: str, diags: Diagnostics) -> None:
        self.path, self.diags = path, diags
        self.result = MarkdownBody()
        self.heading: SourceText | None = None
        self.heading_at = Location(path)
        self.block: _Block | None = None
        # The paragraph a list item attaches to: its text, label and items so far.
        self.para: list | None = None
        self.warned_orphan = False

    def feed(self, line: str, where: Location) -> None:
        if not line.strip():
            self.close_block()
            return
        if note := _NOTE_DEF.match(line):
            self.close_block()
            rest = line[note.end():]
            self.block = _Block("note", [(rest, where.shifted(note.end()))], note.group(1))
            return
        if heading := _HEADING.match(line):
            self.start_heading(line, heading, where)
            return
        if item := _ITEM.match(line):
            self.close_block()
            self.start_item(line, item, where)
            return
        if self.block and (self.block.kind != "note" or line[0] in " \t"):
            self.block.lines.append((line, where))
            return
        self.close_block()
        self.start_paragraph(line, where)

    def start_heading(self, line: str, heading: re.Match, where: Location) -> None:
        self.close_block()
        self.close_paragraph()
        level = len(heading.group(1))
        text = line[heading.end():].strip()
        if level > 2:
            self.diags.error(where, f"only '#' and '##' headings are allowed; '{'#' * level}' is too deep")
        elif not text:
            self.diags.error(where, "a heading needs a section key or heading text after '#'")
        self.heading = SourceText.at(text, where.shifted(heading.end()))
        self.heading_at = where
        if text and level <= 2:
            self.result.headings.append(self.heading)

    def start_item(self, line: str, item: re.Match, where: Location) -> None:
        if self.para is None:
            self.diags.error(where.shifted(len(item.group(1))),
                             "a list item must follow a paragraph of its section")
        self.block = _Block("item", [(line[item.end():], where.shifted(item.end()))])

    def start_paragraph(self, line: str, where: Location) -> None:
        self.close_paragraph()
        if self.heading is None and not self.warned_orphan:
            hashes = re.match(r"#+", line)
            hint = (f"a heading needs a space after '{hashes.group()}'" if hashes
                    else "start the section with '# <section key or heading>'")
            self.diags.error(where, f"text before the first section heading; {hint}")
            self.warned_orphan = True
        self.block = _Block("para", [(line, where)])

    def close_block(self) -> None:
        block, self.block = self.block, None
        if block is None:
            return
        src = block.source()
        if block.kind == "note":
            if not src.text:
                self.diags.error(block.lines[0][1], f"footnote '{block.note_label}' is empty")
            self.result.notes.append(RawNote(block.note_label, src))
        elif block.kind == "item":
            if not src.text:
                self.diags.error(block.lines[0][1], "empty list item")
            if self.para is not None:
                self.para[2].append(src)
        else:
            self.para = [*self.split_label(src), []]

    def split_label(self, src: SourceText) -> tuple[SourceText, SourceText | None]:
        """The paragraph's text and its `{#label}`, if it ends with one."""
        # The pattern cannot skip ahead to a `{`, so it is tried only on texts that have one.
        match = _LABEL_AT_END.search(src.text) if "{#" in src.text else None
        if not match:
            return src, None
        label = src.slice(match.start(1), match.end(1))
        if not LABEL.match(label.text):
            self.diags.error(src.location(match.start()), label_problem(label.text, "paragraph"))
        text = src.slice(0, match.start())
        return SourceText(text.text.rstrip(), text.segments, text.exact), label

    def close_paragraph(self) -> None:
        if self.para is None:
            return
        text, label, items = self.para
        self.para = None
        if not text.text:
            self.diags.error(text.location(), "empty paragraph: it holds only a label")
        if self.heading is not None:
            self.result.paragraphs.append(RawParagraph(self.heading, text, tuple(items), label, self.heading_at))

    def flush(self) -> None:
        self.close_block()
        self.close_paragraph()
