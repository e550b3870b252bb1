"""Evaluating conditions: compiled once into closures, explained when they fail.

Semantics (the same as :mod:`engine.language.checks.reach` assumes): a comparison on an empty field is
false, except ``not_equals``, ``not_in`` and ``filled: false``. Values are compared as numbers,
dates or text after :func:`engine.values.card.comparable`; ``within`` / ``older_than`` compare a
date's age with a duration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from engine.model.condition import AllOf, Compare, Condition, Not, Op
from engine.model.text import Origin

Facts = Mapping[str, object]
"""Field or fact name → comparable value (float, date, datetime, str, bool) or None."""
Predicate = Callable[[Facts], bool]


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
    name, op = cmp.field, cmp.op
    if op is Op.FILLED:
        wanted = bool(cmp.value)
        return lambda facts: (facts.get(name) is not None) == wanted
    if op in (Op.IN, Op.NOT_IN):
        options = frozenset(_normal(v) for v in cmp.value) if isinstance(cmp.value, tuple) else frozenset()
        if op is Op.IN:
            return lambda facts: _normal(facts.get(name)) in options
        return lambda facts: _normal(facts.get(name)) not in options
    if op in (Op.WITHIN, Op.OLDER_THAN):
        seconds = float(cmp.value) if isinstance(cmp.value, int | float) else 0.0
        within = op is Op.WITHIN
        return lambda facts: _age_test(facts, name, seconds, within)
    target = _normal(cmp.value)
    test = _ORDER[op]
    return lambda facts: _compare(facts.get(name), target, test)


def _normal(value: object) -> object:
    """Numbers compare as floats; ISO dates written in a regulation compare as dates."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _compare(value: object, target: object, test: Callable[[object, object], bool]) -> bool:
    if value is None:
        return test is _ne
    if isinstance(value, datetime) and isinstance(target, date) and not isinstance(target, datetime):
        value = value.date()
    try:
        return test(_normal(value), target)
    except TypeError:  # a value of another type than the regulation expects
        return test is _ne


def _age_test(facts: Facts, name: str, seconds: float, within: bool) -> bool:
    value = facts.get(name)
    now = facts.get("__now__")
    if value is None or not isinstance(now, datetime):
        return False
    if isinstance(value, datetime):
        age = (now - value).total_seconds()
    elif isinstance(value, date):
        age = (now.date() - value).days * 86400.0
    else:
        return False
    return age <= seconds if within else age > seconds


def _eq(a: object, b: object) -> bool:
    return a == b


def _ne(a: object, b: object) -> bool:
    return a != b


def _gt(a: object, b: object) -> bool:
    return a > b  # type: ignore[operator,no-any-return]


def _ge(a: object, b: object) -> bool:
    return a >= b  # type: ignore[operator,no-any-return]


def _lt(a: object, b: object) -> bool:
    return a < b  # type: ignore[operator,no-any-return]


def _le(a: object, b: object) -> bool:
    return a <= b  # type: ignore[operator,no-any-return]


_ORDER: dict[Op, Callable[[object, object], bool]] = {
    Op.EQUALS: _eq,
    Op.NOT_EQUALS: _ne,
    Op.GREATER: _gt,
    Op.GREATER_OR_EQUAL: _ge,
    Op.LESS: _lt,
    Op.LESS_OR_EQUAL: _le,
}


@dataclass(frozen=True, slots=True)
class Unmet:
    """One part of a condition that does not hold: the part and where it is written."""

    condition: Condition
    origin: Origin


def explain(condition: Condition | None, facts: Facts) -> list[Unmet]:
    """The smallest parts of ``condition`` that fail for ``facts``; empty when it holds.

    A failing ``all`` lists each failing member; a failing ``any`` or ``not`` is one part (no
    single member is to blame).
    """
    if condition is None or compile_condition(condition)(facts):
        return []
    if isinstance(condition, AllOf):
        return [u for item in condition.items for u in explain(item, facts)]
    return [Unmet(condition, condition.origin)]


__all__ = ["Facts", "Predicate", "Unmet", "compile_condition", "explain"]
