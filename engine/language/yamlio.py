"""Strict YAML loading that keeps the position of every node.

YAML 1.1 as PyYAML resolves it turns ``off`` into ``False``, ``12:30`` into ``750`` and
``0712`` into an octal number, and lets a duplicate key silently win. Regulations are written
by people, so here only ``true``/``false`` are booleans, numbers are plain decimals, duplicate
keys are errors, no tag can construct an object, and aliases cannot expand into a bomb.

The result is plain data (dict / list / str / int / float / bool / None) plus a
:class:`SourceMap` from JSON pointers to 1-based line and column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml is ten times faster; fall back to the pure-Python parser without it
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_BYTES = 5_000_000

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ = _TAG + "map", _TAG + "seq"


class _StrictResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema-like scalars: no yes/no/on/off, no sexagesimal, no octal."""


_StrictResolver.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictResolver.add_implicit_resolver(INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_StrictResolver.add_implicit_resolver(
    FLOAT,
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)
_StrictResolver.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _StrictLoader(_Parser, _StrictResolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _StrictResolver.__init__(self)


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(slots=True)
class SourceMap:
    """JSON pointer → position of the value, and of the key for mapping entries."""

    values: dict[str, Position] = field(default_factory=dict)
    keys: dict[str, Position] = field(default_factory=dict)

    def value(self, pointer: str) -> Position:
        """Position of the value at ``pointer``, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.values:
                return self.values[pointer]
            if not pointer:
                return Position(1, 1)
            pointer = pointer.rsplit("/", 1)[0]

    def key(self, pointer: str) -> Position:
        """Position of the key naming ``pointer``; its value's position when it has no key."""
        return self.keys.get(pointer) or self.value(pointer)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something wrong with the YAML itself; ``kind`` is a stable short name."""

    kind: str
    line: int
    column: int
    pointer: str = ""
    detail: str = ""
    other_line: int = 0


@dataclass(slots=True)
class YamlDocument:
    data: Any
    source_map: SourceMap
    problems: list[YamlProblem]

    @property
    def ok(self) -> bool:
        """Parsed, possibly with recoverable problems such as duplicate keys."""
        return not any(p.kind in FATAL for p in self.problems)


FATAL = frozenset({"syntax", "encoding", "too_large", "too_deep", "alias_bomb"})


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(parts: tuple[str | int, ...] | list[str | int]) -> str:
    return "".join("/" + escape_pointer_token(str(p)) for p in parts)


def load_yaml_bytes(raw: bytes) -> YamlDocument:
    """Decode and parse one YAML document; never raises for bad input."""
    if len(raw) > MAX_BYTES:
        return _failed(YamlProblem("too_large", 1, 1, detail=str(len(raw))))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return _failed(YamlProblem("encoding", line, column, detail=f"0x{raw[err.start]:02x}"))
    return load_yaml_text(text)


def load_yaml_text(text: str) -> YamlDocument:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(p for p in (err.context, err.problem) if p)
        return _failed(YamlProblem("syntax", line, column, detail=detail))
    except yaml.YAMLError as err:  # a reader error (control characters) and the like
        return _failed(YamlProblem("syntax", 1, 1, detail=str(err).splitlines()[0]))
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None, SourceMap(), [])
    return _Converter().run(node)


def _failed(problem: YamlProblem) -> YamlDocument:
    return YamlDocument(None, SourceMap(), [problem])


class _AliasBomb(Exception):
    pass


class _Converter:
    """Node tree → plain data, recording positions and problems on the way."""

    def __init__(self) -> None:
        self.source_map = SourceMap()
        self.problems: list[YamlProblem] = []
        self.count = 0

    def run(self, node: Node) -> YamlDocument:
        try:
            data = self.convert(node, "", 0)
        except _AliasBomb:
            mark = node.start_mark
            problem = YamlProblem("alias_bomb", mark.line + 1, mark.column + 1, detail=str(MAX_NODES))
            return _failed(problem)
        return YamlDocument(data, self.source_map, self.problems)

    def problem(self, kind: str, node: Node, pointer: str, detail: str = "") -> None:
        if detail.startswith(_TAG):
            detail = "!!" + detail.removeprefix(_TAG)
        mark = node.start_mark
        self.problems.append(YamlProblem(kind, mark.line + 1, mark.column + 1, pointer, detail))

    def convert(self, node: Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _AliasBomb
        self.source_map.values[pointer] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > MAX_DEPTH:
            self.problem("too_deep", node, pointer, str(MAX_DEPTH))
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, pointer)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                self.problem("tag", node, pointer, node.tag)
            return [self.convert(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        if node.tag != MAP:
            self.problem("tag", node, pointer, node.tag)
        return self.mapping(node, pointer, depth)

    def mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (STR, INT):
                self.problem("key_type", key_node, pointer)
                continue
            key = str(key_node.value)
            child = f"{pointer}/{escape_pointer_token(key)}"
            if key in first_seen:
                mark = key_node.start_mark
                first = first_seen[key].start_mark.line + 1
                self.problems.append(
                    YamlProblem("duplicate_key", mark.line + 1, mark.column + 1, child, key, first)
                )
                continue
            first_seen[key] = key_node
            self.source_map.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.convert(value_node, child, depth + 1)
        return result

    def scalar(self, node: ScalarNode, pointer: str) -> Any:
        value: str = node.value
        tag = node.tag
        if tag == STR:
            return value
        if tag == NULL:
            return None
        if tag not in (INT, FLOAT, BOOL):
            self.problem("tag", node, pointer, tag)
            return value
        parsed = _parse_scalar(tag, value)
        if parsed is _INVALID:
            self.problem("bad_scalar", node, pointer, f"{tag.removeprefix(_TAG)}: {value[:40]}")
            return value
        return parsed


_INVALID = object()


def _parse_scalar(tag: str, value: str) -> Any:
    """A value explicitly tagged ``!!int`` / ``!!float`` / ``!!bool`` may still be garbage."""
    if tag == BOOL:
        low = value.lower()
        return low == "true" if low in ("true", "false") else _INVALID
    try:
        number: float = int(value) if tag == INT else float(value)
    except ValueError:  # also Python's limit on the digits of an int
        return _INVALID
    return number if math.isfinite(number) else _INVALID
