"""The paper's outline from paper.yaml: sections in reading order, their numerals and names."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal, Sequence

from gbpaper import model
from gbpaper.diagnostics import Diagnostics, Location, did_you_mean
from gbpaper.numerals import letter, roman
from gbpaper.schema import AppendixPlan, SectionPlan
from gbpaper.sources.text import fold as spaces_folded
from gbpaper.sources.yaml_source import YamlDoc

MAX_DEPTH = 3  # sections in sections in sections: headings '#' to '###'


def fold(text: str) -> str:
    """Heading text as submissions may write it: any case, any run of spaces."""
    return spaces_folded(text).casefold()


@dataclass(frozen=True)
class AppendixInfo:
    """The appendix a section belongs to: its numeral (None for a paper's single appendix), how
    its paragraphs are numbered, and whether it is an appendix or an annex."""

    key: str
    numeral: str | None
    numbering: Literal["none", "own"]
    label: Literal["appendix", "annex"]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str | None
    numeral: str | None
    level: int  # 1 for the outline's top level (and an appendix's own sections); 0 for an appendix
    numbering: model.Numbering | None
    order: int
    at: Location
    parent: Section | None
    appendix: AppendixInfo | None = None  # the appendix it is in, or is

    @property
    def is_appendix(self) -> bool:
        """Whether the section is an appendix itself (printed as its label and title)."""
        return self.appendix is not None and self.appendix.key == self.key


class Outline:
    """Every section of the plan in reading order (a section before its subsections), and the
    names that submissions may call them by: the key, the heading, or numeral (or letter) and
    heading."""

    def __init__(self, plans: list[SectionPlan], doc: YamlDoc, diags: Diagnostics,
                 appendices: Sequence[AppendixPlan] = ()) -> None:
        self.sections: list[Section] = []
        self.by_key: dict[str, Section] = {}
        # Numbered sections so far, by style, in reading order: through the body, then afresh
        # in each appendix.
        self._counts: dict[model.Numbering, int] = {"roman": 0, "letter": 0}
        self._walk(plans, ("sections",), None, doc, diags)
        for i, plan in enumerate(appendices):
            self._appendix(plan, i, len(appendices), doc, diags)
        self.headings = {s.key: s.heading for s in self.sections if s.heading and not s.is_appendix}
        self.appendix_titles = {s.key: s.heading for s in self.sections if s.heading and s.is_appendix}
        self._names = self._index()

    def _appendix(self, plan: AppendixPlan, i: int, count: int, doc: YamlDoc, diags: Diagnostics) -> None:
        where = doc.where(("appendices", i, "key"))
        if self._taken(plan.key, where, diags, in_appendix=True):
            return
        info = AppendixInfo(plan.key, roman(i + 1) if count > 1 else None, plan.numbering, plan.label)
        section = Section(plan.key, plan.title, None, 0, None, len(self.sections), where, None, info)
        self.sections.append(section)
        self.by_key[plan.key] = section
        self._counts = {"roman": 0, "letter": 0}
        self._walk(plan.sections, ("appendices", i, "sections"), section, doc, diags)

    def _taken(self, key: str, where: Location, diags: Diagnostics, in_appendix: bool) -> bool:
        """Whether key names a section already (an error at where); in_appendix: the key is an
        appendix's or one of its sections'."""
        if key not in self.by_key:
            return False
        first = self.by_key[key]
        if first.is_appendix or in_appendix:
            what = "an appendix" if first.is_appendix else "a section"
            diags.error(where, f"key '{key}' is {what}'s already (line {first.at.line}): sections and "
                        "appendices share one namespace")
        else:
            diags.error(where, f"section key '{key}' given twice (first at line {first.at.line})")
        return True

    def _walk(self, plans: list[SectionPlan], at: tuple, parent: Section | None, doc: YamlDoc,
              diags: Diagnostics) -> None:
        for i, plan in enumerate(plans):
            where = doc.where(at + (i, "key"))
            if self._taken(plan.key, where, diags, in_appendix=parent is not None and parent.appendix is not None):
                continue
            if plan.numbered and plan.numbering not in (None, "roman"):
                diags.error(doc.key_at(at + (i, "numbering")), f"numbered: true is numbering: roman, and "
                            f"numbering says {plan.numbering}; give numbering alone")
            numeral, numbering = None, None
            if plan.style != "none":
                numbering = plan.style
                self._counts[numbering] += 1
                numeral = (roman if numbering == "roman" else letter)(self._counts[numbering])
            level = parent.level + 1 if parent else 1
            if level > MAX_DEPTH:
                diags.error(where, f"section '{plan.key}' is nested {level} deep: sections nest {MAX_DEPTH} "
                            "deep at most, as headings go from '#' to '###'")
            section = Section(plan.key, plan.heading, numeral, level, numbering, len(self.sections), where, parent,
                              parent.appendix if parent else None)
            self.sections.append(section)
            self.by_key[plan.key] = section
            self._walk(plan.sections, at + (i, "sections"), section, doc, diags)

    def _index(self) -> dict[str, Section | None]:
        """Each name a submission may use, and its section; None for a heading that two sections
        share, which only their keys (or numerals) can tell apart. A key wins over a heading."""
        names: dict[str, Section | None] = {}
        for section in self.sections:
            heading = self.headings.get(section.key) or self.appendix_titles.get(section.key)
            if not heading:
                continue
            for name in (fold(heading), fold(f"{section.numeral}. {heading}") if section.numeral else None):
                if name is not None:
                    names[name] = None if name in names and names[name] is not section else section
        names.update((section.key, section) for section in self.sections)
        return names

    def ambiguous(self, name: str) -> list[Section]:
        """The sections whose heading is name, when there are several."""
        if fold(name) not in self._names or self._names[fold(name)] is not None:
            return []
        return [s for s in self.sections if fold(self.name(s) or "") == fold(name)]

    def name(self, section: Section) -> str | None:
        """The section's heading, or an appendix's title."""
        return self.headings.get(section.key) or self.appendix_titles.get(section.key)

    def translated(self, headings: dict[str, str], appendix_titles: dict[str, str] | None = None) -> Outline:
        """The same sections under the headings (and appendix titles) of another language."""
        other = copy.copy(self)
        other.headings = dict(headings)
        other.appendix_titles = dict(appendix_titles or {})
        other._names = other._index()
        return other

    def heading(self, section: Section) -> model.Heading | None:
        """The printed heading of section, in this outline's language; None for no heading (an
        appendix is printed as its label and title)."""
        text = self.headings.get(section.key)
        return model.Heading(section.key, text, section.numeral, section.level, section.numbering) if text else None

    def lineage(self, section: Section) -> Iterator[Section]:
        """The section and every section it is nested in."""
        current: Section | None = section
        while current is not None:
            yield current
            current = current.parent

    def empty_sections(self, used: Iterable[Section]) -> list[Section]:
        """The sections with no paragraph, in them or in a section nested in them, when the
        paragraphs stand in the sections `used`."""
        filled = {s.key for section in used for s in self.lineage(section)}
        return [section for section in self.sections if section.key not in filled]

    def find(self, name: str) -> Section | None:
        """The section a submission names by key, heading text, or numeral and heading."""
        return self.by_key.get(name) or self._names.get(fold(name))

    def suggestion(self, name: str, diags: Diagnostics) -> str:
        """`; did you mean ...?` for an unknown name, while `diags` may still suggest (each
        costs a pass over every section)."""
        if not diags.suggesting():
            return ""
        choices = [s.key for s in self.sections] + list(self.headings.values()) + list(self.appendix_titles.values())
        # A paper has few sections: the nearest is always worth naming.
        return did_you_mean(name, choices, describe=self._describe, cutoff=0)

    def _describe(self, choice: str) -> str | None:
        section = self.find(choice)
        if section is None:
            return None
        return self.name(section) if choice == section.key else section.key
