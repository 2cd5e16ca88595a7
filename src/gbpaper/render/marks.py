"""A redline's paragraph marks and paragraph properties, as Word's two views of it read them.

Accepting every change drops the deleted paragraph marks, rejecting every one the inserted
ones; a paragraph whose mark is dropped joins the paragraph right after it. LibreOffice joins
it to nothing else: a paragraph whose dropped mark comes right before a table, or ends the
body, stays, empty. A paragraph's properties are its `w:pPr` once accepted, and those that its
`w:pPrChange` holds (OLD's, where they differ) once rejected.
"""
from __future__ import annotations

import copy
from typing import Literal

from lxml import etree

from gbpaper.redline.revisions import Status
from gbpaper.render.docx import _clark

View = Literal["accepted", "rejected"]
DROPPED: dict[View, Status] = {"accepted": "deleted", "rejected": "inserted"}  # the marks each view drops
REVISION_TAGS: dict[Status, str] = {"inserted": "w:ins", "deleted": "w:del"}
MARKED_APART = ("w:rPr", "w:sectPr", "w:pPrChange")  # what of a w:pPr is no paragraph property


def mark(paragraph: etree._Element) -> Status:
    """Whether the paragraph's mark is inserted, deleted, or neither."""
    run_properties = paragraph.find(f"{_clark('w:pPr')}/{_clark('w:rPr')}")
    for status, tag in REVISION_TAGS.items():
        if run_properties is not None and run_properties.find(_clark(tag)) is not None:
            return status
    return "same"


def unmark(paragraph: etree._Element) -> None:
    """The paragraph's mark neither inserted nor deleted."""
    found = paragraph.find(_clark("w:pPr"))
    run_properties = None if found is None else found.find(_clark("w:rPr"))
    if found is None or run_properties is None:
        return
    for tag in REVISION_TAGS.values():
        for revision in run_properties.findall(_clark(tag)):
            run_properties.remove(revision)
    if not len(run_properties):
        found.remove(run_properties)


def wholly(paragraph: etree._Element, status: Status) -> bool:
    """Whether all the paragraph's text is inserted (or deleted)."""
    return all(child.tag in (_clark("w:pPr"), _clark(REVISION_TAGS[status])) for child in paragraph)


def joins(paragraph: etree._Element) -> bool:
    """Whether a paragraph right after this one would take it in when a view drops its mark."""
    following = paragraph.getnext()
    return following is not None and following.tag == _clark("w:p")


def properties(paragraph: etree._Element, view: View) -> list[etree._Element]:
    """Copies of the paragraph's properties in a view, in the schema's order."""
    found = paragraph.find(_clark("w:pPr"))
    if found is None:
        return []
    change = found.find(f"{_clark('w:pPrChange')}/{_clark('w:pPr')}")
    if view == "rejected" and change is not None:
        found = change
    apart = {_clark(tag) for tag in MARKED_APART}
    return [copy.deepcopy(child) for child in found if child.tag not in apart]


def kept_with_next(found: list[etree._Element], keep: bool) -> list[etree._Element]:
    """Copies of properties kept with the next paragraph or not: w:keepNext right after
    w:pStyle."""
    without = [copy.deepcopy(child) for child in found if child.tag != _clark("w:keepNext")]
    if keep:
        at = 1 if without and without[0].tag == _clark("w:pStyle") else 0
        without.insert(at, etree.Element(_clark("w:keepNext")))
    return without


def alike(a: list[etree._Element], b: list[etree._Element]) -> bool:
    """Whether two lists of properties say the same."""
    return [_said(child) for child in a] == [_said(child) for child in b]


def _said(element: etree._Element) -> tuple[object, ...]:
    return element.tag, sorted(element.attrib.items()), [_said(child) for child in element]
