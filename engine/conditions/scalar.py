"""The scalar tests of the operators: one client's facts at a time.

A comparison on an empty field is false, except ``not_equals``, ``not_in`` and ``filled: false``.
Values are compared as numbers, dates or text after :func:`engine.values.fieldtypes.comparable`;
``within`` / ``older_than`` compare a date's age with a duration; text fragments are compared
case-insensitively with ё read as е.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from engine.conditions.spec import Facts, Predicate
from engine.model.condition import Compare

Test = Callable[[object, object], bool]


def fold(text: object) -> str:
    """Text as fragments compare it: case-insensitive, ё = е."""
    return str(text).casefold().replace("ё", "е")


def fragments(cmp: Compare) -> tuple[str, ...]:
    values = cmp.value if isinstance(cmp.value, tuple) else (cmp.value,)
    return tuple(fold(v) for v in values if isinstance(v, str) and v)


def normal(value: object) -> object:
    """Numbers compare as floats; ISO dates and moments written in a regulation compare as dates
    and moments (a moment without an offset is read as UTC, as the queue's columns are)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return value


def _as_target(value: object, options: frozenset[object]) -> object:
    """A moment compared with dates counts by its date."""
    if isinstance(value, datetime) and value not in options:
        return value.date()
    return value


def filled(cmp: Compare) -> Predicate:
    name, wanted = cmp.field, bool(cmp.value)
    return lambda facts: (facts.get(name) is not None) == wanted


def member(inside: bool) -> Callable[[Compare], Predicate]:
    def build(cmp: Compare) -> Predicate:
        name = cmp.field
        options = frozenset(normal(v) for v in cmp.value) if isinstance(cmp.value, tuple) else frozenset()
        if inside:
            return lambda facts: _as_target(normal(facts.get(name)), options) in options
        return lambda facts: _as_target(normal(facts.get(name)), options) not in options

    return build


def ordered(test: Test, empty: bool = False) -> Callable[[Compare], Predicate]:
    """A comparison with the regulation's value; ``empty`` is its answer for an empty field or a
    value of another type (true only for ``not_equals``)."""

    def build(cmp: Compare) -> Predicate:
        name, target = cmp.field, normal(cmp.value)
        return lambda facts: _compare(facts.get(name), target, test, empty)

    return build


def _compare(value: object, target: object, test: Test, empty: bool) -> bool:
    if value is None:
        return empty
    if isinstance(value, datetime) and isinstance(target, date) and not isinstance(target, datetime):
        value = value.date()
    try:
        return test(normal(value), target)
    except TypeError:  # a value of another type than the regulation expects
        return empty


def aged(within: bool) -> Callable[[Compare], Predicate]:
    def build(cmp: Compare) -> Predicate:
        name = cmp.field
        seconds = float(cmp.value) if isinstance(cmp.value, int | float) else 0.0
        return lambda facts: _age_test(facts, name, seconds, within)

    return build


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


def contains(cmp: Compare) -> Predicate:
    """The field's text holds one of the fragments (``contains`` has one, ``matches_any`` several)."""
    name, wanted = cmp.field, fragments(cmp)

    def test(facts: Facts) -> bool:
        value = facts.get(name)
        if value is None:
            return False
        text = fold(value)
        return any(f in text for f in wanted)

    return test
