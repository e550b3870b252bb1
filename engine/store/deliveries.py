"""Deliveries: one per event and subscription, made from the outbox by the worker
(:func:`fan_out`), claimed with a lease (:func:`claim`: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL,
so several workers never take the same one; SQLite's write transactions take the whole database)
and finished with their outcome (:func:`finish`). A client's deliveries go one at a time in event
order: one waits while an earlier delivery of the same client to the same subscription is
still pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, func, insert, select, update
from sqlalchemy.engine import Connection

from engine.store.event_tables import ATTEMPT, DELIVERY, EVENT, WEBHOOK
from engine.store.outbox import EVENT_BODY, sequence
from engine.store.webhooks import ALL


def fan_out(conn: Connection, at: datetime, batch: int) -> int:
    """Make deliveries of the events each subscription has not seen yet (at most
    ``batch`` events per subscription), numbering committed events first; returns how many
    deliveries were made."""
    sequence(conn)
    subs = select(WEBHOOK).order_by(WEBHOOK.c.id)  # paused ones too: their deliveries wait
    if conn.dialect.name == "postgresql":
        subs = subs.with_for_update(skip_locked=True)
    made = 0
    for sub in conn.execute(subs).all():
        events = select(EVENT.c.seq.label("id"), EVENT.c.client_id, EVENT.c.type).where(
            EVENT.c.seq > sub.cursor
        )
        rows = conn.execute(events.order_by(EVENT.c.seq).limit(batch)).all()
        if not rows:
            continue
        wanted = [r for r in rows if ALL in sub.types or r.type in sub.types]
        if wanted:
            conn.execute(
                insert(DELIVERY),
                [
                    {
                        "webhook_id": sub.id,
                        "event_id": r.id,
                        "client_id": r.client_id,
                        "state": "pending",
                        "attempts": 0,
                        "first_at": at,
                        "next_at": at,
                    }
                    for r in wanted
                ],
            )
        conn.execute(update(WEBHOOK).where(WEBHOOK.c.id == sub.id).values(cursor=rows[-1].id))
        made += len(wanted)
    return made


def claim(conn: Connection, at: datetime, lease_until: datetime, limit: int) -> list[dict[str, Any]]:
    """Take up to ``limit`` due deliveries (each the earliest pending of its client and
    subscription), lease them until ``lease_until`` and count the attempt. Each row has the
    delivery, its event and its subscription's URL and secret."""
    earlier = DELIVERY.alias("earlier")
    blocked = exists().where(
        earlier.c.webhook_id == DELIVERY.c.webhook_id,
        earlier.c.client_id == DELIVERY.c.client_id,
        earlier.c.state == "pending",
        earlier.c.event_id < DELIVERY.c.event_id,
    )
    due = (
        select(DELIVERY.c.id)
        .join(WEBHOOK, WEBHOOK.c.id == DELIVERY.c.webhook_id)
        .where(DELIVERY.c.state == "pending", DELIVERY.c.next_at <= at, WEBHOOK.c.state == "active", ~blocked)
        .order_by(DELIVERY.c.next_at, DELIVERY.c.event_id)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True, of=DELIVERY)
    ids = list(conn.execute(due).scalars())
    if not ids:
        return []
    conn.execute(
        update(DELIVERY)
        .where(DELIVERY.c.id.in_(ids))
        .values(next_at=lease_until, attempts=DELIVERY.c.attempts + 1)
    )
    statement = (
        select(
            DELIVERY.c.id,
            DELIVERY.c.webhook_id,
            DELIVERY.c.attempts,
            DELIVERY.c.first_at,
            WEBHOOK.c.url,
            WEBHOOK.c.secret,
            EVENT.c.seq.label("event_id"),
            *EVENT_BODY,
        )
        .join(WEBHOOK, WEBHOOK.c.id == DELIVERY.c.webhook_id)
        .join(EVENT, EVENT.c.seq == DELIVERY.c.event_id)
        .where(DELIVERY.c.id.in_(ids))
        .order_by(DELIVERY.c.event_id)
    )
    return [dict(r._mapping) for r in conn.execute(statement)]


@dataclass(frozen=True, slots=True)
class Finished:
    """One attempt's outcome: logged, and the delivery set delivered, failed, or pending again
    at ``next_at``."""

    delivery_id: int
    at: datetime
    status: int | None
    error: str | None
    duration_ms: int
    state: str
    next_at: datetime | None = None


_SET_OUTCOME = (
    update(DELIVERY)
    .where(DELIVERY.c.id == bindparam("f_id"))
    .values(
        state=bindparam("f_state"),
        last_status=bindparam("f_status"),
        last_error=bindparam("f_error"),
        next_at=func.coalesce(bindparam("f_next", type_=DELIVERY.c.next_at.type), DELIVERY.c.next_at),
        done_at=bindparam("f_done", type_=DELIVERY.c.done_at.type),
    )
)


def finish(conn: Connection, outcomes: Sequence[Finished]) -> None:
    """Log the attempts and set their deliveries' states, in two statements."""
    if not outcomes:
        return
    conn.execute(
        insert(ATTEMPT),
        [
            {"delivery_id": o.delivery_id, "at": o.at, "status": o.status, "error": o.error}
            | {"duration_ms": o.duration_ms}
            for o in outcomes
        ],
    )
    conn.execute(
        _SET_OUTCOME,
        [
            {
                "f_id": o.delivery_id,
                "f_state": o.state,
                "f_status": o.status,
                "f_error": o.error,
                "f_next": o.next_at if o.state == "pending" else None,
                "f_done": None if o.state == "pending" else o.at,
            }
            for o in outcomes
        ],
    )
