"""The plain-text paper, through templates/paper.txt.j2."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from gbpaper import model
from gbpaper.resources import TEMPLATES_DIR

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MARKS = {"italic": "*", "bold": "**"}


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def plain(text: str) -> str:
    """Text with no markup of its own, as the text format writes it: `\\` and `*` escaped."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def inline_text(nodes: model.Inlines) -> str:
    """Runs as the text format writes them: *italic*, **bold**, superscript note numbers."""
    out = []
    for node in nodes:
        if isinstance(node, model.Text):
            out.append(plain(node.value))
        elif isinstance(node, model.Emphasis):
            mark = _MARKS[node.style]
            out.append(f"{mark}{inline_text(node.children)}{mark}")
        elif isinstance(node, model.NoteRef):
            out.append(superscript(node.number))
        else:
            out.append(node.value)
    return "".join(out)


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["inline"] = inline_text
    env.filters["superscript"] = superscript
    env.filters["plain"] = plain
    return env.get_template("paper.txt.j2")


def render_text(paper: model.Paper) -> bytes:
    return _template().render(paper=paper).encode("utf-8")
