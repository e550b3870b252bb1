"""Strict YAML loading that keeps the position of every node.

YAML 1.1 as PyYAML resolves it turns ``off`` into ``False``, ``12:30`` into ``750`` and
``0712`` into an octal number, and lets a duplicate key silently win. Regulations are written
by people, so here only ``true``/``false`` are booleans, numbers are plain decimals, duplicate
keys are errors, no tag can construct an object, and aliases cannot expand into a bomb
(:mod:`engine.language.yamlnodes`). Merge keys (``<<: *defaults``) work as YAML 1.1 says.
A syntax error is reported as the slip that caused it, at its line
(:mod:`engine.language.slips`).

The result is plain data (dict / list / str / int / float / bool / None) plus a
:class:`SourceMap` from JSON pointers to 1-based line and column. A file read without a problem
is kept so in the cache folder under the name it is read by (``keep_as``): a later `check` of the
same bytes loads neither PyYAML nor the file again (#18).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.language.yamlsource import (
    Position,
    SourceMap,
    YamlProblem,
    escape_pointer_token,
    pointer_of,
)
from engine.resources import keep_json, kept_json

if TYPE_CHECKING:
    import yaml

__all__ = [
    "FATAL",
    "MAX_BYTES",
    "Position",
    "SourceMap",
    "YamlDocument",
    "YamlProblem",
    "escape_pointer_token",
    "load_yaml_bytes",
    "load_yaml_text",
    "pointer_of",
]

MAX_BYTES = 5_000_000
FATAL = frozenset({"syntax", "encoding", "too_large", "too_deep", "alias_bomb"})


@dataclass(slots=True)
class YamlDocument:
    data: Any
    source_map: SourceMap
    problems: list[YamlProblem]

    @property
    def ok(self) -> bool:
        """Parsed, possibly with recoverable problems such as duplicate keys."""
        return not any(p.kind in FATAL for p in self.problems)


def load_yaml_bytes(raw: bytes, keep_as: str = "") -> YamlDocument:
    """Decode and parse one YAML document; never raises for bad input. With ``keep_as`` (the
    file's name), a document without problems is kept in the cache folder and read back from it."""
    kind = f"yaml-{hashlib.sha256(keep_as.encode()).hexdigest()[:16]}"
    kept = kept_json(kind, raw + _parser()) if keep_as else None
    if isinstance(kept, dict):
        return _document(kept)
    found = _load_yaml_bytes(raw)
    if keep_as and not found.problems:
        keep_json(kind, raw + _parser(), _plain(found))
    return found


@cache
def _parser() -> bytes:
    """The code that parses: this module, its nodes and positions, and PyYAML's installed files."""
    spec = importlib.util.find_spec("yaml")  # finds PyYAML without importing it
    here = Path(__file__).parent
    made = [(here / f"{name}.py").read_bytes() for name in ("yamlio", "yamlnodes", "yamlsource")]
    if spec is not None and spec.origin is not None:
        made.append(f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}".encode())
    return b"\0" + hashlib.sha256(b"\0".join(made)).digest()


def _plain(doc: YamlDocument) -> dict[str, Any]:
    where = doc.source_map
    values = [[p, at.line, at.column] for p, at in where.values.items()]
    return {
        "data": doc.data,
        "values": values,
        "keys": [[p, at.line, at.column] for p, at in where.keys.items()],
    }


def _document(kept: dict[str, Any]) -> YamlDocument:
    values = {p: Position(line, column) for p, line, column in kept["values"]}
    keys = {p: Position(line, column) for p, line, column in kept["keys"]}
    return YamlDocument(kept["data"], SourceMap(values, keys), [])


def _load_yaml_bytes(raw: bytes) -> YamlDocument:
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
    import yaml  # here: a file kept in the cache folder is not parsed again (#18)

    from engine.language.yamlnodes import MAX_NODES, AliasBomb, Converter, StrictLoader

    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        from engine.language import slips  # its patterns compile only for a file with a slip

        return _failed(slips.diagnose(text, err))
    except yaml.reader.ReaderError as err:  # a control character
        return _failed(_control_character(text, err))
    except yaml.YAMLError as err:  # pragma: no cover - libyaml reports the rest with marks
        return _failed(YamlProblem("syntax", 1, 1, detail=str(err).splitlines()[0]))
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None, SourceMap(), [])
    converter = Converter()
    try:
        data = converter.convert(node, "", 0)
    except AliasBomb:
        mark = node.start_mark
        return _failed(YamlProblem("alias_bomb", mark.line + 1, mark.column + 1, detail=str(MAX_NODES)))
    return YamlDocument(data, converter.source_map, converter.problems)


def _failed(problem: YamlProblem) -> YamlDocument:
    return YamlDocument(None, SourceMap(), [problem])


def _control_character(text: str, err: yaml.reader.ReaderError) -> YamlProblem:
    before = text[: err.position]
    line = before.count("\n") + 1
    column = err.position - (before.rfind("\n") + 1) + 1
    code = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
    detail = str(err).splitlines()[0]
    return YamlProblem("syntax", line, column, detail=detail, slip="control", args=(("char", code),))
