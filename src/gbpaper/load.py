"""Reads a paper folder: units.yaml, paper.yaml and every submission, validated and positioned.

The only module that reads input files. What it returns is checked against the schemas but
not yet against each other; that is the assembler's work.
"""
from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, assert_never

from pydantic import ValidationError

from gbpaper.diagnostics import Diagnostics, Location, did_you_mean, quote
from gbpaper.folders import present, units_files
from gbpaper.inline import LABEL, RawCrossRef, RawEmphasis, RawInline, label_problem, parse_inline
from gbpaper.scaffold import file_name
from gbpaper.schema import SYMBOL, UNIT_CODE, FrontMatter, PaperPlan, UnitsFile, YamlParagraph, YamlSubmission
from gbpaper.sources.limits import MAX_COLUMNS, FileLimits, PaperCount, Refused
from gbpaper.sources.markdown import MarkdownBody, parse_body, split_front_matter
from gbpaper.sources.raw import RawBlock, RawNote, RawPart, RawParagraph, RawTable
from gbpaper.sources.text import SourceText, read_bytes, read_text
from gbpaper.sources.yaml_source import Composed, YamlDoc, load_yaml
from gbpaper.validation import validate, without_unknown_fields


class Suffixes(tuple[str, ...]):
    """File suffixes, in lower case, that a suffix is in whatever its case: `.MD` is in (".md",),
    as Windows and macOS, where most submissions are written, do not tell the two apart."""

    def __contains__(self, suffix: object) -> bool:
        return isinstance(suffix, str) and tuple.__contains__(self, suffix.lower())


SUBMISSION_SUFFIXES = Suffixes((".md", ".yaml", ".yml", ".docx"))
# Files that Word and its kin save under other names than .docx: meant as submissions, but not
# read as they are (sources/word.py says what each is).
OTHER_DOCUMENT_SUFFIXES = Suffixes((".doc", ".dot", ".docm", ".dotx", ".dotm", ".rtf", ".odt"))
_OWN_NUMBER = re.compile(r"\d+\.(?=\s)")  # `1. ` typed at the start of a paragraph
MAX_LETTERED = 260  # lettered items of one paragraph: up to (zzzzzzzzzz)
LANGUAGE_FOLDER = re.compile(r"[a-z]{2}\Z")  # fr/, es/: a language version's submissions


Content = tuple[RawInline, ...]


@dataclass(frozen=True)
class SubmittedParagraph:
    """A paragraph as written (`raw`) and its inline content, parsed: its text's and each of
    its trailing parts'."""

    raw: RawParagraph
    content: Content
    parts: tuple[Content, ...]


@dataclass(frozen=True)
class SubmittedTable:
    """A table as written (`raw`) and the inline content of its caption and cells, parsed."""

    raw: RawTable
    caption: Content | None
    header: tuple[Content, ...]
    rows: tuple[tuple[Content, ...], ...]

    def cells(self) -> list[Content]:
        """The caption and every cell, in reading order."""
        return ([self.caption] if self.caption is not None else []) + list(self.header) + [
            cell for row in self.rows for cell in row]


SubmittedBlock = SubmittedParagraph | SubmittedTable


def block_texts(block: SubmittedBlock) -> list[Content]:
    """Every piece of inline content of a block, in reading order (that of its notes)."""
    match block:
        case SubmittedParagraph():
            return [block.content, *block.parts]
        case SubmittedTable():
            return block.cells()
        case _:
            assert_never(block)


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
    blocks: tuple[SubmittedBlock, ...]
    notes: tuple[SubmittedNote, ...]
    headings: tuple[SourceText, ...]  # every section name written, as headings or `section:` values
    # False for what stands in for a file that breaks its schema: its unit, paper and section
    # names alone, without its blocks and notes, which are not compared with its translations'.
    whole: bool = True


@dataclass(frozen=True)
class PaperSources:
    folder: str
    plan: PaperPlan
    plan_doc: YamlDoc
    units: tuple[str, ...] | None  # the unit codes of units.yaml, in its order; None when it cannot be read
    submissions: tuple[Submission, ...]
    translations: dict[str, tuple[Submission, ...]]  # by language: the files of fr/, es/, ...
    unread: frozenset[str] = frozenset()  # the paths of files left unread past a limit of the paper's


def load_paper(folder: Path, diags: Diagnostics,
               planless: Callable[[tuple[Submission, ...], Diagnostics], None] | None = None) -> PaperSources | None:
    """Everything in folder (shown to the user as str(folder)), or None if it cannot be read.
    When paper.yaml gives no plan (its errors reported), `planless` checks what it can of the
    submissions read, every language's, without one.

    Only regular files and folders inside the paper's folder are read (and units.yaml, there or
    in the folder above): a symbolic link is an error at its path and is never followed, since
    it may lead anywhere (outside the paper, to a device that never ends). A folder that cannot
    be read is an error at it."""
    entries = _listing(folder, diags)
    if entries is None:
        return None
    plan_path = folder / "paper.yaml"
    plan_doc = _load_yaml_file(plan_path, diags)
    plan = validate(PaperPlan, plan_doc, diags) if plan_doc else None
    if plan_doc is not None:
        _check_plan_as_written(plan_doc, diags)
        # A field misspelt hides none of the submissions' errors: they are checked without it.
        plan = plan or without_unknown_fields(PaperPlan, plan_doc)
    units = _load_units(folder, diags)
    unread: set[str] = set()
    submissions = _load_submissions(entries, diags, unread)
    # A language folder the paper is not issued in is not read: its name alone is kept, for the
    # warning that it is ignored, so that a version begun early stops no build.
    issued = set(plan.all_languages) if plan else None
    language_folders = {entry.path.name: _listing(entry.path, diags) if issued is None or entry.path.name in issued
                        else [] for entry in entries
                        if stat.S_ISDIR(entry.mode) and LANGUAGE_FOLDER.match(entry.path.name)}
    translations = {lang: _load_submissions(listing, diags, unread)
                    for lang, listing in language_folders.items() if listing is not None}
    if units is not None:  # checked here, so that a broken paper.yaml hides none of these
        listed = plan.all_languages if plan else list(translations)
        for sub in submissions + tuple(s for lang in listed for s in translations.get(lang, ())):
            if sub.unit not in units:
                diags.error(sub.unit_at, f"unknown unit '{sub.unit}': it is not in units.yaml"
                            + did_you_mean(sub.unit, units))
    if plan is None and planless is not None:
        planless(submissions + tuple(s for subs in translations.values() for s in subs), diags)
    # Without units.yaml (its error reported), the paper is still checked, its units aside.
    if plan is None or plan_doc is None or len(translations) < len(language_folders):
        return None  # a language folder that cannot be read would make every file of it missing
    return PaperSources(str(folder), plan, plan_doc, units, submissions, translations, frozenset(unread))


# The fields of paper.yaml that belong to one layout alone, and those each layout requires.
_LAYOUT_FIELDS = {"2007": ("session_month",), "2011": ("session_dates", "segment", "original", "summary")}
_REQUIRED = {"2007": ("session_month", "purpose"), "2011": ("session_dates",)}


def _check_plan_as_written(doc: YamlDoc, diags: Diagnostics) -> None:
    """Each field where the plan's layout wants it, and the session the symbol's: checked on the
    file as written, so that a plan with other errors (a date mistyped) has these reported with
    them."""
    if doc.data is not None and not isinstance(doc.data, dict):
        return  # not keys and values: reported by the schema
    data = doc.data or {}
    layout = data.get("layout") or "2007"
    if layout not in _REQUIRED:
        return  # reported by the schema
    other = "2011" if layout == "2007" else "2007"
    for name in _LAYOUT_FIELDS[other]:
        if name in data and name not in _LAYOUT_FIELDS[layout]:
            diags.error(doc.key_at((name,)), f"'{name}' belongs to the {other} layout, and this paper's is "
                        f"the {layout} layout" + " (layout: 2011 to choose the other)" * (other == "2011"))
    for name in _REQUIRED[layout]:
        if data.get(name) is None and name not in data:
            diags.error(doc.where(()), f"missing required field '{name}'")
    symbol = SYMBOL.match(str(data.get("symbol", "")))
    session = str(data.get("session", ""))
    if symbol and session.isdigit() and int(session) != int(symbol.group(1)):
        diags.error(doc.where(("session",)), f"session {session} does not match the symbol "
                    f"{data['symbol']} (session {int(symbol.group(1))})")


@dataclass(frozen=True)
class _Entry:
    """A file or folder in a paper's folder, and its mode as it is itself: a symbolic link is a
    link, whatever it points at."""

    path: Path
    mode: int


SYMLINK = ("a symbolic link, not followed: gbpaper reads only files and folders inside the paper's folder; "
           "put the file or folder itself here")


def _listing(folder: Path, diags: Diagnostics) -> list[_Entry] | None:
    """The entries of folder in name order, less those whose names start with `.` (editor and
    system files); None, with an error at the folder, when it cannot be read."""
    entries = []
    try:
        for name in sorted(os.listdir(folder)):
            if name.startswith((".", "~$")):  # `~$name.docx`: Word's mark that it has name.docx open
                continue
            try:
                entries.append(_Entry(folder / name, os.lstat(folder / name).st_mode))
            except FileNotFoundError:
                continue  # removed since the folder was listed
    except OSError as exc:
        diags.error(Location(str(folder)), f"cannot read the folder: {exc.strerror}")
        return None
    return entries


def _load_submissions(entries: list[_Entry], diags: Diagnostics, unread: set[str]) -> tuple[Submission, ...]:
    """Every submission file among a folder's entries; other files get a warning, a symbolic
    link an error, and folders are left for the caller. Past a limit of the paper's (its blocks
    and footnote references, counted file by file), the files after the one that passed it are
    not read: their paths are added to unread."""
    submissions = []
    paper = PaperCount()
    for entry in entries:
        path = entry.path
        if paper.over:
            if not stat.S_ISDIR(entry.mode):
                unread.add(str(path))
            continue
        if path.name in ("paper.yaml", "units.yaml") or stat.S_ISDIR(entry.mode):
            continue
        if stat.S_ISLNK(entry.mode):
            diags.error(Location(str(path)), SYMLINK)
            continue
        if path.suffix in OTHER_DOCUMENT_SUFFIXES:
            from gbpaper.sources.word import other_document  # the Word machinery, only when needed

            diags.error(Location(str(path)), other_document(path.suffix.lower()))
            continue
        if path.suffix not in SUBMISSION_SUFFIXES:
            diags.warning(Location(str(path)), "ignored: a submission is a .md, .yaml, .yml or .docx file")
            continue
        submission = load_submission(path, diags, paper)
        if submission:
            submissions.append(submission)
    return tuple(submissions)


def _read(path: Path, diags: Diagnostics) -> str | None:
    """The text of the file at path (see read_text), read on past characters Word cannot hold,
    so that its other errors are reported too; a symbolic link there is an error, and is not
    followed."""
    return None if _linked(path, diags) else read_text(path, str(path), diags, read_on=True)


def _linked(path: Path, diags: Diagnostics) -> bool:
    """Whether a symbolic link stands at path: an error there, and it is not followed."""
    try:
        link = stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        link = False  # reading the file says why it cannot be read
    if link:
        diags.error(Location(str(path)), SYMLINK)
    return link


def _load_yaml_file(path: Path, diags: Diagnostics) -> YamlDoc | None:
    text = _read(path, diags)
    return None if text is None else load_yaml(text, str(path), diags)


def _load_units(folder: Path, diags: Diagnostics) -> tuple[str, ...] | None:
    """The unit codes of units.yaml, from the paper's folder, or else from the folder above it.
    Its errors are reported, and the codes its entries give are still read from it as written,
    so that an entry written wrong hides no error of the paper's submissions."""
    path = next((p for p in units_files(folder) if present(p)), None)
    if path is None:
        diags.error(Location(str(folder / "paper.yaml")),
                    f"no units.yaml in {folder} or in the folder above it")
        return None
    doc = _load_yaml_file(path, diags)
    if doc is None:
        return None
    validate(UnitsFile, doc, diags)
    return _codes(doc, diags)


def _codes(doc: YamlDoc, diags: Diagnostics) -> tuple[str, ...] | None:
    """The codes that units.yaml's entries give, once each, in its order (None when it holds
    no list of entries), less those that are not codes (reported by the model) and those that
    start with '.': gbpaper new would name the unit's file after such a code, a file the loader
    skips. These, and a code that an entry before it gave, are reported."""
    entries = doc.data.get("units") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        return None
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not re.match(UNIT_CODE, code):
            continue
        if code.startswith("."):
            diags.error(doc.where(("units", i, "code")), f"unit code '{code}' must not start with '.': "
                        f"gbpaper new names the unit's file after it, and '{file_name(code)}' would be "
                        "skipped as hidden")
        if code in first:
            line = doc.where(("units", first[code], "code")).line
            diags.error(doc.where(("units", i, "code")), f"unit code '{code}' given twice (first at line {line})")
        first.setdefault(code, i)
    return tuple(code for code in first if not code.startswith("."))


def load_submission(path: Path, diags: Diagnostics, paper: PaperCount | None = None) -> Submission | None:
    """The submission in the file at path, or None when it cannot be read or is refused past a
    limit of its own or of its paper's (counted in `paper`, one for each of the paper's folders)."""
    limits = FileLimits(diags, paper)
    try:
        return _read_submission(path, diags, limits)
    except Refused:
        return None


def _read_submission(path: Path, diags: Diagnostics, limits: FileLimits) -> Submission | None:
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _word_submission(path, diags, limits)
    text = _read(path, diags)
    if text is None:
        return None
    if suffix == ".md":
        return _markdown_submission(text, path, diags, limits)
    cut: list[bool] = []
    doc = load_yaml(text, shown, diags, check=lambda composed: cut.append(_count_yaml_blocks(composed, limits)))
    if doc is None:
        return None
    if any(cut):  # (no check for an empty document)
        return _yaml_cut(doc, path, diags, limits)
    return _yaml_submission(doc, path, diags, limits)


def _markdown_submission(text: str, path: Path, diags: Diagnostics, limits: FileLimits) -> Submission | None:
    shown = str(path)
    parts = split_front_matter(text, shown, diags)
    if parts is None:
        return None
    front_text, body_text, body_line = parts
    doc = load_yaml(front_text, shown, diags, first_line=2)
    front = validate(FrontMatter, doc, diags, whole="the front matter") if doc else None
    body = parse_body(body_text, shown, body_line, diags, limits)
    usable = _front(doc, front) or _unit_and_paper(doc)
    if body.cut:
        return _cut(path, usable, body, diags, limits)
    return _submission(path, usable, body.blocks, body.notes, body.headings, diags, limits)


def _cut(path: Path, front: Front | None, body: MarkdownBody, diags: Diagnostics, limits: FileLimits) -> Submission:
    """A Markdown file read no further past a limit (its error reported): the errors of what was
    read before it, as a submission of its section names alone, so that an unknown one is
    reported too (a footnote's definition may lie past the limit, so none is said missing);
    Refused when it cannot stand in (its front matter unusable)."""
    with contextlib.suppress(Refused):  # (another limit passed: the runs, the references)
        _submission(path, front, body.blocks, body.notes, body.headings, diags, limits)
    if front is None:
        raise Refused
    return _stand_in(path, front, body.headings)


def _word_submission(path: Path, diags: Diagnostics, limits: FileLimits) -> Submission | None:
    """A Word document's submission. Its inline content comes from its runs, as Word styled them,
    not from parsing its characters (see sources/word.py)."""
    data = None if _linked(path, diags) else read_bytes(path, str(path), diags)
    if data is None:
        return None
    from gbpaper.sources.word import read_word  # the Word machinery, only for a paper that needs it

    body = read_word(data, str(path), diags, limits)
    if body is None:
        return None
    front = None
    if body.unit is not None and body.paper is not None:
        try:
            front = (FrontMatter(unit=body.unit[0], paper=body.paper[0]), body.unit[1], body.paper[1])
        except ValidationError:
            pass  # reported where the document was read
    content = body.content

    def inline(src: SourceText, diags: Diagnostics, notes_allowed: bool = True) -> Content:
        return content[src]

    return _submission(path, front, body.blocks, body.notes, body.headings, diags, limits, inline)


def _yaml_submission(doc: YamlDoc, path: Path, diags: Diagnostics, limits: FileLimits) -> Submission | None:
    sub = validate(YamlSubmission, doc, diags)
    if sub is None:
        _check_inline_text(doc, diags, limits)
        return _front_of_broken(doc, path)
    blocks: list[RawBlock] = []
    for i, entry in enumerate(sub.paragraphs):
        at = ("paragraphs", i)
        section = doc.text(at + ("section",)).folded()
        problems = entry.problems()
        for key, problem in problems:
            diags.error(doc.key_at(at + (key,)) if key else doc.where(at), problem)
        if problems:
            continue
        if entry.table is not None:
            blocks.append(_yaml_table(doc, entry, at, section, diags))
        else:
            parts = _yaml_parts(doc, entry, at, diags)
            blocks.append(RawParagraph(section, doc.text(at + ("text",)).folded(), parts,
                                       _yaml_label(doc, at, entry.label, "paragraph", diags),
                                       doc.where(at + ("section",))))
    notes = []
    for label in sub.footnotes:
        if not LABEL.match(label):
            diags.error(doc.key_at(("footnotes", label)), label_problem(label, "footnote"))
        notes.append(RawNote(label, doc.text(("footnotes", label)).folded()))
    return _submission(path, _front(doc, sub), blocks, notes, [b.section for b in blocks], diags, limits)


def _count_yaml_blocks(doc: Composed, limits: FileLimits) -> bool:
    """A YAML submission's blocks and table cells counted against the file's limits as composed,
    before anything is built of them: each entry of paragraphs, dash item, quoted paragraph,
    lettered item, sub-item, table row (the header too) and footnote. What is not where the
    schema wants it is not counted; the schema reports it. Past a limit of the file (its error
    reported), the document is cut: its paragraphs and footnotes after the last counted whole
    are dropped, and True says so. Past a limit of the paper, Refused."""
    counted = {"paragraphs": 0, "footnotes": 0}  # their entries counted whole
    try:
        _count_entries(doc, limits, counted)
    except Refused:
        if limits.paper.over:
            raise
        for key, kept in counted.items():
            doc.keep(doc.field(doc.root, key), kept)
        return True
    return False


def _count_entries(doc: Composed, limits: FileLimits, counted: dict[str, int]) -> None:
    for entry in doc.entries(doc.field(doc.root, "paragraphs")):
        limits.block(doc.where(entry))
        for part in doc.entries(doc.field(entry, "bullets")) + doc.entries(doc.field(entry, "quote")):
            limits.block(doc.where(part))
        for item in doc.entries(doc.field(entry, "lettered")):
            limits.block(doc.where(item))
            for sub in doc.entries(doc.field(item, "items")):
                limits.block(doc.where(sub))
        table = doc.field(entry, "table")
        header = doc.field(table, "header")
        for row in ([header] if header is not None else []) + doc.entries(doc.field(table, "rows")):
            limits.block(doc.where(row))
            cells = doc.entries(row)[:MAX_COLUMNS + 1]
            limits.row(len(cells), lambda k: doc.where(cells[k]))
        counted["paragraphs"] += 1
    for note in doc.keys(doc.field(doc.root, "footnotes")):
        limits.block(doc.where(note))
        counted["footnotes"] += 1


def _yaml_cut(doc: YamlDoc, path: Path, diags: Diagnostics, limits: FileLimits) -> Submission | None:
    """A YAML submission cut past a limit (its error reported): the errors of what was counted
    before it, and a submission of its unit, paper and section names alone to stand in for it,
    as for a Markdown file (`_cut`). With no paragraph before the limit, only these."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if data.get("paragraphs"):
        with contextlib.suppress(Refused):  # (another limit passed: the runs, the references)
            _yaml_submission(doc, path, diags, limits)
    return _front_of_broken(doc, path)


def _yaml_label(doc: YamlDoc, at: tuple, label: str | None, kind: str, diags: Diagnostics) -> SourceText | None:
    if label is None:
        return None
    src = doc.text(at + ("label",))
    if not LABEL.match(label):
        diags.error(src.location(), label_problem(label, kind))
    return src


def _entry_text(doc: YamlDoc, at: tuple) -> tuple[SourceText, tuple]:
    """The text of a list entry written as text alone or as a mapping with `text`, and the
    entry's own path (where its label would be)."""
    if at in doc.texts:
        return doc.text(at).folded(), at
    return doc.text(at + ("text",)).folded(), at


def _yaml_parts(doc: YamlDoc, entry: YamlParagraph, at: tuple, diags: Diagnostics) -> tuple[RawPart, ...]:
    parts = [RawPart("dash", doc.text(at + ("bullets", j)).folded()) for j in range(len(entry.bullets))]
    parts += [RawPart("quote", doc.text(at + ("quote", j)).folded()) for j in range(len(entry.quote))]
    for j, item in enumerate(entry.lettered):
        text, here = _entry_text(doc, at + ("lettered", j))
        parts.append(RawPart("lettered", text, _yaml_label(doc, here, item.label, "item", diags)))
        for k, sub in enumerate(item.items):
            text, there = _entry_text(doc, here + ("items", k))
            parts.append(RawPart("sub", text, _yaml_label(doc, there, sub.label, "item", diags)))
    return tuple(parts)


def _yaml_table(doc: YamlDoc, entry: YamlParagraph, at: tuple, section: SourceText,
                diags: Diagnostics) -> RawTable:
    table = entry.table
    assert table is not None
    here = at + ("table",)
    columns = len(table.header)
    if table.align is not None and len(table.align) != columns:
        diags.error(doc.where(here + ("align",)), f"align gives {len(table.align)} column"
                    f"{'s' * (len(table.align) != 1)}, the header {columns}: one for each column")
    for r, row in enumerate(table.rows):
        if len(row) != columns:
            diags.error(doc.where(here + ("rows", r)), f"this row has {len(row)} cell"
                        f"{'s' * (len(row) != 1)}, the header {columns}: every row has as many cells "
                        "as the header")
    label = _yaml_label(doc, here, table.label, "table", diags)
    if label is not None and table.caption is None:
        diags.error(label.location(), "a table without a caption has no number to refer to: "
                    "give it a caption, or no label")

    def cell(path: tuple) -> SourceText:
        return doc.text(path).folded() if path in doc.texts else SourceText.at("", doc.where(path))

    return RawTable(
        section,
        doc.text(here + ("caption",)).folded() if table.caption is not None else None,
        label,
        tuple(table.align or ["left"] * columns),
        tuple(cell(here + ("header", c)) for c in range(columns)),
        tuple(tuple(cell(here + ("rows", r, c)) for c in range(len(row))) for r, row in enumerate(table.rows)),
        doc.where(at + ("section",)),
        doc.where(here),
    )


def _front_of_broken(doc: YamlDoc, path: Path) -> Submission | None:
    """What can still be checked of a YAML submission that breaks its schema: its unit and
    paper, and the sections its entries name, as a submission with no blocks (its own errors
    are reported; these let the paper's checks of the unit and the sections run as well)."""
    front = _unit_and_paper(doc)
    if front is None:
        return None
    entries = doc.data.get("paragraphs") if isinstance(doc.data, dict) else None
    headings = [doc.text(("paragraphs", i, "section")).folded() for i in range(len(entries))
                if ("paragraphs", i, "section") in doc.texts] if isinstance(entries, list) else []
    return _stand_in(path, front, headings)


def _stand_in(path: Path, front: Front, headings: list[SourceText]) -> Submission:
    """What stands in for a file whose blocks are unknown: its unit, paper and section names."""
    matter, unit_at, paper_at = front
    return Submission(str(path), path.name, matter.unit, unit_at, matter.paper, paper_at, (), (), tuple(headings),
                      whole=False)


def _unit_and_paper(doc: YamlDoc | None) -> Front | None:
    """The unit and paper of front matter (or of a YAML submission) that breaks its schema
    elsewhere, when these two are right: its errors are reported, and these let the paper's
    checks of the file run as well."""
    data = doc.data if doc is not None and isinstance(doc.data, dict) else None
    if doc is None or data is None:
        return None
    try:
        valid = FrontMatter.model_validate({key: data.get(key) for key in ("unit", "paper")})
    except ValidationError:
        return None
    return valid, doc.where(("unit",)), doc.where(("paper",))


def _check_inline_text(doc: YamlDoc, diags: Diagnostics, limits: FileLimits) -> None:
    """The inline syntax of whatever text a YAML submission holds, checked though the file as a
    whole is not valid, so that its errors come in the same run."""
    for at, src in doc.texts.items():
        note = len(at) == 2 and at[0] == "footnotes"
        if note or (len(at) >= 3 and at[0] == "paragraphs" and at[2] in _INLINE_FIELDS and "label" not in at
                    and "align" not in at):
            parse_inline(src.folded(), diags, notes_allowed=not note, limits=limits)


_PART_NAMES = {"dash": "list item", "lettered": "lettered item", "sub": "sub-item", "quote": "quotation"}
_INLINE_FIELDS = ("text", "bullets", "lettered", "quote", "table")


def _has_words(nodes: tuple[RawInline, ...]) -> bool:
    """Whether inline content prints any text (a cross-reference prints a number)."""
    return any(
        node.strip() if isinstance(node, str)
        else _has_words(node.children) if isinstance(node, RawEmphasis)
        else isinstance(node, RawCrossRef)
        for node in nodes
    )


class InlineReader(Protocol):
    """What gives a text's inline content: the inline syntax's parser, or a Word document's runs."""

    def __call__(self, src: SourceText, diags: Diagnostics, notes_allowed: bool = True) -> Content: ...


# A submission's unit and paper, and where each is written.
Front = tuple[FrontMatter, Location, Location]


def _front(doc: YamlDoc | None, front: FrontMatter | None) -> Front | None:
    if doc is None or front is None:
        return None
    return front, doc.where(("unit",)), doc.where(("paper",))


def _submission(path: Path, front: Front | None, blocks: list[RawBlock], notes: list[RawNote],
                headings: list[SourceText], diags: Diagnostics, limits: FileLimits,
                inline: InlineReader | None = None) -> Submission | None:
    """The submission with its inline content read (by the inline syntax's parser, counted
    against limits, unless another reader is given), every error in it reported; None when its
    front matter is unusable (the text's own errors are reported all the same)."""
    typed = inline is None  # text typed in the inline syntax, which has escapes

    def parsed_inline(src: SourceText, diags: Diagnostics, notes_allowed: bool = True) -> Content:
        return parse_inline(src, diags, notes_allowed, limits=limits)

    read = inline or parsed_inline
    parsed = tuple(_parsed(block, diags, read, typed) for block in blocks)
    parsed_notes = tuple(SubmittedNote(n, read(n.text, diags, notes_allowed=False)) for n in notes)
    if front is None:
        return None
    matter, unit_at, paper_at = front
    return Submission(str(path), path.name, matter.unit, unit_at, matter.paper, paper_at, parsed, parsed_notes,
                      tuple(headings))


def _parsed(block: RawBlock, diags: Diagnostics, inline: InlineReader, typed: bool) -> SubmittedBlock:
    match block:
        case RawParagraph():
            lettered = [part for part in block.parts if part.kind == "lettered"]
            if len(lettered) > MAX_LETTERED:  # (z), (aa), ... (zz), (aaa): a marker grows with their number
                diags.error(lettered[MAX_LETTERED].text.location(), f"more than {MAX_LETTERED:,} lettered items "
                            "in one paragraph")
            if number := _OWN_NUMBER.match(block.text.text):
                # Word has no escapes: the number is kept there as typed, with the warning.
                hint = f" (write {number.group()[:-1]}\\. if the number is part of the text)" * typed
                diags.warning(block.text.location(), f"the paragraph starts with a number of its own, "
                              f"'{number.group()}': gbpaper numbers paragraphs itself{hint}")
            para = SubmittedParagraph(block, inline(block.text, diags),
                                      tuple(inline(part.text, diags) for part in block.parts))
            if block.text.text and not _has_words(para.content):
                diags.error(block.text.location(), "empty paragraph: it holds no text, only "
                            f"{quote(block.text.text)}")
            for part, content in zip(block.parts, para.parts):
                if part.text.text and not _has_words(content):
                    diags.error(part.text.location(), f"empty {_PART_NAMES[part.kind]}: it holds no text, "
                                f"only {quote(part.text.text)}")
            return para
        case RawTable():
            return SubmittedTable(
                block,
                inline(block.caption, diags) if block.caption is not None else None,
                tuple(inline(cell, diags) for cell in block.header),
                tuple(tuple(inline(cell, diags) for cell in row) for row in block.rows),
            )
        case _:
            assert_never(block)
