"""Where a footnote marker goes: right after the character it follows, and on the side of
touching punctuation (. , ; :) that the language wants, whatever side the writer typed it."""
from __future__ import annotations

import re
from typing import Literal

from gbpaper.model import Inline, NoteRef, Text

MarkerSide = Literal["after-punctuation", "before-punctuation"]

_LEADING = re.compile(r"^[.,;:]+")
_TRAILING = re.compile(r"\s*[.,;:]+$")  # French spaces before : and ; go with them


def place_markers(nodes: list[Inline], side: MarkerSide, abbreviations: tuple[str, ...] = ()) -> list[Inline]:
    """nodes with every NoteRef attached to the text before it, across punctuation as side says.
    Before punctuation, the full stop of an abbreviation (`etc.`) stays where it is: it is part
    of the word the marker follows."""
    if not any(isinstance(node, NoteRef) for node in nodes):
        return nodes
    out = _padded(nodes)
    for i, node in enumerate(out):
        if not isinstance(node, NoteRef):
            continue
        before, after = out[i - 1].value.rstrip(), out[i + 1].value
        if side == "after-punctuation" and (punct := _LEADING.match(after)):
            before, after = before + punct.group(), after[punct.end():]
        elif (side == "before-punctuation" and (punct := _TRAILING.search(before))
              and not _ends_with_abbreviation(before, abbreviations)):
            before, after = before[: punct.start()], punct.group() + after
        out[i - 1], out[i + 1] = Text(before), Text(after)
    return [node for node in out if not (isinstance(node, Text) and not node.value)]


def _ends_with_abbreviation(text: str, abbreviations: tuple[str, ...]) -> bool:
    """Whether text ends with one of the abbreviations as a word of its own (`IBM.` is no `M.`)."""
    return any(text.endswith(a) and not text[: len(text) - len(a)][-1:].isalnum() for a in abbreviations)


def _padded(nodes: list[Inline]) -> list[Inline]:
    """nodes with a Text (empty if need be) on each side of every NoteRef."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, NoteRef) and not (out and isinstance(out[-1], Text)):
            out.append(Text(""))
        if out and isinstance(out[-1], NoteRef) and not isinstance(node, Text):
            out.append(Text(""))
        out.append(node)
    if isinstance(out[-1], NoteRef):
        out.append(Text(""))
    return out
