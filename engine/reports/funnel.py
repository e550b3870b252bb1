"""``funnel``: per stage, entries in the period, conversion onwards and to won, time in stage
(median and p90), the cohort view, and the reverse plan from the buyers' target by the norms."""

from __future__ import annotations

import numpy as np

from engine.model.funnel import StageKind
from engine.model.regulation import Regulation
from engine.reports.facts import of_kind, ordered, orders, share
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    renamed = sql.Renamed.read(conn)
    won, lost = of_kind(reg, StageKind.WON), of_kind(reg, StageKind.LOST)
    flow = sql.stage_flow(conn, filters, renamed, orders(reg), won, lost)
    names, spent = sql.stage_durations(conn, filters, renamed)
    cohort, reached = sql.cohort_reach(conn, filters, renamed)
    rows: list[tuple[Cell, ...]] = []
    for stage in ordered(reg):
        if stage.kind is StageKind.LOST:
            continue
        entered, onwards, to_won = flow.get(stage.id, (0, 0, 0))
        days = spent[names == stage.id]
        median, p90 = (None, None) if not days.size else _quantiles(days)
        sla = round(stage.sla_seconds / 86400, 1) if stage.sla_seconds else None
        rows.append(
            (
                stage.label,
                entered,
                onwards,
                share(onwards, entered),
                to_won,
                share(to_won, entered),
                median,
                p90,
                sla,
            )
        )
    cohort_rows = tuple(
        (s.label, reached.get(s.id, 0), share(reached.get(s.id, 0), cohort)) for s in ordered(reg)
    )
    calls = _calls(conn, filters)
    plan, bars = _plan(reg, filters, flow, calls)
    per_manager = _plan_by_manager(conn, reg, filters, renamed, plan, calls)
    return Result(
        "funnel",
        (
            Table(
                "stages",
                (
                    "stage",
                    "entered",
                    "went_on",
                    "conversion_next",
                    "won",
                    "conversion_won",
                    "median_days",
                    "p90_days",
                    "sla_days",
                ),
                tuple(rows),
            ),
            Table("cohort", ("stage", "reached", "share_of_cohort"), cohort_rows),
            Table("plan", ("step", "norm", "needed", "actual", "gap"), plan),
            Table("plan_managers", ("manager", "step", "needed", "actual", "gap"), per_manager),
        ),
        bars=bars,
        figures={"cohort": cohort},
    )


def _quantiles(days: np.ndarray) -> tuple[float, float]:
    median, p90 = np.percentile(days, [50, 90])
    return round(float(median), 1), round(float(p90), 1)


def _calls(conn: Tx, filters: Filters) -> dict[str, int]:
    """Calls made in the period, per manager (the first step of the conversion norms)."""
    made: dict[str, int] = {}
    for who, kind, _, n in sql.activity(conn, filters):
        if kind == "call":
            made[who] = made.get(who, 0) + n
    return made


def _plan(
    reg: Regulation, filters: Filters, flow: dict[str, tuple[int, int, int]], calls_by_manager: dict[str, int]
) -> tuple[tuple[tuple[Cell, ...], ...], tuple[Bar, ...]]:
    """The reverse plan: the buyers' target for the period, scaled up step by step by the
    conversion norms, against what was done."""
    norms = reg.funnel.conversion_norms
    target = reg.targets.buyers_per_month
    if not norms or not norms[-1].count:
        return (), ()
    months = filters.days / 30.4
    buyers = target * months if target else None
    calls = sum(calls_by_manager.values())
    rows: list[tuple[Cell, ...]] = []
    bars: list[Bar] = []
    for norm in norms:
        needed = round(buyers * norm.count / norms[-1].count, 1) if buyers is not None else None
        actual = flow.get(norm.stage, (0, 0, 0))[0] if norm.stage else calls
        gap = round(actual - needed, 1) if needed is not None else None
        rows.append((norm.label, norm.count, needed, actual, gap))
        bars.append(Bar(norm.label, float(actual), needed))
    return tuple(rows), tuple(bars)


def _plan_by_manager(
    conn: Tx,
    reg: Regulation,
    filters: Filters,
    renamed: sql.Renamed,
    plan: tuple[tuple[Cell, ...], ...],
    calls: dict[str, int],
) -> tuple[tuple[Cell, ...], ...]:
    """Each manager against an equal share of the plan (the team: managers who own clients)."""
    norms = reg.funnel.conversion_norms
    team = sql.owners(conn)
    if not plan or not team:
        return ()
    done: dict[tuple[str | None, str | None], int] = {}
    for owner, stage, n in sql.entries_by_owner(conn, filters, renamed, [n.stage for n in norms if n.stage]):
        done[(owner, stage)] = n
    for who, n in calls.items():
        done[(who, None)] = n
    managers = sorted({who for who, _ in done if who} | ({filters.manager} if filters.manager else set()))
    rows: list[tuple[Cell, ...]] = []
    for who in managers:
        for norm, line in zip(norms, plan, strict=True):
            needed = line[2]
            share = round(float(needed) / team, 1) if isinstance(needed, int | float) else None
            actual = done.get((who, norm.stage), 0)
            rows.append((who, norm.label, share, actual, None if share is None else round(actual - share, 1)))
    return tuple(rows)


SPEC = ReportSpec("funnel", compute, "bars", ("stages", "cohort", "plan", "plan_managers"))
