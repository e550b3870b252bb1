"""``forecast``: the weighted pipeline now (stage probability × expected deal) by manager and
stage; and, per month of the period and manager, the weighted pipeline as it stood when the
month began (each client at the stage it then stood on, read from the history) against the
revenue won in the month."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from engine.model.labels import Thing, labels
from engine.model.regulation import Regulation
from engine.reports.facts import ordered, stages
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    rank = {s.id: i for i, s in enumerate(ordered(reg))}
    named = labels(reg, Thing.STAGE)
    lines = sorted(sql.pipeline(conn, filters, stages(reg)), key=lambda r: (r[0] or "", rank.get(r[1], 99)))
    weighted: dict[str | None, float] = defaultdict(float)
    rows: list[tuple[Cell, ...]] = []
    for owner, stage, clients, deals, value in lines:
        weighted[owner] += value
        rows.append((owner, named.get(stage, stage), clients, round(deals, 2), round(value, 2)))
    won: dict[str | None, float] = defaultdict(float)
    by_month: dict[int, dict[str | None, float]] = defaultdict(dict)
    for month, owner, revenue in sql.won_by_month(conn, filters):
        won[owner] += revenue
        by_month[month][owner] = revenue
    monthly = _months(conn, reg, filters, by_month)
    managers = sorted(set(weighted) | set(won), key=lambda m: m or "")
    summary = tuple((m, round(weighted.get(m, 0.0), 2), round(won.get(m, 0.0), 2)) for m in managers)
    return Result(
        "forecast",
        (
            Table("managers", ("manager", "weighted_pipeline", "won_revenue"), summary),
            Table("pipeline", ("manager", "stage", "clients", "deals", "weighted_pipeline"), tuple(rows)),
            Table("months", ("month", "manager", "pipeline_at_start", "won_revenue"), monthly),
        ),
        bars=tuple(
            Bar(m, float(w), float(r), target=False, column="weighted_pipeline") for m, w, r in summary
        ),
        figures={
            "weighted_pipeline": round(sum(weighted.values()), 2),
            "won_revenue": round(sum(won.values()), 2),
        },
    )


MONTHS = 12
"""At most this many months are looked back on (the latest ones of the period)."""


def _months(
    conn: Tx, reg: Regulation, filters: Filters, won: dict[int, dict[str | None, float]]
) -> tuple[tuple[Cell, ...], ...]:
    zone = ZoneInfo(reg.timezone)
    first = filters.first_day.year * 12 + filters.first_day.month - 1
    last_day = filters.after_day - timedelta(days=1)
    last = last_day.year * 12 + last_day.month - 1
    renamed, funnel = sql.Renamed.read(conn), stages(reg)
    rows: list[tuple[Cell, ...]] = []
    for month in range(max(first, last - MONTHS + 1), last + 1):
        start = datetime.combine(date(month // 12, month % 12 + 1, 1), time(0), zone).astimezone(UTC)
        then = sql.pipeline_at(conn, filters, renamed, funnel, start)
        for owner in sorted(set(then) | set(won.get(month, {})), key=lambda m: m or ""):
            rows.append(
                (
                    f"{month // 12}-{month % 12 + 1:02d}",
                    owner,
                    round(then.get(owner, 0.0), 2),
                    round(won.get(month, {}).get(owner, 0.0), 2),
                )
            )
    return tuple(rows)


SPEC = ReportSpec("forecast", compute, "bars", ("managers", "pipeline", "months"))
