"""Periods for ABC-XYZ: weeks, months or quarters as consecutive integers (the database computes
the same numbers in :func:`engine.store.classes.period_column`)."""

from __future__ import annotations

from datetime import date, timedelta

from engine.store.classes import EPOCH_MONDAY as _EPOCH_MONDAY


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
