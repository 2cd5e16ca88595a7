"""YAML to plain data that remembers where every key and value was written.

PyYAML composes the node tree (with its marks); we build the data from it ourselves so that
duplicate keys are errors (the YAML loader would keep the last one silently), aliases cannot
blow up, and scalars stay the text the author wrote: the Pydantic model, not YAML's implicit
typing, decides what a value means (so `title: yes` is the word "yes", not True).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from gbpaper.diagnostics import Diagnostics, Location
from gbpaper.sources.text import SourceText

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_NODES = 200_000
MAX_DEPTH = 64
_NULL = "tag:yaml.org,2002:null"

Path_ = tuple  # a path into the data: keys and list indexes, as Pydantic's error `loc`


@dataclass
class YamlDoc:
    data: Any
    values: dict[Path_, Location] = field(default_factory=dict)
    keys: dict[Path_, Location] = field(default_factory=dict)
    texts: dict[Path_, SourceText] = field(default_factory=dict)

    def where(self, path: Path_) -> Location:
        """The value at path, or the closest enclosing one that was written."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values[path]

    def key_at(self, path: Path_) -> Location:
        return self.keys.get(tuple(path)) or self.where(path)

    def text(self, path: Path_) -> SourceText:
        return self.texts[tuple(path)]


class _TooBig(Exception):
    def __init__(self, location: Location, message: str) -> None:
        self.location, self.message = location, message


def _loc(mark: yaml.Mark, path: str, first_line: int) -> Location:
    return Location(path, mark.line + first_line, mark.column + 1)


def load_yaml(text: str, path: str, diags: Diagnostics, first_line: int = 1) -> YamlDoc | None:
    """The document in text (its first line being line first_line of the file at path)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(mark, path, first_line) if mark else Location(path, first_line)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error(where, f"YAML syntax error: {problem}")
        return None
    except yaml.YAMLError as exc:
        diags.error(Location(path, first_line), f"YAML syntax error: {exc}")
        return None
    except RecursionError:
        diags.error(Location(path, first_line), f"YAML nested too deeply (the limit is {MAX_DEPTH})")
        return None
    doc = YamlDoc(data=None, values={(): Location(path, first_line)})
    if root is None:
        return doc
    builder = _Builder(doc, path, first_line, diags)
    try:
        doc.data = builder.build(root, (), 0)
    except _TooBig as exc:
        diags.error(exc.location, exc.message)
        return None
    return doc


class _Builder:
    def __init__(self, doc: YamlDoc, path: str, first_line: int, diags: Diagnostics) -> None:
        self.doc, self.path, self.first_line, self.diags = doc, path, first_line, diags
        self.count = 0

    def loc(self, node: yaml.Node) -> Location:
        return _loc(node.start_mark, self.path, self.first_line)

    def build(self, node: yaml.Node, at: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(self.loc(node), f"YAML too large: more than {MAX_NODES:,} values "
                          "(an alias expanding over and over?)")
        if depth > MAX_DEPTH:
            raise _TooBig(self.loc(node), f"YAML nested too deeply (the limit is {MAX_DEPTH})")
        self.doc.values.setdefault(at, self.loc(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, at, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, at + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, at)

    def mapping(self, node: yaml.MappingNode, at: Path_, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.diags.error(self.loc(key_node), "merge keys ('<<') are not supported")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.diags.error(self.loc(key_node), "a key must be plain text")
                continue
            key = key_node.value
            if key in result:
                first = self.doc.keys[at + (key,)]
                self.diags.error(self.loc(key_node),
                                 f"key '{key}' given twice (first at line {first.line})")
                continue
            self.doc.keys[at + (key,)] = self.loc(key_node)
            result[key] = self.build(value_node, at + (key,), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, at: Path_) -> str | None:
        plain = not node.style  # the C loader gives '' where the Python one gives None
        if plain and node.tag == _NULL:
            return None
        start = self.loc(node)
        single_line = node.start_mark.line == node.end_mark.line
        if plain:
            exact = single_line
        elif node.style in ("'", '"'):
            start = start.shifted(1)
            raw = node.end_mark.index - node.start_mark.index - 2
            exact = single_line and raw == len(node.value)
        else:  # block scalars: the text starts on the next line
            exact = False
        self.doc.texts[at] = SourceText.at(node.value, start, exact)
        return node.value
