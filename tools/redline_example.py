"""The reference paper as an editor revises it, for the README's picture of a redline: one
paragraph with a footnote inserted after paragraph 9, and one word changed in paragraph 24.

    python tools/redline_example.py COPY_OF_GB.300-MNE-2-1

edits the copy of inputs/GB.300-MNE-2-1 in place (its original language; its translations
are not compared). `gbpaper diff inputs/GB.300-MNE-2-1 COPY --format docx -o FILE` then writes
the redline."""
from __future__ import annotations

import argparse
from pathlib import Path

EDITS = (
    ("ipec.md", "## Tripartite",
     "IPEC also published a guide for companies on child labour in supply chains.[^guide]\n\n"
     "[^guide]: Available on the IPEC web site.\n\n## Tripartite"),
    ("dialogue.yaml", "continued to implement", "continued to carry out"),
)


def revise(paper: Path) -> None:
    for name, old, new in EDITS:
        path = paper / name
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise SystemExit(f"{path}: {old!r} is not there exactly once")
        path.write_text(text.replace(old, new), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", type=Path)
    revise(parser.parse_args().paper)


if __name__ == "__main__":
    main()
