"""Evaluating conditions: compiled once into closures, explained when they fail.

Each comparison is compiled by its operator's specification (:mod:`engine.conditions.operators`,
semantics in :mod:`engine.conditions.scalar`): a comparison on an empty field is false, except
``not_equals``, ``not_in`` and ``filled: false``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Facts, Predicate
from engine.model.condition import AllOf, Compare, Condition, Not
from engine.model.text import Origin


def compile_condition(condition: Condition | None) -> Predicate:
    """A fast predicate for ``condition``; None compiles to "always"."""
    if condition is None:
        return _always
    if isinstance(condition, Compare):
        return _compile_compare(condition)
    if isinstance(condition, Not):
        inner = compile_condition(condition.item)
        return lambda facts: not inner(facts)
    parts = tuple(compile_condition(item) for item in condition.items)
    if isinstance(condition, AllOf):
        return lambda facts: all(p(facts) for p in parts)
    return lambda facts: any(p(facts) for p in parts)


def _always(facts: Facts) -> bool:
    return True


def _compile_compare(cmp: Compare) -> Predicate:
    return OPERATORS[cmp.op].test(cmp)


@dataclass(frozen=True, slots=True)
class Unmet:
    """One part of a condition that does not hold: the part and where it is written."""

    condition: Condition
    origin: Origin


Explainer = Callable[[Facts], list[Unmet]]
"""The failing parts of one condition for the facts given (see :func:`compile_explainer`)."""


def compile_explainer(condition: Condition | None) -> Explainer:
    """The smallest parts of ``condition`` that fail for the facts given, empty when it holds;
    every predicate compiled once. A failing ``all`` lists each failing member; a failing
    ``any`` or ``not`` is one part (no single member is to blame)."""
    if condition is None:
        return _nothing_unmet
    holds = compile_condition(condition)
    if isinstance(condition, AllOf):
        parts = tuple(compile_explainer(item) for item in condition.items)
        return lambda facts: [] if holds(facts) else [u for part in parts for u in part(facts)]
    whole = Unmet(condition, condition.origin)
    return lambda facts: [] if holds(facts) else [whole]


def _nothing_unmet(facts: Facts) -> list[Unmet]:
    return []


__all__ = ["Explainer", "Facts", "Predicate", "Unmet", "compile_condition", "compile_explainer"]
