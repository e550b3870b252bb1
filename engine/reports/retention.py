"""``retention``: of clients whose first purchase fell in a month, the share with a second one
within the target's window, as a cohort table against the target (the twelve months up to the
period's end at least); and the clients at risk (no second purchase, the window closing soon)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from engine.model.regulation import Regulation
from engine.reports.facts import share
from engine.reports.spec import Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql

MONTHS = 6
"""Monthly columns of the cohort heat map: the share retained by the end of month 1..6."""
COHORTS = 12
"""The cohort table covers at least the twelve months up to the period's last one: a shorter
period would show only cohorts whose window is still open."""


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    targets = reg.targets
    window = timedelta(days=targets.retention_window_days)
    first_day, last_day = _months(filters)
    buyers = sql.first_purchases(conn, filters)
    cohorts: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    at_risk: list[tuple[Cell, ...]] = []
    for client, name, first, second in buyers:
        if first_day <= first < last_day:
            cohorts[first.strftime("%Y-%m")].append((first, second))
        closes = first + window
        if second is None and filters.today <= closes <= filters.today + timedelta(
            days=targets.retention_warn_days
        ):
            at_risk.append(
                (client, name, first.isoformat(), closes.isoformat(), (closes - filters.today).days)
            )
    rows: list[tuple[Cell, ...]] = []
    grid = []
    for month in sorted(cohorts):
        members = cohorts[month]
        closed = [(f, s) for f, s in members if f + window <= filters.today]
        kept = sum(1 for f, s in members if s is not None and s - f <= window)
        kept_closed = sum(1 for f, s in closed if s is not None and s - f <= window)
        rate = share(kept_closed, len(closed))
        below = (
            None if rate is None or targets.retention_share is None else int(rate < targets.retention_share)
        )
        rows.append((month, len(members), kept, len(closed), rate, targets.retention_share, below))
        grid.append((month, tuple(_by_month(members, k, filters.today) for k in range(1, MONTHS + 1))))
    at_risk.sort(key=lambda r: (r[4], r[0]))
    return Result(
        "retention",
        (
            Table(
                "cohorts",
                (
                    "cohort",
                    "first_purchases",
                    "second_within_window",
                    "window_closed",
                    "retention",
                    "target",
                    "below_target",
                ),
                tuple(rows),
            ),
            Table(
                "at_risk", ("client", "name", "first_purchase", "window_closes", "days_left"), tuple(at_risk)
            ),
        ),
        grid=tuple(grid),
        figures={"target": targets.retention_share, "window_days": targets.retention_window_days},
    )


def _months(filters: Filters) -> tuple[date, date]:
    """The first day of the earliest cohort month, and the day after the period."""
    last = filters.after_day - timedelta(days=1)
    index = last.year * 12 + last.month - 1 - (COHORTS - 1)
    earliest = date(index // 12, index % 12 + 1, 1)
    return min(earliest, filters.first_day.replace(day=1)), filters.after_day


def _by_month(members: list[tuple[date, date | None]], months: int, today: date) -> float | None:
    """The share with a second purchase within ``months`` × 30 days, among those that old."""
    span = timedelta(days=30 * months)
    old = [(f, s) for f, s in members if f + span <= today]
    return share(sum(1 for f, s in old if s is not None and s - f <= span), len(old))


SPEC = ReportSpec("retention", compute, "heatmap", ("cohorts", "at_risk"))
