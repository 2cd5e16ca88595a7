"""How much one submission, and one paper, may hold: limits far above any paper's, so that a
file of a million tiny paragraphs or inline runs (within the 5 MB a file may be) costs time and
memory in proportion to the limit, not to the file.

A real paper has 30 to 60 paragraphs and about 20 notes. The benchmark's largest paper, 1500
times the reference paper, has 51,000 paragraphs and 12,000 notes in 171 files: 93,000 blocks
in all, at most 2,100 blocks and 600 runs and references to a file.

Each reader counts as it reads. The first thing over a limit gets one error, and `Refused` stops
the reading there: the file is read no further and gives no submission, like a file too big to
read; past the paper's limit, its files after this one are not read either.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from gbpaper.diagnostics import Diagnostics, Location

MAX_LINES = 100_000  # lines of a Markdown or YAML file
MAX_BLOCKS = 20_000  # paragraphs, headings, items, table rows and footnotes of a file
MAX_RUNS = 50_000  # italic and bold runs, footnote references and cross-references of a file
MAX_NOTE_REFS = 10_000  # footnote references of a file, each printing its note again
MAX_COLUMNS = 63  # cells of a table's row: as many columns as a Word table may have
MAX_CELLS = 100_000  # table cells of a file
MAX_PAPER_BLOCKS = 200_000  # blocks of a paper, counted as a file's
MAX_PAPER_NOTES = 20_000  # footnote references of a paper, each a numbered note

_NOT_CHECKED = "the rest of the file is not checked"
TOO_MANY_LINES = f"more than {MAX_LINES:,} lines in this file"
TOO_MANY_BLOCKS = (f"more than {MAX_BLOCKS:,} paragraphs, headings, items, table rows and footnotes in this "
                   f"file; {_NOT_CHECKED}")
TOO_MANY_RUNS = (f"more than {MAX_RUNS:,} italic and bold runs, footnote references and cross-references in "
                 f"this file; {_NOT_CHECKED}")
TOO_MANY_NOTE_REFS = f"more than {MAX_NOTE_REFS:,} footnote references in this file; {_NOT_CHECKED}"
TOO_MANY_COLUMNS = (f"more than {MAX_COLUMNS} cells in this row: a table has {MAX_COLUMNS} columns at most, "
                    f"as in Word; {_NOT_CHECKED}")
TOO_MANY_CELLS = f"more than {MAX_CELLS:,} table cells in this file; {_NOT_CHECKED}"
_IN_THE_PAPER = "in the paper, counting its files in name order; the rest of the paper is not checked"
TOO_MANY_PAPER_BLOCKS = (f"more than {MAX_PAPER_BLOCKS:,} paragraphs, headings, items, table rows and footnotes "
                         f"{_IN_THE_PAPER}")
TOO_MANY_PAPER_NOTES = f"more than {MAX_PAPER_NOTES:,} footnote references {_IN_THE_PAPER}"


# A place, or what finds it when it is needed: only past a limit, for a reader whose places cost
# something to make (the place of a Word paragraph quotes its first words).
Place = Union[Location, Callable[[], Location]]


class Refused(Exception):
    """A file read past a limit: its error is reported, and it is read no further."""


@dataclass
class PaperCount:
    """What the files of one version of a paper (the paper's folder, or a language folder) have
    used of the paper's limits; `over` once they went past one."""

    blocks: int = 0
    notes: int = 0
    over: bool = False


class FileLimits:
    """What one file has used of its limits (and of its paper's), counted as it is read."""

    def __init__(self, diags: Diagnostics, paper: PaperCount | None = None) -> None:
        self.diags = diags
        self.paper = paper if paper is not None else PaperCount()
        self.blocks = self.runs = self.notes = self.cells = 0

    def block(self, where: Place) -> None:
        """A paragraph, heading, item, table row or footnote, read at where: a block of the
        file and of the paper."""
        self.blocks += 1
        if self.blocks > MAX_BLOCKS:
            self.refuse(where, TOO_MANY_BLOCKS)
        self.paper.blocks += 1
        if self.paper.blocks > MAX_PAPER_BLOCKS:
            self.paper.over = True
            self.refuse(where, TOO_MANY_PAPER_BLOCKS)

    def run(self, where: Place) -> None:
        """An italic or bold run, or a cross-reference, read at where."""
        self.runs += 1
        if self.runs > MAX_RUNS:
            self.refuse(where, TOO_MANY_RUNS)

    def note(self, where: Place) -> None:
        """A footnote reference, read at where: a run and a note of the file, a note of the paper."""
        self.run(where)
        self.notes += 1
        if self.notes > MAX_NOTE_REFS:
            self.refuse(where, TOO_MANY_NOTE_REFS)
        self.paper.notes += 1
        if self.paper.notes > MAX_PAPER_NOTES:
            self.paper.over = True
            self.refuse(where, TOO_MANY_PAPER_NOTES)

    def row(self, cells: int, where: Callable[[int], Location], counted: bool = True) -> None:
        """A table row of `cells` cells (more than MAX_COLUMNS need not be read: one more says
        the row has too many), where(k) being the kth cell's place; `counted` unless it holds
        no cell of the table (Markdown's delimiter row)."""
        if cells > MAX_COLUMNS:
            self.refuse(where(MAX_COLUMNS), TOO_MANY_COLUMNS)
        if not counted:
            return
        self.cells += cells
        if self.cells > MAX_CELLS:
            self.refuse(where(cells - (self.cells - MAX_CELLS)), TOO_MANY_CELLS)

    def refuse(self, where: Place, message: str) -> None:
        self.diags.error(where if isinstance(where, Location) else where(), message)
        raise Refused
