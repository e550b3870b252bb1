"""``managers``: per manager, contacts by kind per working day against the role's norms, results,
conversion, revenue, clients per ABC-XYZ cell, and clients whose owner's role differs from
their cell's ``owner_role``."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from engine.model.funnel import StageKind
from engine.model.labels import Thing, label_text
from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.reports.facts import of_kind, share
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql
from engine.store.managers import every


def working_days(filters: Filters) -> int:
    """Weekdays (Monday to Friday) in the period, at least one."""
    day, end, n = filters.first_day, filters.after_day, 0
    while day < end:
        n += day.weekday() < 5
        day += timedelta(days=1)
    return max(n, 1)


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    roles = {m.login: m.role for m in every(conn)}
    days = working_days(filters)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    results: dict[str, Counter[str]] = defaultdict(Counter)
    for who, kind, result, n in sql.activity(conn, filters):
        kinds[who][kind] += n
        results[who][result] += n
    activity: list[tuple[Cell, ...]] = []
    bars: list[Bar] = []
    for who in sorted(kinds):
        norms = reg.targets.norms_of(roles.get(who))
        for kind in sorted(set(kinds[who]) | set(norms)):
            per_day = round(kinds[who][kind] / days, 2)
            norm = norms.get(kind)
            below = None if norm is None else int(per_day < norm)
            said = label_text(reg, Thing.CONTACT_KIND, kind)
            activity.append((who, _role(reg, roles.get(who)), said, kinds[who][kind], per_day, norm, below))
            if norm is not None:
                bars.append(Bar(_prefixed(who, said), per_day, norm))
    outcome = tuple(
        (who, label_text(reg, Thing.CONTACT_RESULT, result), n)
        for who in sorted(results)
        for result, n in sorted(results[who].items())
    )
    revenue: dict[str | None, float] = defaultdict(float)
    for _, owner, amount in sql.won_by_month(conn, filters):
        revenue[owner] += amount
    results_by_owner = sql.manager_results(conn, filters, sql.Renamed.read(conn), of_kind(reg, StageKind.WON))
    conversion = tuple(
        (owner, came, won, share(won, came), round(revenue.get(owner, 0.0), 2))
        for owner, came, won in sorted(results_by_owner, key=lambda r: r[0] or "")
    )
    cells, wrong = _cells(conn, reg, filters)
    kept = _compliance(conn, reg, filters)
    return Result(
        "managers",
        (
            Table(
                "activity",
                ("manager", "role", "kind", "contacts", "per_day", "norm_per_day", "below_norm"),
                tuple(activity),
            ),
            Table("results", ("manager", "result", "contacts"), outcome),
            Table("conversion", ("manager", "leads", "won", "conversion_won", "revenue"), conversion),
            Table(
                "compliance", ("manager", "on_time", "clients", "compliance", "target", "below_target"), kept
            ),
            Table("cells", ("manager", "cell", "clients"), cells),
            Table("wrong_owner", ("manager", "role", "cell", "owner_role", "clients"), wrong),
        ),
        bars=tuple(bars),
        figures={"working_days": days},
    )


def _compliance(conn: Tx, reg: Regulation, filters: Filters) -> tuple[tuple[Cell, ...], ...]:
    """Classified clients contacted within their cell's interval now, against the target."""
    seg = reg.segments
    intervals = {
        cell: policy.contact_interval_seconds / 86400
        for cell, policy in (seg.cells.items() if seg else ())
        if policy.contact_interval_seconds
    }
    if not intervals:
        return ()
    lost = of_kind(reg, StageKind.LOST)
    target = reg.targets.contact_compliance
    rows = []
    for owner, on_time, total in sorted(
        sql.compliance(conn, filters, intervals, lost, filters.now), key=lambda r: r[0] or ""
    ):
        rate = share(on_time, total)
        below = None if rate is None or target is None else int(rate < target)
        rows.append((owner, on_time, total, rate, target, below))
    return tuple(rows)


def _prefixed(who: str, said: Text | str) -> Cell:
    """«ivanov · Звонок» in every language the label has."""
    if isinstance(said, str):
        return f"{who} · {said}"
    return Text(tuple((lang, f"{who} · {text}") for lang, text in said.values))


def _role(reg: Regulation, role: str | None) -> Cell:
    return label_text(reg, Thing.ROLE, role) if role else role


def _cells(
    conn: Tx, reg: Regulation, filters: Filters
) -> tuple[tuple[tuple[Cell, ...], ...], tuple[tuple[Cell, ...], ...]]:
    policies = reg.segments.cells if reg.segments else {}
    cells: list[tuple[Cell, ...]] = []
    wrong: list[tuple[Cell, ...]] = []
    for owner, role, cell, n in sorted(sql.cells_by_owner(conn, filters), key=lambda r: (r[0] or "", r[2])):
        cells.append((owner, cell, n))
        policy = policies.get(cell)
        if policy is not None and policy.owner_role and role != policy.owner_role:
            wrong.append((owner, _role(reg, role), cell, _role(reg, policy.owner_role), n))
    return tuple(cells), tuple(wrong)


SPEC = ReportSpec(
    "managers", compute, "bars", ("activity", "results", "conversion", "compliance", "cells", "wrong_owner")
)
