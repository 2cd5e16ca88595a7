"""Pydantic validation whose errors point at the YAML that caused them, in the user's words."""
from __future__ import annotations

import types
import typing
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from gbpaper.diagnostics import Diagnostics, did_you_mean, quote
from gbpaper.schema import LANGUAGE, SECTION_KEY, UNIT_CODE
from gbpaper.sources.yaml_source import YamlDoc

M = TypeVar("M", bound=BaseModel)

_PATTERN_RULES = {
    UNIT_CODE: "a unit code: 2 to 40 letters, digits, '/', '-', '_' or '.'",
    SECTION_KEY: "a section key: 1 to 40 lower-case letters, digits or '-'",
    LANGUAGE: "a language code: two lower-case letters, as en, fr, es",
}


def validate(model: type[M], doc: YamlDoc, diags: Diagnostics, whole: str = "the file") -> M | None:
    """The model built from doc, or None after reporting every error at its place; `whole` is
    how a message names the document itself (the front matter of a Markdown file)."""
    try:
        return model.model_validate({} if doc.data is None else doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            _report(err, model, doc, diags, whole)
        return None


def without_unknown_fields(model: type[M], doc: YamlDoc) -> M | None:
    """The model built from doc with its unknown fields left out, when they are its only errors
    (reported by `validate`), so that what depends on it is still checked in the same run; else
    None. Nothing else is guessed: a value that is wrong or missing cannot be left out."""
    try:
        model.model_validate({} if doc.data is None else doc.data)
        return None  # (no errors: validate's model is the one)
    except ValidationError as exc:
        errors = exc.errors()
    if any(err["type"] != "extra_forbidden" for err in errors):
        return None
    data = _without(doc.data, {tuple(err["loc"]) for err in errors})
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _without(data: object, unknown: set[tuple], at: tuple = ()) -> object:
    """A copy of data without the keys at the paths in unknown."""
    if isinstance(data, dict):
        return {key: _without(value, unknown, at + (key,)) for key, value in data.items()
                if at + (key,) not in unknown}
    if isinstance(data, list):
        return [_without(value, unknown, at + (i,)) for i, value in enumerate(data)]
    return data


def _report(err: ErrorDetails, model: type[BaseModel], doc: YamlDoc, diags: Diagnostics, whole: str) -> None:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        diags.error(doc.where(loc[:-1]), f"missing required field '{loc[-1]}'")
    elif kind == "extra_forbidden" and loc[-1] == "items" and "items" in loc[:-1]:
        diags.error(doc.key_at(loc), "a sub-item has no sub-items of its own: lettered items go two deep, "
                    "(a) and then (i)")
    elif kind == "extra_forbidden":
        diags.error(doc.key_at(loc), _unknown_field(str(loc[-1]), err.get("input"), _model_at(model, loc[:-1])))
    else:
        diags.error(doc.where(loc), _message(err, loc, whole))


def _field(loc: tuple, whole: str) -> str:
    """How a message names the value at loc: `title`, `footnote 'ict'`, or the whole document."""
    if len(loc) >= 2 and loc[-2] == "footnotes":
        return f"footnote {quote(str(loc[-1]))}"
    if loc[-1:] == ("text",) and len(loc) >= 3 and isinstance(loc[-2], int) and loc[-3] in _ENTRIES:
        loc = loc[:-1]  # a list entry's text: named as the entry, which may be text alone
    if len(loc) >= 3 and loc[-3] == "rows" and isinstance(loc[-2], int) and isinstance(loc[-1], int):
        return f"cell {loc[-1] + 1} of row {loc[-2] + 1}"
    if len(loc) >= 2 and loc[-2] == "header" and isinstance(loc[-1], int):
        return f"header cell {loc[-1] + 1}"
    if len(loc) >= 2 and isinstance(loc[-1], int) and loc[-2] in _ENTRIES:
        entry = f"{_ENTRIES[loc[-2]]} {loc[-1] + 1}"
        if loc[-2] == "items" and len(loc) >= 4 and isinstance(loc[-3], int):
            entry += f" of lettered item {loc[-3] + 1}"
        return entry
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), whole)


# The entries of a list that a message names by their number: `lettered item 2`.
_ENTRIES = {"bullets": "list item", "lettered": "lettered item", "items": "sub-item", "quote": "quoted paragraph"}


def _message(err: ErrorDetails, loc: tuple, whole: str) -> str:
    field = _field(loc, whole)
    kind, value = err["type"], err.get("input")
    shown = quote(value) if isinstance(value, str) else repr(value)
    if value is None and kind in ("string_type", "int_type", "date_type", "list_type", "dict_type"):
        return f"{field} is empty" + ("; write '' for an empty cell" if "cell" in field else "")
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "literal_error":
        return f"{field} must be one of {err['ctx']['expected']}; not {shown}"
    if kind == "string_pattern_mismatch":
        rule = _PATTERN_RULES.get(err["ctx"]["pattern"], f"of the form {err['ctx']['pattern']}")
        return f"{field} {shown} is not {rule}"
    if kind in ("string_too_short",):
        return f"{field} is empty"
    if kind in ("int_parsing", "int_parsing_size", "int_type", "int_from_float"):
        return f"{field} must be a whole number; not {shown}"
    if kind in _BOUNDS:
        limit = next(iter(err["ctx"].values()))
        return f"{field} must be {_BOUNDS[kind]} {limit}; not {shown}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{field} must be true or false; not {shown}"
    if kind in ("list_type",):
        example = " (write [A, B], or one '- ' line for each)" if isinstance(value, str) else ""
        return f"{field} must be a list{example}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{field} must hold keys and values"
    if kind == "string_type":
        given = {list: "a list", dict: "keys and values"}.get(type(value), shown)  # type: ignore[call-overload]
        return f"{field} must be text, not {given}"
    if kind == "too_short":
        return f"{field} must not be empty"
    return f"{field}: {err['msg'][0].lower()}{err['msg'][1:]}"


_BOUNDS = {"greater_than": "more than", "greater_than_equal": "at least",
           "less_than": "less than", "less_than_equal": "at most"}


def _unknown_field(name: str, value: object, model: type[BaseModel] | None) -> str:
    """`unknown field 'x'`, with the nearest field whose kind of value the one given fits (so
    that `date_line: Geneva, 8 October 2007.` is not offered `deadline`, a date), or the fields
    there are when they are few."""
    message = f"unknown field {quote(name)}"
    fields = list(model.model_fields) if model else []
    fitting = [f for f in fields if model and _fits(model.model_fields[f].annotation, value)]
    near = did_you_mean(name, fitting, cutoff=NEAR)
    if near:
        return message + near
    if value is None and " " in name:
        return message + "; inside { }, a ',' ends a value: put a value that holds ',' in quotes"
    if 0 < len(fields) <= 4:
        return message + "; the fields here are " + ", ".join(f"'{f}'" for f in fields)
    return message


NEAR = 0.7  # how alike a misspelt field and a field must be for the field to be offered


def _fits(annotation: object, value: object) -> bool:
    """Whether value would be a valid value of a field of that type."""
    try:
        TypeAdapter(typing.cast(typing.Any, annotation)).validate_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def _model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model that the keys at path (a Pydantic `loc`) are checked against."""
    tp: object = model
    for part in path:
        tp = _unwrapped(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part) if isinstance(part, str) else None
            tp = info.annotation if info else None
        else:  # list[X] by index, dict[K, V] by key
            args = typing.get_args(tp)
            tp = args[-1] if args else None
    tp = _unwrapped(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrapped(tp: object) -> object:
    """tp without Annotated[...] and without `| None`."""
    while typing.get_origin(tp) in (typing.Annotated, typing.Union, types.UnionType):
        tp = next(arg for arg in typing.get_args(tp) if arg is not type(None))
    return tp
