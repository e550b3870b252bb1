"""``forecast``: the weighted pipeline now (stage probability × expected deal) by manager and
stage, and the revenue won per month and manager in the period to hold against it."""

from __future__ import annotations

from collections import defaultdict

from engine.model.regulation import Regulation
from engine.reports.facts import ordered, scope, stages
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    where = scope(filters)
    rank = {s.id: i for i, s in enumerate(ordered(reg))}
    labels = {s.id: s.label for s in reg.funnel.stages}
    lines = sorted(sql.pipeline(conn, where, stages(reg)), key=lambda r: (r[0] or "", rank.get(r[1], 99)))
    weighted: dict[str | None, float] = defaultdict(float)
    rows: list[tuple[Cell, ...]] = []
    for owner, stage, clients, deals, value in lines:
        weighted[owner] += value
        rows.append((owner, labels.get(stage, stage), clients, round(deals, 2), round(value, 2)))
    won: dict[str | None, float] = defaultdict(float)
    monthly: list[tuple[Cell, ...]] = []
    for month, owner, revenue in sorted(sql.won_by_month(conn, where), key=lambda r: (r[0], r[1] or "")):
        won[owner] += revenue
        monthly.append((f"{month // 12}-{month % 12 + 1:02d}", owner, round(revenue, 2)))
    managers = sorted(set(weighted) | set(won), key=lambda m: m or "")
    summary = tuple((m, round(weighted.get(m, 0.0), 2), round(won.get(m, 0.0), 2)) for m in managers)
    return Result(
        "forecast",
        (
            Table("managers", ("manager", "weighted_pipeline", "won_revenue"), summary),
            Table("pipeline", ("manager", "stage", "clients", "deals", "weighted_pipeline"), tuple(rows)),
            Table("months", ("month", "manager", "won_revenue"), tuple(monthly)),
        ),
        bars=tuple(Bar(m, float(w), float(r)) for m, w, r in summary),
        figures={
            "weighted_pipeline": round(sum(weighted.values()), 2),
            "won_revenue": round(sum(won.values()), 2),
        },
    )


SPEC = ReportSpec("forecast", compute, "bars", ("managers", "pipeline", "months"))
