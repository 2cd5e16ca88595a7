"""`make bench`: gbpaper against pandoc, on synthetic papers of 1x to 1500x the reference paper.

For each scale, `benchmarks.generate` writes the paper and the same content as one Markdown file.
Then each command runs as a whole process, as a user runs it: `gbpaper check`, a text-only
build, a text+Word build and, where pandoc is installed, pandoc converting the Markdown to
DOCX. Each takes its turn in every round, so that all of them meet the same machine; the table
gives the median time of the rounds and the largest peak memory (the maximum resident set of the
process). The table and the machine it ran on go to the terminal and to benchmarks/results.md.

    python -m benchmarks.run                        # 1x, 10x, 150x, 1500x
    python -m benchmarks.run --scales 1,10 --runs 1  # the smoke test that CI runs
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import BUILD, ROOT, SESSION_BEGIN, SESSION_END, GeneratedPaper

SCALES = (1, 10, 150, 1500)
# Rounds per scale; fewer at 1500x, where one pandoc run takes a minute or more.
ROUNDS = {1: 7, 10: 7, 150: 5, 1500: 3}
PANDOC_ROUNDS_AT_1500 = 1
RESULTS = ROOT / "benchmarks" / "results.md"
IMPORTS = "import docx, jinja2, pydantic, click"
MIB = 1024  # ru_maxrss is in KiB on Linux

# The targets gbpaper is held to (`make bench` fails when one is missed).
PANDOC_FACTOR = 5  # 150x txt+docx in at most a fifth of pandoc's time
LINEAR_FACTOR = 11  # 1500x txt+docx in at most 11 times the 150x time
MEMORY_LIMIT_MIB = 200  # peak memory of every gbpaper command at 150x
IMPORT_FACTOR = 2  # 1x txt+docx in at most twice the time to import the libraries

GBPAPER_COMMANDS = ("check", "txt", "txt+docx")
WORD_CHECK = "check, Word"  # `check` of the paper with its biggest Markdown submission as a Word document


@dataclass
class Measures:
    """The runs of one command at one scale."""

    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.peak_kib) / MIB

    def cell(self) -> str:
        return f"{self.median:.2f} s, {self.peak_mib:.0f} MiB"


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one process; fails on a non-zero exit status.

    Linux counts in a child's peak the pages of the process that started it, up to its exec:
    hence a runner that imports no gbpaper and generates its papers in processes of their own.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(argv)} exited with {process.returncode}:\n"
                               + errors.read().decode("utf-8", "replace")[-2000:])
    return elapsed, usage.ru_maxrss


def generate(scale: int, build: Path) -> GeneratedPaper:
    """The paper of `scale`, written by the generator in a process of its own."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.generate", "--scale", str(scale),
                           "--out", str(build), "--json"], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"generating the {scale}x paper failed:\n{done.stderr[-2000:]}")
    return GeneratedPaper.from_json(done.stdout)


def gbpaper_executable() -> str:
    """The installed entry point beside this interpreter (.venv/bin/gbpaper)."""
    path = Path(sys.executable).with_name("gbpaper")
    if not path.is_file():
        raise SystemExit(f"{path} not found: install gbpaper into this interpreter's environment (make)")
    return str(path)


def commands(paper: GeneratedPaper, out: Path, pandoc: str | None) -> dict[str, list[str]]:
    """The command lines measured, by name, each writing into its own folder under `out`."""
    gbpaper, folder = gbpaper_executable(), str(paper.folder)
    argv = {
        "check": [gbpaper, "check", folder],
        "txt": [gbpaper, "build", folder, "-o", str(out / "txt"), "--format", "txt"],
        "txt+docx": [gbpaper, "build", folder, "-o", str(out / "txt+docx"), "--format", "txt,docx"],
        WORD_CHECK: [gbpaper, "check", str(paper.word_folder)],
    }
    if pandoc:
        argv["pandoc"] = [pandoc, "-f", "markdown-smart", "-t", "docx",
                          "-o", str(out / f"{paper.markdown.stem}.docx"), str(paper.markdown)]
    return argv


def measure_scale(paper: GeneratedPaper, rounds: int, pandoc: str | None,
                  imports: bool = False) -> dict[str, Measures]:
    """Every command's rounds at one scale; with `imports`, the interpreter importing the
    libraries gbpaper builds on takes its turn in each round too."""
    out = paper.folder.parent / "out"
    argv = commands(paper, out, pandoc)
    if imports:
        argv["imports"] = [sys.executable, "-c", IMPORTS]
    measures = {name: Measures() for name in argv}
    pandoc_rounds = PANDOC_ROUNDS_AT_1500 if paper.scale >= 1500 else rounds
    for round_ in range(rounds):
        for name, command in argv.items():
            if name == "pandoc" and round_ >= pandoc_rounds:
                continue
            seconds, peak = run_once(command)
            measures[name].seconds.append(seconds)
            measures[name].peak_kib.append(peak)
            progress(f"{paper.scale}x {name}: round {round_ + 1}/{rounds}: {seconds:.2f} s, "
                     f"{peak / MIB:.0f} MiB")
    built = out / "txt+docx"
    names = sorted(p.name for p in built.iterdir())
    if len(names) != 2:
        raise RuntimeError(f"{built} should hold the .txt and the .docx; it holds {names}")
    return measures


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> list[str]:
    """A description of the machine and the software measured."""
    cpu = "unknown CPU"
    memory = "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name"))
        meminfo = Path("/proc/meminfo").read_text().split()
        memory = f"{int(meminfo[meminfo.index('MemTotal:') + 1]) / MIB / MIB:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {memory}",
        f"- system: {platform.platform()}",
        f"- Python {platform.python_version()}; gbpaper {_git_revision()}",
        f"- pandoc: {_pandoc_version() or 'not installed'}",
    ]


def _git_revision() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"
    return f"at commit {head}"


def _pandoc_version() -> str | None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    first = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()
    return first[0] if first else pandoc


def word_table(papers: list[GeneratedPaper], results: dict[int, dict[str, Measures]]) -> list[str]:
    """`gbpaper check` of each paper beside the same paper with its biggest Markdown submission
    written as a Word document: what reading Word costs."""
    header = ("| scale | biggest submission, Markdown | as Word | gbpaper check, Markdown | gbpaper check, "
              "with it in Word | difference |")
    lines = [header, "|---" * (header.count("|") - 1) + "|"]
    for paper in papers:
        markdown, word = results[paper.scale]["check"], results[paper.scale][WORD_CHECK]
        docx = paper.word_folder / paper.word_source.with_suffix(".docx").name
        lines.append(f"| {paper.scale}x | {paper.word_source.name}, {_kib(paper.word_source)} | {docx.name}, "
                     f"{_kib(docx)} | {markdown.cell()} | {word.cell()} | "
                     f"{word.median - markdown.median:+.2f} s, {word.peak_mib - markdown.peak_mib:+.0f} MiB |")
    return lines


def _kib(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f} KiB"


def table(papers: list[GeneratedPaper], results: dict[int, dict[str, Measures]],
          rounds: dict[int, int]) -> list[str]:
    header = ("| scale | paragraphs | footnotes | rounds | gbpaper check | gbpaper build, txt "
              "| gbpaper build, txt+docx | pandoc, md to docx | pandoc time / gbpaper txt+docx |")
    lines = [header, "|---" * (header.count("|") - 1) + "|"]
    for paper in papers:
        measures = results[paper.scale]
        pandoc = measures.get("pandoc")
        ratio = f"{pandoc.median / measures['txt+docx'].median:.1f}" if pandoc else "n/a"
        runs = str(rounds[paper.scale])
        if pandoc and len(pandoc.seconds) != rounds[paper.scale]:
            runs += f" ({len(pandoc.seconds)} for pandoc)"
        lines.append(
            f"| {paper.scale}x | {paper.paragraphs:,} | {paper.footnotes:,} | {runs} | "
            + " | ".join(measures[name].cell() for name in GBPAPER_COMMANDS)
            + f" | {pandoc.cell() if pandoc else 'not installed'} | {ratio} |"
        )
    return lines


@dataclass(frozen=True)
class Target:
    description: str
    measured: str
    met: bool | None  # None: not measured in this run


def targets(results: dict[int, dict[str, Measures]], imports: Measures) -> list[Target]:
    """The four targets, each met, missed, or not measured in this run."""
    found = []
    small, mid, big = results.get(1), results.get(150), results.get(1500)
    if mid and "pandoc" in mid:
        ours, theirs = mid["txt+docx"].median, mid["pandoc"].median
        found.append(Target(f"150x txt+docx in at most 1/{PANDOC_FACTOR} of pandoc's time",
                            f"{ours:.2f} s against {theirs:.2f} s: {theirs / ours:.1f} times faster",
                            ours * PANDOC_FACTOR <= theirs))
    else:
        found.append(Target(f"150x txt+docx in at most 1/{PANDOC_FACTOR} of pandoc's time",
                            "not measured (needs 150x and pandoc)", None))
    if mid and big:
        ours, bigger = mid["txt+docx"].median, big["txt+docx"].median
        found.append(Target(f"time linear in size: 1500x txt+docx at most {LINEAR_FACTOR} times 150x",
                            f"{bigger:.2f} s against {ours:.2f} s: {bigger / ours:.1f} times",
                            bigger <= LINEAR_FACTOR * ours))
    else:
        found.append(Target(f"time linear in size: 1500x txt+docx at most {LINEAR_FACTOR} times 150x",
                            "not measured (needs 150x and 1500x)", None))
    if mid:
        peak = max(mid[name].peak_mib for name in GBPAPER_COMMANDS)
        found.append(Target(f"peak memory of every gbpaper command at 150x under {MEMORY_LIMIT_MIB} MiB",
                            f"{peak:.0f} MiB", peak < MEMORY_LIMIT_MIB))
    else:
        found.append(Target(f"peak memory of every gbpaper command at 150x under {MEMORY_LIMIT_MIB} MiB",
                            "not measured (needs 150x)", None))
    if small:
        ours = small["txt+docx"].median
        found.append(Target(f"1x txt+docx in at most {IMPORT_FACTOR} times the time to import "
                            "python-docx, jinja2, pydantic and click",
                            f"{ours:.2f} s against {imports.median:.2f} s: {ours / imports.median:.1f} times",
                            ours <= IMPORT_FACTOR * imports.median))
    return found


def report(papers: list[GeneratedPaper], results: dict[int, dict[str, Measures]],
           rounds: dict[int, int], imports: Measures) -> tuple[str, list[Target]]:
    """The results as Markdown: the machine, the table, each target and whether it is met."""
    found = targets(results, imports)
    verdict = {True: "met", False: "NOT MET", None: "not measured"}
    lines = [
        "# gbpaper against pandoc",
        "",
        f"Measured by `make bench` (`python -m benchmarks.run`) on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.",
        "",
        *machine(),
        "",
        "Each cell: the median wall time of the whole process over the rounds, and its largest "
        "peak memory (maximum resident set). Starting the interpreter and importing "
        f"python-docx, jinja2, pydantic and click (`python -c \"{IMPORTS}\"`) takes "
        f"{imports.median:.2f} s.",
        "",
        *table(papers, results, rounds),
        "",
        "Reading a Word submission: the paper with its biggest Markdown submission written as a Word "
        "document of the same content (`gbpaper.word_submission`), checked beside the paper itself.",
        "",
        *word_table(papers, results),
        "",
        "Targets:",
        "",
        *(f"- {t.description}: {t.measured}; **{verdict[t.met]}**" for t in found),
        "",
    ]
    return "\n".join(lines), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(map(str, SCALES)),
                        help="comma-separated scales (default: %(default)s)")
    parser.add_argument("--runs", type=int, help="rounds at every scale (default: 7 at 1x and 10x, "
                        "5 at 150x, 3 at 1500x with one pandoc run)")
    parser.add_argument("--build", type=Path, default=BUILD, help="where the papers go (default: %(default)s)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the table's file (default: %(default)s)")
    parser.add_argument("--require-targets", action="store_true",
                        help="exit with status 1 when a measured target is not met")
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    rounds = {scale: args.runs or ROUNDS.get(scale, 3) for scale in scales}
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        progress("pandoc is not installed (Debian: apt-get install pandoc): gbpaper is measured alone")

    papers, results = [], {}
    for scale in scales:
        started = time.perf_counter()
        paper = generate(scale, args.build)
        progress(f"{scale}x: {paper.paragraphs:,} paragraphs, {paper.footnotes:,} footnotes, generated "
                 f"in {time.perf_counter() - started:.1f} s")
        if not papers:  # one untimed round, so that no timed run pays for compiling bytecode
            for command in commands(paper, paper.folder.parent / "out", pandoc).values():
                run_once(command)
        papers.append(paper)
        results[scale] = measure_scale(paper, rounds[scale], pandoc, imports=scale == scales[0])
    imports = results[scales[0]].pop("imports")

    text, found = report(papers, results, rounds, imports)
    print(text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text + _session_section(args.results), encoding="utf-8")
    progress(f"written to {args.results}")
    missed = [t for t in found if t.met is False]
    return 1 if args.require_targets and missed else 0


def _session_section(results: Path) -> str:
    """The session benchmark's section of the results file, to keep; empty when it has none."""
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    if SESSION_BEGIN not in text or SESSION_END not in text:
        return ""
    return "\n" + text[text.index(SESSION_BEGIN):text.index(SESSION_END) + len(SESSION_END)] + "\n"


if __name__ == "__main__":
    sys.exit(main())
