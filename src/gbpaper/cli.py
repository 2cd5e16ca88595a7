"""The command line: `gbpaper build`, `check`, `diff`, `status`, `new` and `schema`. Thin:
arguments in, diagnostics out. Each command imports what it runs when it runs, so that a
command that has little to do (`build --changed` when nothing changed, `--help`) starts fast."""
from __future__ import annotations

import gc
import json
import signal
import stat
import sys
import threading
from pathlib import Path
from typing import Callable, NoReturn, TypeVar

import click

from gbpaper.diagnostics import Diagnostic, Diagnostics, Location, did_you_mean, one_line
from gbpaper.folders import Listings, find_papers, present
from gbpaper.launch import EXIT_INTERRUPTED, interrupt, interruptible, interrupted, unprintable
from gbpaper.output import NoSuchVersion, OutputError, write_all
from gbpaper.render import FORMATS, PdfError
from gbpaper.sources.text import reading

EXIT_ERRORS, EXIT_INTERNAL = 1, 3
EXIT_MACHINE = 2  # LibreOffice missing or failing, an output that cannot be written: as with
# misuse, nothing in the inputs to fix
EXIT_CHANGES, EXIT_TROUBLE = 1, 2  # gbpaper diff's, as diff's: changes found; could not compare
T = TypeVar("T")


def _papers(dirs: tuple[str, ...], listings: Listings | None = None) -> list[Path]:
    """The papers named, or every paper under inputs/ (its folders' entries kept in `listings`,
    when given: see find_papers)."""
    if dirs:
        papers = [Path(d) for d in dirs]
        for folder in papers:
            problem = _not_a_paper(folder)
            if problem:
                raise click.UsageError(f"{one_line(str(folder))}: {problem}")
        return papers
    root = Path("inputs")
    papers = find_papers(root, listings) if root.is_dir() else []
    if not papers:
        raise click.UsageError("no PAPER_DIR given and no folder under inputs/ holds a paper.yaml")
    return papers


def _not_a_paper(folder: Path) -> str | None:
    """Why folder, as named on the command line, is not a paper's folder; None when it is one,
    or when it cannot be looked at: reading it then says why, at its path."""
    try:
        if not stat.S_ISDIR(folder.stat().st_mode):  # the folder named may be a link to one
            return "no such folder"
    except (FileNotFoundError, NotADirectoryError):
        return "no such folder"
    except OSError:
        return None
    return None if present(folder / "paper.yaml") else "no paper.yaml in this folder"


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"unknown format '{','.join(unknown)}'; choose from "
                                 f"{', '.join(FORMATS)}", param_hint="--format")
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


class _Commands(click.Group):
    """The command group: an interrupted command (Ctrl-C, SIGTERM, SIGHUP) ends with `Aborted!`
    and its own exit status, told apart from errors in the inputs."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            with interruptible():
                return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except OSError as exc:  # (a file's error names it; writing what is printed, none)
            if interrupted():
                pass
            elif exc.filename is None:
                unprintable(exc)  # (before click, which would take a closed pipe for exit 1)
            else:
                raise
        except Exception:
            if not interrupted():
                raise
        except KeyboardInterrupt:
            pass
        click.echo("Aborted!", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compile ILO Governing Body papers from the units' submissions."""
    ctx.obj = debug
    _interrupt_on_sigterm(ctx)


def _interrupt_on_sigterm(ctx: click.Context) -> None:
    """SIGTERM, and SIGHUP (a closed terminal or SSH session), stop the run as Ctrl-C does, with
    a KeyboardInterrupt, so that the same clean-up runs (temporary files removed, LibreOffice
    ended) and it ends with `Aborted!` and exit 130. The previous handlers return when the command
    ends."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]:
        previous = signal.signal(signum, interrupt)
        ctx.call_on_close(lambda signum=signum, previous=previous: signal.signal(signum, previous))


def _collect_garbage_rarely() -> None:
    """The collector on, once the command has imported what it runs (the entry point holds it
    off until then), and rare. What was imported lives for the whole run: frozen, it is never
    walked again. A run builds large trees that live until their paper is written (sources,
    model, Word XML). The collector's full passes would walk them again and again, in time that
    grows faster than the paper: 1500 times the reference paper took 8.5 s instead of 5.3 s to
    build. Young objects are still collected; a full pass waits for 7 million allocations.
    Once: a collector already on (a later call, or a caller other than the entry point) is
    left as it is."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.set_threshold(700, 10, 1000)
    gc.enable()


@main.command()
@click.argument("paper_dirs", nargs=-1, metavar="[PAPER_DIR ...]")
@click.option("-o", "out_dir", default="outputs", show_default=True, metavar="OUT_DIR",
              help="Where to write the papers.")
@click.option("--format", "formats", default="txt,docx", show_default=True,
              help="Comma-separated formats: txt, docx, pdf (pdf needs LibreOffice).")
@click.option("--lang", "languages", metavar="LANG[,LANG]",
              help="Build only these language versions (default: every language of the paper).")
@click.option("--reference-docx", type=click.Path(exists=True, path_type=Path),
              metavar="FILE", help="The Word document whose styles, page set-up, headers and "
              "footers the Word and PDF papers take (default: templates/gb-reference.docx).")
@click.option("--changed", is_flag=True, help="Build only the papers whose inputs, options or gbpaper "
              "changed since the last `build --changed` into OUT_DIR, or whose outputs did.")
@click.pass_obj
def build(debug: bool, paper_dirs: tuple[str, ...], out_dir: str, formats: str, languages: str | None,
          reference_docx: Path | None, changed: bool) -> None:
    """Build each paper into OUT_DIR (default: every paper under inputs/)."""
    wanted = _formats(formats)
    listings: Listings = {}
    papers = _papers(paper_dirs, listings if changed else None)
    langs = tuple(lang.strip() for lang in languages.split(",")) if languages else None
    ledger = None
    if changed:
        from gbpaper.record import Ledger
        from gbpaper.resources import TEMPLATES_DIR

        options = f"formats={','.join(wanted)}\0languages={','.join(langs or ())}"
        ledger = Ledger(Path(out_dir), papers, options, reference_docx, TEMPLATES_DIR, listings)
        papers = ledger.changed()
        if not papers:
            return
    from gbpaper import pipeline

    pipeline.load_renderers(wanted)  # (imported before the collector starts: see _guarded)
    _run(debug, lambda: pipeline.build_papers(papers, Path(out_dir), wanted, langs, reference_docx, ledger))


@main.command()
@click.argument("paper_dirs", nargs=-1, metavar="[PAPER_DIR ...]")
@click.option("--format", "report_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per diagnostic on stderr; json: one document on stdout.")
@click.pass_obj
def check(debug: bool, paper_dirs: tuple[str, ...], report_format: str) -> None:
    """Check each paper's inputs and write nothing."""
    from gbpaper import pipeline

    papers = _papers(paper_dirs)
    _run(debug, lambda: [pipeline.compile_paper(p) for p in papers], as_json=report_format == "json")


def _run(debug: bool, work, as_json: bool = False) -> None:
    results = _guarded(debug, work)
    _report([d for r in results for d in r.diagnostics.items], as_json)
    if any(r.diagnostics.has_errors for r in results):  # a paper not built has errors to say why
        sys.exit(EXIT_ERRORS)


def _internal_error(debug: bool, exc: Exception) -> NoReturn:
    """One line naming the file being read (the traceback with --debug), then exit 3."""
    if debug:
        import traceback  # (here: a run that needs none would spend a moment importing it)

        traceback.print_exc()
    where = reading.get() or "the inputs"
    said = " ".join(str(exc).split())
    click.echo(f"gbpaper: internal error while reading {where}: {type(exc).__name__}: {said} "
               "(a bug; run with --debug for the traceback)", err=True)
    sys.exit(EXIT_INTERNAL)


def _guarded(debug: bool, work: Callable[[], T]) -> T:
    """work(). LibreOffice failing, an output that cannot be written or a language the paper
    lacks ends the run with exit 2; any other exception is a bug, reported as every command
    reports one. Each command imports what it runs before its work, which starts the garbage
    collector."""
    _collect_garbage_rarely()
    reading.set(None)
    try:
        return work()
    except (PdfError, OutputError, NoSuchVersion) as exc:
        click.echo(f"gbpaper: {exc}", err=True)
        sys.exit(EXIT_MACHINE)
    except Exception as exc:  # a bug, not bad input, unless it is the interruption's (see launch)
        if interrupted():
            raise KeyboardInterrupt from exc
        _internal_error(debug, exc)


def _json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@main.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--format", "report_format", type=click.Choice(["text", "json", "docx"]), default="text",
              show_default=True, help="text: one line per change; json: one document; docx: NEW's Word "
              "paper with the changes as tracked changes, written to -o FILE.")
@click.option("-o", "out_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Where --format docx writes the Word paper.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the changed words; auto: when writing to a terminal.")
@click.option("--lang", "language", metavar="LANG",
              help="The language version of paper folders to compare (default: the original); for "
              "text outputs, the language they are in (default: from the file's name).")
@click.option("--reference-docx", type=click.Path(exists=True, path_type=Path), metavar="FILE",
              help="The Word document whose styles, page set-up, headers and footers --format docx "
              "takes (default: templates/gb-reference.docx).")
@click.pass_obj
def diff_command(debug: bool, old: str, new: str, report_format: str, out_file: Path | None, color: str,
                 language: str | None, reference_docx: Path | None) -> None:
    """Show what changed from OLD to NEW, renumbering aside.

    OLD and NEW are text outputs (.txt) or paper folders, built in memory. Exit status: 0 no
    change, 1 changes, 2 trouble (a missing file, a paper with errors)."""
    from gbpaper import diff

    if report_format == "docx" and out_file is None:
        raise click.UsageError("--format docx writes a Word paper: name it with -o FILE")
    if report_format != "docx" and out_file is not None:
        raise click.UsageError("-o FILE is for --format docx")
    paths = [Path(old), Path(new)]
    diags = Diagnostics()
    for path in paths:
        try:
            folder = stat.S_ISDIR(path.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError):
            raise click.UsageError(f"{one_line(str(path))}: no such file or folder")
        except OSError as exc:  # no permission to look at it
            diags.error(Location(str(path)), f"cannot read it: {exc.strerror}")
            continue
        if folder and not present(path / "paper.yaml"):
            raise click.UsageError(f"{one_line(str(path))}: no paper.yaml in this folder")
    if diags.has_errors:
        _report(diags.items)
        sys.exit(EXIT_TROUBLE)
    if report_format == "docx":
        assert out_file is not None
        changed = _redline(debug, paths, out_file, language, reference_docx, diags)
        sys.exit(EXIT_CHANGES if changed else 0)
    builds = _guarded(debug, lambda: diff.read_builds(paths, diags, language))
    if builds is None:
        _report(diags.items)
        sys.exit(EXIT_TROUBLE)
    before, after = (read.build for read in builds)
    comparison = _guarded(debug, lambda: diff.compare(before, after))
    if report_format == "json":
        _json(diff.report_json(comparison))
    else:
        colour = color == "always" or (color == "auto" and sys.stdout.isatty())
        style = (lambda text, fg: click.style(text, fg=fg)) if colour else None
        click.echo(diff.report_text(comparison, style), nl=False, color=colour)
    sys.exit(EXIT_CHANGES if comparison.changes else 0)


def _redline(debug: bool, paths: list[Path], out_file: Path, language: str | None,
             reference_docx: Path | None, diags: Diagnostics) -> bool:
    """Write NEW's Word paper with the changes from OLD tracked into out_file (exit 2 and nothing
    written on trouble); whether anything changed."""
    from gbpaper import diff, redline
    from gbpaper.render.docx import DEFAULT_REFERENCE, read_reference
    from gbpaper.render.redline import render_redline

    builds = _guarded(debug, lambda: diff.read_builds(paths, diags, language))
    reference = read_reference(reference_docx or DEFAULT_REFERENCE, diags)
    if builds is None or reference is None:
        _report(diags.items)
        sys.exit(EXIT_TROUBLE)
    sides = _guarded(debug, lambda: [redline.read_side(read, diags, language) for read in builds])
    del builds  # (the texts read: what the redline needs of them, the sides hold)
    before, after = sides
    if before is None or after is None:
        _report(diags.items)
        sys.exit(EXIT_TROUBLE)
    made, changed = _guarded(debug, lambda: redline.redline_of(before, after))
    del sides, before, after  # the builds compared and the sides' slots: the redline is written without them
    data = _guarded(debug, lambda: render_redline(made, reference))
    _guarded(debug, lambda: write_all({out_file: data}))
    _report(diags.items)
    return changed


@main.command("status")
@click.argument("paper_dirs", nargs=-1, metavar="[PAPER_DIR ...]")
@click.option("--format", "report_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: a table; json: a list with one object per paper.")
@click.pass_obj
def status_command(debug: bool, paper_dirs: tuple[str, ...], report_format: str) -> None:
    """Show what each contributor has sent, who has sent nothing, which sections are empty, and
    the paper's length so far."""
    from gbpaper import status

    papers = _papers(paper_dirs)
    diags = Diagnostics()
    found = [s for s in _guarded(debug, lambda: [status.paper_status(p, diags) for p in papers]) if s]
    if report_format == "json":
        _json([status.status_json(s) for s in found])
    else:
        click.echo("\n".join(status.format_status(s) for s in found), nl=False)
    _report(diags.items)
    if diags.has_errors:
        sys.exit(EXIT_ERRORS)


@main.command("new")
@click.argument("unit")
@click.argument("paper_dir", required=False, metavar="[PAPER_DIR]")
@click.option("--docx", "word", is_flag=True, help="Write a Word document (.docx) instead of Markdown.")
@click.pass_obj
def new_command(debug: bool, unit: str, paper_dir: str | None, word: bool) -> None:
    """Write UNIT's submission file into the paper's folder, with the paper's sections as
    headings, ready to fill in, and its translations in a paper of several languages. It never
    overwrites a file, nor writes one beside the unit's file of the same name in another format."""
    from gbpaper import scaffold
    from gbpaper.load import SUBMISSION_SUFFIXES, load_paper

    papers = _papers((paper_dir,) if paper_dir else ())
    if len(papers) > 1:
        raise click.UsageError(f"{len(papers)} papers under inputs/: name the PAPER_DIR")
    folder = papers[0]
    diags = Diagnostics()
    sources = _guarded(debug, lambda: load_paper(folder, diags))
    # A units.yaml with an error names no unit for certain (a code that starts with '.' would
    # name a file that the loader skips).
    units_wrong = [d for d in diags.items if d.severity == "error" and Path(d.location.path).name == "units.yaml"]
    if sources is None or sources.units is None or units_wrong:
        _report(units_wrong or diags.items)
        sys.exit(EXIT_ERRORS)
    if unit not in sources.units:
        raise click.UsageError(f"unknown unit '{unit}': it is not in units.yaml"
                               + did_you_mean(unit, sources.units))
    if unit not in sources.plan.contributors:
        raise click.UsageError(f"unit '{unit}' is not among the paper's contributors "
                               "(paper.yaml, contributors)")
    files = {folder / name: data
             for name, data in _guarded(debug, lambda: scaffold.skeletons(unit, sources.plan, sources.plan_doc,
                                                                          word)).items()}
    for path in files:
        if present(path):
            raise click.UsageError(f"{one_line(str(path))} already exists; gbpaper new never overwrites a file")
        for other in _namesakes(path):
            raise click.UsageError(f"{one_line(str(other))} already exists: the unit would have its "
                                   f"submission twice, there and in {one_line(path.name)}")
    # A folder to write into that is a link (fr/ linked elsewhere) would be written through.
    folders = {str(path.parent) for path in files}
    in_the_way = [d for d in diags.items if d.severity == "error" and d.location.path in folders]
    if in_the_way:
        _report(in_the_way)
        sys.exit(EXIT_ERRORS)
    _guarded(debug, lambda: write_all(files))
    for path in files:
        click.echo(one_line(str(path)))


def _namesakes(path: Path) -> list[Path]:
    """The submissions beside path of the same name in another format, whatever the case of
    their suffix (`travail.MD` beside `travail.docx`)."""
    from gbpaper.load import SUBMISSION_SUFFIXES

    try:
        entries = list(path.parent.iterdir())
    except OSError:  # no such folder yet: nothing stands there
        return []
    return [p for p in entries if p.stem == path.stem and p.name != path.name and p.suffix in SUBMISSION_SUFFIXES]


@main.command("schema")
@click.option("-o", "out_dir", default="schemas", show_default=True, metavar="DIR",
              help="Where to write the schema files.")
@click.pass_obj
def schema_command(debug: bool, out_dir: str) -> None:
    """Write the JSON Schemas of paper.yaml, units.yaml and the YAML submission into DIR."""
    from gbpaper import schemas

    _guarded(debug, lambda: schemas.write_schemas(Path(out_dir)))
