"""Walk every human-facing text of the regulation with the pointer it was written at."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from engine.model.condition import AllOf, AnyOf, Compare, Not
from engine.model.regulation import Regulation
from engine.model.text import Text

_SKIP = (Compare, AllOf, AnyOf, Not)


def texts(regulation: Regulation, manifest_file: str) -> Iterator[tuple[Text, str, str]]:
    """(text, file, pointer) for every text; model field names are the YAML keys."""
    for name in ("title", "description", "company"):
        value = getattr(regulation, name)
        if value:
            yield value, manifest_file, f"/{name}"
    parts: list[Any] = [
        regulation.roles,
        regulation.contact_kinds,
        regulation.contact_results,
        regulation.funnel,
        regulation.card,
        regulation.segments,
        regulation.priorities,
    ]
    for part in parts:
        yield from _walk(part, "", "")


def _walk(value: Any, file: str, pointer: str) -> Iterator[tuple[Text, str, str]]:
    if isinstance(value, Text):
        if value:
            yield value, file, pointer
    elif isinstance(value, _SKIP) or value is None:
        return
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, file, f"{pointer}/{i}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, file, f"{pointer}/{key}")
    elif dataclasses.is_dataclass(value):
        origin = getattr(value, "origin", None)
        if origin is not None and origin.file:
            file, pointer = origin.file, origin.pointer
        for f in dataclasses.fields(value):
            if f.name != "origin":
                yield from _walk(getattr(value, f.name), file, f"{pointer}/{f.name}")
