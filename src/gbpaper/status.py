"""Where a paper's submissions stand: what each contributor has sent, who has sent nothing,
which sections are still empty, and how long the paper is so far.

Read from the files as they are, before the paper is assembled, so that the overview is there
even while some submission still has errors (those `gbpaper check` reports).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from gbpaper.diagnostics import Diagnostics, encodable, one_line
from gbpaper.inline import RawCrossRef, RawEmphasis, RawInline, RawNoteRef, iter_refs
from gbpaper.load import Submission, SubmittedParagraph, block_texts, load_paper
from gbpaper.outline import Outline

WORDS_PER_PAGE = 450  # a GB paper's page of text, notes included: the reference paper's 6 pages


@dataclass(frozen=True)
class ContributorStatus:
    unit: str
    files: tuple[str, ...]
    paragraphs: dict[str, int]  # by section: its key, or the name a file gave an unknown one
    words: int  # of the paragraphs, their items and quotations, tables and the unit's footnotes
    footnotes: int  # footnote references: each is one numbered footnote in the paper

    @property
    def paragraph_count(self) -> int:
        return sum(self.paragraphs.values())


@dataclass(frozen=True)
class PaperStatus:
    symbol: str
    folder: str
    deadline: dt.date | None
    contributors: tuple[ContributorStatus, ...]
    empty_sections: tuple[str, ...]

    @property
    def not_submitted(self) -> tuple[str, ...]:
        """Contributors without a paragraph: no file, or only a file not yet filled in."""
        return tuple(c.unit for c in self.contributors if not c.paragraph_count)

    @property
    def paragraphs(self) -> int:
        return sum(c.paragraph_count for c in self.contributors)

    @property
    def words(self) -> int:
        return sum(c.words for c in self.contributors)

    @property
    def pages(self) -> int:
        return math.ceil(self.words / WORDS_PER_PAGE)


def paper_status(folder: Path, diags: Diagnostics) -> PaperStatus | None:
    """The status of the paper in folder; None when its plan or units.yaml cannot be read."""
    sources = load_paper(folder, diags)
    if sources is None:
        return None
    plan = sources.plan
    outline = Outline(plan.sections, sources.plan_doc, Diagnostics(), plan.appendices)
    order = {s.key: s.order for s in outline.sections}
    contributors = []
    used = []
    for unit in dict.fromkeys(plan.contributors):
        mine = [s for s in sources.submissions if s.unit == unit]
        paragraphs: dict[str, int] = {}
        for sub in mine:
            for block in sub.blocks:
                section = outline.find(block.raw.section.text)
                name = section.key if section else block.raw.section.text
                paragraphs[name] = paragraphs.get(name, 0) + isinstance(block, SubmittedParagraph)
                if section is not None:
                    used.append(section)
        ordered = dict(sorted(paragraphs.items(), key=lambda kv: order.get(kv[0], len(order))))
        contributors.append(ContributorStatus(unit, tuple(s.name for s in mine), ordered,
                                              sum(_words_of(s) for s in mine),
                                              sum(_references_of(s) for s in mine)))
    empty = tuple(s.key for s in outline.empty_sections(used))
    return PaperStatus(plan.symbol, str(folder), plan.deadline, tuple(contributors), empty)


def _words_of(sub: Submission) -> int:
    """The words of every paragraph, trailing part, caption, cell and footnote of the file."""
    texts = [t for block in sub.blocks for t in block_texts(block)] + [n.content for n in sub.notes]
    return sum(len(_plain(t).split()) for t in texts)


def _references_of(sub: Submission) -> int:
    return sum(isinstance(ref, RawNoteRef) for block in sub.blocks for t in block_texts(block)
               for ref in iter_refs(t))


def _plain(nodes: tuple[RawInline, ...]) -> str:
    """The words of inline content: a cross-reference is one word, a footnote marker none."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, RawEmphasis):
            out.append(_plain(node.children))
        elif isinstance(node, RawCrossRef):
            out.append("0")
    return "".join(out)


def format_status(status: PaperStatus) -> str:
    """The status as a table and a few lines, for a terminal."""
    header = ("contributor", "paragraphs", "words", "footnotes", "files", "sections")
    rows = [header] + [
        (c.unit, str(c.paragraph_count), f"{c.words:,}", str(c.footnotes), one_line(", ".join(c.files)) or "-",
         ", ".join(f"{key} {n}" for key, n in c.paragraphs.items()) or "-")
        for c in status.contributors
    ]
    widths = [max(len(row[col]) for row in rows) for col in range(len(header))]
    numeric = (False, True, True, True, False, False)
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if right and row is not header else cell.ljust(w)
                 for cell, w, right in zip(row, widths, numeric)]
        lines.append("  ".join(cells).rstrip())
    due = f", submissions due {status.deadline.isoformat()}" if status.deadline else ""
    return "\n".join([
        f"{status.symbol} ({one_line(status.folder)}){due}",
        "",
        *lines,
        "",
        f"Not yet submitted: {', '.join(status.not_submitted) or 'none'}",
        f"Empty sections: {', '.join(status.empty_sections) or 'none'}",
        f"Total: {status.paragraphs} paragraphs, {status.words:,} words, about {status.pages} "
        f"page{'s' * (status.pages != 1)} at {WORDS_PER_PAGE} words a page",
    ]) + "\n"


def status_json(status: PaperStatus) -> dict[str, object]:
    return {
        "paper": status.symbol,
        "folder": encodable(status.folder),
        "deadline": status.deadline.isoformat() if status.deadline else None,
        "contributors": [
            {"unit": c.unit, "files": [encodable(name) for name in c.files], "paragraphs": c.paragraphs,
             "words": c.words, "footnotes": c.footnotes}
            for c in status.contributors
        ],
        "not_submitted": list(status.not_submitted),
        "empty_sections": list(status.empty_sections),
        "paragraphs": status.paragraphs,
        "words": status.words,
        "pages": status.pages,
        "words_per_page": WORDS_PER_PAGE,
    }
