"""The declarative condition language: all / any / not over field comparisons.

Conditions are data. Nothing here is evaluated as code; :mod:`engine.conditions` walks these
records to evaluate them, explain them and say them in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from engine.model.text import Origin


class Op(StrEnum):
    FILLED = "filled"
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    IN = "in"
    NOT_IN = "not_in"
    GREATER = "greater"
    GREATER_OR_EQUAL = "greater_or_equal"
    LESS = "less"
    LESS_OR_EQUAL = "less_or_equal"
    WITHIN = "within"
    OLDER_THAN = "older_than"
    CONTAINS = "contains"
    MATCHES_ANY = "matches_any"
    """Each operator's value shape, fields, tests and words: engine/conditions/operators.py."""


Scalar = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Compare:
    """``field`` ``op`` ``value``.

    ``value`` is a tuple for in / not_in / matches_any, and seconds for within / older_than
    (each operator's value shape is its specification's, engine/conditions/operators.py).
    """

    field: str
    op: Op
    value: Scalar | tuple[Scalar, ...] | None
    origin: Origin


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]
    origin: Origin


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]
    origin: Origin


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition
    origin: Origin


Condition = Compare | AllOf | AnyOf | Not


def comparisons(condition: Condition | None) -> list[Compare]:
    """Every comparison inside ``condition``, depth first."""
    if condition is None:
        return []
    if isinstance(condition, Compare):
        return [condition]
    if isinstance(condition, Not):
        return comparisons(condition.item)
    return [c for item in condition.items for c in comparisons(item)]
