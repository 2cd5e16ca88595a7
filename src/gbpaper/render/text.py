"""The plain-text paper, through templates/paper.txt.j2."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, assert_never

import jinja2

from gbpaper import model
from gbpaper.model import NOTE_SEPARATOR
from gbpaper.resources import TEMPLATES_DIR

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MARKS = {"italic": "*", "bold": "**"}
_DELIMITER = {"left": "---", "center": ":---:", "right": "---:"}


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def plain(text: str) -> str:
    """Text with no markup of its own, as the text format writes it: `\\` and `*` escaped."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


Leaf = model.Text | model.NoteRef | model.CrossRef
Styles = tuple[Literal["italic", "bold"], ...]  # the emphasis a leaf is in, the outermost first


def inline_pieces(nodes: model.Inlines, styles: Styles = ()) -> list[tuple[str, Leaf | None, Styles]]:
    """What runs print in the text format, piece by piece: each piece's text, and the leaf that
    prints it (None for the marks of emphasis and the comma between notes) in its emphasis."""
    pieces: list[tuple[str, Leaf | None, Styles]] = []
    previous: model.Inline | None = None
    for node in nodes:
        match node:
            case model.Text(value):
                pieces.append((plain(value), node, styles))
            case model.Emphasis(style, children):
                mark = _MARKS[style]
                pieces.append((mark, None, styles))
                pieces += inline_pieces(children, (*styles, style))
                pieces.append((mark, None, styles))
            case model.NoteRef(number):
                if isinstance(previous, model.NoteRef):
                    pieces.append((NOTE_SEPARATOR, None, styles))
                pieces.append((superscript(number), node, styles))
            case model.CrossRef(value=value):
                pieces.append((value, node, styles))
            case _:
                assert_never(node)
        previous = node
    return pieces


def inline_text(nodes: model.Inlines) -> str:
    """Runs as the text format writes them: *italic*, **bold**, superscript note numbers."""
    return "".join(text for text, _, _ in inline_pieces(nodes))


def part_line(part: model.Part) -> str:
    """A paragraph's trailing part as its line: `- item`, `(a) item`, `  (i) item`, `> quote`."""
    match part:
        case model.DashItem(content):
            return f"- {inline_text(content)}"
        case model.LetteredItem(marker, depth, content):
            return f"{'  ' * (depth - 1)}{marker} {inline_text(content)}"
        case model.QuotedParagraph(content):
            return f"> {inline_text(content)}"
        case _:
            assert_never(part)


def cell_text(cell: model.Inlines) -> str:
    """A table cell: its runs, a literal `|` written `\\|`."""
    return inline_text(cell).replace("|", "\\|")


def row(cells: tuple[model.Inlines, ...]) -> str:
    return "| " + " | ".join(cell_text(cell) for cell in cells) + " |"


def delimiter_row(align: tuple[model.Align, ...]) -> str:
    return "| " + " | ".join(_DELIMITER[a] for a in align) + " |"


def block_text(block: model.Block) -> str:
    """A block as the template's macro of its kind prints it."""
    macros: Any = _block_macros()
    match block:
        case model.Heading():
            return str(macros.heading(block))
        case model.Paragraph():
            return str(macros.paragraph(block))
        case model.Table():
            return str(macros.table(block))
        case _:
            assert_never(block)


COMPILED_DIR = Path(__file__).parent / "__pycache__"


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept where Python keeps this module's bytecode, so that a run
    does not compile them again: written by `python -m gbpaper.compiled` (which `make` runs
    after each change), only read by a run. A compiled template whose source has changed since,
    or that cannot be read, is set aside and the template compiled in memory, as Jinja does
    without a cache."""

    def __init__(self, writable: bool = False) -> None:
        super().__init__(str(COMPILED_DIR), "__jinja2_%s.cache")
        self.writable = writable

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file: unpickling or unmarshalling it can fail many ways
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.writable:
            super().dump_bytecode(bucket)


TEMPLATES = ("paper.txt.j2", "blocks.txt.j2")


@lru_cache(maxsize=2)
def _environment(writable: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=CompiledTemplates(writable),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        auto_reload=False,  # a run reads each template once: no check of its file per block
    )
    env.filters.update(inline=inline_text, superscript=superscript, plain=plain, part_line=part_line,
                       row=row, delimiter_row=delimiter_row, block=block_text)
    return env


def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


@lru_cache(maxsize=1)
def _block_macros() -> Any:
    """The macros of blocks.txt.j2, one for each kind of block."""
    return _template("blocks.txt.j2").module


def compile_templates() -> None:
    """Compiles the templates into COMPILED_DIR, for every later run to read."""
    COMPILED_DIR.mkdir(exist_ok=True)
    for name in TEMPLATES:
        _environment(writable=True).get_template(name)


def render_text(paper: model.Paper) -> bytes:
    """The paper as text: its blocks each followed by a blank line, but the last, which ends
    with the one final newline."""
    return (_template("paper.txt.j2").render(paper=paper).rstrip("\n") + "\n").encode("utf-8")
