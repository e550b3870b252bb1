"""Webhook subscriptions: created, listed, paused and resumed, removed; their delivery log and
replays. The deliveries themselves are queued and claimed by ``store/deliveries.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from engine.store.outbox import last_id, sequence
from engine.store.tables import ATTEMPT, DELIVERY, EVENT, WEBHOOK

ALL = "*"


def create(conn: Connection, row: Mapping[str, Any]) -> int:
    """A new subscription; it receives events from now on (replay sends older ones)."""
    sequence(conn)
    values = {**row, "cursor": last_id(conn), "state": "active"}
    return int(conn.execute(insert(WEBHOOK).values(values).returning(WEBHOOK.c.id)).scalar_one())


def listing(conn: Connection) -> list[dict[str, Any]]:
    pending = (
        select(func.count())
        .where(DELIVERY.c.webhook_id == WEBHOOK.c.id, DELIVERY.c.state == "pending")
        .scalar_subquery()
    )
    failed = (
        select(func.count())
        .where(DELIVERY.c.webhook_id == WEBHOOK.c.id, DELIVERY.c.state == "failed")
        .scalar_subquery()
    )
    statement = select(WEBHOOK, pending.label("pending"), failed.label("failed")).order_by(WEBHOOK.c.id)
    return [dict(r._mapping) for r in conn.execute(statement)]


def get(conn: Connection, webhook_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(WEBHOOK).where(WEBHOOK.c.id == webhook_id)).first()
    return dict(row._mapping) if row else None


def set_state(conn: Connection, webhook_id: int, state: str, reason: str | None, at: datetime) -> bool:
    done = conn.execute(
        update(WEBHOOK)
        .where(WEBHOOK.c.id == webhook_id)
        .values(state=state, paused_reason=reason, updated_at=at)
    )
    return bool(done.rowcount)


def remove(conn: Connection, webhook_id: int) -> bool:
    doomed = select(DELIVERY.c.id).where(DELIVERY.c.webhook_id == webhook_id)
    conn.execute(delete(ATTEMPT).where(ATTEMPT.c.delivery_id.in_(doomed)))
    conn.execute(delete(DELIVERY).where(DELIVERY.c.webhook_id == webhook_id))
    return bool(conn.execute(delete(WEBHOOK).where(WEBHOOK.c.id == webhook_id)).rowcount)


def log(conn: Connection, webhook_id: int, limit: int) -> list[dict[str, Any]]:
    """The latest attempts of a subscription's deliveries, newest first."""
    statement = (
        select(
            ATTEMPT.c.id,
            ATTEMPT.c.at,
            ATTEMPT.c.status,
            ATTEMPT.c.error,
            ATTEMPT.c.duration_ms,
            DELIVERY.c.event_id,
            DELIVERY.c.state,
            DELIVERY.c.attempts,
            EVENT.c.type,
        )
        .join(DELIVERY, DELIVERY.c.id == ATTEMPT.c.delivery_id)
        .join(EVENT, EVENT.c.seq == DELIVERY.c.event_id, isouter=True)
        .where(DELIVERY.c.webhook_id == webhook_id)
        .order_by(ATTEMPT.c.id.desc())
        .limit(limit)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


def replay(
    conn: Connection,
    webhook_id: int,
    at: datetime,
    *,
    event_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    types: Sequence[str] = (ALL,),
) -> int:
    """Deliver again one event, or every event of the subscription's types in a time range:
    finished deliveries become pending now; events it never had get one. Returns how many."""
    chosen = select(EVENT.c.seq.label("id"), EVENT.c.client_id).where(EVENT.c.seq.is_not(None))
    if event_id is not None:
        chosen = chosen.where(EVENT.c.seq == event_id)
    if since is not None:
        chosen = chosen.where(EVENT.c.at >= since)
    if until is not None:
        chosen = chosen.where(EVENT.c.at < until)
    if ALL not in types:
        chosen = chosen.where(EVENT.c.type.in_(list(types)))
    rows = conn.execute(chosen.order_by(EVENT.c.seq)).all()
    if not rows:
        return 0
    ids = [r.id for r in rows]
    have = set(
        conn.execute(
            select(DELIVERY.c.event_id).where(
                DELIVERY.c.webhook_id == webhook_id, DELIVERY.c.event_id.in_(ids)
            )
        ).scalars()
    )
    conn.execute(
        update(DELIVERY)
        .where(
            DELIVERY.c.webhook_id == webhook_id, DELIVERY.c.event_id.in_(ids), DELIVERY.c.state != "pending"
        )
        .values(state="pending", attempts=0, first_at=at, next_at=at, done_at=None)
    )
    new = [
        {
            "webhook_id": webhook_id,
            "event_id": r.id,
            "client_id": r.client_id,
            "state": "pending",
            "attempts": 0,
            "first_at": at,
            "next_at": at,
        }
        for r in rows
        if r.id not in have
    ]
    if new:
        conn.execute(insert(DELIVERY), new)
    return len(rows)
