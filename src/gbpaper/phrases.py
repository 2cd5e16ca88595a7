"""The wording of a GB paper that is not the units' own, from one phrase table per language.

Tables live in templates/phrases/<lang>.yaml so that an editor can change wording without code.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import Field

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.resources import TEMPLATES_DIR
from gbpaper.schema import StrictModel
from gbpaper.sources.text import read_text
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
        day = self.days.get(str(date.day), str(date.day))
        return self.date_line.format(place=place, day=day, month=self.months[date.month - 1], year=date.year)

    def agenda_line(self, item: int) -> str:
        return self.agenda.format(ordinal=self.ordinals[item - 1])


def phrase_table_path(language: str):
    return TEMPLATES_DIR / "phrases" / f"{language}.yaml"


@lru_cache(maxsize=None)
def _load(language: str) -> tuple[Phrases | None, tuple]:
    diags = Diagnostics()
    path = phrase_table_path(language)
    text = read_text(path, str(path), diags)
    doc = load_yaml(text, str(path), diags) if text is not None else None
    phrases = validate(Phrases, doc, diags) if doc else None
    return phrases, tuple(diags.items)


def load_phrases(language: str, diags: Diagnostics, where: Location) -> Phrases | None:
    """The phrase table of language; an error at where if there is none."""
    if not phrase_table_path(language).is_file():
        diags.error(where, f"no phrase table for language '{language}' "
                    f"(templates/phrases/{language}.yaml)")
        return None
    phrases, found = _load(language)
    diags.extend(found)
    return phrases
