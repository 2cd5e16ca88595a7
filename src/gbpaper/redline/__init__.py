"""A redline: NEW's paper with the Word tracked changes that turn OLD into NEW, for exactly the
changes that `gbpaper diff` finds.

The comparison (diff.py) reads each side's text output and pairs its items: paragraphs (with
their items and quotations), footnotes, headings (every other line) and table rows. Here each
item is found again in its side's Paper, as the Word paragraphs it is written in (units), and
its text as pieces: what the text output prints, and what the Word paper writes for it. Then:

- a NEW item paired with an OLD one in place is revised word by word, as the comparison pairs
  their words (a row cell by cell); one with no change is left alone, so renumbering alone is
  never marked (paragraph numbers and footnote marks are the writer's, never the units' text);
- a NEW item with no OLD one, or moved, is inserted whole;
- an OLD item with no NEW one, or moved away, is put into NEW's paper where it stood, deleted
  whole;
- a footnote follows its reference: inserted or deleted with it, revised word by word where the
  words around its reference stayed.

The result is NEW's paper with that OLD text placed in it and each revised Word paragraph's
text tagged with the number of its revision, and the revisions; render/redline.py writes it,
through the Word renderer. Tags are characters of Unicode's private use planes, as diff.py marks
cross-references in the text output.
"""
from __future__ import annotations

from pathlib import Path

from gbpaper import diff
from gbpaper.diagnostics import Diagnostics, Location, quote
from gbpaper.redline.placing import Placer
from gbpaper.redline.revising import Reviser
from gbpaper.redline.revisions import Redline, Side
from gbpaper.redline.slots import slots
from gbpaper.redline.words import misplaced


def read_side(read: diff.Read, diags: Diagnostics, language: str | None = None) -> Side | None:
    """A side of the comparison as the redline reads it: its paper, its build and its items'
    slots in the paper."""
    if read.text is None:
        assert read.paper is not None, "a side is a paper folder's paper or a text output's text"
        found = slots(read.paper)
        item = misplaced(found, read.build)
        assert item is None, f"the paper's text is not where its text output has it: {item!r}"
        return Side(read.paper, read.build, tuple(found))
    from gbpaper.text_output import read_paper  # a text output read back into a Paper

    paper = read_paper(read.text, read.path, language, diags)
    if paper is None:
        return None
    found = slots(paper)
    item = misplaced(found, read.build)
    if item is not None:  # a text output edited by hand, whose emphasis marks do not pair, say
        diags.error(Location(str(read.path)), f"this text output does not read back as a paper: "
                    f"{quote(item, 60)} cannot be placed in it; compare the paper's folder instead")
        return None
    return Side(paper, read.build, tuple(found))


def redline_of(old: Side, new: Side) -> tuple[Redline, bool]:
    """NEW's paper with the revisions that turn OLD into it, its items paired and their words
    marked as the comparison pairs them; and whether the comparison finds any change."""
    matching = diff.match(old.build, new.build)
    reviser = Reviser(old, new, matching, list(old.slots), list(new.slots))
    reviser.revise()
    return Placer(reviser).redline(), diff.changed(old.build, new.build, matching)
