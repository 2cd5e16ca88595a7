"""YAML to plain data that remembers where every key and value was written.

PyYAML parses the text into events (with their marks); we compose the node tree from them and
build the data ourselves, so that a file too big or too deep is refused at the first value past
the limit, duplicate keys are errors (the YAML loader would keep the last one silently), aliases
cannot blow up, and scalars stay the text the author wrote: the Pydantic model, not YAML's
implicit typing, decides what a value means (so `title: yes` is the word "yes", not True).

Lines are counted as an editor counts them, at line feeds: PyYAML reads YAML 1.1, which also
ends a line at U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH SEPARATOR); YAML 1.2, editors and
the rest of gbpaper take them for characters of the text, and so do we (U+0085, which YAML 1.1
ends a line at too, is a C1 control, refused when the file is read). A character Word cannot
hold that an escape writes is an error, and left out of its value, so that the file's other
errors are found too (one in the file itself is read as a space: sources/text.py).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, cast

import yaml
from yaml.composer import ComposerError

from gbpaper.diagnostics import Diagnostics, Location, quote
from gbpaper.sources.text import FORBIDDEN, MAX_BYTES, SourceText, cannot_hold, line_cols

_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# (the pure-Python loader when PyYAML was built without libyaml)

MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_TEXT = MAX_BYTES  # characters of text once aliases are expanded: as much as a file may hold
_TAG = "tag:yaml.org,2002:"
_NULL, _STR, _SEQ, _MAP, _MERGE = (_TAG + name for name in ("null", "str", "seq", "map", "merge"))
_WRITTEN = "written "  # before a tag written in the file (no tag holds a space)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # the plain values that YAML 1.1 reads as null
_SEPARATORS = "\u2028\u2029"
# A tag as written before a value (after its anchor, if any): `!x`, `!!str`, `!<tag:yaml.org,2002:str>`.
_WRITTEN_TAG = re.compile(r"(?:&[^\s,\[\]{}]+\s+)?(!(?:<[^>]*>|[^\s,\[\]{}]*))")

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
    def __init__(self, mark: yaml.Mark, message: str) -> None:
        self.mark, self.message = mark, message

    def at(self, path: str, first_line: int) -> Location:
        return _loc(self.mark, path, first_line)


def _loc(mark: yaml.Mark, path: str, first_line: int) -> Location:
    return Location(path, mark.line + first_line, mark.column + 1)


def _compose(text: str) -> tuple[yaml.Node | None, bool]:
    """The document's node tree, as PyYAML's composer makes it, but with U+2028 and U+2029 read
    as characters, and refused (_TooBig) at the first value past MAX_NODES (values as written:
    aliases are measured later) or MAX_DEPTH levels; and whether it has anchors (without them,
    it has no alias either)."""
    standing = _stand_ins(text) if any(c in text for c in _SEPARATORS) else ""
    if standing:
        text = text.translate({ord(c): s for c, s in zip(_SEPARATORS, standing)})
    loader = _Loader(text)
    composer = _Composer(loader)
    try:
        root = composer.document()
    finally:
        loader.dispose()
    if standing and root is not None:
        _put_back(root, {ord(s): c for c, s in zip(_SEPARATORS, standing)})
    return root, bool(composer.anchors)


def _stand_ins(text: str) -> str:
    """Two characters that text does not hold, which YAML reads as any other character: to stand
    for U+2028 and U+2029 while PyYAML reads the text (from the private use area)."""
    held = set(text)
    return "".join([c for c in map(chr, range(0xF8FF, 0xE000, -1)) if c not in held][:2])


def _put_back(root: yaml.Node, table: dict[int, str]) -> None:
    """The characters that stand-ins took the place of, put back in every key and value."""
    todo, seen = [root], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            node.value = node.value.translate(table)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(n for pair in node.value for n in pair)


class _Composer:
    """PyYAML's composer (that of libyaml's binding, whose messages it gives), counting: it
    reads no further than a value past MAX_NODES or MAX_DEPTH. Tags are resolved as far as
    the builder needs: a plain null or merge key, the tag written, else text, a list or a
    mapping (YAML's other implicit types are text to gbpaper)."""

    def __init__(self, events: yaml.SafeLoader | yaml.CSafeLoader) -> None:
        self.events = events
        self.anchors: dict[str, yaml.Node] = {}
        self.values = 0

    def document(self) -> yaml.Node | None:
        events = self.events
        events.get_event()  # the stream's start
        root = None
        if not events.check_event(yaml.StreamEndEvent):
            events.get_event()  # the document's start
            root = self.node(0)
            events.get_event()  # its end
        if not events.check_event(yaml.StreamEndEvent):
            assert root is not None, "a stream with a second document has a first"
            raise ComposerError("expected a single document in the stream", root.start_mark,
                                "but found another document", _mark(events.get_event()))
        return root

    def node(self, depth: int, key: bool = False) -> yaml.Node:
        event = self.events.get_event()
        assert isinstance(event, yaml.NodeEvent), "a node's event: the parser checks the order of events"
        start = _mark(event)
        if not key:
            self.values += 1
            if self.values > MAX_NODES:
                raise _TooBig(start, _TOO_BIG)
        if depth > MAX_DEPTH and not (key and isinstance(event, yaml.ScalarEvent)):  # (as measured: values)
            raise _TooBig(start, _TOO_DEEP)
        anchor = event.anchor
        if isinstance(event, yaml.AliasEvent):
            if anchor not in self.anchors:
                raise ComposerError(None, None, "found undefined alias", start)
            target = self.anchors[anchor]
            if key and isinstance(target, yaml.ScalarNode):  # a key where the alias stands, not the anchor
                return yaml.ScalarNode(target.tag, target.value, start, _mark(event, end=True), style=target.style)
            return target
        if anchor is not None and anchor in self.anchors:
            raise ComposerError("found duplicate anchor; first occurrence", self.anchors[anchor].start_mark,
                                "second occurrence", start)
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            node = yaml.ScalarNode(_tag(event.tag) or _implicit(event), event.value, start, _mark(event, end=True),
                                   style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent):
            node = yaml.SequenceNode(_tag(event.tag) or _SEQ, [], start, None, flow_style=event.flow_style)
        else:
            assert isinstance(event, yaml.MappingStartEvent), "a node is an alias, scalar, list or mapping"
            node = yaml.MappingNode(_tag(event.tag) or _MAP, [], start, None, flow_style=event.flow_style)
        if anchor is not None:  # before its values, which may refer to it (and be refused as too deep)
            self.anchors[anchor] = node
        if isinstance(node, yaml.SequenceNode):
            while not self.events.check_event(yaml.SequenceEndEvent):
                node.value.append(self.node(depth + 1))
        elif isinstance(node, yaml.MappingNode):
            while not self.events.check_event(yaml.MappingEndEvent):
                node.value.append((self.node(depth + 1, key=True), self.node(depth + 1)))
        if not isinstance(node, yaml.ScalarNode):
            node.end_mark = _mark(self.events.get_event(), end=True)
        return node


def _too_deep_before(text: str, exc: yaml.MarkedYAMLError) -> _TooBig | None:
    """Where the document passes MAX_DEPTH (or MAX_NODES), when the parser stopped at its own
    maximum nesting depth further on: it looks a thousand '[' or '{' ahead before it hands over
    the first of them, so the text before the place it stopped is read again, and the first
    level too deep found there. None for any other error, or when none is found there."""
    if "maximum nesting depth" not in (exc.problem or "") or exc.problem_mark is None:
        return None
    try:
        _compose(text[: exc.problem_mark.index])
    except _TooBig as found:
        return found
    except yaml.YAMLError:
        return None
    return None


def _mark(event: yaml.Event | None, end: bool = False) -> yaml.Mark:
    """Where an event starts (or ends), as every event of PyYAML's parsers says."""
    assert event is not None, "the parser gives an event until the stream's end"
    return cast(yaml.Mark, event.end_mark if end else event.start_mark)


def _tag(written: str | None) -> str | None:
    """The tag written on a node, if any, marked as written: `!!str` is refused as `!x` is, and
    so is `!` alone, since a value's meaning is the model's to decide, not a tag's."""
    return None if written is None else _WRITTEN + written


def _implicit(event: yaml.ScalarEvent) -> str:
    """The tag of a scalar written without one: null or a merge key when plain, else text."""
    if event.implicit[0]:
        if event.value in _NULLS:
            return _NULL
        if event.value == "<<":
            return _MERGE
    return _STR


@dataclass(frozen=True)
class Composed:
    """A document as composed, before its data is built: what load_yaml's `check` counts."""

    root: yaml.Node
    path: str
    first_line: int

    def where(self, node: yaml.Node) -> Location:
        return _loc(node.start_mark, self.path, self.first_line)

    def field(self, node: yaml.Node | None, key: str) -> yaml.Node | None:
        """The value of key in a mapping node (the first, if given twice); None for another node."""
        if isinstance(node, yaml.MappingNode):
            return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        return None

    def entries(self, node: yaml.Node | None) -> list[yaml.Node]:
        """The values of a list node; none of another node."""
        return node.value if isinstance(node, yaml.SequenceNode) else []

    def keys(self, node: yaml.Node | None) -> list[yaml.Node]:
        """The keys of a mapping node; none of another node."""
        return [key for key, _ in node.value] if isinstance(node, yaml.MappingNode) else []

    def keep(self, node: yaml.Node | None, count: int) -> None:
        """Cut a list or mapping node to its first count entries; another node stays as it is."""
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            node.value = node.value[:count]


def load_yaml(text: str, path: str, diags: Diagnostics, first_line: int = 1,
              check: Callable[[Composed], None] | None = None) -> YamlDoc | None:
    """The document in text (its first line being line first_line of the file at path); `check`
    looks at it as composed, before anything else is done with it (it may raise)."""
    try:
        root, anchored = _compose(text)
    except _TooBig as exc:
        diags.error(exc.at(path, first_line), exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        if (deep := _too_deep_before(text, exc)) is not None:
            diags.error(deep.at(path, first_line), deep.message)
            return None
        mark, message = _syntax_error(exc, text, first_line)
        diags.error(_loc(mark, path, first_line) if mark else Location(path, first_line), message)
        return None
    except yaml.YAMLError as exc:
        diags.error(Location(path, first_line), f"YAML syntax error: {exc}")
        return None
    doc = YamlDoc(data=None, values={(): Location(path, first_line)})
    if root is None:
        return doc
    if check is not None:
        check(Composed(root, path, first_line))
    builder = _Builder(doc, text, path, first_line, diags)
    try:
        if anchored or len(text) > MAX_TEXT:
            builder.measure(root)
        else:  # (every node met once, within the composer's limits, its text within the text's)
            builder.check_escapes(root)
    except _TooBig as exc:
        diags.error(exc.at(path, first_line), exc.message)
        return None
    doc.data = builder.build(root, ())
    return doc


_WORD = re.compile(r"\S+")
_TOO_DEEP = f"YAML nested too deeply (the limit is {MAX_DEPTH} levels)"
_TOO_BIG = f"YAML too large: more than {MAX_NODES:,} values"
_TOO_MUCH_TEXT = f"YAML too large: more than {MAX_TEXT:,} characters of text"
_EXPANDED = " once its aliases are expanded"
# An escape in double quotes, and the characters that the named ones among them write.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_NAMED_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b", "N": "\x85"}
# What the parser's terse words mean for the mistakes people make most, and what to do.
_OPENED = {
    "while scanning a quoted scalar": "the quoted text",
    "while parsing a flow sequence": "the list '['",
    "while parsing a flow mapping": "the '{'",
}
_HINTS = {
    "mapping values are not allowed": "a value that holds ': ' must be put in quotes",
    "found undefined alias": "a value that starts with '*' must be put in quotes",
    "while scanning an alias": "a value that starts with '*' must be put in quotes",
    "while scanning an anchor": "a value that starts with '&' must be put in quotes",
    "while scanning a block scalar": "a value that starts with '>' or '|' must be put in quotes",
    "block sequence entries are not allowed": "a value that starts with '- ' must be put in quotes",
    "did not find expected key": "check the indentation of this line",
    "did not find expected '-' indicator": "check the indentation of this line",
    "could not find expected ':'": "a key needs ': ' after it",
    "tab character": "indent with spaces, not tabs",
    "but found another document": "a file holds one document: remove this '---'",
}
# Where the parser's context, not the place it stopped, is what the writer must fix.
_AT_CONTEXT = ("while scanning a simple key", "while scanning an alias", "while scanning an anchor",
               "while scanning a block scalar")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> tuple[yaml.Mark | None, str]:
    """Where to point and what to say for a YAML syntax error: the parser's words, where the
    unclosed thing began, and what to do when that is clear."""
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    mark = exc.context_mark if context in _AT_CONTEXT and exc.context_mark else exc.problem_mark
    if "tab character" in problem:  # at the tab, wherever the parser was: it is the tab to fix
        mark = exc.problem_mark
        context = ""
    if "maximum nesting depth" in problem:
        return mark, _TOO_DEEP
    message = f"YAML syntax error: {problem}"
    opened = _OPENED.get(context)
    if opened and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        begun = exc.context_mark
        message += f" ({opened} opened at line {begun.line + first_line}, column {begun.column + 1})"
    hint = next((h for words, h in _HINTS.items() if words in problem or words in context), None)
    if exc.problem_mark:
        index = exc.problem_mark.index
        before = text[text.rfind("\n", 0, index) + 1 : index]  # the line up to the problem
        if "cannot start any token" in problem:
            char = text[index : index + 1]
            hint = ("indent with spaces, not tabs" if char == "\t"
                    else f"a value that starts with '{char}' must be put in quotes")
        elif "mapping values are not allowed" in problem and ": " not in before:
            hint = "a key on the line above may lack its ': ', or this line is indented wrongly"
        elif "did not find expected node content" in problem:
            hint = "a value that starts with '[' or holds '[^' or '[#' must be put in quotes"
        elif "did not find expected key" in problem and before.strip():
            hint = "a value that starts with a quote, '[' or '{' must end with it; put the whole value in quotes"
        line_start = text.rfind("\n", 0, index) + 1
        line_above = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : line_start]
        indent = len(text[line_start:index]) - len(text[line_start:index].lstrip(" "))
        comment = _COMMENT_IN_VALUE.match(line_above) if line_start else None
        if comment and indent > len(line_above) - len(line_above.lstrip(" -")):
            # A value cut short by a comment, that goes on on the line below: the error is there.
            hint = (f"the '{comment.group(2)}' at line {exc.problem_mark.line - 1 + first_line}, column "
                    f"{comment.start(2) + 1} starts a YAML comment, which ends the value there; put the whole "
                    "value in quotes")
    return mark, f"{message}; {hint}" if hint else message


# A comment that follows a plain value on its line and reads like text (`Resolution #3`), not
# like a comment (`# optional`): its writer may have meant it as part of the value.
_WORD_COMMENT = re.compile(r"([ \t]+)(#[^\s#]\S*)")
# A line whose plain value (`- text: Item #3`) such a comment ends.
_COMMENT_IN_VALUE = re.compile(r"[ \t]*(?:- )*[^\s#'\"][^:#]*:[ \t]+([^\s#'\"\[{&*!|>%@`][^#]*?)[ \t]+(#[^\s#]\S*)")

# The tags the composer gives values written without one; a written tag, even one of these
# (`!!str`), is refused.
_PLAIN_TAGS = {_STR, _NULL, _MERGE, _SEQ, _MAP}


class _Builder:
    def __init__(self, doc: YamlDoc, text: str, path: str, first_line: int, diags: Diagnostics) -> None:
        self.doc, self.text, self.path, self.first_line, self.diags = doc, text, path, first_line, diags
        self._lines: list[str] | None = None  # the text's lines, split when first needed

    def loc(self, node: yaml.Node) -> Location:
        return _loc(node.start_mark, self.path, self.first_line)

    def measure(self, root: yaml.Node) -> None:
        """Refuses a tree too deep, or too big once its aliases are expanded (in values or in
        characters of text), before building it; reports the characters Word cannot hold that
        an escape in double quotes (`"\\x01"`, `"\\e"`) writes.

        Each node is measured once (an alias is the same node again), so an alias bomb is
        refused at once, at the first value that expands past the limit.
        """
        sizes: dict[int, tuple[int, int, int]] = {}  # id(node) -> (values, height, characters), expanded
        uses: dict[int, int] = {}
        forbidden: list[tuple[int, str]] = []  # (offset in the text, character)
        written = 0  # characters of text, aliases not expanded

        def measure(node: yaml.Node, depth: int) -> tuple[int, int, int]:
            nonlocal written
            uses[id(node)] = uses.get(id(node), 0) + 1
            known = sizes.get(id(node))
            if known is None:
                if depth > MAX_DEPTH:
                    raise _TooBig(node.start_mark, _TOO_DEEP)
                below = [measure(child, depth + 1) for child in _children(node)]
                texts = _texts(node)
                self.drop_forbidden(texts, forbidden)
                own = sum(len(text.value) for text in texts)
                written += own
                known = sizes[id(node)] = (min(1 + sum(b[0] for b in below), MAX_NODES + 1),
                                           1 + max((b[1] for b in below), default=0),
                                           min(own + sum(b[2] for b in below), MAX_TEXT + 1))
            if depth + known[1] > MAX_DEPTH + 1:
                raise _TooBig(node.start_mark, _TOO_DEEP)
            return known

        values, _, chars = measure(root, 0)
        self.report_forbidden(forbidden)
        if values > MAX_NODES:
            aliases = _EXPANDED if len(sizes) <= MAX_NODES else ""
            raise _TooBig(_deepest_over(root, sizes, 0, MAX_NODES).start_mark, _TOO_BIG + aliases)
        if chars > MAX_TEXT:
            aliases = _EXPANDED if written <= MAX_TEXT else ""
            raise _TooBig(_deepest_over(root, sizes, 2, MAX_TEXT).start_mark, _TOO_MUCH_TEXT + aliases)
        self.unused_anchors(root, uses)

    def check_escapes(self, root: yaml.Node) -> None:
        """What measure() does for a tree without anchors, whose nodes the composer counted and
        whose text is no longer than the file's: it reports the characters Word cannot hold that
        an escape writes."""
        forbidden: list[tuple[int, str]] = []
        todo = [root]
        while todo:
            node = todo.pop()
            self.drop_forbidden(_texts(node), forbidden)
            todo.extend(_children(node))
        self.report_forbidden(forbidden)

    def drop_forbidden(self, texts: list[yaml.ScalarNode], forbidden: list[tuple[int, str]]) -> None:
        """The characters Word cannot hold in texts added to forbidden, and taken out of them,
        so that reading goes on without them."""
        for text in texts:
            if found := self.forbidden_characters(text):
                forbidden.extend(found)
                text.value = FORBIDDEN.sub("", text.value)

    def forbidden_characters(self, node: yaml.ScalarNode) -> list[tuple[int, str]]:
        """The characters Word cannot hold in a value, each where it was written. The file's own
        characters were checked when it was read, so these are written by escapes in double
        quotes; one that is not found at an escape is reported where the value starts."""
        first = FORBIDDEN.search(node.value)
        if first is None:
            return []
        start, end = node.start_mark.index, node.end_mark.index
        if node.style == '"':  # (past an anchor before the value: its name may hold a '\\')
            start = self.text.find('"', start, end)
        found = [(escape.start(), char) for escape in _ESCAPE.finditer(self.text, start, end)
                 if FORBIDDEN.match(char := _unescaped(escape.group()))]
        return found or [(node.start_mark.index, first.group())]

    def report_forbidden(self, forbidden: list[tuple[int, str]]) -> None:
        """An error at each character Word cannot hold (once, a value aliased or not)."""
        found = sorted(set(forbidden))
        for (_, char), (line, col) in zip(found, line_cols(self.text, [offset for offset, _ in found])):
            self.diags.error(Location(self.path, line + self.first_line - 1, col), cannot_hold(char))

    def unused_anchors(self, root: yaml.Node, uses: dict[int, int]) -> None:
        """An error for text that starts with '&' read as an anchor no alias uses: without the
        error, the word after '&' would silently vanish from the value."""
        todo = [root]
        while todo:
            node = todo.pop()
            todo.extend(_children(node))
            start = node.start_mark.index
            if isinstance(node, yaml.ScalarNode) and self.text.startswith("&", start) and uses[id(node)] == 1:
                anchor = _WORD.match(self.text, start)
                assert anchor is not None, "a node that starts with '&' starts with a word"
                self.diags.error(self.loc(node), f"'{anchor.group()}' makes a YAML anchor, which is not part of "
                                 "the text; put a value that starts with '&' in quotes")

    def build(self, node: yaml.Node, at: Path_) -> Any:
        """The data of node, as if written without a tag: a tag is an error, and the value's
        other errors are found too, by the model's check of it."""
        self.doc.values.setdefault(at, self.loc(node))
        if node.tag not in _PLAIN_TAGS:
            self.refuse_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, at + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, at)

    def refuse_tag(self, node: yaml.Node) -> None:
        written = _WRITTEN_TAG.match(self.text, node.start_mark.index)
        tag = written.group(1) if written else node.tag.removeprefix(_WRITTEN).replace(_TAG, "!!")
        self.diags.error(self.loc(node), f"YAML tag '{tag}' is not allowed: values are plain text, lists "
                         "and keys with values (put a value that starts with '!' in quotes)")

    def mapping(self, node: yaml.MappingNode, at: Path_) -> dict:
        """The keys and values of node. A merge key ('<<') is an error, and the keys it merges
        are taken as YAML would take them, so that what the model says of them is said too."""
        result: dict[str, Any] = {}
        merged: list[yaml.MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.diags.error(self.loc(key_node), "merge keys ('<<') are not supported; write the keys out")
                merged.extend(_merged(value_node))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.diags.error(self.loc(key_node), "a key must be plain text")
                continue
            if key_node.tag not in _PLAIN_TAGS:
                self.refuse_tag(key_node)
            key = key_node.value
            if key in result:
                first = self.doc.keys[at + (key,)]
                self.diags.error(self.loc(key_node),
                                 f"key {quote(key)} given twice (first at line {first.line})")
                continue
            self.doc.keys[at + (key,)] = self.loc(key_node)
            result[key] = self.build(value_node, at + (key,))
        for source in merged:  # (the keys written here first, then each merged mapping's in turn)
            for key_node, value_node in source.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR and key_node.value not in result:
                    self.doc.keys[at + (key_node.value,)] = self.loc(key_node)
                    result[key_node.value] = self.build(value_node, at + (key_node.value,))
        return result

    def scalar(self, node: yaml.ScalarNode, at: Path_) -> str | None:
        plain = not node.style  # the C loader gives '' where the Python one gives None
        if plain and node.tag == _NULL:
            return None
        start = self.loc(node)
        # An anchor or a tag before the value moves its text away from where the node starts.
        single_line = (node.start_mark.line == node.end_mark.line
                       and not self.text.startswith(("&", "!"), node.start_mark.index))
        if plain:
            exact = single_line
        elif node.style in ("'", '"'):
            start = start.shifted(1)
            raw = node.end_mark.index - node.start_mark.index - 2
            exact = single_line and raw == len(node.value)
        else:  # block scalars: the text starts on the next line
            exact = False
        if plain and (comment := _WORD_COMMENT.match(self.text, node.end_mark.index)):
            self.diags.warning(_loc(node.end_mark, self.path, self.first_line).shifted(len(comment.group(1))),
                               f"'{comment.group(2)}' after the value starts a YAML comment, which is not part "
                               "of the text; if it is, put the whole value in quotes")
        lines = None if exact or node.style in ("'", '"') else self.line_segments(node)
        if lines:
            self.doc.texts[at] = SourceText(node.value, lines)
        else:
            self.doc.texts[at] = SourceText.at(node.value, start, exact)
        return node.value

    def line_segments(self, node: yaml.ScalarNode) -> tuple[tuple[int, Location], ...] | None:
        """Where each source line of a plain or block scalar over several lines starts in its
        value, so that an error in the text points at its own line; None if a line is not found
        there as written."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        block = bool(node.style)  # `|` or `>`: the text starts on the line after the indicator
        first, last = node.start_mark.line + block, node.end_mark.line
        segments, cursor = [], 0
        for n in range(first, min(last, len(self._lines) - 1) + 1):
            start = node.start_mark.column if n == node.start_mark.line else 0
            end = node.end_mark.column if n == last else len(self._lines[n])
            raw = self._lines[n][start:end]
            content = raw.strip()
            if not content:
                continue
            found = node.value.find(content, cursor)
            if found < 0:
                return None
            column = start + len(raw) - len(raw.lstrip()) + 1
            segments.append((found, Location(self.path, n + self.first_line, column)))
            cursor = found + len(content)
        return tuple(segments) or None


def _texts(node: yaml.Node) -> list[yaml.ScalarNode]:
    """A scalar node itself, or the keys of a mapping node that are text: what a node holds as
    text, apart from its values."""
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.MappingNode):
        return [key for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    return []


def _deepest_over(node: yaml.Node, sizes: dict[int, tuple[int, int, int]], index: int, limit: int) -> yaml.Node:
    """The node whose own values go past the limit: down from node, through the first value
    over the limit each time, to one with no value over it."""
    while nested := next((c for c in _children(node) if sizes[id(c)][index] > limit), None):
        node = nested
    return node


def _unescaped(escape: str) -> str:
    """The character a double-quoted escape (`\\x01`, `\\e`) writes, or '' for one that
    writes none, or only characters Word can hold."""
    code = escape[1:]
    if len(code) == 1:
        return _NAMED_ESCAPES.get(code, "")
    point = int(code[1:], 16)
    return chr(point) if point <= sys.maxunicode else ""


def _merged(value: yaml.Node) -> list[yaml.MappingNode]:
    """The mappings that a merge key's value merges: one, or a list of them (other values merge
    nothing, and are reported by the merge key's error)."""
    if isinstance(value, yaml.MappingNode):
        return [value]
    if isinstance(value, yaml.SequenceNode):
        return [item for item in value.value if isinstance(item, yaml.MappingNode)]
    return []


def _children(node: yaml.Node) -> list[yaml.Node]:
    """The values in a list or mapping node (keys are text, not values)."""
    if isinstance(node, yaml.MappingNode):
        return [value for _, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
