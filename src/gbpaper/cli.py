"""The command line: `gbpaper build` and `gbpaper check`. Thin: arguments in, diagnostics out."""
from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click

from gbpaper import pipeline
from gbpaper.diagnostics import Diagnostic
from gbpaper.sources.text import reading

EXIT_ERRORS, EXIT_INTERNAL = 1, 3


def _papers(dirs: tuple[str, ...]) -> list[Path]:
    if dirs:
        papers = [Path(d) for d in dirs]
        for folder in papers:
            if not folder.is_dir():
                raise click.UsageError(f"{folder}: no such folder")
            if not (folder / "paper.yaml").is_file():
                raise click.UsageError(f"{folder}: no paper.yaml in this folder")
        return papers
    root = Path("inputs")
    papers = pipeline.find_papers(root) if root.is_dir() else []
    if not papers:
        raise click.UsageError("no PAPER_DIR given and no folder under inputs/ holds a paper.yaml")
    return papers


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in pipeline.FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"unknown format '{','.join(unknown)}'; choose from "
                                 f"{', '.join(pipeline.FORMATS)}", param_hint="--format")
    return formats


def _report(diagnostics: list[Diagnostic], as_json: bool = False) -> None:
    """Every diagnostic, sorted by path, line and column: lines on stderr, or JSON on stdout."""
    ordered = sorted(set(diagnostics), key=Diagnostic.sort_key)
    if not as_json:
        for diag in ordered:
            click.echo(diag.format(), err=True)
        return
    errors = sum(1 for d in ordered if d.severity == "error")
    click.echo(json.dumps({
        "diagnostics": [d.as_json() for d in ordered],
        "errors": errors,
        "warnings": len(ordered) - errors,
    }, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compile ILO Governing Body papers from the units' submissions."""
    ctx.obj = debug


@main.command()
@click.argument("paper_dirs", nargs=-1, metavar="[PAPER_DIR ...]")
@click.option("-o", "out_dir", default="outputs", show_default=True, metavar="OUT_DIR",
              help="Where to write the papers.")
@click.option("--format", "formats", default="txt,docx", show_default=True,
              help="Comma-separated formats: txt, docx.")
@click.option("--lang", "languages", metavar="LANG[,LANG]",
              help="Build only these language versions (default: every language of the paper).")
@click.pass_obj
def build(debug: bool, paper_dirs: tuple[str, ...], out_dir: str, formats: str, languages: str | None) -> None:
    """Build each paper into OUT_DIR (default: every paper under inputs/)."""
    wanted = _formats(formats)
    papers = _papers(paper_dirs)
    langs = tuple(lang.strip() for lang in languages.split(",")) if languages else None
    _run(debug, lambda: [pipeline.build_paper(p, Path(out_dir), wanted, langs)[0] for p in papers])


@main.command()
@click.argument("paper_dirs", nargs=-1, metavar="[PAPER_DIR ...]")
@click.option("--format", "report_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per diagnostic on stderr; json: one document on stdout.")
@click.pass_obj
def check(debug: bool, paper_dirs: tuple[str, ...], report_format: str) -> None:
    """Check each paper's inputs and write nothing."""
    papers = _papers(paper_dirs)
    _run(debug, lambda: [pipeline.compile_paper(p) for p in papers], as_json=report_format == "json")


def _run(debug: bool, work, as_json: bool = False) -> None:
    try:
        results = work()
    except Exception as exc:  # a bug, not bad input: say so in one line
        if debug:
            traceback.print_exc()
        where = reading.get() or "the inputs"
        click.echo(f"gbpaper: internal error while reading {where}: {type(exc).__name__}: {exc} "
                   "(a bug; run with --debug for the traceback)", err=True)
        sys.exit(EXIT_INTERNAL)
    _report([d for r in results for d in r.diagnostics.items], as_json)
    if any(r.diagnostics.has_errors or r.paper is None for r in results):
        sys.exit(EXIT_ERRORS)
