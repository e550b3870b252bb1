"""``stuck``: open clients over their stage's SLA, without a next step or with a late one, by
stage and manager, and the clients themselves, highest expected value first."""

from __future__ import annotations

from collections import defaultdict

from engine.model.labels import Thing, labels
from engine.model.regulation import Regulation
from engine.reports.facts import ordered, stages
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql

LIST_LIMIT = 100


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    facts = stages(reg)
    groups = sql.stuck_by_stage(conn, filters, facts, filters.now, filters.today)
    clients = sql.stuck_list(conn, filters, facts, filters.now, filters.today, LIST_LIMIT)
    named = labels(reg, Thing.STAGE)
    per_stage: dict[str, int] = defaultdict(int)
    group_rows: list[tuple[Cell, ...]] = []
    rank = {s.id: i for i, s in enumerate(ordered(reg))}
    for stage, owner, stuck, over, no_step, late, value in sorted(
        groups, key=lambda g: (rank.get(g[0], 99), g[1] or "")
    ):
        per_stage[stage] += stuck
        group_rows.append((named.get(stage, stage), owner, stuck, over, no_step, late, round(value, 2)))
    client_rows = tuple(
        (
            c["id"],
            c["name"],
            named.get(c["stage"], c["stage"]),
            c["owner"],
            round(float(c["days"]), 1),
            round(float(c["days"]) - float(c["sla"]), 1) if c["sla"] >= 0 and c["days"] > c["sla"] else None,
            1 if c["no_step"] else 0,
            c["next_due_date"].isoformat() if c["late"] and c["next_due_date"] else "",
            round(float(c["value"] or 0), 2),
        )
        for c in clients
    )
    bars = tuple(Bar(s.label, float(per_stage[s.id])) for s in ordered(reg) if s.id in per_stage)
    return Result(
        "stuck",
        (
            Table(
                "groups",
                ("stage", "manager", "stuck", "over_sla", "no_step", "late", "expected_value"),
                tuple(group_rows),
            ),
            Table(
                "clients",
                (
                    "client",
                    "name",
                    "stage",
                    "manager",
                    "days_in_stage",
                    "days_over",
                    "no_step",
                    "late_since",
                    "expected_value",
                ),
                client_rows,
            ),
        ),
        bars=bars,
        figures={"stuck": sum(per_stage.values())},
    )


SPEC = ReportSpec("stuck", compute, "bars", ("groups", "clients"))
