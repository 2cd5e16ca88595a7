"""Language versions: paper.yaml's translation entries, and each translated submission's
alignment with its original, so that every version carries the original's numbers.

A translation is aligned when it has the same sections in the same order, the same number of
paragraphs in each, the same number of list items in each paragraph, the same labels, and in
each paragraph and list item the same footnote references and cross-references in order.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gbpaper.diagnostics import Diagnostics, Location, did_you_mean
from gbpaper.inline import RawCrossRef, RawInline, iter_refs
from gbpaper.load import PaperSources, Submission, SubmittedParagraph
from gbpaper.outline import Outline


def check_languages(sources: PaperSources, outline: Outline, diags: Diagnostics) -> list[str]:
    """The languages other than the original's; every problem with their entries reported."""
    plan, doc = sources.plan, sources.plan_doc
    languages = plan.all_languages
    if plan.language not in languages:
        diags.error(doc.where(("languages",)), f"languages must include the original's, '{plan.language}'")
    seen: set[str] = set()
    for i, lang in enumerate(languages):
        if lang in seen:
            diags.error(doc.where(("languages", i)), f"language '{lang}' listed twice")
        seen.add(lang)
    others = [lang for lang in dict.fromkeys(languages) if lang != plan.language]
    for lang in others:
        if lang not in plan.translations:
            diags.error(doc.where(("languages", languages.index(lang))),
                        f"no entry for '{lang}' under translations: its title, place and headings")
        else:
            _check_entry(sources, lang, outline, diags)
    for lang in plan.translations:
        if lang not in others:
            diags.error(doc.key_at(("translations", lang)),
                        f"translation '{lang}' is not among the paper's other languages {others}")
    for lang in sources.translations:
        if lang not in others:
            diags.warning(Location(str(Path(sources.folder) / lang)),
                          f"folder ignored: '{lang}' is not among the paper's languages")
    return others


def _check_entry(sources: PaperSources, lang: str, outline: Outline, diags: Diagnostics) -> None:
    plan, doc = sources.plan, sources.plan_doc
    entry, at = plan.translations[lang], ("translations", lang)
    for field, original in (("subtitle", plan.subtitle), ("committee", plan.committee)):
        if original and not getattr(entry, field):
            diags.error(doc.where(at), f"translation '{lang}' needs a {field}, as the original has one")
    for key in outline.headings:
        if key not in entry.headings:
            diags.error(doc.where(at + ("headings",)) if entry.headings else doc.where(at),
                        f"translation '{lang}' has no heading for section '{key}'")
    for key in entry.headings:
        if key not in outline.headings:
            known = "has no heading" if key in outline.by_key else "does not exist"
            diags.error(doc.key_at(at + ("headings", key)), f"section '{key}' {known} in the original"
                        + did_you_mean(key, outline.headings))


def check_alignment(sources: PaperSources, lang: str, outline: Outline, translated: Outline,
                    diags: Diagnostics) -> None:
    """Each original has its translation in lang/, each translation its original, and each pair
    is aligned; a misalignment is reported in the translation and names the original's place.
    `translated` is the outline under the headings of lang."""
    translations = {sub.name: sub for sub in sources.translations.get(lang, ())}
    originals = {sub.name: sub for sub in sources.submissions}
    for name, original in originals.items():
        if name not in translations:
            diags.error(Location(original.path),
                        f"no '{lang}' translation of this file: {lang}/{name} is missing")
        else:
            _Aligner(original, translations[name], outline, translated, diags).check()
    for name, translation in translations.items():
        if name not in originals:
            diags.error(Location(translation.path),
                        f"a translation of '{name}', which is not in the paper's folder")


@dataclass
class _Run:
    """Consecutive paragraphs of a file under one section."""

    key: str
    at: Location
    paragraphs: list[SubmittedParagraph]


class _Aligner:
    def __init__(self, original: Submission, translation: Submission, outline: Outline,
                 translated: Outline, diags: Diagnostics) -> None:
        self.original, self.translation, self.diags = original, translation, diags
        self.outline, self.translated = outline, translated

    def place(self, at: Location) -> str:
        """The original's place, as a translation's message names it: `ipec.md:9`."""
        return f"{self.original.name}:{at.line}"

    def check(self) -> None:
        if self.translation.unit != self.original.unit:
            self.diags.error(self.translation.unit_at, f"unit '{self.translation.unit}' here but "
                             f"'{self.original.unit}' in {self.place(self.original.unit_at)}")
        ours, theirs = _runs(self.original, self.outline), _runs(self.translation, self.translated)
        if ours is None or theirs is None:
            return  # an unknown section is reported where the paper is assembled
        for mine, other in zip(ours, theirs):
            if mine.key != other.key:
                self.diags.error(other.at, f"section '{other.key}' here but '{mine.key}' in "
                                 f"{self.place(mine.at)}")
                return
            if len(mine.paragraphs) != len(other.paragraphs):
                n, m = len(other.paragraphs), len(mine.paragraphs)
                self.diags.error(other.at, f"section '{other.key}' has {n} paragraph{'s' * (n != 1)} "
                                 f"here but {m} in {self.place(mine.at)}")
                continue
            for a, b in zip(mine.paragraphs, other.paragraphs):
                self.paragraph(a, b)
        if len(theirs) < len(ours):
            missing = ours[len(theirs)]
            end = theirs[-1].at if theirs else Location(self.translation.path)
            self.diags.error(end, f"section '{missing.key}' of {self.place(missing.at)} is missing here")
        for extra in theirs[len(ours):]:
            self.diags.error(extra.at, f"section '{extra.key}' here is not in {self.original.name}")

    def paragraph(self, mine: SubmittedParagraph, other: SubmittedParagraph) -> None:
        here, there = other.raw.text.location(), mine.raw.text.location()
        label, their_label = (p.raw.label.text if p.raw.label else None for p in (other, mine))
        if label != their_label:
            where = other.raw.label.location() if other.raw.label else here
            shown = f"label '{label}'" if label else "no label"
            self.diags.error(where, f"{shown} here but {f'label {their_label!r}' if their_label else 'none'}"
                             f" in {self.place(there)}")
        if len(other.items) != len(mine.items):
            self.diags.error(here, f"{len(other.items)} list items here but {len(mine.items)} "
                             f"in {self.place(there)}")
            return
        self.references(mine.content, other.content, there, here)
        for a, b, a_raw, b_raw in zip(mine.items, other.items, mine.raw.items, other.raw.items):
            self.references(a, b, a_raw.location(), b_raw.location())

    def references(self, mine: tuple[RawInline, ...], other: tuple[RawInline, ...],
                   there: Location, here: Location) -> None:
        """The same footnote references and cross-references, in the same order."""
        refs, their_refs = list(iter_refs(mine)), list(iter_refs(other))
        ours, theirs = [_shown(r) for r in refs], [_shown(r) for r in their_refs]
        for k, (a, b) in enumerate(zip(ours, theirs)):
            if a == b:
                continue
            where, original = their_refs[k].location, self.place(refs[k].location)
            if theirs[k:] == ours[k + 1 :]:
                self.diags.error(where, f"{a} of {original} is missing here, before {b}")
            elif theirs[k + 1 :] == ours[k:]:
                self.diags.error(where, f"{b} here is not in {original}")
            else:
                self.diags.error(where, f"{b} here but {a} in {original}")
            return
        if len(theirs) < len(ours):
            missing = refs[len(theirs)]
            self.diags.error(here, f"{_shown(missing)} of {self.place(missing.location)} is missing here")
        for extra in their_refs[len(ours):]:
            self.diags.error(extra.location, f"{_shown(extra)} here is not in {self.place(there)}")


def _shown(ref) -> str:
    return f"[#{ref.label}]" if isinstance(ref, RawCrossRef) else f"[^{ref.label}]"


def _runs(sub: Submission, outline: Outline) -> list[_Run] | None:
    runs: list[_Run] = []
    for para in sub.paragraphs:
        section = outline.find(para.raw.section.text)
        if section is None:
            return None
        if runs and runs[-1].key == section.key:
            runs[-1].paragraphs.append(para)
        else:
            runs.append(_Run(section.key, para.raw.heading_at, [para]))
    return runs
