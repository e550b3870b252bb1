"""YAML nodes → plain data, strictly, with the position of every value.

Only ``true``/``false`` are booleans, numbers are plain decimals, duplicate keys and tags are
problems, and aliases cannot expand into a bomb. Merge keys (``<<: *defaults``) are supported
as YAML 1.1 defines them: the keys written in the mapping win over merged ones, and an earlier
mapping of a merge list wins over a later one. A merged value keeps the position where it is
written (in the anchored mapping), so a mistake in it is shown where it can be fixed.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.language.yamlsource import Position, SourceMap, YamlProblem, escape_pointer_token

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

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ, MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"


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
_StrictResolver.add_implicit_resolver(MERGE, re.compile(r"^<<$"), ["<"])


class StrictLoader(_Parser, _StrictResolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _StrictResolver.__init__(self)


class AliasBomb(Exception):
    """More than :data:`MAX_NODES` values: aliases or merges expanded beyond reason."""


Pair = tuple[Node, Node]


class Converter:
    """Node tree → plain data, recording positions and problems on the way."""

    def __init__(self) -> None:
        self.source_map = SourceMap()
        self.problems: list[YamlProblem] = []
        self.count = 0

    def problem(self, kind: str, node: Node, pointer: str, detail: str = "") -> None:
        if detail.startswith(_TAG):
            detail = "!!" + detail.removeprefix(_TAG)
        mark = node.start_mark
        self.problems.append(YamlProblem(kind, mark.line + 1, mark.column + 1, pointer, detail))

    def tick(self) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise AliasBomb

    def convert(self, node: Node, pointer: str, depth: int) -> Any:
        self.tick()
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
        for key_node, value_node in self.pairs(node, pointer, depth):
            key = str(key_node.value)
            child = f"{pointer}/{escape_pointer_token(key)}"
            self.source_map.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.convert(value_node, child, depth + 1)
        return result

    def pairs(self, node: MappingNode, pointer: str, depth: int) -> list[Pair]:
        """The mapping's own pairs (first of duplicates kept), then merged pairs not written."""
        own: dict[str, Pair] = {}
        merged: list[Pair] = []
        for key_node, value_node in node.value:
            self.tick()
            if isinstance(key_node, ScalarNode) and key_node.tag == MERGE:
                merged.extend(self.merged(value_node, pointer, depth))
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (STR, INT):
                self.problem("key_type", key_node, pointer)
                continue
            key = str(key_node.value)
            if key in own:
                self.duplicate(key, key_node, own[key][0], pointer)
                continue
            own[key] = (key_node, value_node)
        for key_node, value_node in merged:
            own.setdefault(str(key_node.value), (key_node, value_node))
        return list(own.values())

    def merged(self, value: Node, pointer: str, depth: int) -> list[Pair]:
        """The pairs a merge key brings: a mapping, or a list of mappings (earlier ones win)."""
        sources = value.value if isinstance(value, SequenceNode) else [value]
        found: list[Pair] = []
        for source in sources:
            if not isinstance(source, MappingNode):
                self.problem("merge", source, pointer)
                continue
            if depth > MAX_DEPTH:
                self.problem("too_deep", source, pointer, str(MAX_DEPTH))
                continue
            found.extend(self.pairs(source, pointer, depth + 1))
        return found

    def duplicate(self, key: str, key_node: Node, first: Node, pointer: str) -> None:
        mark = key_node.start_mark
        child = f"{pointer}/{escape_pointer_token(key)}"
        line = first.start_mark.line + 1
        self.problems.append(YamlProblem("duplicate_key", mark.line + 1, mark.column + 1, child, key, line))

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
