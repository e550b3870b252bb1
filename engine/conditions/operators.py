"""The operators of the condition language, one specification each (:class:`Operator`).

Evaluation (:func:`engine.conditions.compile_condition`), the call queue's masks
(:mod:`engine.queue.vector`), the checker (:mod:`engine.language.checks.conditions` and
``reach``), the builder and the words (:mod:`engine.conditions.words`) all read this table;
``tests/conditions/test_operators.py`` fails when an operator lacks a part. Adding an operator is
an :class:`~engine.model.condition.Op` member, one entry here, its words in the locale files and
its key in ``common.schema.json``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from engine import i18n
from engine.conditions import masks, scalar, sql
from engine.conditions.ranges import Range, Term, number
from engine.conditions.scalar import fold, fragments
from engine.conditions.spec import Operator, Sayer, Shape, Words
from engine.model.condition import Compare, Op
from engine.values.durations import format_duration
from engine.values.fieldtypes import Family

_ANY = frozenset(Family)
_ORDERED = frozenset({Family.NUMBER, Family.DATE, Family.DATETIME})
_TEMPORAL = frozenset({Family.DATE, Family.DATETIME})
_TEXT = frozenset({Family.TEXT})
Bound = Callable[[float], Range]
Terms = Callable[[Compare, bool], list[Term]]


def _values(cmp: Compare) -> frozenset[object]:
    return frozenset(cmp.value) if isinstance(cmp.value, tuple) else frozenset([cmp.value])


def _filled_terms(cmp: Compare, negate: bool) -> list[Term]:
    return [{cmp.field: Range(filled=bool(cmp.value) != negate)}]


def _member_terms(inside: bool) -> Terms:
    def terms(cmp: Compare, negate: bool) -> list[Term]:
        if inside != negate:
            return [{cmp.field: Range(filled=True, allowed=_values(cmp))}]
        return [{cmp.field: Range(excluded=_values(cmp))}]

    return terms


def _bound_terms(flip: Op, key: str, bound: Bound) -> Terms:
    """A bound on the field's value (``key`` "") or its age (``key`` "@age"); negated, the
    opposite bound or an empty field (which fails both)."""

    def terms(cmp: Compare, negate: bool) -> list[Term]:
        if negate:
            return [*OPERATORS[flip].terms(replace(cmp, op=flip), False), {cmp.field: Range(filled=False)}]
        value = number(cmp.value)
        return [{cmp.field + key: Range(filled=True) if value is None else bound(value)}]

    return terms


def _fragment_terms(cmp: Compare, negate: bool) -> list[Term]:
    """Each fragment is a variable of its own (``field~fragment``): exact for the same fragment,
    independent of others."""
    keys = [f"{cmp.field}~{f}" for f in fragments(cmp)]
    if negate:
        return [{key: Range(filled=False) for key in keys}]
    return [{cmp.field: Range(filled=True), key: Range(filled=True)} for key in keys]


def _say_filled(cmp: Compare, sayer: Sayer) -> Words:
    return ("filled" if cmp.value else "empty"), {}


def _say_value(cmp: Compare, sayer: Sayer) -> Words:
    return cmp.op.value, {"value": sayer.value(cmp.field, cmp.value)}


def _say_values(cmp: Compare, sayer: Sayer) -> Words:
    values = [sayer.value(cmp.field, v) for v in cmp.value] if isinstance(cmp.value, tuple) else []
    return cmp.op.value, {"values": i18n.join_words(values, sayer.lang, style="or")}


def _say_duration(cmp: Compare, sayer: Sayer) -> Words:
    value = cmp.value
    said = format_duration(value, sayer.lang) if isinstance(value, int) else str(value)
    return cmp.op.value, {"duration": said}


def _say_fragments(cmp: Compare, sayer: Sayer) -> Words:
    values = cmp.value if isinstance(cmp.value, tuple) else (cmp.value,)
    quoted = [i18n.tr("words.quote", sayer.lang, text=str(v)) for v in values]
    return cmp.op.value, {"values": i18n.join_words(quoted, sayer.lang, style="or")}


def _no_sample(cmp: Compare, today: date) -> object:
    return None


def _first(cmp: Compare, today: date) -> object:
    value = cmp.value
    return (value[0] if value else None) if isinstance(value, tuple) else value


def _today(cmp: Compare, today: date) -> object:
    return today.isoformat()


def _shifted(step: int) -> Callable[[Compare, date], object]:
    def sample(cmp: Compare, today: date) -> object:
        value = cmp.value
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        return value + step if step > 0 else max(value + step, 0)

    return sample


def _ordering(
    op: Op, flip: Op, test: Callable[[Any, Any], Any], sign: str, bound: Bound, step: int
) -> Operator:
    return Operator(
        op,
        Shape.SCALAR,
        _ORDERED,
        scalar.ordered(test),
        masks.ordered(test),
        sql.ordered(sign),
        _bound_terms(flip, "", bound),
        _say_value,
        (op.value,),
        _shifted(step),
    )


def _age(op: Op, flip: Op, within: bool, bound: Bound) -> Operator:
    return Operator(
        op,
        Shape.DURATION,
        _TEMPORAL,
        scalar.aged(within),
        masks.aged(within),
        sql.aged(within),
        _bound_terms(flip, "@age", bound),
        _say_duration,
        (op.value,),
        _today if within else _no_sample,
    )


_R = Range
OPERATORS: dict[Op, Operator] = {
    o.op: o
    for o in (
        Operator(Op.FILLED, Shape.FLAG, _ANY, scalar.filled, masks.filled, sql.filled, _filled_terms,
                 _say_filled, ("filled", "empty"), _no_sample),
        Operator(Op.EQUALS, Shape.SCALAR, _ANY, scalar.ordered(operator.eq), masks.equal(True),
                 sql.equal(True), _member_terms(True), _say_value, ("equals",), _first),
        Operator(Op.NOT_EQUALS, Shape.SCALAR, _ANY, scalar.ordered(operator.ne, empty=True),
                 masks.equal(False), sql.equal(False), _member_terms(False), _say_value, ("not_equals",),
                 _no_sample),
        Operator(Op.IN, Shape.LIST, _ANY, scalar.member(True), masks.member(True), sql.member(True),
                 _member_terms(True), _say_values, ("in",), _first),
        Operator(Op.NOT_IN, Shape.LIST, _ANY, scalar.member(False), masks.member(False), sql.member(False),
                 _member_terms(False), _say_values, ("not_in",), _no_sample),
        _ordering(Op.GREATER, Op.LESS_OR_EQUAL, operator.gt, ">", lambda n: _R(True, lo=n, lo_open=True), 1),
        _ordering(Op.GREATER_OR_EQUAL, Op.LESS, operator.ge, ">=", lambda n: _R(True, lo=n), 1),
        _ordering(Op.LESS, Op.GREATER_OR_EQUAL, operator.lt, "<", lambda n: _R(True, hi=n, hi_open=True), -1),
        _ordering(Op.LESS_OR_EQUAL, Op.GREATER, operator.le, "<=", lambda n: _R(True, hi=n), -1),
        _age(Op.WITHIN, Op.OLDER_THAN, True, lambda n: _R(True, hi=n)),
        _age(Op.OLDER_THAN, Op.WITHIN, False, lambda n: _R(True, lo=n, lo_open=True)),
        Operator(Op.CONTAINS, Shape.FRAGMENT, _TEXT, scalar.contains, masks.contains, sql.contains,
                 _fragment_terms, _say_fragments, ("contains",), _first),
        Operator(Op.MATCHES_ANY, Shape.FRAGMENTS, _TEXT, scalar.contains, masks.contains, sql.contains,
                 _fragment_terms, _say_fragments, ("matches_any",), _first),
    )
}  # fmt: skip

__all__ = ["OPERATORS", "fold"]
