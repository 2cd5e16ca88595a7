"""A paper's text reduced to what must match: headings, numbered paragraphs with their list
items, footnotes with the paragraph that references each, and the closing lines.

The reference was extracted from a PDF, so its page breaks split paragraphs and its footnotes
sit at page bottoms. Not compared, as the output contract allows: those, `US\\$`, a space
before a marker, straight against curly quotes, and `*` emphasis marks.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_PARA = re.compile(r"(\d+)\.\s+(.*)")
_NOTE = re.compile(f"([{SUPERSCRIPTS}]+)\\s+(.*)")
_ITEM = re.compile(r"\s*[-–•]\s+(.*)")
_MARKER = re.compile(f"[{SUPERSCRIPTS}]+")
PURPOSES = ("FOR INFORMATION", "FOR DEBATE AND GUIDANCE", "FOR DECISION")


def number(superscript: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in superscript))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("*", "").replace("\\$", "$")
    text = re.sub(f"\\s+([{SUPERSCRIPTS}]+)", r"\1", text)
    text = re.sub("[‘’]", "'", text)
    text = re.sub("[“”]", '"', text)
    return " ".join(text.split())


@dataclass
class Canon:
    blocks: list[str] = field(default_factory=list)  # "1. text | - item", or a heading/closing line
    notes: dict[int, str] = field(default_factory=dict)
    placed: dict[int, int] = field(default_factory=dict)  # footnote -> paragraph number


def canon(text: str, from_pdf: bool) -> Canon:
    """The canonical form of a text output, or (from_pdf) of the reference paper's text."""
    result = Canon()
    last_para: int | None = None  # index in blocks of the paragraph still open
    started = False
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if note := _NOTE.match(s):
            result.notes[number(note.group(1))] = normalise(note.group(2))
            if not from_pdf:
                result.placed[number(note.group(1))] = _para_number(result, last_para)
            continue
        if not started:
            started = s in PURPOSES
            if started:
                result.blocks.append(s)
            continue
        if para := _PARA.match(s):
            result.blocks.append(f"{para.group(1)}. {normalise(para.group(2))}")
            last_para = len(result.blocks) - 1
        elif (item := _ITEM.match(line)) and last_para is not None:
            result.blocks[last_para] += " | - " + normalise(item.group(1))
        elif from_pdf and last_para is not None and s[0].islower():
            result.blocks[last_para] += " " + normalise(s)  # runs on after a page break
        else:
            result.blocks.append(normalise(s))
            last_para = None
    if from_pdf:  # notes sit at page bottoms: place each by its first marker instead
        for i, block in enumerate(result.blocks):
            for marker in _MARKER.finditer(block):
                result.placed.setdefault(number(marker.group()), _para_number(result, i))
    return result


def _para_number(result: Canon, index: int | None) -> int | None:
    if index is None or not _PARA.match(result.blocks[index]):
        return None
    return int(result.blocks[index].split(".", 1)[0])
