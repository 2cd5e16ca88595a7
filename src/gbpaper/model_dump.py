"""`Paper.pformat()`: the numbered paper as indented text, a node a line.

The assembler's golden tests compare this dump, so that they test what was numbered and
placed without going through a renderer's layout.
"""
from __future__ import annotations

from typing import Iterator, assert_never

from gbpaper import model


def dump_inlines(nodes: model.Inlines) -> str:
    """Runs as one line: `*italic*`, `**bold**`, `[^3]` for note 3, `[#label=19(b)]`."""
    out = []
    for node in nodes:
        match node:
            case model.Text(value):
                out.append(value)
            case model.Emphasis(style, children):
                mark = "*" if style == "italic" else "**"
                out.append(f"{mark}{dump_inlines(children)}{mark}")
            case model.NoteRef(number):
                out.append(f"[^{number}]")
            case model.CrossRef(target, value):
                out.append(f"[#{target}={value}]")
            case _:
                assert_never(node)
    return "".join(out)


def _label(label: str | None) -> str:
    return f" {{#{label}}}" if label else ""


def _part(part: model.Part) -> str:
    match part:
        case model.DashItem(content):
            return f"dash: {dump_inlines(content)}"
        case model.LetteredItem(marker, depth, content, label):
            return f"{'sub' * (depth == 2)}item {marker}{_label(label)}: {dump_inlines(content)}"
        case model.QuotedParagraph(content):
            return f"quote: {dump_inlines(content)}"
        case _:
            assert_never(part)


def _notes(notes: tuple[model.Footnote, ...]) -> Iterator[str]:
    for note in notes:
        yield f"  note {note.number}{' ibid' * note.ibid}: {dump_inlines(note.content)}"


def dump_block(block: model.Block) -> Iterator[str]:
    match block:
        case model.Heading(key, _, numeral, level, numbering):
            yield f"heading {key} level {level}{f' {numbering} {numeral}' if numeral else ''}: {block.text}"
        case model.Paragraph(number, content, parts, notes, label):
            yield f"paragraph {number if number is not None else '(unnumbered)'}{_label(label)}: {dump_inlines(content)}"
            yield from (f"  {_part(part)}" for part in parts)
            yield from _notes(notes)
        case model.Table(caption, align, header, rows, notes, label):
            shown = f" {caption.label} {dump_inlines(caption.content)}" if caption else ""
            yield f"table{_label(label)}:{shown}"
            yield f"  align: {' '.join(align)}"
            yield f"  header: {' | '.join(dump_inlines(cell) for cell in header)}"
            yield from (f"  row: {' | '.join(dump_inlines(cell) for cell in row)}" for row in rows)
            yield from _notes(notes)
        case _:
            assert_never(block)


def dump_paper(paper: model.Paper) -> str:
    lines = [f"paper {paper.symbol} {paper.language} layout {paper.layout} ({paper.locale}, {paper.author})"]
    lines += [f"notice: {paper.notice}"] if paper.notice else []
    lines += [f"masthead {line.role}: {line.text}" for line in paper.masthead]
    lines += [f"{name}: {value}" for name, value in (("purpose", paper.purpose), ("agenda", paper.agenda),
                                                     ("title", paper.title), ("subtitle", paper.subtitle)) if value]
    if paper.summary:
        lines += [f"summary {paper.summary.heading}: {dump_inlines(paper.summary.purpose)}"]
        lines += [f"  {field.label}: {dump_inlines(field.content)}" for field in paper.summary.fields]
    for block in paper.blocks:
        lines.extend(dump_block(block))
    lines += [f"date line: {paper.date_line}"] if paper.date_line else []
    lines += [f"closing: {dump_inlines(paper.closing)}"] if paper.closing else []
    for appendix in paper.appendices:
        lines.append(f"appendix {appendix.key}: {appendix.label} / {appendix.title}")
        for block in appendix.blocks:
            lines.extend(f"  {line}" for line in dump_block(block))
    lines += [f"stamp: {paper.stamp}"] if paper.stamp else []
    return "\n".join(lines) + "\n"
