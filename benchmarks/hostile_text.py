"""Time and peak memory of gbpaper on the hostile text of issue 13 (items E, L, J, T, K, S), and
on tiny blocks and inline runs by the million (B), a diff of millions of table rows (D) and a
diff of long paragraphs rewritten throughout, the slowest within diff's limits (W), and
redlines of W and of a paper of 1.6 million words edited throughout (WR, R).

Each case is written to a temporary folder and each command runs as a whole process, as a user
runs it; a command that runs past the timeout is stopped and shown as such. The figures are for
reading, not for tests: tests/test_hostile_text.py asserts bounds that no machine's speed changes.

    python -m benchmarks.hostile_text                      # every case
    python -m benchmarks.hostile_text --cases T1,T2 --timeout 60
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from benchmarks import ROOT

BASE = ROOT / "tests" / "corpus" / "_base"
MASTHEAD = "INTERNATIONAL LABOUR OFFICE\nGoverning Body\n\nI. Heading\n\n"
# A child reports its own peak memory: the parent's would count the generator's pages.
CHILD = ("import resource, runpy, sys\nsys.argv = ['gbpaper', *sys.argv[1:]]\n"
         "try:\n    runpy.run_module('gbpaper', run_name='__main__')\n"
         "finally:\n    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")


def paper_text(paragraphs: list[str]) -> str:
    return MASTHEAD + "".join(f"{n}. {text}\n\n" for n, text in enumerate(paragraphs, start=1))


def base_paper(root: Path) -> Path:
    shutil.copytree(BASE, root)
    return root


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def ipec(body: str, notes: str) -> str:
    return f"---\nunit: IPEC\npaper: GB.300/MNE/2/1\n---\n\n# knowledge\n\n{body}\n{notes}"


def case_e(root: Path) -> list[list[str]]:
    plan = base_paper(root) / "paper" / "paper.yaml"
    write(plan, plan.read_text(encoding="utf-8").replace("title: Updates on CSR-related activities",
                                                         'title: "Bad \\x01 title"'))
    return [["check", "paper"], ["build", "paper", "--format", "txt,docx"]]


def case_l(root: Path) -> list[list[str]]:
    text = ("SECTOR held a meeting on the food industry. " * 100_000)[:4_000_000]
    write(base_paper(root) / "paper" / "sector.yaml",
          "unit: SECTOR\npaper: GB.300/MNE/2/1\nparagraphs:\n  - section: other\n"
          f"    text: &t {text}\n" + "  - {section: other, text: *t}\n" * 400)
    return [["check", "paper"]]


def case_j1(root: Path) -> list[list[str]]:
    body = "".join("[^a]\n" if n % 16 == 15 else "[^a] " for n in range(1_000_000))
    write(base_paper(root) / "paper" / "ipec.md", ipec("IPEC published.\n" + body, "[^a]: A note.\n"))
    return [["check", "paper"], ["build", "paper", "--format", "txt,docx"]]


def case_j2(root: Path) -> list[list[str]]:
    note = ("A long note. " * 80_000)[:1_000_000]
    write(base_paper(root) / "paper" / "ipec.md",
          ipec("IPEC published.\n" + "A[^long] B[^short]\n" * 30_000, f"[^long]: {note}\n\n[^short]: Short.\n"))
    return [["check", "paper"], ["build", "paper", "--format", "txt"]]


def diff_case(old: str, new: str) -> Callable[[Path], list[list[str]]]:
    def make(root: Path) -> list[list[str]]:
        root.mkdir()
        write(root / "old.txt", old)
        write(root / "new.txt", new)
        return [["diff", "old.txt", "new.txt"]]

    return make


def case_t1(root: Path) -> list[list[str]]:
    old = ["The same paragraph again."] * 20_000
    new = list(old)
    new.insert(10_000, "A new paragraph.")
    new[-3] = "The same paragraph once more."
    return diff_case(paper_text(old), paper_text(new))(root)


def case_t2(root: Path) -> list[list[str]]:
    old = ["alpha", "beta"] * 10_000
    new = list(old)
    new[5_000] = "gamma"
    del new[12_000]
    new.insert(15_000, "alpha")
    return diff_case(paper_text([" ".join(old)]), paper_text([" ".join(new)]))(root)


def case_t3(root: Path) -> list[list[str]]:
    rng = random.Random(3)

    def paper() -> str:
        return paper_text([" ".join(rng.choice(("alpha", "beta")) for _ in range(200)) for _ in range(2_000)])

    return diff_case(paper(), paper())(root)


def case_w(root: Path) -> list[list[str]]:
    """The slowest comparison found within diff's limits: long paragraphs, each paired with its
    own and rewritten in many places, every word shown."""
    rng = random.Random(5)
    vocabulary = [f"w{k}" for k in range(3_000)]
    old, new = [], []
    for _ in range(9_500):
        words = [rng.choice(vocabulary) for _ in range(200)]
        old.append(" ".join(words))
        new.append(" ".join(rng.choice(vocabulary) if k % 7 == 3 else word for k, word in enumerate(words)))
    return diff_case(paper_text(old), paper_text(new))(root)


REDLINE = ["--format", "docx", "-o", "redline.docx"]


def case_wr(root: Path) -> list[list[str]]:
    """W as a redline: past the changes a redline marks word by word, items replaced whole."""
    return [[*args, *REDLINE] for args in case_w(root)]


def case_r(root: Path) -> list[list[str]]:
    """A redline of 20,000 paragraphs of 80 words (1.6 million words), each changed in a word,
    and of the paper against itself."""
    rng = random.Random(7)
    vocabulary = [f"w{k}" for k in range(20_000)]
    old = [[rng.choice(vocabulary) for _ in range(80)] for _ in range(20_000)]
    new = [[*words[:3], "changed", *words[4:]] for words in old]
    make = diff_case(paper_text([" ".join(words) for words in old]), paper_text([" ".join(words) for words in new]))
    return [[*args, *REDLINE] for args in make(root)] + [["diff", "old.txt", "old.txt", *REDLINE]]


def case_k1(root: Path) -> list[list[str]]:
    paragraphs = [f"Paragraph {n} of a long paper, which says what its unit did in {n % 97} words or so, "
                  "as many papers do, and a few words more to make it as long as most." for n in range(1, 40_001)]
    old = paper_text(paragraphs)
    paragraphs[20_000] = paragraphs[20_000].replace("long paper", "longer paper")
    return diff_case(old, paper_text(paragraphs))(root)


def case_k2(root: Path) -> list[list[str]]:
    """Two text outputs just under diff's limits of words and different words, every paragraph
    rewritten: the most memory words take, and the most work pairing and showing them."""
    def paper(prefix: str) -> str:
        return paper_text([" ".join(f"{prefix}{(n + k) % 149_000}" for k in range(100))
                           for n in range(0, 1_980_000, 100)])

    return diff_case(paper("w"), paper("v"))(root)


def case_b1(root: Path) -> list[list[str]]:
    write(base_paper(root) / "paper" / "ipec.md", ipec("a\n\n" * 1_747_000, ""))
    return [["check", "paper"]]


def case_b2(root: Path) -> list[list[str]]:
    write(base_paper(root) / "paper" / "ipec.md", ipec("*a* " * 1_250_000 + "\n", ""))
    return [["check", "paper"], ["build", "paper", "--format", "txt,docx"]]


def case_b3(root: Path) -> list[list[str]]:
    write(base_paper(root) / "paper" / "ipec.md", ipec("IPEC counted:\n\n" + "|a" * 200_000 + "|\n" + "|-" * 200_000
                                                       + "|\n" + "|b" * 200_000 + "|\n", ""))
    return [["check", "paper"]]


def case_b4(root: Path) -> list[list[str]]:
    folder = base_paper(root) / "paper"
    body = "".join("IPEC published" + "".join(f" a study[^n{k + j}]" for j in range(100)) + ".\n\n"
                   for k in range(0, 10_000, 100))
    notes = "".join(f"[^n{k}]: Study {k}.\n" for k in range(10_000))
    for n in range(1, 21):
        write(folder / f"ipec-{n:02}.md", ipec(body, notes))
    return [["check", "paper"], ["build", "paper", "--format", "txt,docx"]]


def case_d(root: Path) -> list[list[str]]:
    def paper(changed: int | None) -> str:
        rows = [f"| {k % 10} |" for k in range(1_700_000)]
        if changed is not None:
            rows[changed] = "| x |"
        return paper_text(["A paragraph."]) + "Table 1. Rows\n| a |\n| --- |\n" + "\n".join(rows) + "\n"

    return diff_case(paper(None), paper(850_000))(root)


def case_s(root: Path) -> list[list[str]]:
    new = paper_text(["First."]) + "9" * 5000 + ". Second.\nA second line.\n"
    return diff_case(paper_text(["First.", "Second."]), new)(root)


CASES: dict[str, tuple[str, Callable[[Path], list[list[str]]]]] = {
    "E": ("title: \"Bad \\x01 title\" in paper.yaml", case_e),
    "L": ("a 4 MB text aliased 400 times", case_l),
    "J1": ("1,000,000 footnote markers in a 5 MB file", case_j1),
    "J2": ("a 1 MB note and a short one referred to in turn 30,000 times", case_j2),
    "T1": ("diff: 20,000 paragraphs alike, one inserted, one changed", case_t1),
    "T2": ("diff: a paragraph of 20,000 words, two words again and again", case_t2),
    "T3": ("diff: 2,000 paragraphs of 200 words, two words in random order", case_t3),
    "W": ("diff: 9,500 paragraphs of 200 words, every seventh word changed", case_w),
    "WR": ("diff --format docx: W as a redline", case_wr),
    "R": ("diff --format docx: 20,000 paragraphs of 80 words, a word changed in each; then unchanged", case_r),
    "K1": ("diff: two text outputs of 6.3 MB", case_k1),
    "K2": ("diff: two text outputs of 2 million words, 149,000 different, every paragraph rewritten", case_k2),
    "S": ("diff: a .txt with a number of 5,000 digits", case_s),
    "B1": ("1,747,000 one-word paragraphs in a 5 MB file", case_b1),
    "B2": ("1,250,000 '*a*' runs in a 5 MB file", case_b2),
    "B3": ("a table of 200,000 columns", case_b3),
    "B4": ("20 files of 10,000 footnotes each", case_b4),
    "D": ("diff: two text outputs of 1,700,000 table rows", case_d),
}


def measure(args: list[str], cwd: Path, timeout: float) -> str:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"stopped after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    lines = done.stderr.splitlines()
    memory = int(lines[-1].split()[1]) // 1024 if lines and lines[-1].startswith("MAXRSS") else 0
    said = next((line for line in lines if not line.startswith("MAXRSS")), "")
    return f"exit {done.returncode}, {seconds:.1f} s, {memory} MiB; {said[:110]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a command may run (default: 300)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in options.cases.split(","):
            what, make = CASES[name]
            root = Path(tmp) / name
            for args in make(root):
                print(f"{name}: {what}: gbpaper {' '.join(args)}: {measure(args, root, options.timeout)}", flush=True)


if __name__ == "__main__":
    main()
