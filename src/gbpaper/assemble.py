"""Plan + submissions -> one numbered Paper.

The submissions are checked against the plan and each other, their paragraphs put in the
paper's order (section, then the contributors' order, then file name, then place in the file),
and numbered once: paragraphs, footnotes (with *ibid.*), sections' numerals, cross-references.
Nothing after this module numbers anything.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from functools import cached_property
from typing import Collection, assert_never

from gbpaper import model
from gbpaper.diagnostics import Diagnostics, Location, did_you_mean, quote
from gbpaper.inline import RawCrossRef, RawEmphasis, RawInline, RawNoteRef, iter_refs, parse_inline
from gbpaper.load import (SUBMISSION_SUFFIXES, Content, PaperSources, Submission, SubmittedBlock, SubmittedNote,
                          SubmittedParagraph, SubmittedTable, block_texts)
from gbpaper.numerals import letter, roman
from gbpaper.outline import Outline, Section
from gbpaper.phrases import Phrases
from gbpaper.schema import SUMMARY_FIELDS, PaperPlan, Summary
from gbpaper.sources.limits import FileLimits, Refused
from gbpaper.sources.raw import RawNote, RawPart
from gbpaper.sources.text import MAX_BYTES, SourceText, fold
from gbpaper.sources.yaml_source import YamlDoc
from gbpaper.typography import place_markers

# The text of the footnotes numbered for one file's references, printed in full (ibid. aside),
# since each reference prints its note again (their number is limited as they are read: see
# sources/limits.py).
MAX_NOTE_TEXT = MAX_BYTES


@dataclass(frozen=True)
class Placed:
    """A block of a submission, its section found and its inline content parsed."""

    section: Section
    contributor: int
    submission: Submission
    index: int
    block: SubmittedBlock

    def sort_key(self) -> tuple[int, int, str, int]:
        return (self.section.order, self.contributor, self.submission.name, self.index)


@dataclass(frozen=True)
class Note:
    """A footnote definition of a file. Two notes are the same for *ibid.* when their `source`
    (file and label) or their `folded` text is."""

    submitted: SubmittedNote
    path: str

    @property
    def raw(self) -> RawNote:
        return self.submitted.raw

    @property
    def content(self) -> tuple[RawInline, ...]:
        return self.submitted.content

    @property
    def source(self) -> tuple[str, str]:
        return (self.path, self.raw.label)

    @cached_property
    def folded(self) -> str:
        """The note's text as read, its spaces folded, its italic and bold marked: the same for
        the same note from Markdown, YAML or Word."""
        return fold(_marked(self.content))


def _marked(content: tuple[RawInline, ...]) -> str:
    parts = []
    for node in content:
        match node:
            case str():
                parts.append(node)
            case RawEmphasis():  # control characters, which no text holds: never a literal '*'
                parts.append(f"\x01{node.style}\x02{_marked(node.children)}\x01/{node.style}\x02")
            case RawCrossRef():
                parts.append(f"[#{node.label}]")
            case RawNoteRef():
                parts.append(f"[^{node.label}]")
            case _:
                assert_never(node)
    return "".join(parts)


@dataclass(frozen=True)
class Wording:
    """A language version's own words: paper.yaml's for the original, else its translation's;
    `at` is where they are written in paper.yaml (their summary's texts, below it)."""

    language: str
    title: str
    subtitle: str | None
    committee: str | None
    segment: str | None
    body: str
    place: str
    notice: str | None
    stamp: str | None
    summary: Summary | None
    appendix_titles: dict[str, str]
    at: tuple[str, ...]


def assemble(sources: PaperSources, outline: Outline, phrases: Phrases,
             diags: Diagnostics) -> model.Paper | None:
    """The numbered paper in its original language, or None when the inputs have errors (all of
    them reported)."""
    plan, doc = sources.plan, sources.plan_doc
    _check_plan(sources, diags)
    _check_original(plan, doc, phrases, diags)
    gathered = _gather(sources, sources.submissions, Path(sources.folder), outline, diags)
    _warn_missing(sources, outline, gathered.placed, diags)
    if not gathered.placed and not diags.error_paths() - {doc.where(()).path}:  # else a broken file may be why
        diags.error(doc.where(()), "the paper has no paragraphs: no submission gives any")
    closing: SourceText | None = None
    if plan.closing is not None:
        closing = doc.text(("closing",)).folded()
    elif plan.layout == "2011" or plan.purpose is None:  # (no purpose: an error of its own)
        closing = None
    elif plan.purpose == "decision":
        diags.error(doc.where(("purpose",)), "a paper for decision must give its closing line "
                    "(closing: Point for decision: Paragraph [#draft-decision].)")
    else:
        closing = _default_closing(phrases, plan.purpose, [], doc.where(("purpose",)), diags)
    wording = Wording(plan.language, plan.title, plan.subtitle, plan.committee, plan.segment,
                      plan.body or phrases.body, plan.place, plan.notice, plan.stamp, plan.summary,
                      outline.appendix_titles, ())
    return _compose(sources, outline, gathered, wording, closing, phrases, diags, ibid=None)


def assemble_translation(sources: PaperSources, outline: Outline, language: str, phrases: Phrases,
                         diags: Diagnostics, original: model.Paper | None) -> model.Paper | None:
    """The paper in language from its translated submissions, placed by the translated outline.
    Aligned with their originals, they number as the original does, and *ibid.* falls on the
    original's notes."""
    plan, doc = sources.plan, sources.plan_doc
    entry, at = plan.translations[language], ("translations", language)
    gathered = _gather(sources, sources.translations.get(language, ()), Path(sources.folder) / language,
                       outline, diags)
    closing: SourceText | None = None
    if entry.closing is not None:
        closing = doc.text(at + ("closing",)).folded()
    elif plan.layout == "2011" and plan.closing is None:
        closing = None  # printed only when given
    elif plan.purpose is None:
        if plan.closing is not None:
            diags.error(doc.where(at), f"translation '{language}' needs a closing, as the original has one "
                        "and no purpose gives one from the phrase table")
    else:  # the original's references, unknown when it has errors
        refs = [n.target for n in original.closing if isinstance(n, model.CrossRef)] if original else None
        closing = _default_closing(phrases, plan.purpose, refs, doc.where(at), diags)
    notice = entry.notice
    if plan.notice and not notice:
        notice = plan.notice
        diags.warning(doc.where(at), f"translation '{language}' gives no notice: the original's is printed")
    if plan.stamp and not entry.stamp:
        diags.warning(doc.where(at), f"translation '{language}' gives no stamp: its Word paper has none")
    wording = Wording(language, entry.title, entry.subtitle, entry.committee, entry.segment,
                      entry.body or phrases.body, entry.place, notice, entry.stamp, entry.summary,
                      outline.appendix_titles, at)
    ibid = _ibid_notes(original) if original else None
    return _compose(sources, outline, gathered, wording, closing, phrases, diags, ibid)


def _default_closing(phrases: Phrases, purpose: str, refs: list[str] | None, where: Location,
                     diags: Diagnostics) -> SourceText | None:
    """The phrase table's closing for purpose, its {paragraphs} the cross-references refs (None:
    not known, the original having errors of its own)."""
    template = phrases.closing.get(purpose)
    if template is None:
        diags.error(where, f"the phrase table has no default closing for a paper for {purpose}; "
                    "give the closing line")
        return None
    if refs is None:
        return None
    if "{paragraphs}" in template and not refs:
        diags.error(where, f"give this version's closing line: the phrase table's closing for a "
                    f"paper for {purpose} names the paragraphs that the original's closing refers "
                    "to, and it refers to none")
        return None
    text = template.format(paragraphs=", ".join(f"[#{ref}]" for ref in refs))
    return SourceText.at(text, where, exact=False)


def _ibid_notes(paper: model.Paper) -> frozenset[int]:
    """The numbers of the notes that paper prints *ibid.*, for its language versions to follow."""
    return frozenset(f.number for f in paper.footnotes if f.ibid)


@dataclass
class _Gathered:
    """The submissions' blocks in the paper's order; those under a heading that names no
    section (an error), which are checked but not numbered; every file's notes; and whether
    some of their labels may be unknown (`_partly_read`)."""

    placed: list[Placed]
    orphans: list[SubmittedBlock]
    notes: dict[str, dict[str, Note]]
    partly_read: bool = False


def _gather(sources: PaperSources, submissions: tuple[Submission, ...], folder: Path, outline: Outline,
            diags: Diagnostics) -> _Gathered:
    """The submissions of folder (the paper's, or a language folder)."""
    contributors = {code: i for i, code in reversed(list(enumerate(sources.plan.contributors)))}
    gathered = _Gathered([], [], {}, _partly_read(sources, submissions, folder, diags))
    for sub in submissions:
        _check_submission(sub, sources, contributors, diags)
        notes = gathered.notes[sub.path] = _notes_of(sub, diags)
        rank = contributors.get(sub.unit, len(contributors))
        _place(sub, rank, outline, notes, gathered, diags)
    gathered.placed.sort(key=Placed.sort_key)
    return gathered


def _partly_read(sources: PaperSources, submissions: tuple[Submission, ...], folder: Path,
                 diags: Diagnostics) -> bool:
    """Whether some of the submissions of folder were not read whole, for errors (reported):
    cut at a limit of the file, left unread past a limit of the paper's, or not read at all."""
    loaded = {sub.path for sub in submissions}
    unloaded = {path for path in diags.error_paths() if Path(path).parent == folder and path not in loaded
                and Path(path).suffix in SUBMISSION_SUFFIXES and Path(path).name not in ("paper.yaml", "units.yaml")}
    return bool(unloaded or sources.unread) or not all(sub.whole for sub in submissions)


def _compose(sources: PaperSources, outline: Outline, gathered: _Gathered, wording: Wording,
             closing: SourceText | None, phrases: Phrases, diags: Diagnostics,
             ibid: frozenset[int] | None) -> model.Paper | None:
    plan = sources.plan
    numbering = _Numbering(outline, gathered, phrases, diags, ibid)
    limits = FileLimits(diags)  # those of paper.yaml, whose summary and closing are read here
    try:
        summary = _summary(sources, wording, numbering, phrases, diags, limits)
    except Refused:
        summary = None
    blocks, appendices = numbering.blocks()
    try:
        closing_inlines = numbering.closing(closing, limits)
    except Refused:
        closing_inlines = ()
    numbering.check_orphans()
    numbering.warn_unused_notes()
    if diags.has_errors:
        return None
    return model.Paper(
        symbol=plan.symbol,
        language=wording.language,
        layout=plan.layout,
        notice=wording.notice,
        masthead=_masthead(plan, wording, phrases),
        purpose=phrases.purpose[plan.purpose] if plan.layout == "2007" and plan.purpose else None,
        agenda=phrases.agenda_line(plan.agenda_item) if plan.agenda_item else None,
        title=wording.title,
        subtitle=wording.subtitle,
        summary=summary,
        blocks=blocks,
        date_line=phrases.dated(wording.place, plan.date) if plan.layout == "2007" else None,
        closing=closing_inlines,
        appendices=appendices,
        stamp=wording.stamp,
        locale=phrases.locale,
        author=phrases.author,
    )


def _masthead(plan: PaperPlan, wording: Wording, phrases: Phrases) -> tuple[model.MastheadLine, ...]:
    """The masthead's lines in the order the text output prints them, in plan's layout."""
    lines: list[tuple[model.MastheadRole, str | None]] = [("office", phrases.office), ("body", wording.body)]
    match plan.layout:
        case "2007":
            assert plan.session_month is not None, "the 2007 layout requires it"
            year, month = map(int, plan.session_month.split("-"))
            lines += [("symbol", plan.symbol), ("session", phrases.session_line(plan.session)),
                      ("place_month", phrases.month_line(wording.place, year, month)),
                      ("committee", wording.committee), ("committee_code", plan.committee_code)]
        case "2011":
            assert plan.session_dates is not None, "the 2011 layout requires them"
            first, last = plan.session_dates
            lines += [("session", phrases.session_dates_line(plan.session, wording.place, first, last)),
                      ("symbol", plan.symbol), ("committee", wording.committee), ("segment", wording.segment),
                      ("committee_code", plan.committee_code), ("date", phrases.date_label(plan.date)),
                      ("original", phrases.original_label(plan.original or plan.language))]
        case _:
            assert_never(plan.layout)
    return tuple(model.MastheadLine(role, text) for role, text in lines if text)


def _summary(sources: PaperSources, wording: Wording, numbering: _Numbering, phrases: Phrases,
             diags: Diagnostics, limits: FileLimits) -> model.Summary | None:
    """The box, its fields in the contract's order, their cross-references resolved."""
    if wording.summary is None:
        return None
    doc = sources.plan_doc

    def inlines(name: str) -> model.Inlines:
        src = doc.text(wording.at + ("summary", name)).folded()
        return numbering.inlines(parse_inline(src, diags, notes_allowed=False, refused="in the summary box",
                                              limits=limits), None)

    fields = tuple(model.SummaryField(phrases.summary_fields[name], inlines(name))
                   for name in SUMMARY_FIELDS if getattr(wording.summary, name) is not None)
    return model.Summary(phrases.summary, inlines("purpose"), fields)


def _check_original(plan: PaperPlan, doc: YamlDoc, phrases: Phrases, diags: Diagnostics) -> None:
    language = plan.original or plan.language
    if plan.layout == "2011" and language not in phrases.language_names:
        diags.warning(doc.where(("original",) if plan.original else ("language",)),
                      f"the phrase table has no name for language '{language}': 'Original: {language}' is printed")


def _check_session_dates(plan: PaperPlan, doc: YamlDoc, diags: Diagnostics) -> None:
    if plan.session_dates and plan.session_dates[1] < plan.session_dates[0]:
        diags.error(doc.where(("session_dates", 1)), f"the session's last day, {plan.session_dates[1]}, is "
                    f"before its first, {plan.session_dates[0]}")


def _check_plan(sources: PaperSources, diags: Diagnostics) -> None:
    plan, doc, units = sources.plan, sources.plan_doc, sources.units
    _check_session_dates(plan, doc, diags)
    for field, code, at in [("author", plan.author, ("author",))] + [
        ("contributor", code, ("contributors", i)) for i, code in enumerate(plan.contributors)
    ]:
        if units is not None and code not in units:
            diags.error(doc.where(at), f"{field} '{code}' is not in units.yaml" + did_you_mean(code, units))
    seen: set[str] = set()
    for i, code in enumerate(plan.contributors):
        if code in seen:
            diags.error(doc.where(("contributors", i)), f"contributor '{code}' listed twice")
        seen.add(code)


def _known(unit: str, sources: PaperSources) -> bool:
    """Whether unit is in units.yaml, or may be: it cannot be read (its error is reported)."""
    return sources.units is None or unit in sources.units


def _check_submission(sub: Submission, sources: PaperSources, contributors: dict[str, int],
                      diags: Diagnostics) -> None:
    if _known(sub.unit, sources) and sub.unit not in contributors:  # unknown units: see load
        diags.error(sub.unit_at, f"unit '{sub.unit}' is not among the paper's contributors "
                    "(paper.yaml, contributors)")
    if sub.paper != sources.plan.symbol:
        diags.error(sub.paper_at, f"this submission is for paper '{sub.paper}', "
                    f"not {sources.plan.symbol}")


def _notes_of(sub: Submission, diags: Diagnostics) -> dict[str, Note]:
    notes: dict[str, Note] = {}
    for submitted in sub.notes:
        raw = submitted.raw
        if raw.label in notes:
            first = notes[raw.label].raw.text.location()
            diags.error(raw.text.location(), f"footnote '{raw.label}' defined twice "
                        f"(first at line {first.line})")
            continue
        notes[raw.label] = Note(submitted, sub.path)
    return notes


def _place(sub: Submission, rank: int, outline: Outline, notes: dict[str, Note], gathered: _Gathered,
           diags: Diagnostics) -> None:
    """The file's paragraphs put in their sections; every heading that names no section is an
    error, whether paragraphs follow it or not (an empty one is reported where it is read). A
    block under such a heading is not numbered, but its footnote references are checked here,
    and its labels and cross-references with the paper's (`_Numbering.check_orphans`)."""
    for name in sub.headings:
        if name.text and outline.find(name.text) is None:
            diags.error(name.location(), _unknown_section(name.text, outline, diags))
    for index, block in enumerate(sub.blocks):
        section = outline.find(block.raw.section.text)
        if section is not None:
            gathered.placed.append(Placed(section, rank, sub, index, block))
            continue
        gathered.orphans.append(block)
        _check_note_refs(block, notes, diags)


def _check_note_refs(block: SubmittedBlock, notes: dict[str, Note], diags: Diagnostics) -> None:
    """An error for each footnote reference of block that its file does not define."""
    for ref in (ref for content in block_texts(block) for ref in iter_refs(content)):
        if isinstance(ref, RawNoteRef) and ref.label not in notes:
            diags.error(ref.location, f"footnote reference {quote('[^' + ref.label + ']')} has no "
                        "definition in this file" + (did_you_mean(ref.label, notes) if diags.suggesting() else ""))


def check_files_alone(submissions: tuple[Submission, ...], diags: Diagnostics) -> None:
    """What can be checked of each file without the paper's plan (when paper.yaml cannot give
    one): its footnotes, each defined once and each reference defined."""
    for sub in submissions:
        notes = _notes_of(sub, diags)
        for block in sub.blocks:
            _check_note_refs(block, notes, diags)


def _unknown_section(name: str, outline: Outline, diags: Diagnostics) -> str:
    if sharing := outline.ambiguous(name):
        keys = ", ".join(s.key for s in sharing)
        return f"heading {quote(name)} names {len(sharing)} sections ({keys}); write the section's key"
    return f"unknown section {quote(name)}" + outline.suggestion(name, diags)


def _warn_missing(sources: PaperSources, outline: Outline, placed: list[Placed], diags: Diagnostics) -> None:
    """Warnings for contributors and sections with nothing, unless errors may explain it.

    A file that could not be read, or names an unknown unit, may be any contributor's; a
    submission with errors may have lost paragraphs. Those warnings would then be false alarms,
    so they wait until the errors are fixed.
    """
    doc = sources.plan_doc
    failed = diags.error_paths() - {doc.where(()).path}
    known = {sub.path for sub in sources.submissions if _known(sub.unit, sources)}
    if failed - known or sources.unread:  # (a file left unread past a limit of the paper's, likewise)
        return
    # A file with no paragraph (a skeleton) is not a submission yet, unless errors may be why.
    sent = {sub.unit for sub in sources.submissions if sub.blocks or sub.path in failed}
    for i, code in enumerate(sources.plan.contributors):
        if code not in sent and _known(code, sources):
            diags.warning(doc.where(("contributors", i)), f"contributor '{code}' has sent no submission")
    if failed or not placed:  # no paragraph at all is an error of its own
        return
    for section in outline.empty_sections(p.section for p in placed):
        diags.warning(section.at, f"section '{section.key}' has no paragraphs")


@dataclass(frozen=True)
class _Numbers:
    """What a placed block is numbered, in reading order: a paragraph's number (None in an
    appendix whose paragraphs are not numbered), a captioned table's."""

    paragraph: int | None
    table: int | None


def _count(placed: list[Placed]) -> list[_Numbers]:
    """The numbers of the placed blocks: paragraphs 1, 2, 3 through the body and afresh in each
    appendix numbered on its own; captioned tables through the whole paper."""
    numbers = []
    paragraphs = tables = 0
    appendix: str | None = None
    for p in placed:
        info = p.section.appendix
        if (info.key if info else None) != appendix:
            appendix, paragraphs = (info.key if info else None), 0
        match p.block:
            case SubmittedParagraph():
                paragraphs += 1
                numbered = info is None or info.numbering == "own"
                numbers.append(_Numbers(paragraphs if numbered else None, None))
            case SubmittedTable(raw=raw):
                tables += raw.caption is not None
                numbers.append(_Numbers(None, tables if raw.caption is not None else None))
            case _:
                assert_never(p.block)
    return numbers


class _Numbering:
    """Numbers paragraphs, lettered items, tables, footnotes and cross-references, once, in
    reading order. Labels are counted first (`_label_targets`), so that a cross-reference may
    point ahead; then the blocks are built, footnotes numbered as their references are met."""

    def __init__(self, outline: Outline, gathered: _Gathered, phrases: Phrases, diags: Diagnostics,
                 ibid: frozenset[int] | None) -> None:
        self.outline, self.placed, self.notes = outline, gathered.placed, gathered.notes
        self.orphans = gathered.orphans
        # A label not found may be in what was not read: no error of its own then.
        self.partly_read = gathered.partly_read
        self.phrases, self.diags = phrases, diags
        self.ibid = ibid  # the numbers of the notes printed ibid., when the original decided them
        self.numbers = _count(self.placed)
        # What each label and key prints; those that print nothing, why (for the error).
        self.targets: dict[str, str] = {}
        self.refused: dict[str, str] = {}
        self.first: dict[str, tuple[str, Location]] = {}
        for section in outline.sections:
            self.first[section.key] = ("an appendix key" if section.is_appendix else "a section key", section.at)
            numeral = section.appendix.numeral if section.is_appendix and section.appendix else section.numeral
            if numeral:
                self.targets[section.key] = numeral
            elif section.is_appendix:
                self.refused[section.key] = (f"cross-reference to appendix '{section.key}', the paper's "
                                             "single appendix, which has no numeral")
            else:
                self.refused[section.key] = (f"cross-reference to section '{section.key}', which is not "
                                             "numbered; only numbered sections and paragraphs can be referred to")
        self._label_targets()
        self.used: set[tuple[str, str]] = set()
        self.footnotes: list[model.Footnote] = []
        self.count = 0
        self.printed: dict[str, int] = {}  # the characters of the notes of a file's references
        self.previous: Note | None = None

    def claim(self, label: SourceText | None, what: str, value: str | None, refused: str = "") -> None:
        """label prints value (None: refused, for that reason); a label already taken is
        reported where it comes again."""
        if label is None:
            return
        if label.text in self.first:
            taken, at = self.first[label.text]
            self.diags.error(label.location(), f"label '{label.text}' is already {taken} ({at.path}:{at.line}); "
                             "labels and the keys of sections and appendices share one namespace")
            return
        self.first[label.text] = (what, label.location())
        if value is None:
            self.refused[label.text] = refused
        else:
            self.targets[label.text] = value

    def _label_targets(self) -> None:
        """What each label of a paragraph, lettered item or table prints. Those of a block under
        a heading that names no section print nothing, silently: the heading is the error."""
        for p, numbers in zip(self.placed, self.numbers):
            info = p.section.appendix
            why = (f"cross-reference to '{{label}}', in appendix '{info.key}', whose paragraphs are "
                   "not numbered" if info else "")
            self.claim_labels(p.block, numbers, why)
        for block in self.orphans:
            self.claim_labels(block, None, "")

    def claim_labels(self, block: SubmittedBlock, numbers: _Numbers | None, why: str) -> None:
        """Claim the labels of block, numbered by numbers (None: printing nothing, for why)."""
        match block:
            case SubmittedParagraph(raw=raw):
                number = str(numbers.paragraph) if numbers and numbers.paragraph is not None else None
                self.claim(raw.label, "a paragraph label", number, why.format(label=raw.label.text if raw.label else ""))
                for part, (item, subitem) in zip(raw.parts, _item_numbers(raw.parts)):
                    if part.kind in ("lettered", "sub") and part.label is not None:
                        value = None if number is None else self.phrases.item_ref(
                            number, letter(item).lower(), roman(subitem).lower() if subitem else None)
                        self.claim(part.label, "an item label", value, why.format(label=part.label.text))
            case SubmittedTable(raw=raw):
                # A label without a caption is an error of its own, reported when it is read.
                value = str(numbers.table or "") if numbers else None
                self.claim(raw.label, "a table label", value)
            case _:
                assert_never(block)

    def check_orphans(self) -> None:
        """The cross-references of the blocks under a heading that names no section."""
        for block in self.orphans:
            for ref in (ref for content in block_texts(block) for ref in iter_refs(content)):
                if isinstance(ref, RawCrossRef):
                    self.cross_ref(ref)

    def blocks(self) -> tuple[tuple[model.Block, ...], tuple[model.Appendix, ...]]:
        """The body's blocks, and each appendix with its own."""
        body: list[model.Block] = []
        appendices: list[model.Appendix] = []
        appendix_blocks: list[list[model.Block]] = []
        current: list[model.Block] = body
        sections = iter(self.outline.sections)
        section = None

        def enter(next_section: Section) -> None:
            nonlocal current
            if next_section.is_appendix and next_section.appendix:
                info = next_section.appendix
                appendices.append(model.Appendix(info.key, self.phrases.appendix_label(info.label, info.numeral),
                                                 self.outline.appendix_titles.get(info.key, ""), ()))
                current = []
                appendix_blocks.append(current)
            current.extend(self.headings(next_section))

        for p, numbers in zip(self.placed, self.numbers):
            # Headings of the sections up to this block's, empty ones included.
            while section is not p.section:
                section = next(sections)
                enter(section)
            current.append(self.block(p, numbers))
        for rest in sections:
            enter(rest)
        built = tuple(replace(appendix, blocks=tuple(blocks))
                      for appendix, blocks in zip(appendices, appendix_blocks))
        return tuple(body), built

    def block(self, p: Placed, numbers: _Numbers) -> model.Block:
        self.footnotes = []
        sub = p.submission
        match p.block:
            case SubmittedParagraph(raw=raw, content=content, parts=parts):
                text = self.inlines(content, sub)
                printed = tuple(self.part(part, raw_part, item, sub) for part, raw_part, item
                                in zip(parts, raw.parts, _item_numbers(raw.parts)))
                label = raw.label.text if raw.label else None
                return model.Paragraph(numbers.paragraph, text, printed, tuple(self.footnotes), label)
            case SubmittedTable(raw=raw, caption=caption):
                shown = None
                if caption is not None and numbers.table is not None:
                    shown = model.Caption(self.phrases.table_label(numbers.table), self.inlines(caption, sub))
                header = tuple(self.inlines(cell, sub) for cell in p.block.header)
                rows = tuple(tuple(self.inlines(cell, sub) for cell in row) for row in p.block.rows)
                label = raw.label.text if raw.label else None
                return model.Table(shown, raw.align, header, rows, tuple(self.footnotes), label)
            case _:
                assert_never(p.block)

    def part(self, content: Content, raw: RawPart, numbers: tuple[int, int], sub: Submission) -> model.Part:
        printed = self.inlines(content, sub)
        item, subitem = numbers
        label = raw.label.text if raw.label else None
        match raw.kind:
            case "dash":
                return model.DashItem(printed)
            case "lettered":
                return model.LetteredItem(self.phrases.marker(letter(item).lower()), 1, printed, label)
            case "sub":
                return model.LetteredItem(self.phrases.marker(roman(subitem).lower()), 2, printed, label)
            case "quote":
                return model.QuotedParagraph(printed)
            case _:
                assert_never(raw.kind)

    def headings(self, section: Section) -> list[model.Heading]:
        heading = self.outline.heading(section)
        return [heading] if heading else []

    def inlines(self, raw: Content, sub: Submission | None) -> model.Inlines:
        out: list[model.Inline] = []
        for node in raw:
            if isinstance(node, str):
                out.append(model.Text(node))
            elif isinstance(node, RawEmphasis):
                out.append(model.Emphasis(node.style, self.inlines(node.children, sub)))
            elif isinstance(node, RawCrossRef):
                out.append(self.cross_ref(node))
            else:
                out.append(self.note_ref(node, sub))
        return tuple(place_markers(out, self.phrases.note_marker, tuple(self.phrases.abbreviations)))

    def suggest(self, label: str, labels: Collection[str]) -> str:
        """did_you_mean for a label gone wrong, while the paper's diagnostics may still suggest."""
        return did_you_mean(label, labels) if self.diags.suggesting() else ""

    def cross_ref(self, ref: RawCrossRef) -> model.CrossRef:
        if ref.label in self.refused:
            if self.refused[ref.label]:  # (else an error of its own, already reported)
                self.diags.error(ref.location, self.refused[ref.label])
        elif ref.label not in self.targets and not self.partly_read:
            self.diags.error(ref.location, f"cross-reference to {quote(ref.label)}, which is no label "
                             "or section key" + self.suggest(ref.label, self.first))
        return model.CrossRef(ref.label, self.targets.get(ref.label, ""))

    def note_ref(self, ref: RawNoteRef, sub: Submission | None) -> model.NoteRef:
        assert sub is not None, "notes in a footnote or the closing are refused when they are read"
        note = self.notes[sub.path].get(ref.label)
        self.count += 1
        number = self.count
        if note is None:
            self.diags.error(ref.location, f"footnote reference {quote('[^' + ref.label + ']')} has no definition "
                             "in this file" + self.suggest(ref.label, self.notes[sub.path]))
            return model.NoteRef(number)
        self.used.add(note.source)
        prev, self.previous = self.previous, note
        if self.ibid is not None:
            repeats = number in self.ibid
        else:
            repeats = prev is not None and (prev.source == note.source or prev.folded == note.folded)
        if not self.within_limits(ref, sub.path, 0 if repeats else len(note.raw.text.text)):
            return model.NoteRef(number)
        if repeats:
            content: model.Inlines = (model.Emphasis("italic", (model.Text(self.phrases.ibid),)),)
            ibid = True
        else:
            content, ibid = self.inlines(note.content, None), False
        footnote = model.Footnote(number, content, ibid)
        self.footnotes.append(footnote)
        return model.NoteRef(number)

    def within_limits(self, ref: RawNoteRef, path: str, chars: int) -> bool:
        """Whether the file's footnotes, with this reference's (of chars printed), stay within
        MAX_NOTE_TEXT; an error at the reference that first goes past."""
        text = self.printed.get(path, 0)
        self.printed[path] = text + chars
        if text + chars <= MAX_NOTE_TEXT:
            return True
        if text <= MAX_NOTE_TEXT:
            self.diags.error(ref.location, f"the footnotes of this file's references pass {MAX_NOTE_TEXT:,} "
                             "characters (a note is printed again at each reference that is not ibid.)")
        return False

    def closing(self, src: SourceText | None, limits: FileLimits) -> model.Inlines:
        if src is None:
            return ()
        return self.inlines(parse_inline(src, self.diags, notes_allowed=False, limits=limits), None)

    def warn_unused_notes(self) -> None:
        """A warning for each note never referenced, except in a file with errors, where a
        broken reference may be the reason. Its cross-references are checked all the same."""
        unused = [n for notes in self.notes.values() for n in notes.values() if n.source not in self.used]
        for note in unused:
            self.inlines(note.content, None)
        failed = self.diags.error_paths()
        for note in unused:
            if note.path not in failed:
                self.diags.warning(note.raw.text.location(),
                                   f"footnote '{note.raw.label}' is defined but never referenced")


def _item_numbers(parts: tuple[RawPart, ...]) -> list[tuple[int, int]]:
    """For each part, the count of its lettered item (a = 1) and of its sub-item under that
    item (i = 1; 0 for the item itself)."""
    numbers = []
    item = subitem = 0
    for part in parts:
        if part.kind == "lettered":
            item, subitem = item + 1, 0
        elif part.kind == "sub":
            item, subitem = max(item, 1), subitem + 1
        numbers.append((item, subitem))
    return numbers
