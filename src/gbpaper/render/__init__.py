"""Renderers: each prints the numbered Paper in one format and counts nothing itself.

Every output format is registered here, by name, and nowhere else: the command line offers
these names, and the pipeline renders a format by looking it up. A renderer's module is
imported only when its format is asked for, so that `gbpaper check` loads none of them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:
    from gbpaper import model
    from gbpaper.render.docx import Reference


@dataclass(frozen=True)
class OutputFormat:
    """An output format: the function that writes it, as `module:function`. A format with
    `made_from` converts documents of that format, many at once, by name (the PDF is
    LibreOffice's rendering of the Word paper); the others render the Paper, in the house
    style of a reference document when `styled`."""

    name: str
    function: str
    styled: bool = False
    made_from: str | None = None

    def load(self) -> Callable[..., bytes]:
        renderer: Callable[..., bytes] = self._function()
        return renderer

    def load_conversion(self) -> Callable[[Mapping[str, bytes]], dict[str, bytes]]:
        conversion: Callable[[Mapping[str, bytes]], dict[str, bytes]] = self._function()
        return conversion

    def _function(self) -> Any:
        module, function = self.function.split(":")
        return getattr(importlib.import_module(module), function)


FORMATS: Mapping[str, OutputFormat] = MappingProxyType({
    "txt": OutputFormat("txt", "gbpaper.render.text:render_text"),
    "docx": OutputFormat("docx", "gbpaper.render.docx:render_docx", styled=True),
    "pdf": OutputFormat("pdf", "gbpaper.render.pdf:render_pdfs", styled=True, made_from="docx"),
})


class UnknownFormat(ValueError):
    """A format that no renderer writes."""


class PdfError(Exception):
    """LibreOffice is missing or could not render the paper: a matter of the machine, not of
    the inputs. (Raised by render/pdf.py; told here, so that the command line that reports it
    need not import LibreOffice's driver unless a PDF is asked for.)"""


def output_format(name: str) -> OutputFormat:
    if name not in FORMATS:
        raise UnknownFormat(f"unknown format {name!r}; the formats: {', '.join(FORMATS)}")
    return FORMATS[name]


def load_renderers(formats: tuple[str, ...]) -> None:
    """Imports the modules that write formats (and what they convert from), ahead of a build."""
    for name in formats:
        fmt = output_format(name)
        fmt.load()
        if fmt.made_from is not None:
            output_format(fmt.made_from).load()


def render(paper: model.Paper, formats: tuple[str, ...], reference: Reference | None = None) -> dict[str, bytes]:
    """The paper in each of formats that render it, in their order, and in each format that a
    conversion among them is made from, asked for or not, rendered once. A conversion (a
    format `made_from` another) is not made here but by `convert`, for many papers at once."""
    out: dict[str, bytes] = {}
    for name in formats:
        fmt = output_format(name)
        source = output_format(fmt.made_from) if fmt.made_from is not None else fmt
        if source.name in out:
            continue
        if source.styled:
            if reference is None:
                raise ValueError(f"the {source.name} paper needs a reference document")
            out[source.name] = source.load()(paper, reference)
        else:
            out[source.name] = source.load()(paper)
    return out


def convert(name: str, documents: Mapping[str, bytes]) -> dict[str, bytes]:
    """The documents, by name, in the format `name`, converted at once from the format it is
    made from."""
    fmt = output_format(name)
    if fmt.made_from is None:
        raise ValueError(f"the {name} format is not made from another")
    return fmt.load_conversion()(documents)
