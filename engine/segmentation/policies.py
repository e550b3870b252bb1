"""Cell policies at work: planned contacts, and who keeps to the contact intervals.

A client whose cell has a contact interval, who has no open next step, and whose last contact
is older than the interval (or who was never contacted) gets a planned contact for today, in
the client's own date. The compliance report counts, per manager and per cell, the classified
clients contacted within their interval (on time), beyond it (late) and never.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from engine import i18n
from engine.model.funnel import StageKind
from engine.runtime.facts import zone
from engine.service.workspace import Workspace
from engine.store import Tx, history
from engine.store import classes as classes_store
from engine.values.durations import every


def plan_contacts(ws: Workspace, actor: str, at: datetime | None = None, lang: str = "ru") -> int:
    """Create the planned contacts the cell policies call for; returns how many."""
    seg = ws.regulation.segments
    if seg is None:
        return 0
    moment = at or ws.now()
    lost = [s.id for s in ws.regulation.funnel.stages if s.kind is StageKind.LOST]
    planned = 0
    with ws.db.write() as conn:
        ws.register(conn)
        for cell, policy in seg.cells.items():
            if not policy.contact_interval_seconds:
                continue
            cutoff = moment - timedelta(seconds=policy.contact_interval_seconds)
            rows = classes_store.due_for_contact(conn, cell, lost, cutoff)
            if rows:
                interval = every(policy.contact_interval_seconds, lang)
                action = i18n.tr(
                    "policy.action", lang, cell=cell, label=policy.label.get(lang), interval=interval
                )
                planned += _plan_cell(ws, conn, rows, cell, action, moment, actor)
    return planned


def _plan_cell(
    ws: Workspace, conn: Tx, rows: Sequence[Any], cell: str, action: str, moment: datetime, actor: str
) -> int:
    """One cell's due clients get the planned contact as their task, with a history entry each."""
    updates = [
        {
            "p_id": r.id,
            "p_version": r.version,
            "p_action": action,
            "p_at": moment,
            "p_date": moment.astimezone(zone(r.timezone)).date(),
        }
        for r in rows
    ]
    task = {"kind": "policy", "action": action, "status": "open", "created_at": moment, "created_by": actor}
    classes_store.plan(
        conn, updates, [{**task, "client_id": u["p_id"], "due_date": u["p_date"]} for u in updates]
    )
    history.append(
        conn,
        [
            history.entry(
                u["p_id"],
                moment,
                actor,
                "task",
                ws.tag,
                data={"policy": cell, "action": action, "due_date": u["p_date"].isoformat()},
            )
            for u in updates
        ],
    )
    return len(updates)


@dataclass(slots=True)
class Tally:
    on_time: int = 0
    late: int = 0
    never: int = 0
    overdue_days: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.never

    def as_dict(self) -> dict[str, Any]:
        share = self.on_time / self.total if self.total else 0.0
        late = round(statistics.median(self.overdue_days)) if self.overdue_days else 0
        return {
            "on_time": self.on_time,
            "late": self.late,
            "never": self.never,
            "total": self.total,
            "on_time_share": round(share, 4),
            "median_days_late": late,
        }


@dataclass(slots=True)
class Compliance:
    at: datetime
    by_manager: dict[str, Tally]
    by_cell: dict[str, Tally]

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "by_manager": {k: v.as_dict() for k, v in self.by_manager.items()},
            "by_cell": {k: v.as_dict() for k, v in self.by_cell.items()},
        }


def compliance(ws: Workspace, at: datetime | None = None) -> Compliance:
    seg = ws.regulation.segments
    moment = at or ws.now()
    by_manager: dict[str, Tally] = defaultdict(Tally)
    by_cell: dict[str, Tally] = defaultdict(Tally)
    lost = [s.id for s in ws.regulation.funnel.stages if s.kind is StageKind.LOST]
    with ws.db.read() as conn:
        rows = classes_store.classified_contacts(conn, lost)
    for abc, xyz, last, owner in rows:
        policy = seg.policy(abc + xyz) if seg else None
        if policy is None or not policy.contact_interval_seconds:
            continue
        for tally in (by_manager[owner or "—"], by_cell[abc + xyz]):
            if last is None:
                tally.never += 1
            elif (moment - last).total_seconds() <= policy.contact_interval_seconds:
                tally.on_time += 1
            else:
                tally.late += 1
                tally.overdue_days.append(
                    int(((moment - last).total_seconds() - policy.contact_interval_seconds) // 86400)
                )
    return Compliance(moment, dict(sorted(by_manager.items())), dict(sorted(by_cell.items())))
