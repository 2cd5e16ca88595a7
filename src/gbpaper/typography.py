"""Where footnote markers go: right after the character they follow, and on the side of
touching punctuation (. , ; :) that the language wants, whatever side the writer typed them.

Markers side by side (or with only spaces between them) are several notes at one place: the
group moves as one."""
from __future__ import annotations

import re
from typing import Literal

from gbpaper.model import Inline, NoteRef, Text

MarkerSide = Literal["after-punctuation", "before-punctuation"]

_LEADING = re.compile(r"^[.,;:]+")
_TRAILING = re.compile(r"\s*[.,;:]+$")  # French spaces before : and ; go with them


def place_markers(nodes: list[Inline], side: MarkerSide, abbreviations: tuple[str, ...] = ()) -> list[Inline]:
    """nodes with every group of NoteRefs attached to the text before it (a space typed before
    it dropped), across the punctuation it touches as side says. Before punctuation, the full
    stop of an abbreviation (`etc.`) stays where it is: it is part of the word the marker
    follows. Punctuation that a space parts from the group does not touch it."""
    if not any(isinstance(node, NoteRef) for node in nodes):
        return nodes
    out = _padded(nodes)
    i = 1
    while i < len(out):
        if not isinstance(out[i], NoteRef):
            i += 1
            continue
        end = i
        while isinstance(out[end + 1], NoteRef):
            end += 1
        before_node, after_node = out[i - 1], out[end + 1]
        assert isinstance(before_node, Text) and isinstance(after_node, Text)
        typed, after = before_node.value, after_node.value
        before = typed.rstrip()
        if side == "after-punctuation" and (punct := _LEADING.match(after)):
            before, after = before + punct.group(), after[punct.end():]
        elif (side == "before-punctuation" and (punct := _TRAILING.search(typed))
              and not _ends_with_abbreviation(before, abbreviations)):
            before, after = before[: punct.start()], punct.group() + after
        out[i - 1], out[end + 1] = Text(before), Text(after)
        i = end + 2
    return [node for node in out if not (isinstance(node, Text) and not node.value)]


def _ends_with_abbreviation(text: str, abbreviations: tuple[str, ...]) -> bool:
    """Whether text ends with one of the abbreviations as a word of its own (`IBM.` is no `M.`)."""
    return any(text.endswith(a) and not text[: len(text) - len(a)][-1:].isalnum() for a in abbreviations)


def _padded(nodes: list[Inline]) -> list[Inline]:
    """nodes with each group of NoteRefs made contiguous (only spaces stood between them) and
    a Text, empty if need be, on each side of it."""
    out: list[Inline] = [Text("")]
    for node in nodes:
        if isinstance(node, NoteRef):
            if (len(out) >= 2 and isinstance(out[-2], NoteRef) and isinstance(out[-1], Text)
                    and not out[-1].value.strip()):
                out.pop()  # the spaces between two markers of a group
            elif not isinstance(out[-1], (Text, NoteRef)):
                out.append(Text(""))
        elif isinstance(out[-1], NoteRef) and not isinstance(node, Text):
            out.append(Text(""))
        out.append(node)
    if isinstance(out[-1], NoteRef):
        out.append(Text(""))
    return out
