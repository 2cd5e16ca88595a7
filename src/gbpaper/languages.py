"""Language versions: paper.yaml's translation entries, and each translated submission's
alignment with its original, so that every version carries the original's numbers.

A translation is aligned when it has the same sections in the same order, the same blocks in
each (paragraphs and tables, in the same order), the same trailing parts in each paragraph
(dash items, lettered items and sub-items, quoted paragraphs), the same tables with the same
rows and columns, the same labels, and in each paragraph, part, caption and cell the same
footnote references and cross-references in order.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from gbpaper.diagnostics import Diagnostics, Location, did_you_mean
from gbpaper.inline import RawCrossRef, RawInline, RawNoteRef, iter_refs
from gbpaper.load import (
    SUBMISSION_SUFFIXES,
    PaperSources,
    Submission,
    SubmittedBlock,
    SubmittedParagraph,
    SubmittedTable,
)
from gbpaper.sources.raw import PartKind
from gbpaper.sources.text import SourceText
from gbpaper.outline import Outline
from gbpaper.schema import SUMMARY_FIELDS


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
    for field, original in (("subtitle", plan.subtitle), ("committee", plan.committee), ("segment", plan.segment),
                            ("summary", plan.summary)):
        if original and not getattr(entry, field):
            diags.error(doc.where(at), f"translation '{lang}' needs a {field}, as the original has one")
        if getattr(entry, field) and not original:
            diags.error(doc.key_at(at + (field,)), f"translation '{lang}' gives a {field}, and the original "
                        "has none")
    if plan.summary and entry.summary:
        for name in SUMMARY_FIELDS:
            if (getattr(plan.summary, name) is None) != (getattr(entry.summary, name) is None):
                has = "gives" if getattr(entry.summary, name) else "has no"
                where = doc.key_at(at + ("summary", name)) if getattr(entry.summary, name) else doc.where(at + ("summary",))
                diags.error(where, f"translation '{lang}' {has} '{name}' in its summary, and the original "
                            f"{'does not' if has == 'gives' else 'does'}")
    for key in outline.appendix_titles:
        if key not in entry.appendices:
            diags.error(doc.where(at + ("appendices",)) if entry.appendices else doc.where(at),
                        f"translation '{lang}' has no title for appendix '{key}'")
    for key in entry.appendices:
        if key not in outline.appendix_titles:
            diags.error(doc.key_at(at + ("appendices", key)), f"appendix '{key}' does not exist in the original"
                        + did_you_mean(key, outline.appendix_titles))
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
    if str(Path(sources.folder) / lang) in diags.error_paths():
        return  # the folder itself is in error (a link, not followed): what it holds is unknown
    translations = {sub.name: sub for sub in sources.translations.get(lang, ())}
    originals = {sub.name: sub for sub in sources.submissions}
    pairs = _paired(originals, translations)
    # A translation that is there but cannot be read says so itself; one left unread past a
    # limit of the paper's is not said to be missing either.
    unread = _unread(sources, diags, Path(sources.folder) / lang)
    for name, original in originals.items():
        if name in pairs:
            _Aligner(original, translations[pairs[name]], outline, translated, diags).check()
        elif _stem(name) not in unread:
            diags.error(Location(original.path),
                        f"no '{lang}' translation of this file: {lang}/{name} is missing")
    # An original that is there but cannot be read, likewise: its translation is not a stray.
    unread_originals = _unread(sources, diags, Path(sources.folder))
    for name, translation in translations.items():
        if name not in pairs.values() and _stem(name) not in unread_originals:
            diags.error(Location(translation.path),
                        f"a translation of '{name}', which is not in the paper's folder")


def _paired(originals: dict[str, Submission], translations: dict[str, Submission]) -> dict[str, str]:
    """The name of each original's translation: the file of the same name, or else the one file
    of the same name in another format (`fr/ipec.docx` translates `ipec.md`)."""
    pairs = {name: name for name in originals if name in translations}
    for name in originals:
        others = [t for t in translations if t not in pairs.values() and _stem(t) == _stem(name)]
        if name not in pairs and len(others) == 1:
            pairs[name] = others[0]
    return pairs


def _unread(sources: PaperSources, diags: Diagnostics, folder: Path) -> set[str]:
    """The names (without their format's suffix) of the files in folder that are there, though
    they could not be read: those that have errors, and those left unread past a limit of the
    paper's."""
    there = diags.error_paths() | sources.unread
    return {_stem(Path(path).name) for path in there if Path(path).parent == folder}


def _stem(name: str) -> str:
    """A submission's file name without the suffix of its format."""
    stem, suffix = os.path.splitext(name)
    return stem if suffix in SUBMISSION_SUFFIXES else name


@dataclass
class _Run:
    """Consecutive blocks of a file under one section."""

    key: str
    at: Location
    blocks: list[SubmittedBlock]


_PART = {"dash": "dash item", "lettered": "lettered item", "sub": "sub-item", "quote": "quoted paragraph"}


def _counted(count: int, what: str) -> str:
    return f"{count} {what}{'s' * (count != 1)}"


def _block_kind(block: SubmittedBlock) -> str:
    match block:
        case SubmittedParagraph():
            return "a paragraph"
        case SubmittedTable():
            return "a table"
        case _:
            assert_never(block)


def _part_kinds(kinds: list[PartKind]) -> str:
    """`2 lettered items, 3 sub-items`: what a paragraph's parts are, counted by kind."""
    counts = {kind: kinds.count(kind) for kind in dict.fromkeys(kinds)}
    return ", ".join(_counted(n, _PART[kind]) for kind, n in counts.items()) or "no list items or quotation"


class _Aligner:
    def __init__(self, original: Submission, translation: Submission, outline: Outline,
                 translated: Outline, diags: Diagnostics) -> None:
        self.original, self.translation, self.diags = original, translation, diags
        self.outline, self.translated = outline, translated
        # A Word document's footnotes have no names its writer sees: with one, footnote
        # references are matched by their place alone.
        self.by_place = any(Path(sub.path).suffix.lower() == ".docx" for sub in (original, translation))

    def place(self, at: Location) -> str:
        """The original's place, as a translation's message names it: `ipec.md:9`."""
        return f"{self.original.name}:{at.line}"

    def check(self) -> None:
        if self.translation.unit != self.original.unit:
            self.diags.error(self.translation.unit_at, f"unit '{self.translation.unit}' here but "
                             f"'{self.original.unit}' in {self.place(self.original.unit_at)}")
        if not (self.original.whole and self.translation.whole):
            return  # a file that breaks its schema is reported itself; its blocks are unknown
        ours, theirs = _runs(self.original, self.outline), _runs(self.translation, self.translated)
        if ours is None or theirs is None:
            return  # an unknown section is reported where the paper is assembled
        for mine, other in zip(ours, theirs):
            if mine.key != other.key:
                self.diags.error(other.at, f"section '{other.key}' here but '{mine.key}' in "
                                 f"{self.place(mine.at)}")
                return
            kinds, their_kinds = ([_block_kind(b) for b in run.blocks] for run in (other, mine))
            if kinds != their_kinds:
                n, m = len(other.blocks), len(mine.blocks)
                if n != m:
                    what = "block" if "a table" in kinds + their_kinds else "paragraph"
                    self.diags.error(other.at, f"section '{other.key}' has {_counted(n, what)} here but "
                                     f"{m} in {self.place(mine.at)}" + " (paragraphs and tables)" * (what == "block"))
                else:
                    k = next(k for k, (a, b) in enumerate(zip(kinds, their_kinds)) if a != b)
                    self.diags.error(_block_at(other.blocks[k]), f"{kinds[k]} here but {their_kinds[k]} "
                                     f"in {self.place(_block_at(mine.blocks[k]))}")
                continue
            for a, b in zip(mine.blocks, other.blocks):
                self.block(a, b)
        if len(theirs) < len(ours):
            missing = ours[len(theirs)]
            end = theirs[-1].at if theirs else Location(self.translation.path)
            self.diags.error(end, f"section '{missing.key}' of {self.place(missing.at)} is missing here")
        for extra in theirs[len(ours):]:
            self.diags.error(extra.at, f"section '{extra.key}' here is not in {self.original.name}")

    def block(self, mine: SubmittedBlock, other: SubmittedBlock) -> None:
        match mine, other:
            case SubmittedParagraph(), SubmittedParagraph():
                self.paragraph(mine, other)
            case SubmittedTable(), SubmittedTable():
                self.table(mine, other)

    def label(self, mine: SourceText | None, other: SourceText | None, here: Location, there: Location) -> None:
        label, their_label = (x.text if x else None for x in (other, mine))
        if label != their_label:
            where = other.location() if other else here
            shown = f"label '{label}'" if label else "no label"
            self.diags.error(where, f"{shown} here but {f'label {their_label!r}' if their_label else 'none'}"
                             f" in {self.place(there)}")

    def paragraph(self, mine: SubmittedParagraph, other: SubmittedParagraph) -> None:
        here, there = other.raw.text.location(), mine.raw.text.location()
        self.label(mine.raw.label, other.raw.label, here, there)
        kinds, their_kinds = [p.kind for p in other.raw.parts], [p.kind for p in mine.raw.parts]
        if kinds != their_kinds:
            if _part_kinds(kinds) != _part_kinds(their_kinds):
                self.diags.error(here, f"{_part_kinds(kinds)} here but {_part_kinds(their_kinds)} "
                                 f"in {self.place(there)}")
            else:  # as many of each, in another order: a sub-item under another item, say
                k = next(k for k, (a, b) in enumerate(zip(kinds, their_kinds)) if a != b)
                self.diags.error(other.raw.parts[k].text.location(), f"a {_PART[kinds[k]]} here but a "
                                 f"{_PART[their_kinds[k]]} in {self.place(mine.raw.parts[k].text.location())}")
            return
        self.references(mine.content, other.content, there, here)
        for a, b, a_raw, b_raw in zip(mine.parts, other.parts, mine.raw.parts, other.raw.parts):
            self.label(a_raw.label, b_raw.label, b_raw.text.location(), a_raw.text.location())
            self.references(a, b, a_raw.text.location(), b_raw.text.location())

    def table(self, mine: SubmittedTable, other: SubmittedTable) -> None:
        here, there = _block_at(other), _block_at(mine)
        if (mine.caption is None) != (other.caption is None):
            shown = "a caption" if other.caption is not None else "no caption"
            self.diags.error(here, f"the table has {shown} here but {'none' if mine.caption is None else 'one'} "
                             f"in {self.place(there)}")
            return
        self.label(mine.raw.label, other.raw.label, here, there)
        shape, their_shape = ((len(t.rows), len(t.header)) for t in (other, mine))
        if shape != their_shape:
            self.diags.error(here, f"the table has {_counted(shape[0], 'row')} of {_counted(shape[1], 'column')} "
                             f"here but {_counted(their_shape[0], 'row')} of {_counted(their_shape[1], 'column')} "
                             f"in {self.place(there)}")
            return
        sources = list(zip(*(([t.raw.caption] if t.raw.caption else []) + list(t.raw.header)
                             + [c for row in t.raw.rows for c in row] for t in (mine, other))))
        for a, b, (a_src, b_src) in zip(mine.cells(), other.cells(), sources):
            self.references(a, b, a_src.location(), b_src.location())

    def references(self, mine: tuple[RawInline, ...], other: tuple[RawInline, ...],
                   there: Location, here: Location) -> None:
        """The same footnote references and cross-references, in the same order."""
        refs, their_refs = list(iter_refs(mine)), list(iter_refs(other))
        ours, theirs = [_shown(r, self.by_place) for r in refs], [_shown(r, self.by_place) for r in their_refs]
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
            shown = _shown(missing, self.by_place)
            self.diags.error(here, f"{shown} of {self.place(missing.location)} is missing here")
        for extra in their_refs[len(ours):]:
            self.diags.error(extra.location, f"{_shown(extra, self.by_place)} here is not in {self.place(there)}")


def _block_at(block: SubmittedBlock) -> Location:
    match block:
        case SubmittedParagraph():
            return block.raw.text.location()
        case SubmittedTable():
            return block.raw.caption.location() if block.raw.caption else block.raw.at
        case _:
            assert_never(block)


def _shown(ref: RawNoteRef | RawCrossRef, by_place: bool = False) -> str:
    if isinstance(ref, RawCrossRef):
        return f"[#{ref.label}]"
    return "a footnote" if by_place else f"[^{ref.label}]"


def _runs(sub: Submission, outline: Outline) -> list[_Run] | None:
    runs: list[_Run] = []
    for block in sub.blocks:
        section = outline.find(block.raw.section.text)
        if section is None:
            return None
        if runs and runs[-1].key == section.key:
            runs[-1].blocks.append(block)
        else:
            runs.append(_Run(section.key, block.raw.heading_at, [block]))
    return runs
