"""Can a condition ever hold, and does one condition imply another?

Used to find priority buckets no client can reach. The analysis is sound, not complete: it
only answers "never" or "implied" when that is certain, and gives up (answers "maybe") on
conditions too large to expand. Empty fields follow the evaluator's rule: a comparison on an
empty field is false, except ``not_equals``, ``not_in`` and ``filled: false``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from engine.model.condition import AllOf, Compare, Condition, Not, Op

MAX_TERMS = 64
_NEGATE = {
    Op.EQUALS: Op.NOT_EQUALS,
    Op.NOT_EQUALS: Op.EQUALS,
    Op.IN: Op.NOT_IN,
    Op.NOT_IN: Op.IN,
    Op.GREATER: Op.LESS_OR_EQUAL,
    Op.LESS_OR_EQUAL: Op.GREATER,
    Op.LESS: Op.GREATER_OR_EQUAL,
    Op.GREATER_OR_EQUAL: Op.LESS,
    Op.WITHIN: Op.OLDER_THAN,
    Op.OLDER_THAN: Op.WITHIN,
}


@dataclass(frozen=True, slots=True)
class Range:
    """What one conjunction allows for one field (or for the age of a date field)."""

    filled: bool | None = None
    allowed: frozenset[object] | None = None
    excluded: frozenset[object] = frozenset()
    lo: float = -math.inf
    lo_open: bool = False
    hi: float = math.inf
    hi_open: bool = False

    @property
    def bounded(self) -> bool:
        return self.lo != -math.inf or self.hi != math.inf

    def needs_value(self) -> bool:
        return self.filled is True or self.allowed is not None or self.bounded

    def empty(self) -> bool:
        if self.filled is False and self.needs_value():
            return True
        if self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open)):
            return True
        if self.allowed is not None:
            return not [v for v in self.allowed - self.excluded if self.admits(v)]
        return False

    def admits(self, value: object) -> bool:
        number = _number(value)
        if number is None:
            return not self.bounded
        above = number > self.lo or (number == self.lo and not self.lo_open)
        below = number < self.hi or (number == self.hi and not self.hi_open)
        return above and below

    def implies(self, other: Range) -> bool:
        """Every value this range allows, ``other`` allows too."""
        if other.filled is True and not self.needs_value():
            return False
        if other.filled is False and self.filled is not False:
            return False
        if other.allowed is not None and (
            self.allowed is None or not self.allowed - self.excluded <= other.allowed
        ):
            return False
        if other.excluded:
            if self.allowed is not None:
                if (self.allowed - self.excluded) & other.excluded:
                    return False
            elif not other.excluded <= self.excluded:
                return False
        if other.bounded:
            if self.allowed is not None:
                return all(other.admits(v) for v in self.allowed - self.excluded)
            lo_ok = self.lo > other.lo or (self.lo == other.lo and (self.lo_open or not other.lo_open))
            hi_ok = self.hi < other.hi or (self.hi == other.hi and (self.hi_open or not other.hi_open))
            return lo_ok and hi_ok
        return True


_NOTHING = Range(filled=False, allowed=frozenset())
Term = dict[str, Range]
"""A conjunction: field (or ``field@age``) → range."""


def terms(condition: Condition | None) -> list[Term] | None:
    """The condition as a disjunction of conjunctions; None when too large to expand."""
    if condition is None:
        return [{}]
    try:
        return [t for t in _dnf(condition, False) if not any(r.empty() for r in t.values())]
    except _TooLarge:
        return None


def never(condition: Condition | None, scope: Condition | None = None) -> bool:
    """True when no client can satisfy ``condition`` (within ``scope``)."""
    mine, outer = terms(condition), terms(scope)
    if mine is None or outer is None:
        return False
    return not [t for t in _product([mine, outer]) if not any(r.empty() for r in t.values())]


def covered(condition: Condition | None, earlier: Iterable[Condition | None]) -> bool:
    """True when every client satisfying ``condition`` satisfies one of ``earlier``."""
    mine = terms(condition)
    if mine is None or not mine:
        return False
    before: list[Term] = []
    for other in earlier:
        expanded = terms(other)
        if expanded is None:
            continue
        before.extend(expanded)
    return all(any(_term_implies(t, e) for e in before) for t in mine)


def _term_implies(term: Term, other: Term) -> bool:
    return all(term.get(key, Range()).implies(rng) for key, rng in other.items())


class _TooLarge(Exception):
    pass


def _dnf(condition: Condition, negate: bool) -> list[Term]:
    if isinstance(condition, Not):
        return _dnf(condition.item, not negate)
    if isinstance(condition, Compare):
        return _compare(condition, negate)
    parts = [_dnf(item, negate) for item in condition.items]
    conjunctive = isinstance(condition, AllOf) != negate
    if conjunctive:
        return _product(parts)
    union = [t for part in parts for t in part]
    if len(union) > MAX_TERMS:
        raise _TooLarge
    return union


def _product(parts: list[list[Term]]) -> list[Term]:
    result: list[Term] = [{}]
    for part in parts:
        result = [_merge(a, b) for a in result for b in part]
        if len(result) > MAX_TERMS:
            raise _TooLarge
    return result


def _merge(a: Term, b: Term) -> Term:
    merged = dict(a)
    for key, rng in b.items():
        merged[key] = _intersect(merged[key], rng) if key in merged else rng
    return merged


def _intersect(a: Range, b: Range) -> Range:
    if a.filled is not None and b.filled is not None and a.filled != b.filled:
        return _NOTHING
    filled = a.filled if a.filled is not None else b.filled
    allowed = a.allowed if b.allowed is None else b.allowed if a.allowed is None else a.allowed & b.allowed
    lo, lo_open = max((a.lo, a.lo_open), (b.lo, b.lo_open))
    hi, hi_open = min((a.hi, not a.hi_open), (b.hi, not b.hi_open))
    return Range(filled, allowed, a.excluded | b.excluded, lo, lo_open, hi, not hi_open)


def _compare(cmp: Compare, negate: bool) -> list[Term]:
    op = cmp.op
    if op is Op.FILLED:
        return [{cmp.field: Range(filled=bool(cmp.value) != negate)}]
    if negate:
        flipped = replace(cmp, op=_NEGATE[op])
        positive = _compare(flipped, False)
        if op in (Op.EQUALS, Op.IN, Op.NOT_EQUALS, Op.NOT_IN):
            return positive
        return [*positive, {cmp.field: Range(filled=False)}]  # an empty field fails both
    return [{_key(cmp): _range(cmp)}]


def _key(cmp: Compare) -> str:
    return f"{cmp.field}@age" if cmp.op in (Op.WITHIN, Op.OLDER_THAN) else cmp.field


def _range(cmp: Compare) -> Range:
    op, value = cmp.op, cmp.value
    values = frozenset(value) if isinstance(value, tuple) else frozenset([value])
    number = _number(value)
    if op is Op.EQUALS:
        return Range(filled=True, allowed=values)
    if op is Op.IN:
        return Range(filled=True, allowed=values)
    if op in (Op.NOT_EQUALS, Op.NOT_IN):
        return Range(excluded=values)
    if number is None:
        return Range(filled=True)
    bounds = {
        Op.GREATER: Range(filled=True, lo=number, lo_open=True),
        Op.GREATER_OR_EQUAL: Range(filled=True, lo=number),
        Op.LESS: Range(filled=True, hi=number, hi_open=True),
        Op.LESS_OR_EQUAL: Range(filled=True, hi=number),
        Op.WITHIN: Range(filled=True, hi=number),
        Op.OLDER_THAN: Range(filled=True, lo=number, lo_open=True),
    }
    return bounds[op]


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(date.fromisoformat(value).toordinal())
        except ValueError:
            return None
    return None
