"""Reads a paper folder: units.yaml, paper.yaml and every submission, validated and positioned.

The only module that reads input files. What it returns is checked against the schemas but
not yet against each other; that is the assembler's work.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from gbpaper.diagnostics import Diagnostics, Location, did_you_mean, quote
from gbpaper.inline import LABEL, RawCrossRef, RawEmphasis, RawInline, label_problem, parse_inline
from gbpaper.schema import FrontMatter, PaperPlan, Unit, UnitsFile, YamlSubmission
from gbpaper.sources.markdown import RawNote, RawParagraph, parse_body, split_front_matter
from gbpaper.sources.text import SourceText, read_text
from gbpaper.sources.yaml_source import YamlDoc, load_yaml
from gbpaper.validation import validate

SUBMISSION_SUFFIXES = (".md", ".yaml", ".yml")
_OWN_NUMBER = re.compile(r"\d+\.(?=\s)")  # `1. ` typed at the start of a paragraph
LANGUAGE_FOLDER = re.compile(r"[a-z]{2}\Z")  # fr/, es/: a language version's submissions


@dataclass(frozen=True)
class SubmittedParagraph:
    """A paragraph as written (`raw`) and its inline content, parsed."""

    raw: RawParagraph
    content: tuple[RawInline, ...]
    items: tuple[tuple[RawInline, ...], ...]


@dataclass(frozen=True)
class SubmittedNote:
    raw: RawNote
    content: tuple[RawInline, ...]


@dataclass(frozen=True)
class Submission:
    """One unit's file, in either format, reduced to the same content."""

    path: str
    name: str
    unit: str
    unit_at: Location
    paper: str
    paper_at: Location
    paragraphs: tuple[SubmittedParagraph, ...]
    notes: tuple[SubmittedNote, ...]
    headings: tuple[SourceText, ...]  # every section name written, as headings or `section:` values


@dataclass(frozen=True)
class PaperSources:
    folder: str
    plan: PaperPlan
    plan_doc: YamlDoc
    units: dict[str, Unit]
    submissions: tuple[Submission, ...]
    translations: dict[str, tuple[Submission, ...]]  # by language: the files of fr/, es/, ...


def load_paper(folder: Path, diags: Diagnostics) -> PaperSources | None:
    """Everything in folder (shown to the user as str(folder)), or None if it cannot be read."""
    plan_path = folder / "paper.yaml"
    plan_doc = _load_yaml_file(plan_path, diags)
    plan = validate(PaperPlan, plan_doc, diags) if plan_doc else None
    units = _load_units(folder, diags)
    submissions = _load_submissions(folder, diags)
    translations = {
        sub.name: _load_submissions(sub, diags)
        for sub in sorted(folder.iterdir())
        if sub.is_dir() and LANGUAGE_FOLDER.match(sub.name)
    }
    if units is not None:  # checked here, so that a broken paper.yaml hides none of these
        listed = plan.all_languages if plan else list(translations)
        for sub in submissions + tuple(s for lang in listed for s in translations.get(lang, ())):
            if sub.unit not in units:
                diags.error(sub.unit_at, f"unknown unit '{sub.unit}': it is not in units.yaml"
                            + did_you_mean(sub.unit, units))
    if plan is None or units is None:
        return None
    return PaperSources(str(folder), plan, plan_doc, units, submissions, translations)


def _load_submissions(folder: Path, diags: Diagnostics) -> tuple[Submission, ...]:
    """Every submission file directly in folder, in name order; other files get a warning."""
    submissions = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name in ("paper.yaml", "units.yaml") or path.is_dir():
            continue
        if path.suffix not in SUBMISSION_SUFFIXES:
            diags.warning(Location(str(path)), "ignored: a submission is a .md, .yaml or .yml file")
            continue
        submission = load_submission(path, diags)
        if submission:
            submissions.append(submission)
    return tuple(submissions)


def _load_yaml_file(path: Path, diags: Diagnostics) -> YamlDoc | None:
    text = read_text(path, str(path), diags)
    return None if text is None else load_yaml(text, str(path), diags)


def _load_units(folder: Path, diags: Diagnostics) -> dict[str, Unit] | None:
    """units.yaml from the paper's folder, or else from the folder above it."""
    # The folder above, as a path: `.`'s parent is `..`, whatever the current directory.
    candidates = [folder / "units.yaml", Path(os.path.normpath(folder / ".." / "units.yaml"))]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        diags.error(Location(str(folder / "paper.yaml")),
                    f"no units.yaml in {folder} or in the folder above it")
        return None
    doc = _load_yaml_file(path, diags)
    units_file = validate(UnitsFile, doc, diags) if doc else None
    if units_file is None:
        return None
    units: dict[str, Unit] = {}
    first: dict[str, int] = {}
    for i, unit in enumerate(units_file.units):
        if unit.code in units:
            line = doc.where(("units", first[unit.code], "code")).line
            diags.error(doc.where(("units", i, "code")), f"unit code '{unit.code}' given twice "
                        f"(first at line {line})")
        first.setdefault(unit.code, i)
        units.setdefault(unit.code, unit)
    return units


def load_submission(path: Path, diags: Diagnostics) -> Submission | None:
    shown = str(path)
    text = read_text(path, shown, diags)
    if text is None:
        return None
    if path.suffix == ".md":
        return _markdown_submission(text, path, diags)
    doc = load_yaml(text, shown, diags)
    return _yaml_submission(doc, path, diags) if doc else None


def _markdown_submission(text: str, path: Path, diags: Diagnostics) -> Submission | None:
    shown = str(path)
    parts = split_front_matter(text, shown, diags)
    if parts is None:
        return None
    front_text, body_text, body_line = parts
    doc = load_yaml(front_text, shown, diags, first_line=2)
    front = validate(FrontMatter, doc, diags, whole="the front matter") if doc else None
    body = parse_body(body_text, shown, body_line, diags)
    return _submission(path, doc, front, body.paragraphs, body.notes, body.headings, diags)


def _yaml_submission(doc: YamlDoc, path: Path, diags: Diagnostics) -> Submission | None:
    sub = validate(YamlSubmission, doc, diags)
    if sub is None:
        _check_inline_text(doc, diags)
        return None
    paragraphs = []
    for i, para in enumerate(sub.paragraphs):
        at = ("paragraphs", i)
        label = None
        if para.label is not None:
            label = doc.text(at + ("label",))
            if not LABEL.match(para.label):
                diags.error(label.location(), label_problem(para.label, "paragraph"))
        items = tuple(doc.text(at + ("bullets", j)).folded() for j in range(len(para.bullets)))
        paragraphs.append(RawParagraph(doc.text(at + ("section",)).folded(),
                                       doc.text(at + ("text",)).folded(), items, label,
                                       doc.where(at + ("section",))))
    notes = []
    for label in sub.footnotes:
        if not LABEL.match(label):
            diags.error(doc.key_at(("footnotes", label)), label_problem(label, "footnote"))
        notes.append(RawNote(label, doc.text(("footnotes", label)).folded()))
    return _submission(path, doc, sub, paragraphs, notes, [p.section for p in paragraphs], diags)


def _check_inline_text(doc: YamlDoc, diags: Diagnostics) -> None:
    """The inline syntax of whatever text a YAML submission holds, checked though the file as a
    whole is not valid, so that its errors come in the same run."""
    for at, src in doc.texts.items():
        note = len(at) == 2 and at[0] == "footnotes"
        if note or (len(at) >= 3 and at[0] == "paragraphs" and at[2] in ("text", "bullets")):
            parse_inline(src.folded(), diags, notes_allowed=not note)


def _has_words(nodes: tuple[RawInline, ...]) -> bool:
    """Whether inline content prints any text (a cross-reference prints a number)."""
    return any(
        node.strip() if isinstance(node, str)
        else _has_words(node.children) if isinstance(node, RawEmphasis)
        else isinstance(node, RawCrossRef)
        for node in nodes
    )


def _submission(path: Path, doc: YamlDoc | None, front: FrontMatter | None, paragraphs: list[RawParagraph],
                notes: list[RawNote], headings: list[SourceText], diags: Diagnostics) -> Submission | None:
    """The submission with its inline syntax parsed, every error in it reported; None when its
    front matter is unusable (the text's own errors are reported all the same)."""
    for p in paragraphs:
        if number := _OWN_NUMBER.match(p.text.text):
            diags.warning(p.text.location(), f"the paragraph starts with a number of its own, "
                          f"'{number.group()}': gbpaper numbers paragraphs itself (write "
                          f"{number.group()[:-1]}\\. if the number is part of the text)")
    parsed = tuple(
        SubmittedParagraph(p, parse_inline(p.text, diags), tuple(parse_inline(i, diags) for i in p.items))
        for p in paragraphs
    )
    for para in parsed:
        if para.raw.text.text and not _has_words(para.content):
            diags.error(para.raw.text.location(), "empty paragraph: it holds no text, only "
                        f"{quote(para.raw.text.text)}")
    parsed_notes = tuple(SubmittedNote(n, parse_inline(n.text, diags, notes_allowed=False)) for n in notes)
    if front is None:
        return None
    return Submission(str(path), path.name, front.unit, doc.where(("unit",)), front.paper,
                      doc.where(("paper",)), parsed, parsed_notes, tuple(headings))
