"""The hand-over report in the registry (``reglament report handovers``, ``/v1/reports/handovers``):
per sending department and manager, what was handed over in the period and what became of it.
The figures are :func:`engine.service.handovers.summarize`'s, the same as ``reglament handovers``."""

from __future__ import annotations

from engine.model.labels import Thing, label_text, labels
from engine.model.regulation import Regulation
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.service.handovers import HandoverLine, summarize
from engine.store import Tx

FIGURES = ("handed", "won", "lost", "in_progress", "contacted_by_receiver", "hours_to_first_contact")


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    teams, people = summarize(conn, reg, filters.start, filters.end)
    if filters.manager is not None:
        people = [p for p in people if p.manager == filters.manager]
    stages, reasons = labels(reg, Thing.STAGE), labels(reg, Thing.REASON)

    def role(line: HandoverLine) -> Cell:
        return label_text(reg, Thing.ROLE, line.department)

    def figures(line: HandoverLine) -> tuple[Cell, ...]:
        return (line.handed, line.won, line.lost, line.open, line.contacted, line.first_contact_hours)

    return Result(
        "handovers",
        (
            Table("departments", ("role", *FIGURES), tuple((role(t), *figures(t)) for t in teams)),
            Table(
                "managers",
                ("role", "manager", *FIGURES),
                tuple((role(p), p.manager, *figures(p)) for p in people),
            ),
            Table(
                "stages",
                ("role", "manager", "stage", "clients"),
                tuple(
                    (role(p), p.manager, stages.get(c.id, c.id), c.clients) for p in people for c in p.stages
                ),
            ),
            Table(
                "reasons",
                ("role", "manager", "reason", "clients"),
                tuple(
                    (role(p), p.manager, reasons.get(c.id, c.id), c.clients)
                    for p in people
                    for c in p.lost_reasons
                ),
            ),
        ),
        bars=tuple(Bar(p.manager or "—", float(p.handed)) for p in people),
    )


SPEC = ReportSpec("handovers", compute, "bars", ("departments", "managers", "stages", "reasons"))
