"""The wording of a GB paper that is not the units' own, from one phrase table per language.

Tables live in templates/phrases/<lang>.yaml so that an editor can change wording without code.
"""
from __future__ import annotations

import datetime as dt
import re
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
