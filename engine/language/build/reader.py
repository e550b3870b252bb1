"""A forgiving view on raw YAML data, for building the model after schema checking.

The schema has already reported every wrong value; the builder only needs to not crash on
them. Each getter returns a default when the value has the wrong shape, so one mistake does
not hide the rest of the regulation from the meaning checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.language.yamlio import SourceMap, escape_pointer_token
from engine.model.text import EMPTY, Origin, Text


@dataclass(frozen=True, slots=True)
class Doc:
    file: str
    source_map: SourceMap
    lang: str
    """The language of texts written as plain strings."""


class Node:
    __slots__ = ("doc", "pointer", "value")

    def __init__(self, value: Any, pointer: str, doc: Doc) -> None:
        self.value = value
        self.pointer = pointer
        self.doc = doc

    def __getitem__(self, key: str) -> Node:
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(value, f"{self.pointer}/{escape_pointer_token(key)}", self.doc)

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and self.value.get(key) is not None

    def key_names(self) -> list[str]:
        return list(self.value) if isinstance(self.value, dict) else []

    @property
    def origin(self) -> Origin:
        pos = self.doc.source_map.value(self.pointer)
        return Origin(self.doc.file, pos.line, pos.column, self.pointer)

    def as_str(self, default: str = "") -> str:
        return self.value if isinstance(self.value, str) else default

    def as_int(self, default: int = 0) -> int:
        ok = isinstance(self.value, int) and not isinstance(self.value, bool)
        return self.value if ok else default

    def as_float(self, default: float = 0.0) -> float:
        ok = isinstance(self.value, int | float) and not isinstance(self.value, bool)
        return float(self.value) if ok else default

    def opt_float(self) -> float | None:
        return self.as_float() if self.is_number() else None

    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)

    def as_bool(self, default: bool = False) -> bool:
        return self.value if isinstance(self.value, bool) else default

    def items(self) -> list[Node]:
        if not isinstance(self.value, list):
            return []
        return [Node(v, f"{self.pointer}/{i}", self.doc) for i, v in enumerate(self.value)]

    def text(self) -> Text:
        if isinstance(self.value, str) and self.value:
            return Text.plain(self.value, self.doc.lang)
        if isinstance(self.value, dict):
            pairs = tuple((k, v) for k, v in self.value.items() if isinstance(v, str))
            return Text(pairs)
        return EMPTY

    def texts(self) -> tuple[Text, ...]:
        return tuple(t for t in (item.text() for item in self.items()) if t)

    def ids(self) -> tuple[str, ...]:
        return tuple(item.value for item in self.items() if isinstance(item.value, str))

    def id_origins(self) -> tuple[Origin, ...]:
        """The origins of :meth:`ids`, in the same order."""
        return tuple(item.origin for item in self.items() if isinstance(item.value, str))
