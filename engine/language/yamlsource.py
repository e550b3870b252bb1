"""Where things are in a YAML file: positions, the JSON pointer → position map, YAML problems.

Shared by the reader (:mod:`engine.language.yamlio`), the node converter
(:mod:`engine.language.yamlnodes`) and the syntax-slip finder (:mod:`engine.language.slips`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """Something wrong with the YAML itself; ``kind`` is a stable short name.

    A syntax problem also names its ``slip`` (the editing mistake found, e.g. ``tab`` or
    ``missing_colon``) and the words the message needs (``args``).
    """

    kind: str
    line: int
    column: int
    pointer: str = ""
    detail: str = ""
    other_line: int = 0
    slip: str = ""
    args: tuple[tuple[str, str], ...] = ()


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(parts: tuple[str | int, ...] | list[str | int]) -> str:
    return "".join("/" + escape_pointer_token(str(p)) for p in parts)
