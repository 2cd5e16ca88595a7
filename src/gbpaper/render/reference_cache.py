"""The default reference document as `make` compiled it: what the Word renderer takes from a
reference document, read once per build (the ids of its styles, the styles that do not keep
with the next, the slim package each paper is opened from), and its styles part in the language
of each phrase table, deflated. Reading the reference and writing its styles in three languages
is about a tenth of building one paper in three languages.

`python -m gbpaper.compiled` (which `make` runs after each change) writes it beside the
renderer's bytecode; a build reads it, and never writes it. It stands for the reference document
given to a build only when that document holds the same bytes and the renderer is the same code
(both are in its key), and only a reference read without a single warning is compiled; any other
reference document, or a compiled one that is damaged or stale, is read as always.
"""
from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import NamedTuple

import docx
from lxml import etree

HERE = Path(__file__).parent
COMPILED = HERE / "__pycache__" / "gb-reference.compiled"
FORMAT = 1
# The modules whose code decides what is compiled: a change to any makes a compiled one stale.
SOURCES = ("docx.py", "package.py", "reference_cache.py")

StylesMember = tuple[str, int, int, bytes]  # the styles part of one language: name, crc, size, deflated


class Compiled(NamedTuple):
    """What read_reference finds in a reference document, and its styles in each language."""

    style_ids: dict[str, str]
    unkept: tuple[str, ...]
    slim: bytes
    styles_name: str
    styles: bytes
    languages: dict[str, StylesMember]


def key(data: bytes) -> bytes:
    """The key of the reference document `data` as this code, python-docx and lxml read it."""
    digest = hashlib.sha256(f"{FORMAT} {docx.__version__} {etree.LXML_VERSION}\0".encode())
    for name in SOURCES:
        digest.update((HERE / name).read_bytes())
    digest.update(data)
    return digest.digest()


def read(data: bytes) -> Compiled | None:
    """The compiled reference document, if it was compiled from `data` by this code."""
    try:
        stored, fields = marshal.loads(COMPILED.read_bytes())
        if stored != key(data):
            return None
        compiled = Compiled(*fields)
    except (OSError, EOFError, ValueError, TypeError):  # none, or damaged
        return None
    return compiled if _well_formed(compiled) else None


def _well_formed(compiled: Compiled) -> bool:
    """Whether each field holds what it should (a damaged file can unmarshal to anything)."""
    style_ids, unkept, languages = compiled.style_ids, compiled.unkept, compiled.languages
    return (isinstance(style_ids, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in style_ids.items())
            and isinstance(unkept, tuple) and all(isinstance(name, str) for name in unkept)
            and isinstance(compiled.slim, bytes) and isinstance(compiled.styles_name, str)
            and isinstance(compiled.styles, bytes) and isinstance(languages, dict)
            and all(isinstance(language, str) and _styles_member(member) for language, member in languages.items()))


def _styles_member(member: object) -> bool:
    return (isinstance(member, tuple) and len(member) == 4 and isinstance(member[0], str)
            and isinstance(member[1], int) and isinstance(member[2], int) and isinstance(member[3], bytes))


def write(data: bytes, compiled: Compiled) -> None:
    """Keep `compiled`, read from the reference document `data`, for later builds."""
    COMPILED.parent.mkdir(exist_ok=True)
    temp = COMPILED.with_name(f"{COMPILED.name}.{os.getpid()}.tmp")
    temp.write_bytes(marshal.dumps((key(data), tuple(compiled))))
    os.replace(temp, COMPILED)


def forget() -> None:
    """Drop the compiled reference document, so that the next read reads the document itself."""
    COMPILED.unlink(missing_ok=True)
