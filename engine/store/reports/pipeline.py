"""Open clients now: who is stuck (over the SLA, without a next step, late) and the weighted pipeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.engine import Connection

from engine.store.reports.common import (
    Renamed,
    Scope,
    by_stage,
    client_conditions,
    days_between,
    deal_size,
    dialect,
)
from engine.store.tables import CLIENT, HISTORY, MANAGER
from engine.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class Stages:
    """What the statements need of the funnel, as plain values."""

    open: Sequence[str]
    sla_days: Mapping[str, float]
    needs_step: Sequence[str]
    probability: Mapping[str, float]
    deal_field: str | None = None
    deal_by_potential: Mapping[str, float] | None = None
    deal_default: float = 0.0


def _flags(conn: Connection, stages: Stages, now: datetime, today: date) -> dict[str, Any]:
    days = days_between(literal(now, UTCDateTime), CLIENT.c.stage_since, dialect(conn))
    sla = by_stage(CLIENT.c.stage, stages.sla_days, -1.0)
    deadlines = {s: literal(now - timedelta(days=d), UTCDateTime) for s, d in stages.sla_days.items()}
    deadline = case(deadlines, value=CLIENT.c.stage, else_=None) if deadlines else literal(None)
    over = CLIENT.c.stage_since < deadline  # compared as stored: no date arithmetic per client
    no_step = and_(CLIENT.c.next_action.is_(None), CLIENT.c.stage.in_(list(stages.needs_step) or [""]))
    late = CLIENT.c.next_due_date < today
    return {"days": days, "sla": sla, "over": over, "no_step": no_step, "late": late}


def _with_owner() -> Any:
    return CLIENT.outerjoin(MANAGER, MANAGER.c.id == CLIENT.c.owner_id)


def _value(stages: Stages) -> Any:
    deal = deal_size(stages.deal_field, stages.deal_by_potential or {}, stages.deal_default)
    return by_stage(CLIENT.c.stage, stages.probability) * deal


def _stuck_where(scope: Scope, stages: Stages, flags: Mapping[str, Any]) -> list[Any]:
    return [
        CLIENT.c.stage.in_(list(stages.open) or [""]),
        or_(flags["over"], flags["no_step"], flags["late"]),
        *client_conditions(scope),
    ]


def stuck_by_stage(
    conn: Connection, scope: Scope, stages: Stages, now: datetime, today: date
) -> list[tuple[str, str | None, int, int, int, int, float]]:
    """(stage, owner, stuck, over the SLA, without a next step, late, expected value) per group."""
    f = _flags(conn, stages, now, today)
    owner = MANAGER.c.login
    rows = conn.execute(
        select(
            CLIENT.c.stage,
            owner,
            func.count(),
            *(func.sum(case((f[k], 1), else_=0)) for k in ("over", "no_step", "late")),
            func.sum(_value(stages)),
        )
        .select_from(_with_owner())
        .where(*_stuck_where(scope, stages, f))
        .group_by(CLIENT.c.stage, owner)
    ).all()
    return [(r[0], r[1], int(r[2]), int(r[3]), int(r[4]), int(r[5]), float(r[6] or 0)) for r in rows]


def stuck_list(
    conn: Connection, scope: Scope, stages: Stages, now: datetime, today: date, limit: int
) -> list[dict[str, Any]]:
    """The stuck clients of highest expected value first (at most ``limit``)."""
    f = _flags(conn, stages, now, today)
    value = _value(stages).label("value")
    rows = conn.execute(
        select(
            CLIENT.c.id,
            CLIENT.c.name,
            CLIENT.c.stage,
            MANAGER.c.login.label("owner"),
            f["days"].label("days"),
            f["sla"].label("sla"),
            f["no_step"].label("no_step"),
            f["late"].label("late"),
            CLIENT.c.next_due_date,
            value,
        )
        .select_from(_with_owner())
        .where(*_stuck_where(scope, stages, f))
        .order_by(value.desc(), CLIENT.c.id)
        .limit(limit)
    ).all()
    return [dict(r._mapping) for r in rows]


def pipeline_at(
    conn: Connection, scope: Scope, renamed: Renamed, stages: Stages, moment: datetime
) -> dict[str | None, float]:
    """Owner → the weighted pipeline as it stood at ``moment``: each client at the stage it
    stood on then — where its first stage entry since left it from, or, with none since, where
    it stands now (so only the history since ``moment`` is read); clients that came later are
    not in it; today's deal and owner."""
    first = (
        select(HISTORY.c.client_id, func.min(HISTORY.c.id).label("first"))
        .where(HISTORY.c.at >= moment, HISTORY.c.to_stage.is_not(None))
        .group_by(HISTORY.c.client_id)
        .subquery("first")
    )
    since = HISTORY.alias("since")
    came_later = since.c.kind.in_(("created", "imported"))
    left = renamed.now(since.c.from_stage)  # a stage renamed since: the one it became
    then = case((came_later, None), else_=func.coalesce(left, CLIENT.c.stage))
    deal = deal_size(stages.deal_field, stages.deal_by_potential or {}, stages.deal_default)
    clients = (
        select(MANAGER.c.login.label("owner"), deal.label("deal"), then.label("stage"))
        .select_from(
            _with_owner()
            .outerjoin(first, first.c.client_id == CLIENT.c.id)
            .outerjoin(since, since.c.id == first.c.first)
        )
        .where(CLIENT.c.created_at < moment, *client_conditions(scope))
        .subquery("c")
    )
    weight = by_stage(clients.c.stage, stages.probability)
    rows = conn.execute(
        select(clients.c.owner, func.sum(weight * clients.c.deal))
        .where(clients.c.stage.in_(list(stages.open) or [""]))
        .group_by(clients.c.owner)
    ).all()
    return {r[0]: float(r[1] or 0) for r in rows}


def pipeline(
    conn: Connection, scope: Scope, stages: Stages
) -> list[tuple[str | None, str, int, float, float]]:
    """(owner, stage, open clients, their deals, the deals weighted by the stage's probability)."""
    owner = MANAGER.c.login
    deal = deal_size(stages.deal_field, stages.deal_by_potential or {}, stages.deal_default)
    rows = conn.execute(
        select(CLIENT.c.stage, owner, func.count(), func.sum(deal), func.sum(_value(stages)))
        .select_from(_with_owner())
        .where(CLIENT.c.stage.in_(list(stages.open) or [""]), *client_conditions(scope))
        .group_by(CLIENT.c.stage, owner)
    ).all()
    return [(r[1], r[0], int(r[2]), float(r[3] or 0), float(r[4] or 0)) for r in rows]
