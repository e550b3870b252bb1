"""The call-ordering rules: buckets in order, each with a condition, sort, colour and reason."""

from __future__ import annotations

from dataclasses import dataclass

from engine.model.condition import Condition
from engine.model.text import Origin, Text


@dataclass(frozen=True, slots=True)
class SortKey:
    by: str
    descending: bool
    origin: Origin


@dataclass(frozen=True, slots=True)
class Bucket:
    id: str
    label: Text
    when: Condition | None
    sort: tuple[SortKey, ...]
    color: str
    reason: Text
    origin: Origin


@dataclass(frozen=True, slots=True)
class Priorities:
    scope: Condition | None
    late_after_seconds: int
    late_after_text: str
    buckets: tuple[Bucket, ...]
    origin: Origin
