"""The transactional outbox: events written in their change's transaction, numbered in commit
order, read as a feed, and pruned.

A row's ``id`` is taken when it is inserted, not when it commits: on PostgreSQL a transaction
that began earlier may commit a smaller id after a reader has passed it. So events are numbered
again once committed: :func:`sequence` gives every committed event without a number the next
``seq`` (in id order, one numbering at a time under an advisory lock), and everything public —
the feed's cursor, the event's id, the ``webhook-id`` — is that number. A reader's cursor never
skips an event, and events of one client (written one transaction after another under its row
lock) keep their order. Numbering runs off the write path: readers and the worker call it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.event_tables import ATTEMPT, DELIVERY, EVENT, OUTBOX_STATE, WEBHOOK
from engine.store.tables import CLIENT

SEQUENCER_LOCK = 0x5265_6745_7665  # the advisory lock of the numbering ("RegEve")
SEQUENCE_BATCH = 50_000

_VERSION = select(CLIENT.c.version).where(CLIENT.c.id == bindparam("e_client")).scalar_subquery()
_INSERT = insert(EVENT).values(client_version=_VERSION)
"""Each event takes its client's version as this transaction wrote it (commands write the client
before they record its history)."""


def add(conn: Connection, events: Sequence[Mapping[str, Any]]) -> None:
    """Write events (type, at, actor, regulation, client_id, data) in this transaction."""
    if events:
        fast.execute_many(conn, _INSERT, [{**e, "e_client": e["client_id"]} for e in events])


def unsequenced(conn: Connection) -> bool:
    """Whether committed events wait for their number."""
    return conn.execute(select(EVENT.c.id).where(EVENT.c.seq.is_(None)).limit(1)).first() is not None


def sequence(conn: Connection) -> int:
    """Number the committed events that have no number yet, after the largest one (in a write
    transaction); returns how many."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SEQUENCER_LOCK})
    top = conn.execute(select(func.coalesce(func.max(EVENT.c.seq), 0))).scalar_one()
    waiting = (
        select(EVENT.c.id, (func.row_number().over(order_by=EVENT.c.id) + top).label("n"))
        .where(EVENT.c.seq.is_(None))
        .order_by(EVENT.c.id)
        .limit(SEQUENCE_BATCH)
        .subquery()
    )
    numbered = conn.execute(update(EVENT).where(EVENT.c.id == waiting.c.id).values(seq=waiting.c.n)).rowcount
    return int(numbered or 0)


EVENT_BODY = [
    EVENT.c.type,
    EVENT.c.at,
    EVENT.c.actor,
    EVENT.c.regulation,
    EVENT.c.client_id,
    EVENT.c.client_version,
    EVENT.c.data,
]
"""An event's public columns but its id (the feed names it ``id``, a delivery ``event_id``)."""
_PUBLIC = [EVENT.c.seq.label("id"), *EVENT_BODY]
"""An event as readers see it: its number is its id."""


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict[str, Any]]
    pruned_through: int


def page(
    conn: Connection,
    after: int,
    limit: int,
    types: Sequence[str] | None = None,
    owner_id: int | None = None,
    public_types: Sequence[str] = (),
) -> Page:
    """Numbered events after ``after`` in order, at most ``limit``; ``owner_id``: only events of
    that manager's clients, and of ``public_types`` (no client)."""
    statement = select(*_PUBLIC).where(EVENT.c.seq > after).order_by(EVENT.c.seq).limit(limit)
    if types:
        statement = statement.where(EVENT.c.type.in_(list(types)))
    if owner_id is not None:
        mine = select(CLIENT.c.id).where(CLIENT.c.owner_id == owner_id, CLIENT.c.id == EVENT.c.client_id)
        statement = statement.where(or_(mine.exists(), EVENT.c.type.in_(list(public_types))))
    rows = [dict(r._mapping) for r in conn.execute(statement)]
    return Page(rows, pruned_through(conn))


def last_id(conn: Connection) -> int:
    """The newest event's number (0: none)."""
    return int(conn.execute(select(func.coalesce(func.max(EVENT.c.seq), 0))).scalar_one())


def pruned_through(conn: Connection) -> int:
    value = conn.execute(select(OUTBOX_STATE.c.pruned_through).where(OUTBOX_STATE.c.id == 1)).scalar()
    return int(value or 0)


def prune(conn: Connection, before: datetime, at: datetime) -> int:
    """Delete numbered events older than ``before`` that no delivery still waits for (with their
    finished deliveries and log); returns how many. The mark moves to the newest number pruned."""
    waiting = select(DELIVERY.c.event_id).where(DELIVERY.c.state == "pending")
    unseen = select(func.min(WEBHOOK.c.cursor)).scalar_subquery()  # not yet made into deliveries
    old = and_(
        EVENT.c.at < before,
        EVENT.c.seq.is_not(None),
        EVENT.c.seq.not_in(waiting),
        or_(unseen.is_(None), EVENT.c.seq <= unseen),
    )
    through = conn.execute(select(func.max(EVENT.c.seq)).where(old)).scalar()
    if through is None:
        return 0
    cut = and_(old, EVENT.c.seq <= through)
    doomed = select(DELIVERY.c.id).where(DELIVERY.c.event_id.in_(select(EVENT.c.seq).where(cut)))
    conn.execute(delete(ATTEMPT).where(ATTEMPT.c.delivery_id.in_(doomed)))
    conn.execute(delete(DELIVERY).where(DELIVERY.c.event_id.in_(select(EVENT.c.seq).where(cut))))
    count = conn.execute(delete(EVENT).where(cut)).rowcount
    conn.execute(
        update(OUTBOX_STATE)
        .where(OUTBOX_STATE.c.id == 1, OUTBOX_STATE.c.pruned_through < through)
        .values(pruned_through=through, pruned_at=at)
    )
    return int(count or 0)
