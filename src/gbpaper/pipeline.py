"""The whole flow of one paper: load -> assemble (every language) -> render -> write."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gbpaper import model
from gbpaper.assemble import assemble, assemble_translation, check_files_alone
from gbpaper.diagnostics import Diagnostics, Location, quote
from gbpaper.languages import check_alignment, check_languages
from gbpaper.load import PaperSources, load_paper
from gbpaper.outline import Outline
from gbpaper.output import NoSuchVersion, locked, write_all
from gbpaper.phrases import Phrases, load_phrases
from gbpaper.render import FORMATS, convert, load_renderers, render
from gbpaper.sources.text import reading

if TYPE_CHECKING:
    from gbpaper.record import Ledger
    from gbpaper.render.docx import Reference



@dataclass(frozen=True)
class Result:
    paper: model.Paper | None  # the original
    diagnostics: Diagnostics
    versions: tuple[model.Paper, ...] = ()  # every language, the original first; none on errors


def compile_paper(folder: Path, translations: bool = True) -> Result:
    """The numbered paper in folder in every language (the original alone without
    `translations`), with every diagnostic found on the way."""
    diags = Diagnostics()
    sources = load_paper(folder, diags, planless=check_files_alone)
    if sources is None:
        return Result(None, diags)
    phrases = _phrase_tables(sources, diags)
    if sources.plan.language not in phrases:
        return Result(None, diags)
    reading.set(str(folder))  # an internal error from here on names the paper's folder
    plan = sources.plan
    outline = Outline(plan.sections, sources.plan_doc, diags, plan.appendices)
    paper = assemble(sources, outline, phrases[plan.language], diags)
    versions = [paper]
    for lang in check_languages(sources, outline, diags) if translations else ():
        if lang not in plan.translations:
            continue
        entry = plan.translations[lang]
        translated = outline.translated(entry.headings, entry.appendices)
        check_alignment(sources, lang, outline, translated, diags)
        if lang in phrases:
            versions.append(assemble_translation(sources, translated, lang, phrases[lang], diags, paper))
    _check_output_names([v for v in versions if v is not None], sources, diags)
    if diags.has_errors or paper is None:
        return Result(None, diags)
    return Result(paper, diags, tuple(v for v in versions if v is not None))


# The longest output file name, in bytes. A file system takes 255 for a name (ext4, NTFS, APFS),
# and each output is first written under a longer temporary name beside it (output.py), so
# check refuses, at the symbol, a name that build could not write.
MAX_OUTPUT_NAME = 200


def _check_output_names(versions: list[model.Paper], sources: PaperSources, diags: Diagnostics) -> None:
    """An error at the symbol when the longest output name of a version is over MAX_OUTPUT_NAME."""
    longest = max(FORMATS, key=len)
    for paper in versions:
        name = output_name(paper, longest)
        size = len(name.encode("utf-8"))
        if size > MAX_OUTPUT_NAME:
            diags.error(sources.plan_doc.where(("symbol",)), f"the symbol is too long for a file name: "
                        f"the output {quote(name)} would be {size} bytes, and a file name is at most "
                        f"{MAX_OUTPUT_NAME}")
            return


def _phrase_tables(sources: PaperSources, diags: Diagnostics) -> dict[str, Phrases]:
    plan, doc = sources.plan, sources.plan_doc
    wanted = {plan.language: doc.where(("language",))}
    for i, lang in enumerate(plan.languages or []):
        wanted.setdefault(lang, doc.where(("languages", i)))
    tables = {lang: load_phrases(lang, diags, where) for lang, where in wanted.items()}
    return {lang: table for lang, table in tables.items() if table is not None}


@dataclass(frozen=True)
class Written:
    """An output file name written in this run, and the paper that wrote it."""

    name: str
    symbol: str
    folder: Path


def output_name(paper: model.Paper, fmt: str) -> str:
    """`GB.300-MNE-2-1.en.txt`: the name of a version's output in a format."""
    return f"{paper.file_stem}.{fmt}"


@dataclass(frozen=True)
class Outputs:
    """A paper's outputs, rendered, with those made by a conversion still waiting for it:
    each waiting target with its format and the document it is converted from."""

    files: dict[Path, bytes]
    waiting: dict[Path, tuple[str, bytes]]


def build_paper(folder: Path, out_dir: Path, formats: tuple[str, ...],
                languages: tuple[str, ...] | None = None,
                reference: Reference | None = None,
                taken: dict[str, Written] | None = None) -> tuple[Result, list[Path]]:
    """Compiles the paper and, if it has no errors, writes every format of every language asked
    for (all by default); else writes nothing. See `render_paper` for `taken`."""
    result, outputs = render_paper(folder, out_dir, formats, languages, reference, taken)
    if outputs is None:
        return result, []
    files = {**outputs.files, **_converted([outputs])[0]}
    write_all(files)
    return result, list(files)


def render_paper(folder: Path, out_dir: Path, formats: tuple[str, ...],
                 languages: tuple[str, ...] | None = None,
                 reference: Reference | None = None,
                 taken: dict[str, Written] | None = None) -> tuple[Result, Outputs | None]:
    """Compiles the paper and, if it has no errors, renders every format of every language asked
    for (all by default), conversions left waiting; else None. `taken` holds the output file
    names already claimed in this run, case folded (on Windows and macOS `a` and `A` name one
    file): a paper that would write one of them again would overwrite another's outputs, as two
    folders with one symbol would, or two symbols with one name (GB.300/MNE/2/1 and
    GB.300/MNE-2/1)."""
    result = compile_paper(folder)
    if result.paper is None:
        return result, None
    offered = [paper.language for paper in result.versions]
    missing = [lang for lang in languages or () if lang not in offered]
    if missing:
        raise NoSuchVersion(f"{folder} has no '{missing[0]}' version; its languages: {', '.join(offered)}")
    versions = [paper for paper in result.versions if languages is None or paper.language in languages]
    names = [output_name(paper, fmt) for paper in versions for fmt in formats]
    clash = next((name for name in names if name.casefold() in taken), None) if taken is not None else None
    if taken is not None and clash is not None:
        result.diagnostics.error(Location(str(folder / "paper.yaml")),
                                 _clash(result.paper.symbol, clash, taken[clash.casefold()]))
        return result, None
    reading.set(str(folder))
    outputs = Outputs({}, {})
    for paper in versions:
        rendered = render(paper, formats, reference)
        for fmt in formats:
            made_from = FORMATS[fmt].made_from
            if made_from is None:
                outputs.files[out_dir / output_name(paper, fmt)] = rendered[fmt]
            else:
                outputs.waiting[out_dir / output_name(paper, fmt)] = (fmt, rendered[made_from])
    if taken is not None:
        taken.update({name.casefold(): Written(name, result.paper.symbol, folder) for name in names})
    return result, outputs


def _converted(papers: list[Outputs]) -> list[dict[Path, bytes]]:
    """For each paper, its waiting outputs made: each format's conversion made once for all the
    papers' documents, named in errors by the file they make."""
    made: dict[Path, bytes] = {}
    for fmt in dict.fromkeys(fmt for outputs in papers for fmt, _ in outputs.waiting.values()):
        documents = {target: source for outputs in papers
                     for target, (wanted, source) in outputs.waiting.items() if wanted == fmt}
        converted = convert(fmt, {target.name: source for target, source in documents.items()})
        made.update((target, converted[target.name]) for target in documents)
    return [{target: made[target] for target in outputs.waiting} for outputs in papers]


def _clash(symbol: str, name: str, first: Written) -> str:
    if first.symbol == symbol:
        said = f"paper {symbol} is built from {first.folder} already"
    else:
        same = f", the same file on Windows and macOS as {first.name}" if first.name != name else ""
        said = (f"paper {symbol} would write {name}{same}, which paper {first.symbol}, built from "
                f"{first.folder}, writes already")
    return said + "; the two would overwrite each other's outputs"


def build_papers(folders: list[Path], out_dir: Path, formats: tuple[str, ...],
                 languages: tuple[str, ...] | None = None,
                 reference_docx: Path | None = None, ledger: Ledger | None = None) -> list[Result]:
    """Builds each paper in turn; when a format is a conversion (the PDF), every paper's
    documents are converted at once, after the last paper is rendered, and the papers are
    written then. What they share is checked first, and when it fails no paper is built:
    LibreOffice for a PDF (PdfError), and for Word and PDF the reference document (the default
    one unless given), whose errors come back as the only Result; its warnings (a
    style it lacks, written in another) come first among the results. The `ledger`, if any,
    learns each paper built, and is saved at the end."""
    load_renderers(formats)
    # What is imported lives for the whole run: frozen, it is not walked again by the full
    # collections that free each paper's Word trees (below, and the reference's in read_reference).
    gc.freeze()
    reference = None
    shared: list[Result] = []
    if any(FORMATS[fmt].styled for fmt in formats):
        from gbpaper.render.docx import DEFAULT_REFERENCE, read_reference

        diags = Diagnostics()
        reference = read_reference(reference_docx or DEFAULT_REFERENCE, diags)
        if reference is None:
            return [Result(None, diags)]
        if diags.items:
            shared.append(Result(None, diags))
    if "pdf" in formats:
        from gbpaper.render.pdf import find_soffice

        find_soffice()
    taken: dict[str, Written] = {}
    results = []
    waiting: list[tuple[Path, Outputs]] = []  # papers whose outputs wait for a conversion
    for folder in folders:
        result, outputs = render_paper(folder, out_dir, formats, languages, reference, taken)
        results.append(result)
        if reference is not None:
            # python-docx's package and parts refer to each other: a paper's Word trees go only
            # with a full collection, which the command line makes rare. One per paper keeps a
            # build's memory to one paper's trees, whatever the reference's headers hold.
            gc.collect()
        if outputs is None:
            continue
        if outputs.waiting:
            waiting.append((folder, outputs))
        else:
            _write(folder, outputs.files, ledger)
    for (folder, outputs), made in zip(waiting, _converted([outputs for _, outputs in waiting])):
        _write(folder, {**outputs.files, **made}, ledger)
    if ledger is not None and ledger.built:  # a build that wrote nothing writes no record either
        with locked([out_dir]):
            ledger.save()
    return shared + results


def _write(folder: Path, files: dict[Path, bytes], ledger: Ledger | None) -> None:
    write_all(files)
    if ledger is not None:
        ledger.done(folder, list(files))
