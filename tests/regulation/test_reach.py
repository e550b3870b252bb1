"""The reachability analysis of conditions, used to find priority buckets nobody reaches."""

from __future__ import annotations

import pytest

from engine.language.checks.reach import covered, never
from engine.model.condition import AllOf, AnyOf, Compare, Condition, Not, Op
from engine.model.text import NOWHERE


def c(field: str, op: str, value: object) -> Compare:
    return Compare(field, Op(op), value, NOWHERE)  # type: ignore[arg-type]


def all_(*items: Condition) -> AllOf:
    return AllOf(items, NOWHERE)


def any_(*items: Condition) -> AnyOf:
    return AnyOf(items, NOWHERE)


@pytest.mark.parametrize(
    "condition",
    [
        all_(c("x", "greater", 5), c("x", "less", 3)),
        all_(c("x", "equals", "a"), c("x", "equals", "b")),
        all_(c("x", "in", ("a", "b")), c("x", "not_in", ("a", "b"))),
        all_(c("x", "filled", False), c("x", "greater", 0)),
        all_(c("x", "greater_or_equal", 5), c("x", "less", 5)),
        all_(c("flag", "equals", True), Not(c("flag", "equals", True), NOWHERE)),
        all_(c("d", "within", 86400), c("d", "older_than", 86400 * 2)),
        any_(),
    ],
)
def test_contradictions_never_hold(condition: Condition) -> None:
    assert never(condition)


@pytest.mark.parametrize(
    "condition",
    [
        None,
        c("x", "greater", 5),
        all_(c("x", "greater_or_equal", 5), c("x", "less_or_equal", 5)),
        Not(c("x", "greater", 5), NOWHERE),
        all_(Not(c("x", "greater", 5), NOWHERE), c("x", "filled", False)),
        any_(c("x", "equals", 1), all_(c("x", "greater", 5), c("x", "less", 3))),
        all_(c("x", "not_equals", 1), c("x", "filled", False)),
    ],
)
def test_satisfiable_conditions_are_not_flagged(condition: Condition) -> None:
    assert not never(condition)


def test_scope_counts() -> None:
    assert never(c("kind", "equals", "won"), scope=c("kind", "equals", "open"))
    assert not never(c("kind", "equals", "open"), scope=c("kind", "not_equals", "lost"))


def test_a_narrower_condition_is_covered_by_a_wider_earlier_one() -> None:
    assert covered(c("x", "greater", 7), [c("x", "greater", 0)])
    assert covered(all_(c("x", "greater", 7), c("y", "equals", True)), [c("x", "greater", 0)])
    assert covered(c("s", "in", ("a",)), [c("s", "in", ("a", "b"))])
    assert covered(c("s", "equals", "a"), [c("s", "not_equals", "b")])


def test_a_wider_or_different_condition_is_not_covered() -> None:
    assert not covered(c("x", "greater", 0), [c("x", "greater", 7)])
    assert not covered(c("x", "greater", 0), [c("y", "greater", 0)])
    assert not covered(c("s", "not_equals", "b"), [c("s", "equals", "a")])
    assert not covered(None, [c("x", "greater", 0)])
    assert not covered(Not(c("x", "greater", 5), NOWHERE), [c("x", "less_or_equal", 5)]), "empty x escapes"
