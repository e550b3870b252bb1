"""Periods for ABC-XYZ: weeks, months or quarters as consecutive integers, in SQL and Python."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Integer, cast, func, literal
from sqlalchemy.sql import ColumnElement

from engine.store.tables import Sale

SALE = Sale.__table__  # type: ignore[attr-defined]
_EPOCH_MONDAY = date(1970, 1, 5)


def period_of(step: str, day: date) -> int:
    """The period number of ``day``: consecutive integers, one per week, month or quarter."""
    month = day.year * 12 + day.month - 1
    if step == "month":
        return month
    if step == "quarter":
        return month // 3
    return (day - _EPOCH_MONDAY).days // 7


def period_start(step: str, period: int) -> date:
    if step == "month":
        return date(period // 12, period % 12 + 1, 1)
    if step == "quarter":
        return period_start("month", period * 3)
    return _EPOCH_MONDAY + timedelta(weeks=period)


def period_column(step: str, dialect: str) -> ColumnElement[Any]:
    """The same period number computed by the database from a sales line."""
    if step == "month":
        column: ColumnElement[Any] = SALE.c.month
        return column
    if step == "quarter":
        return cast(SALE.c.month / 3, Integer) if dialect == "sqlite" else func.div(SALE.c.month, 3)
    if dialect == "sqlite":
        return cast(
            func.floor((func.julianday(SALE.c.day) - func.julianday(literal("1970-01-05"))) / 7), Integer
        )
    return func.div(SALE.c.day - literal(_EPOCH_MONDAY), 7)
