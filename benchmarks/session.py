"""`make bench`, the session: N papers (default 100), each in English, French and Spanish, built
as a coordinating unit builds them before a session, against pandoc and LibreOffice.

The session is N copies of the reference paper, each with its own symbol and its fr/ and es/
translations, under `<build>/session/inputs/`; and, for pandoc, each language version of each
paper as one Markdown file of the same content (3N files). Measured, each as a whole process,
median of the rounds (peak memory: the largest maximum resident set):

- cold: `make paper` with no outputs (one `gbpaper build --changed` for every paper);
- nothing changed: `make paper` again;
- one changed: a word of one submission changed, then `make paper`;
- pandoc one by one: 3N conversions, Markdown to Word, one after the other;
- pandoc -P: the same, as many at once as the machine has cores;
- PDF: `gbpaper build --format txt,docx,pdf` of the whole session, cold;
- its parts apart: `gbpaper build` (txt+docx), and one batch LibreOffice conversion of the
  Word files it wrote (one profile, at most 200 files to a command line).

    python -m benchmarks.session                  # 100 papers, 3 rounds
    python -m benchmarks.session --papers 5 --runs 1
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import BUILD, ROOT
from benchmarks import SESSION_BEGIN as BEGIN
from benchmarks import SESSION_END as END
from benchmarks.run import RESULTS, Measures, gbpaper_executable, progress, run_once

PAPERS = 100
ROUNDS = 3
SOURCE = ROOT / "inputs" / "GB.300-MNE-2-1"
SYMBOL = "GB.300/MNE/2/1"
LIBREOFFICE_BATCH = 200  # files to a command line: LibreOffice 7.4 passes over those after the 253rd

# The targets (ratios measured side by side in one run, and two absolute times).
COLD_FACTOR = 0.3  # cold `make paper` in at most 0.3 times pandoc one by one
NOTHING_SECONDS = 0.3  # `make paper` with nothing changed
ONE_SECONDS = 0.7  # `make paper` with one paper changed
PDF_FACTOR = 1.2  # the PDF build in at most 1.2 times its txt+docx build and one batch conversion
MEMORY_MIB = 150  # peak memory of the cold session build


def generate(papers: int, root: Path) -> None:
    """Writes the session under root: inputs/ (units.yaml and the papers), pandoc/ (the Markdown
    files) and a link to the project's pyproject.toml, which the Makefile's set-up depends on.
    Runs in a process of its own (`--generate`), since it imports gbpaper."""
    from benchmarks.generate import pandoc_markdown
    from gbpaper.pipeline import compile_paper

    if root.exists():
        shutil.rmtree(root)
    inputs, pandoc = root / "inputs", root / "pandoc"
    inputs.mkdir(parents=True)
    pandoc.mkdir()
    shutil.copy(ROOT / "inputs" / "units.yaml", inputs / "units.yaml")
    (root / "pyproject.toml").symlink_to(ROOT / "pyproject.toml")
    for k in range(1, papers + 1):
        folder = inputs / f"paper-{k:03}"
        shutil.copytree(SOURCE, folder)
        for path in folder.rglob("*"):
            if path.is_file():
                path.write_text(path.read_text(encoding="utf-8").replace(SYMBOL, f"GB.300/MNE/2/{k}"),
                                encoding="utf-8")
        if k == 1:
            result = compile_paper(folder)
            if result.paper is None:
                raise SystemExit(f"{folder} does not build: "
                                 + "; ".join(d.format() for d in result.diagnostics.items))
            markdown = {paper.language: pandoc_markdown(paper) for paper in result.versions}
        for lang, text in markdown.items():
            (pandoc / f"paper-{k:03}.{lang}.md").write_text(text.replace(SYMBOL, f"GB.300/MNE/2/{k}"),
                                                             encoding="utf-8")


def edit_one(root: Path, round_: int) -> None:
    """A word changed in the first paper's first paragraph, differently in each round."""
    path = root / "inputs" / "paper-001" / "emp-multi.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line and line[0].isalpha() and i > 4)
    lines[at] = lines[at].rstrip().removesuffix(f" (round {round_ - 1})") + f" (round {round_})"
    path.write_text("\n".join(lines), encoding="utf-8")


def make_paper(root: Path) -> list[str]:
    """`make paper` in the session's folder, with the project's Makefile and environment."""
    return ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(root), f"VENV={ROOT / '.venv'}", "paper"]


def measured(name: str, argv: list[str], into: dict[str, Measures], cwd: Path | None = None) -> None:
    seconds, peak = run_once(argv) if cwd is None else _in(cwd, argv)
    into.setdefault(name, Measures()).seconds.append(seconds)
    into[name].peak_kib.append(peak)
    progress(f"session {name}: {seconds:.2f} s, {peak / 1024:.0f} MiB")


def _in(cwd: Path, argv: list[str]) -> tuple[float, int]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return run_once(argv)
    finally:
        os.chdir(here)


def libreoffice_batch(soffice: str, files: list[Path], out: Path, profile: Path) -> list[str]:
    """One shell command: LibreOffice converting files to PDF, LIBREOFFICE_BATCH to a run, one
    profile."""
    runs = []
    for start in range(0, len(files), LIBREOFFICE_BATCH):
        batch = " ".join(f"'{f}'" for f in files[start:start + LIBREOFFICE_BATCH])
        runs.append(f"'{soffice}' -env:UserInstallation={profile.as_uri()} --headless --norestore "
                    f"--convert-to pdf --outdir '{out}' {batch} >/dev/null")
    return ["sh", "-c", " && ".join(runs)]


def measure(root: Path, rounds: int, pdf_rounds: int) -> dict[str, Measures]:
    gbpaper = gbpaper_executable()
    pandoc, soffice = shutil.which("pandoc"), shutil.which("soffice")
    found: dict[str, Measures] = {}
    outputs = root / "outputs"
    files = sorted(p.name for p in (root / "pandoc").glob("*.md"))
    for round_ in range(1, rounds + 1):
        shutil.rmtree(outputs, ignore_errors=True)
        measured("cold", make_paper(root), found)
        measured("nothing changed", make_paper(root), found)
        edit_one(root, round_)
        measured("one changed", make_paper(root), found)
        if pandoc:
            out = root / "pandoc" / "out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            one = 'for f in "$@"; do "$0" -f markdown-smart -t docx -o "out/${f%.md}.docx" "$f" || exit 1; done'
            measured("pandoc one by one", ["sh", "-c", one, pandoc, *files], found, cwd=root / "pandoc")
            parallel = (f'printf "%s\\n" "$@" | xargs -P {os.cpu_count() or 1} -I{{}} sh -c '
                        f'\'"$0" -f markdown-smart -t docx -o "out/$(basename "$1" .md).docx" "$1"\' "$0" {{}}')
            measured(f"pandoc -P{os.cpu_count() or 1}", ["sh", "-c", parallel, pandoc, *files], found,
                     cwd=root / "pandoc")
    for _ in range(pdf_rounds):
        txt_docx, pdf_out = root / "txt+docx", root / "pdf"
        for folder in (txt_docx, pdf_out):
            shutil.rmtree(folder, ignore_errors=True)
        measured("txt+docx", [gbpaper, "build", "-o", str(txt_docx)], found, cwd=root)
        if soffice:
            measured("PDF", [gbpaper, "build", "--format", "txt,docx,pdf", "-o", str(pdf_out)], found, cwd=root)
            with tempfile.TemporaryDirectory(prefix="gbpaper-bench-") as scratch:
                measured("LibreOffice batch", libreoffice_batch(soffice, sorted(txt_docx.glob("*.docx")),
                                                                Path(scratch) / "pdf", Path(scratch) / "profile"),
                         found)
    return found


def targets(found: dict[str, Measures]) -> list[tuple[str, str, bool | None]]:
    """Each target: what it asks, what was measured, whether it is met (None: not measured)."""
    result: list[tuple[str, str, bool | None]] = []
    cold, pandoc = found["cold"], found.get("pandoc one by one")
    if pandoc:
        ratio = cold.median / pandoc.median
        result.append((f"cold `make paper` at most {COLD_FACTOR} times pandoc one by one",
                       f"{cold.median:.2f} s against {pandoc.median:.2f} s: {ratio:.2f}", ratio <= COLD_FACTOR))
    else:
        result.append((f"cold `make paper` at most {COLD_FACTOR} times pandoc one by one", "not measured (no pandoc)",
                       None))
    nothing, one = found["nothing changed"].median, found["one changed"].median
    result.append((f"`make paper`, nothing changed, at most {NOTHING_SECONDS} s", f"{nothing:.2f} s",
                   nothing <= NOTHING_SECONDS))
    result.append((f"`make paper`, one paper changed, at most {ONE_SECONDS} s", f"{one:.2f} s", one <= ONE_SECONDS))
    if "PDF" in found:
        parts = found["txt+docx"].median + found["LibreOffice batch"].median
        ratio = found["PDF"].median / parts
        result.append((f"the PDF build at most {PDF_FACTOR} times its txt+docx build and one batch conversion",
                       f"{found['PDF'].median:.2f} s against {parts:.2f} s: {ratio:.2f}", ratio <= PDF_FACTOR))
    else:
        result.append((f"the PDF build at most {PDF_FACTOR} times its txt+docx build and one batch conversion",
                       "not measured (no LibreOffice, or no PDF rounds)", None))
    peak = cold.peak_mib
    result.append((f"peak memory of the cold session build under {MEMORY_MIB} MiB", f"{peak:.0f} MiB",
                   peak < MEMORY_MIB))
    return result


def report(papers: int, rounds: int, found: dict[str, Measures]) -> tuple[str, bool]:
    verdict = {True: "met", False: "NOT MET", None: "not measured"}
    met = targets(found)
    lines = [
        BEGIN,
        "",
        f"## A session: {papers} papers in three languages",
        "",
        f"Measured by `make bench` (`python -m benchmarks.session`), {rounds} rounds, on the machine "
        "above. The session: the reference paper copied "
        f"{papers} times, each copy with its own symbol and its French and Spanish versions "
        f"({3 * papers} Word files); for pandoc, each version as one Markdown file. Median wall time of "
        "the whole command, and its largest peak memory.",
        "",
        "| work | time | peak memory |",
        "|---|---|---|",
        *(f"| {name} | {m.median:.2f} s | {m.peak_mib:.0f} MiB |" for name, m in found.items()),
        "",
        "Targets:",
        "",
        *(f"- {what}: {measure}; **{verdict[ok]}**" for what, measure, ok in met),
        "",
        END,
    ]
    return "\n".join(lines), all(ok is not False for _, _, ok in met)


def write_results(results: Path, section: str) -> None:
    """The session's section in results, in place of the one there, or at its end."""
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=PAPERS, help="papers in the session (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=ROUNDS, help="rounds (default: %(default)s)")
    parser.add_argument("--pdf-runs", type=int, default=1, help="rounds of the PDF builds (default: %(default)s)")
    parser.add_argument("--build", type=Path, default=BUILD, help="where the session goes (default: %(default)s)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the results file (default: %(default)s)")
    parser.add_argument("--require-targets", action="store_true",
                        help="exit with status 1 when a measured target is not met")
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.build / "session"
    if args.generate:
        generate(args.papers, root)
        return 0
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.session", "--generate", "--papers", str(args.papers),
                           "--build", str(args.build)], cwd=ROOT)
    if done.returncode != 0:
        return 1
    progress(f"session of {args.papers} papers generated in {time.perf_counter() - started:.1f} s")
    run_once(make_paper(root))  # untimed: the first run compiles gbpaper's bytecode
    found = measure(root, args.runs, args.pdf_runs)
    section, ok = report(args.papers, args.runs, found)
    print(section)
    write_results(args.results, section)
    return 1 if args.require_targets and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
