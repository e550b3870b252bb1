"""Can a condition ever hold, and does one condition imply another?

Used to find priority buckets no client can reach. The analysis is sound, not complete: it
only answers "never" or "implied" when that is certain, and gives up (answers "maybe") on
conditions too large to expand. What each comparison allows is its operator's specification
(:mod:`engine.conditions.operators`); here conditions are expanded and compared.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.conditions.operators import OPERATORS
from engine.conditions.ranges import NOTHING, Range, Term
from engine.model.condition import AllOf, Compare, Condition, Not

MAX_TERMS = 64


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
        return NOTHING
    filled = a.filled if a.filled is not None else b.filled
    allowed = a.allowed if b.allowed is None else b.allowed if a.allowed is None else a.allowed & b.allowed
    lo, lo_open = max((a.lo, a.lo_open), (b.lo, b.lo_open))
    hi, hi_open = min((a.hi, not a.hi_open), (b.hi, not b.hi_open))
    return Range(filled, allowed, a.excluded | b.excluded, lo, lo_open, hi, not hi_open)


def _compare(cmp: Compare, negate: bool) -> list[Term]:
    return OPERATORS[cmp.op].terms(cmp, negate)
