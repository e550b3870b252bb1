"""The SQL forms of the operators: one column of every client as a database expression, the same
answers as :mod:`engine.conditions.masks` client by client (a property test checks it on SQLite
and PostgreSQL). The expressions themselves are the store's (:class:`~engine.conditions.spec.
SqlColumn`); here is only what each operator asks of them, in the column's own terms (a date as
epoch days, true as 1.0, a moments' column compared with a date by its day)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from engine.conditions.masks import day_of, target
from engine.conditions.scalar import fragments
from engine.conditions.spec import SqlColumn
from engine.model.card import FieldType
from engine.model.condition import Compare

Form = Callable[[Compare, SqlColumn], Any]


def in_terms(value: object, col: SqlColumn) -> tuple[float | str | None, bool]:
    """The regulation's value in the column's terms and whether the column counts by day; None
    when no value of the column can equal it (a text for a number, a number for a text)."""
    if col.kind is FieldType.DATETIME and col.numeric and isinstance(value, str) and len(value) == 10:
        wanted: object = day_of(value)
        by_day = True
    else:
        wanted, by_day = target(value, col), False
    if col.numeric:
        number = wanted if isinstance(wanted, float) else math.nan
        return (None if math.isnan(number) else number), by_day
    return (wanted if isinstance(wanted, str) else None), by_day


def filled(cmp: Compare, col: SqlColumn) -> Any:
    present = col.present()
    return present if cmp.value else col.negate(present)


def member(inside: bool) -> Form:
    def build(cmp: Compare, col: SqlColumn) -> Any:
        values = cmp.value if isinstance(cmp.value, tuple) else ()
        options = [(v, day) for v, day in (in_terms(value, col) for value in values) if v is not None]
        hit = col.member(options) if options else col.never()
        return hit if inside else col.negate(hit)

    return build


def equal(same: bool) -> Form:
    def build(cmp: Compare, col: SqlColumn) -> Any:
        value, by_day = in_terms(cmp.value, col)
        hit = col.never() if value is None else col.compare("=", value, by_day)
        return hit if same else col.negate(hit)

    return build


def ordered(sign: str) -> Form:
    def build(cmp: Compare, col: SqlColumn) -> Any:
        value, by_day = in_terms(cmp.value, col)
        if not col.numeric or value is None:
            return col.never()
        return col.compare(sign, value, by_day)

    return build


def aged(within: bool) -> Form:
    def build(cmp: Compare, col: SqlColumn) -> Any:
        seconds = float(cmp.value) if isinstance(cmp.value, int | float) else 0.0
        return col.age(within, seconds) if col.numeric else col.never()

    return build


def contains(cmp: Compare, col: SqlColumn) -> Any:
    wanted = fragments(cmp)
    return col.contains(wanted) if wanted else col.never()
