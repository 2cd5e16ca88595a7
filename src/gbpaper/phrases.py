"""The wording of a GB paper that is not the units' own, from one phrase table per language.

Tables live in templates/phrases/<lang>.yaml so that an editor can change wording without code.

`python -m gbpaper.compiled` (which `make` runs after each change) keeps each table that reads
without a diagnostic as the data its YAML holds, keyed by its bytes and by the code that reads
YAML; a build takes a table from there when its bytes are the same (reading a table's YAML is
a tenth of building one paper), and reads it itself otherwise. A build never writes it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.resources import TEMPLATES_DIR
from gbpaper.schema import StrictModel
from gbpaper.sources import text as text_source
from gbpaper.sources import yaml_source
from gbpaper.sources.text import read_bytes, text_of
from gbpaper.sources.yaml_source import load_yaml
from gbpaper.typography import MarkerSide
from gbpaper.validation import validate


class Phrases(StrictModel):
    locale: str
    author: str
    office: str
    body: str
    session: str
    session_suffixes: dict[str, str]
    place_month: str
    date_line: str
    months: list[str] = Field(min_length=12, max_length=12)
    days: dict[str, str] = Field(default_factory=dict)
    purpose: dict[str, str]
    agenda: str
    ordinals: list[str] = Field(min_length=99, max_length=99)
    closing: dict[str, str]
    ibid: str
    note_marker: MarkerSide
    abbreviations: list[str] = Field(default_factory=list)
    item_marker: str
    item_reference: str
    subitem_reference: str
    table: str
    session_with_dates: str
    full_date: str
    day_and_month: str
    date_range: str
    date_field: str
    original: str
    language_names: dict[str, str]
    summary: str
    summary_fields: dict[str, str]
    appendix_labels: dict[str, str]

    def marker(self, mark: str) -> str:
        """`(a)` or `a)`: how a lettered item or sub-item is marked in this language."""
        return self.item_marker.format(mark=mark)

    def item_ref(self, paragraph: str, item: str, subitem: str | None = None) -> str:
        """`19(b)`, `19(b)(ii)`; `19 b)`, `19 b) ii)`: a cross-reference to an item."""
        if subitem is None:
            return self.item_reference.format(paragraph=paragraph, item=item)
        return self.subitem_reference.format(paragraph=paragraph, item=item, subitem=subitem)

    def table_label(self, number: int) -> str:
        return self.table.format(number=number)

    def session_line(self, number: int) -> str:
        """'300th Session': the suffix of `=N` for N itself, else of the longest key that the
        number ends with, else of `other`."""
        table, digits = self.session_suffixes, str(number)
        endings = [key for key in table if key.isdigit() and digits.endswith(key)]
        suffix = table.get(f"={digits}") or (table[max(endings, key=len)] if endings else table["other"])
        return self.session.format(number=number, suffix=suffix)

    def month_line(self, place: str, year: int, month: int) -> str:
        return self.place_month.format(place=place, month=self.months[month - 1], year=year)

    def dated(self, place: str, date: dt.date) -> str:
        """The 2007 layout's date line at the end: `Geneva, 8 October 2007.`"""
        return self.date_line.format(place=place, day=self._day(date), month=self.months[date.month - 1],
                                     year=date.year)

    def _day(self, date: dt.date) -> str:
        return self.days.get(str(date.day), str(date.day))

    def date_in_full(self, date: dt.date) -> str:
        return self.full_date.format(day=self._day(date), month=self.months[date.month - 1], year=date.year)

    def session_dates_line(self, number: int, place: str, first: dt.date, last: dt.date) -> str:
        """`326th Session, Geneva, 10–24 March 2016`; across months `29 October–12 November
        2015`; across years each day in full."""
        if first == last:
            return self.session_with_dates.format(session=self.session_line(number), place=place,
                                                  dates=self.date_in_full(first))
        if (first.year, first.month) == (last.year, last.month):
            start = self._day(first)
        elif first.year == last.year:
            start = self.day_and_month.format(day=self._day(first), month=self.months[first.month - 1])
        else:
            start = self.date_in_full(first)
        dates = self.date_range.format(first=start, last=self.date_in_full(last))
        return self.session_with_dates.format(session=self.session_line(number), place=place, dates=dates)

    def date_label(self, date: dt.date) -> str:
        return self.date_field.format(date=self.date_in_full(date))

    def original_label(self, language: str) -> str:
        return self.original.format(language=self.language_names.get(language, language))

    def appendix_label(self, kind: str, numeral: str | None) -> str:
        label = self.appendix_labels[kind]
        return f"{label} {numeral}" if numeral else label

    def appendix_label_pattern(self) -> re.Pattern[str]:
        """An appendix's label as printed, with its numeral or without (`Annex II`, `Appendix`)."""
        return re.compile("(?:" + "|".join(re.escape(label) for label in self.appendix_labels.values())
                          + r")(?: [IVXLCDM]+)?")

    def agenda_line(self, item: int) -> str:
        return self.agenda.format(ordinal=self.ordinals[item - 1])


def phrase_table_path(language: str):
    return TEMPLATES_DIR / "phrases" / f"{language}.yaml"


COMPILED = Path(__file__).parent / "__pycache__" / "phrases.compiled"
# The modules whose code decides what a table's YAML reads as: a change to any makes what was
# compiled stale.
SOURCES = (Path(__file__), Path(text_source.__file__), Path(yaml_source.__file__))


@lru_cache(maxsize=None)
def _load(language: str) -> tuple[Phrases | None, tuple]:
    diags = Diagnostics()
    path = phrase_table_path(language)
    data = read_bytes(path, str(path), diags)
    if data is None:
        return None, tuple(diags.items)
    compiled = _compiled().get(language)
    if isinstance(compiled, tuple) and len(compiled) == 2 and compiled[0] == _key(data):
        try:
            return Phrases.model_validate(compiled[1]), ()
        except ValidationError:  # damaged: the table is read itself
            pass
    phrases, _ = _read(data, str(path), diags)
    return phrases, tuple(diags.items)


def _read(data: bytes, shown: str, diags: Diagnostics) -> tuple[Phrases | None, Any]:
    """The phrase table whose bytes are data, and the data its YAML holds."""
    text = text_of(data, shown, diags)
    doc = load_yaml(text, shown, diags) if text is not None else None
    return (validate(Phrases, doc, diags), doc.data) if doc else (None, None)


def _key(data: bytes) -> bytes:
    """The key of a table's bytes, as this code reads them."""
    return hashlib.sha256(_code() + data).digest()


@lru_cache(maxsize=None)
def _code() -> bytes:
    digest = hashlib.sha256()
    for source in SOURCES:
        digest.update(source.read_bytes())
    return digest.digest()


@lru_cache(maxsize=None)
def _compiled() -> dict[str, object]:
    """The compiled tables by language: empty when there are none, or they are damaged."""
    try:
        compiled = marshal.loads(COMPILED.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return compiled if isinstance(compiled, dict) else {}


def compile_phrase_tables() -> None:
    """Keep every phrase table that reads without a diagnostic, for later builds."""
    compiled = {}
    for path in sorted(phrase_table_path("en").parent.glob("*.yaml")):
        diags = Diagnostics()
        data = read_bytes(path, str(path), diags)
        if data is None:
            continue
        phrases, yaml_data = _read(data, str(path), diags)
        if phrases is not None and not diags.items:
            compiled[path.stem] = (_key(data), yaml_data)
    COMPILED.parent.mkdir(exist_ok=True)
    temp = COMPILED.with_name(f"{COMPILED.name}.{os.getpid()}.tmp")
    temp.write_bytes(marshal.dumps(compiled))
    os.replace(temp, COMPILED)


def load_phrases(language: str, diags: Diagnostics, where: Location) -> Phrases | None:
    """The phrase table of language; an error at where if there is none."""
    if not phrase_table_path(language).is_file():
        diags.error(where, f"no phrase table for language '{language}' "
                    f"(templates/phrases/{language}.yaml)")
        return None
    phrases, found = _load(language)
    diags.extend(found)
    return phrases
