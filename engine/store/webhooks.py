"""Webhook subscriptions: created, listed, paused and resumed, removed; their delivery log and
replays. The deliveries themselves are queued and claimed by ``store/deliveries.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, insert, literal, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from engine.store.event_tables import ATTEMPT, DELIVERY, EVENT, WEBHOOK
from engine.store.outbox import last_id, sequence

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
    finished deliveries become pending now; events it never had get one — all in SQL, however
    many. Returns how many."""
    where: list[ColumnElement[bool]] = [EVENT.c.seq.is_not(None)]
    if event_id is not None:
        where.append(EVENT.c.seq == event_id)
    if since is not None:
        where.append(EVENT.c.at >= since)
    if until is not None:
        where.append(EVENT.c.at < until)
    if ALL not in types:
        where.append(EVENT.c.type.in_(list(types)))
    chosen = select(EVENT.c.seq).where(*where)
    count = int(conn.execute(select(func.count()).select_from(chosen.subquery())).scalar_one())
    if not count:
        return 0
    mine = DELIVERY.c.webhook_id == webhook_id
    conn.execute(
        update(DELIVERY)
        .where(mine, DELIVERY.c.event_id.in_(chosen), DELIVERY.c.state != "pending")
        .values(state="pending", attempts=0, first_at=at, next_at=at, done_at=None)
    )
    had = exists().where(mine, DELIVERY.c.event_id == EVENT.c.seq)
    new = select(
        literal(webhook_id),
        EVENT.c.seq,
        EVENT.c.client_id,
        literal("pending"),
        literal(0),
        literal(at, DELIVERY.c.first_at.type),
        literal(at, DELIVERY.c.next_at.type),
    ).where(*where, ~had)
    columns = ["webhook_id", "event_id", "client_id", "state", "attempts", "first_at", "next_at"]
    conn.execute(insert(DELIVERY).from_select(columns, new))
    return count
