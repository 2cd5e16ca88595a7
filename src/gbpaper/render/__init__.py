"""Renderers: each prints the numbered Paper in one format and counts nothing itself.

Every output format is registered here, by name, and nowhere else: the command line offers
these names, and the pipeline renders a format by looking it up. A renderer's module is
imported only when its format is asked for, so that `gbpaper check` loads none of them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping

from gbpaper import model

if TYPE_CHECKING:
    from gbpaper.render.docx import Reference


@dataclass(frozen=True)
class OutputFormat:
    """An output format: the function that writes it, as `module:function`. A format with
    `made_from` converts that format's bytes (the PDF is LibreOffice's rendering of the Word
    paper); the others render the Paper, in the house style of a reference document when
    `styled`."""

    name: str
    function: str
    styled: bool = False
    made_from: str | None = None

    def load(self) -> Callable[..., bytes]:
        module, function = self.function.split(":")
        renderer: Callable[..., bytes] = getattr(importlib.import_module(module), function)
        return renderer


FORMATS: Mapping[str, OutputFormat] = MappingProxyType({
    "txt": OutputFormat("txt", "gbpaper.render.text:render_text"),
    "docx": OutputFormat("docx", "gbpaper.render.docx:render_docx", styled=True),
    "pdf": OutputFormat("pdf", "gbpaper.render.pdf:render_pdf", styled=True, made_from="docx"),
})


class UnknownFormat(ValueError):
    """A format that no renderer writes."""


def output_format(name: str) -> OutputFormat:
    if name not in FORMATS:
        raise UnknownFormat(f"unknown format {name!r}; the formats: {', '.join(FORMATS)}")
    return FORMATS[name]


def render(paper: model.Paper, formats: tuple[str, ...], reference: Reference | None = None) -> dict[str, bytes]:
    """The paper in each of formats, in their order. A format made from another is made from
    that one's bytes, rendered once whether it was asked for or not."""
    out: dict[str, bytes] = {}

    def made(name: str) -> bytes:
        if name not in out:
            fmt = output_format(name)
            if fmt.made_from is not None:
                out[name] = fmt.load()(made(fmt.made_from))
            elif fmt.styled:
                if reference is None:
                    raise ValueError(f"the {name} paper needs a reference document")
                out[name] = fmt.load()(paper, reference)
            else:
                out[name] = fmt.load()(paper)
        return out[name]

    return {name: made(name) for name in formats}
