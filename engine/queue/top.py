"""The first rows of the call list and the count of each bucket, computed by the database.

A list that shows its first rows needs neither every client's facts nor every client in Python:
the buckets' conditions are their operators' SQL forms (:mod:`engine.conditions.sql`) over the
facts as database expressions (:mod:`engine.store.queue_sql`), and the database counts each
bucket and sorts only the buckets the shown rows come from. What the facts depend on besides the
client row — the stages, each time zone's wall clock and working hours at the moment, the cells'
contact intervals, the deal size — is computed here, once per stage, zone or cell, as
:mod:`engine.queue.facts` does.
"""

from __future__ import annotations

from datetime import datetime

from engine.model.card import FieldType
from engine.model.funnel import StageKind
from engine.queue.facts import DAY
from engine.runtime.facts import WORK_DAYS, Runtime, zone
from engine.service.workspace import Workspace
from engine.store import Tx
from engine.store.queue_pick import Picked, Rules, pick
from engine.store.queue_read import zones
from engine.store.queue_sql import Setting
from engine.values.facts import FACTS


def picked(
    ws: Workspace, conn: Tx, manager: str | None, at: datetime, limit: int, fields: list[str]
) -> Picked | None:
    """The counts and the first ``limit`` rows, or None when some fact or field the priorities
    use has no SQL expression."""
    reg = ws.regulation
    prio = reg.priorities
    assert prio is not None
    kinds = {**{f.id: f.type for f in reg.card.fields}, **{k: v.type for k, v in FACTS.items()}}
    rules = Rules(
        prio.scope,
        [(b.when, [(k.by, k.descending) for k in b.sort]) for b in prio.buckets],
        kinds,
    )
    lost = [s.id for s in reg.funnel.stages if s.kind is StageKind.LOST]
    card = {f: t for f in fields if (t := kinds.get(f)) is not None and reg.card.field(f) is not None}
    setting = setting_at(ws.runtime, at, zones(conn, manager), card)
    return pick(conn, setting, rules, limit, owner=manager, except_stages=lost)


def setting_at(runtime: Runtime, at: datetime, names: list[str], card: dict[str, FieldType]) -> Setting:
    """The per-stage, per-zone and per-cell values the facts take at ``at``."""
    stages = {k: runtime.stages[k] for k in runtime.stages}
    deal = runtime.potential.deal
    wall = {name: _wall(at, name) for name in names}
    other = runtime.stages["\0"]  # the stand-in of a stage the regulation does not have
    return Setting(
        now=at,
        stage_kind={k: s.kind.value for k, s in stages.items()},
        stage_order={k: float(s.order) for k, s in stages.items()},
        probability={k: float(s.probability) for k, s in stages.items()},
        sla={k: float(s.sla_seconds) for k, s in stages.items() if s.sla_seconds},
        other_stage=(other.kind.value, float(other.order), float(other.probability)),
        wall=wall,
        in_hours={name: _in_hours(runtime, wall[name]) for name in names},
        late_after_minutes=runtime.late_after / 60,
        intervals={k: float(v) for k, v in runtime.intervals.items() if v is not None},
        deal_field=deal.field if deal is not None else None,
        by_potential={k: float(v) for k, v in deal.by_potential.items()} if deal is not None else None,
        deal_default=float(deal.default) if deal is not None else 0.0,
        card=card,
    )


def _wall(at: datetime, name: str) -> float:
    """As ``facts.local_clock``: the local wall-clock seconds since the epoch."""
    offset = at.astimezone(zone(name)).utcoffset()
    return at.timestamp() + (offset.total_seconds() if offset else 0.0)


def _in_hours(runtime: Runtime, wall: float) -> float:
    hours = runtime.work_hours
    if hours is None:
        return 1.0
    day = wall // DAY
    seconds = wall - day * DAY
    start = hours[0].hour * 3600 + hours[0].minute * 60
    end = hours[1].hour * 3600 + hours[1].minute * 60
    weekday = (day + 3) % 7
    return 1.0 if weekday in WORK_DAYS and start <= seconds < end else 0.0
