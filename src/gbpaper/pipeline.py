"""The whole flow of one paper: load -> assemble (every language) -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gbpaper import model
from gbpaper.assemble import assemble, assemble_translation
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.languages import check_alignment, check_languages
from gbpaper.load import PaperSources, load_paper
from gbpaper.outline import Outline
from gbpaper.output import write_all
from gbpaper.phrases import Phrases, load_phrases
from gbpaper.render import FORMATS, render
from gbpaper.sources.text import reading

if TYPE_CHECKING:
    from gbpaper.render.docx import Reference



class NoSuchVersion(Exception):
    """`--lang` asked for a language the paper is not issued in: the command's mistake."""


@dataclass(frozen=True)
class Result:
    paper: model.Paper | None  # the original
    diagnostics: Diagnostics
    versions: tuple[model.Paper, ...] = ()  # every language, the original first; none on errors


def compile_paper(folder: Path, translations: bool = True) -> Result:
    """The numbered paper in folder in every language (the original alone without
    `translations`), with every diagnostic found on the way."""
    diags = Diagnostics()
    sources = load_paper(folder, diags)
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
    if diags.has_errors or paper is None:
        return Result(None, diags)
    return Result(paper, diags, tuple(v for v in versions if v is not None))


def _phrase_tables(sources: PaperSources, diags: Diagnostics) -> dict[str, Phrases]:
    plan, doc = sources.plan, sources.plan_doc
    wanted = {plan.language: doc.where(("language",))}
    for i, lang in enumerate(plan.languages or []):
        wanted.setdefault(lang, doc.where(("languages", i)))
    tables = {lang: load_phrases(lang, diags, where) for lang, where in wanted.items()}
    return {lang: table for lang, table in tables.items() if table is not None}


def build_paper(folder: Path, out_dir: Path, formats: tuple[str, ...],
                languages: tuple[str, ...] | None = None,
                reference: Reference | None = None,
                taken: dict[str, Path] | None = None) -> tuple[Result, list[Path]]:
    """Compiles the paper and, if it has no errors, writes every format of every language asked
    for (all by default); else writes nothing. `taken` holds the symbols already built in this
    run, by folder: a second folder with the same symbol would overwrite the first's outputs."""
    result = compile_paper(folder)
    if result.paper is None:
        return result, []
    symbol = result.paper.symbol
    if taken is not None and symbol in taken:
        result.diagnostics.error(Location(str(folder / "paper.yaml")), f"paper {symbol} is built from "
                                 f"{taken[symbol]} already; the two would overwrite each other's outputs")
        return result, []
    offered = [paper.language for paper in result.versions]
    missing = [lang for lang in languages or () if lang not in offered]
    if missing:
        raise NoSuchVersion(f"{folder} has no '{missing[0]}' version; its languages: {', '.join(offered)}")
    reading.set(str(folder))
    rendered = {
        out_dir / f"{paper.file_stem}.{fmt}": data
        for paper in result.versions
        if languages is None or paper.language in languages
        for fmt, data in render(paper, formats, reference).items()
    }
    write_all(rendered)
    if taken is not None:
        taken[symbol] = folder
    return result, list(rendered)


def build_papers(folders: list[Path], out_dir: Path, formats: tuple[str, ...],
                 languages: tuple[str, ...] | None = None,
                 reference_docx: Path | None = None) -> list[Result]:
    """Builds each paper in turn. What they share is checked first, and when it fails no paper
    is built: LibreOffice for a PDF (PdfError), and for Word and PDF the reference document
    (the default one unless given), whose errors come back as the only Result; its warnings (a
    style it lacks, written in another) come first among the results."""
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
    taken: dict[str, Path] = {}
    return shared + [build_paper(folder, out_dir, formats, languages, reference, taken)[0] for folder in folders]


def find_papers(root: Path) -> list[Path]:
    """Every folder under root that holds a paper.yaml, in name order."""
    return sorted(p.parent for p in root.rglob("paper.yaml"))
