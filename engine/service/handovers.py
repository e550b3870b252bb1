"""What a hand-over is, and the hand-over report: per sending department (role) and manager, what
was handed over in a period and what became of it — where the clients stand now, how many were
won, lost (with which reasons), and how soon the receiving manager first got in touch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from engine.model.funnel import StageKind
from engine.model.ownership import Rule
from engine.model.regulation import Regulation
from engine.runtime.facts import zone
from engine.service.workspace import Workspace
from engine.store import Tx
from engine.store import handovers as store

HOUR = 3600.0

HANDOVER_RULE_KIND = "stage"
"""Only a stage's rule hands a client over (see :func:`is_handover`)."""


def is_handover(source_owner: str | None, source_role: str | None, rule: Rule) -> bool:
    """Whether giving a client a new owner by ``rule`` is a hand-over — logged, counted by the
    report and put first on the receiver's call list (``handed_over_at``).

    A hand-over is the domain's passing of a client between departments as it moves along the
    funnel (DOMAIN.md, subprocesses of sales): telemarketing qualifies a lead and hands it to
    sales, with the note and fields the regulation's ``handover`` rule demands, and the receiver
    must take it up. So it is one only when a person owned the client, the new owner is of
    another role, and the rule wanting that role is the client's stage's. A cell's policy
    giving a client to another role after ABC-XYZ re-sorts the portfolio; a first owner; a
    colleague of the same role taking over a leaving manager's clients: none of these is one —
    the client's work goes on by its stage and cell (planned contacts), with nothing handed
    over to act on."""
    return (
        source_owner is not None
        and source_role is not None
        and source_role != rule.role
        and rule.kind == HANDOVER_RULE_KIND
    )


@dataclass(frozen=True, slots=True)
class Count:
    id: str
    clients: int


@dataclass(slots=True)
class HandoverLine:
    """One sender (a manager, or a whole department when ``manager`` is None)."""

    department: str
    manager: str | None
    handed: int = 0
    won: int = 0
    lost: int = 0
    open: int = 0
    stages: list[Count] = field(default_factory=list)
    """Where the handed-over clients stand now, by stage."""
    lost_reasons: list[Count] = field(default_factory=list)
    contacted: int = 0
    """Clients the receiving manager got in touch with after the hand-over."""
    first_contact_hours: float | None = None
    """The average time from the hand-over to the receiver's first contact, in hours."""


@dataclass(frozen=True, slots=True)
class HandoverReport:
    since: date
    until: date
    """Both days included, in the regulation's time zone."""
    departments: list[HandoverLine]
    managers: list[HandoverLine]


def report(ws: Workspace, since: date, until: date) -> HandoverReport:
    reg = ws.regulation
    tz = zone(reg.timezone)
    start = datetime.combine(since, time(0), tz)
    end = datetime.combine(until + timedelta(days=1), time(0), tz)
    with ws.db.read() as conn:
        teams, people = summarize(conn, reg, start, end)
    return HandoverReport(since, until, teams, people)


def summarize(
    conn: Tx, reg: Regulation, start: datetime, end: datetime
) -> tuple[list[HandoverLine], list[HandoverLine]]:
    """The hand-overs of ``[start, end)``: one line per sending department, one per sender."""
    kinds = {s.id: s.kind for s in reg.funnel.stages}
    lost = [s for s, k in kinds.items() if k is StageKind.LOST]
    rows = store.summary(conn, start, end, lost, HANDOVER_RULE_KIND)  # logs older than the rule, too
    people: dict[tuple[str, str | None], HandoverLine] = {}
    teams: dict[str, HandoverLine] = {}
    seconds: dict[int, float] = {}
    for row in rows:
        department = str(row.from_role or "—")
        for line in (
            people.setdefault((department, row.from_manager), HandoverLine(department, row.from_manager)),
            teams.setdefault(department, HandoverLine(department, None)),
        ):
            _add(line, row, kinds.get(str(row.stage)))
            seconds[id(line)] = seconds.get(id(line), 0.0) + float(row.seconds or 0.0)
    for line in (*people.values(), *teams.values()):
        _finish(line, seconds.get(id(line), 0.0))
    ordered = sorted(people, key=lambda k: (k[0], k[1] or ""))
    return [teams[k] for k in sorted(teams)], [people[k] for k in ordered]


def _add(line: HandoverLine, row: Any, kind: StageKind | None) -> None:
    n = int(row.handed)
    line.handed += n
    if kind is StageKind.WON:
        line.won += n
    elif kind is StageKind.LOST:
        line.lost += n
        _bump(line.lost_reasons, str(row.reason or "—"), n)
    else:
        line.open += n
    _bump(line.stages, str(row.stage), n)
    line.contacted += int(row.contacted)


def _bump(counts: list[Count], key: str, n: int) -> None:
    for i, c in enumerate(counts):
        if c.id == key:
            counts[i] = Count(key, c.clients + n)
            return
    counts.append(Count(key, n))


def _finish(line: HandoverLine, seconds: float) -> None:
    line.stages.sort(key=lambda c: (-c.clients, c.id))
    line.lost_reasons.sort(key=lambda c: (-c.clients, c.id))
    if line.contacted:
        line.first_contact_hours = round(seconds / line.contacted / HOUR, 2)
