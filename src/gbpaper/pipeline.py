"""The whole flow of one paper: load -> assemble -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gbpaper import model
from gbpaper.assemble import assemble
from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.load import load_paper
from gbpaper.output import write_atomic
from gbpaper.phrases import load_phrases
from gbpaper.sources.text import reading

FORMATS = ("txt", "docx")


@dataclass(frozen=True)
class Result:
    paper: model.Paper | None
    diagnostics: Diagnostics


def compile_paper(folder: Path) -> Result:
    """The numbered paper in folder, with every diagnostic found on the way."""
    diags = Diagnostics()
    sources = load_paper(folder, diags)
    if sources is None:
        return Result(None, diags)
    phrases = load_phrases(sources.plan.language, diags, sources.plan_doc.where(("language",)))
    if phrases is None:
        return Result(None, diags)
    return Result(assemble(sources, phrases, diags), diags)


def renderer(fmt: str) -> Callable[[model.Paper], bytes]:
    """The renderer of one format, imported only when that format is asked for."""
    if fmt == "txt":
        from gbpaper.render.text import render_text

        return render_text
    from gbpaper.render.docx import render_docx

    return render_docx


def build_paper(folder: Path, out_dir: Path, formats: tuple[str, ...]) -> tuple[Result, list[Path]]:
    """Compiles the paper and, if it has no errors, writes every format; else writes nothing."""
    result = compile_paper(folder)
    if result.paper is None or result.diagnostics.has_errors:
        return result, []
    reading.set(str(folder))
    rendered = {fmt: renderer(fmt)(result.paper) for fmt in formats}
    written = []
    for fmt, data in rendered.items():
        path = out_dir / f"{result.paper.file_stem}.{fmt}"
        write_atomic(path, data)
        written.append(path)
    return result, written


def find_papers(root: Path) -> list[Path]:
    """Every folder under root that holds a paper.yaml, in name order."""
    return sorted(p.parent for p in root.rglob("paper.yaml"))


__all__ = ["FORMATS", "Location", "Result", "build_paper", "compile_paper", "find_papers"]
