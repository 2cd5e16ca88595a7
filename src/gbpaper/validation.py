"""Pydantic validation whose errors point at the YAML that caused them, in the user's words."""
from __future__ import annotations

import typing
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from gbpaper.diagnostics import Diagnostics, did_you_mean
from gbpaper.schema import SECTION_KEY, UNIT_CODE
from gbpaper.sources.yaml_source import YamlDoc

M = TypeVar("M", bound=BaseModel)

_PATTERN_RULES = {
    UNIT_CODE: "a unit code: 2 to 40 letters, digits, '/', '-', '_' or '.'",
    SECTION_KEY: "a section key: 1 to 40 lower-case letters, digits or '-'",
}


def validate(model: type[M], doc: YamlDoc, diags: Diagnostics) -> M | None:
    """The model built from doc, or None after reporting every error at its place."""
    try:
        return model.model_validate({} if doc.data is None else doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            _report(err, model, doc, diags)
        return None


def _report(err: dict, model: type[BaseModel], doc: YamlDoc, diags: Diagnostics) -> None:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        diags.error(doc.where(loc[:-1]), f"missing required field '{loc[-1]}'")
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        diags.error(doc.key_at(loc), f"unknown field '{name}'" + did_you_mean(name, _field_names(model)))
    else:
        diags.error(doc.where(loc), _message(err, loc))


def _field(loc: tuple) -> str:
    """How a message names the value at loc: `title`, `footnote 'ict'`, or `the file`."""
    if len(loc) >= 2 and loc[-2] == "footnotes":
        return f"footnote '{loc[-1]}'"
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "the file")


def _message(err: dict, loc: tuple) -> str:
    field = _field(loc)
    kind, value = err["type"], err.get("input")
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    if value is None and kind in ("string_type", "int_type", "date_type", "list_type", "dict_type"):
        return f"{field} is empty"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "literal_error":
        return f"{field} must be one of {err['ctx']['expected']}; not {shown}"
    if kind == "string_pattern_mismatch":
        rule = _PATTERN_RULES.get(err["ctx"]["pattern"], f"of the form {err['ctx']['pattern']}")
        return f"{field} {shown} is not {rule}"
    if kind in ("string_too_short",):
        return f"{field} is empty"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{field} must be a whole number; not {shown}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{field} must be true or false; not {shown}"
    if kind in ("list_type",):
        return f"{field} must be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "the file must hold keys and values" if field == "the file" else f"{field} must hold keys and values"
    if kind == "string_type":
        given = {list: "a list", dict: "keys and values"}.get(type(value), shown)
        return f"{field} must be text, not {given}"
    if kind == "too_short":
        return f"{field} must not be empty"
    return f"{field}: {err['msg'][0].lower()}{err['msg'][1:]}"


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every field name in model and the models nested in it, for suggestions."""
    names: set[str] = set()
    seen: set[type] = set()
    todo: list[object] = [model]
    while todo:
        tp = todo.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                continue
            seen.add(tp)
            for name, info in tp.model_fields.items():
                names.add(name)
                todo.append(info.annotation)
        else:
            todo.extend(typing.get_args(tp))
    return names
