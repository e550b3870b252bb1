"""``refusals``: refusal reasons by stage, manager and lead source; refusals without a valid reason."""

from __future__ import annotations

from collections import Counter

from engine.model.funnel import StageKind
from engine.model.labels import Thing, labels
from engine.model.regulation import Regulation
from engine.reports.facts import of_kind, said, source_labels
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    groups = sql.refusal_groups(conn, filters, sql.Renamed.read(conn), of_kind(reg, StageKind.LOST))
    stages = {s.id: s for s in reg.funnel.stages}
    reasons = labels(reg, Thing.REASON)
    sources = source_labels(reg)
    by_reason: Counter[str | None] = Counter()
    by_stage: Counter[tuple[str | None, str | None]] = Counter()
    by_manager: Counter[tuple[str, str | None]] = Counter()  # managers only, never another actor
    by_source: Counter[tuple[str | None, str | None]] = Counter()
    invalid: Counter[tuple[str | None, str | None, str | None]] = Counter()
    for stage, reason, who, source, n in groups:
        by_reason[reason] += n
        by_stage[(stage, reason)] += n
        if who is not None:
            by_manager[(who, reason)] += n
        by_source[(source, reason)] += n
        allowed = stages[stage].refusal_reasons if stage in stages else ()
        if reason is None or reason not in allowed:
            invalid[(stage, reason, who)] += n

    def label(reason: str | None) -> Cell:
        return reasons.get(reason, reason) if reason else None

    def stage_label(stage: str | None) -> Cell:
        return stages[stage].label if stage in stages else stage

    total = sum(by_reason.values())
    return Result(
        "refusals",
        (
            Table(
                "reasons",
                ("reason", "count", "share"),
                tuple((label(r), n, round(n / total, 4)) for r, n in _ranked(by_reason)),
            ),
            Table(
                "stages",
                ("stage", "reason", "count"),
                tuple((stage_label(s), label(r), n) for (s, r), n in sorted(by_stage.items(), key=_key)),
            ),
            Table(
                "managers",
                ("manager", "reason", "count"),
                tuple((m, label(r), n) for (m, r), n in sorted(by_manager.items(), key=_key)),
            ),
            Table(
                "sources",
                ("source", "reason", "count"),
                tuple((sources.get(s, s), label(r), n) for (s, r), n in sorted(by_source.items(), key=_key)),
            ),
            Table(
                "invalid",
                ("stage", "reason", "manager", "count"),
                tuple((stage_label(s), r, m, n) for (s, r, m), n in sorted(invalid.items(), key=_key)),
            ),
        ),
        bars=tuple(Bar(label(r) or said("report.no_reason"), float(n)) for r, n in _ranked(by_reason)),
        figures={"refusals": total, "invalid": sum(invalid.values())},
    )


def _ranked(counts: Counter[str | None]) -> list[tuple[str | None, int]]:
    """Most frequent first; ties by id (no reason first), the same on every database."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] or ""))


def _key(item: tuple[tuple[object, ...], int]) -> tuple[str, ...]:
    return tuple("" if x is None else str(x) for x in item[0])


SPEC = ReportSpec("refusals", compute, "bars", ("reasons", "stages", "managers", "sources", "invalid"))
