"""The transactional outbox: events written in their change's transaction, read as a feed in
commit order, and pruned.

On PostgreSQL ids are taken when a row is inserted, not when it commits, so a transaction that
started earlier may still commit a smaller id. Each event therefore keeps its transaction's id
(``tx``) and the feed shows only events of transactions older than every one still running
(``pg_snapshot_xmin``): a cursor never skips an event committed later. SQLite writes one
transaction at a time, so ids are in commit order already.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, literal_column, or_, select, text, update
from sqlalchemy.engine import Connection

from engine.store.database import TX_INFO
from engine.store.tables import ATTEMPT, CLIENT, DELIVERY, EVENT, OUTBOX_STATE

_PG_TX = "pg_current_xact_id()::text::bigint"
_PG_HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"


def _is_pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def add(conn: Connection, events: Sequence[Mapping[str, Any]]) -> None:
    """Write events (type, at, actor, regulation, client_id, data) in this transaction; their
    clients' versions are filled in by :func:`seal` just before it commits."""
    if not events:
        return
    statement = insert(EVENT)
    if _is_pg(conn):
        statement = statement.values(tx=literal_column(_PG_TX))
    rows = [
        {**e, "client_version": None} if _is_pg(conn) else {**e, "client_version": None, "tx": 0}
        for e in events
    ]
    state = conn.info.setdefault(TX_INFO, {})
    if "first_event" not in state:
        state["first_event"] = _next_id_floor(conn)
    conn.execute(statement, rows)


def _next_id_floor(conn: Connection) -> int:
    """An id no event of this transaction is below (the largest id visible now, plus one)."""
    return int(conn.execute(select(func.coalesce(func.max(EVENT.c.id), 0))).scalar_one()) + 1


def seal(conn: Connection) -> None:
    """Before this transaction commits: give its events their clients' versions as committed."""
    first = conn.info.get(TX_INFO, {}).get("first_event")
    if first is None:
        return
    version = select(CLIENT.c.version).where(CLIENT.c.id == EVENT.c.client_id).scalar_subquery()
    conn.execute(
        update(EVENT)
        .where(EVENT.c.id >= first, EVENT.c.client_id.is_not(None), EVENT.c.client_version.is_(None))
        .values(client_version=version)
    )


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict[str, Any]]
    pruned_through: int
    last_id: int
    """The largest event id visible (0: none), so a caller can start from "now"."""


def visible(conn: Connection) -> Any:
    """The condition an event must meet to be shown: its transaction ended before any still open."""
    if _is_pg(conn):
        return EVENT.c.tx < literal_column(_PG_HORIZON)
    return text("1 = 1")


def page(
    conn: Connection,
    after: int,
    limit: int,
    types: Sequence[str] | None = None,
    owner_id: int | None = None,
    public_types: Sequence[str] = (),
) -> Page:
    """Events after ``after`` in order, at most ``limit``; ``owner_id``: only events of that
    manager's clients, and of ``public_types`` (no client)."""
    statement = select(EVENT).where(EVENT.c.id > after, visible(conn)).order_by(EVENT.c.id).limit(limit)
    if types:
        statement = statement.where(EVENT.c.type.in_(list(types)))
    if owner_id is not None:
        mine = select(CLIENT.c.id).where(CLIENT.c.owner_id == owner_id, CLIENT.c.id == EVENT.c.client_id)
        statement = statement.where(or_(mine.exists(), EVENT.c.type.in_(list(public_types))))
    rows = [dict(r._mapping) for r in conn.execute(statement)]
    return Page(rows, pruned_through(conn), last_id(conn))


def last_id(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(EVENT.c.id), 0)).where(visible(conn))).scalar_one())


def pruned_through(conn: Connection) -> int:
    value = conn.execute(select(OUTBOX_STATE.c.pruned_through).where(OUTBOX_STATE.c.id == 1)).scalar()
    return int(value or 0)


def one(conn: Connection, event_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(EVENT).where(EVENT.c.id == event_id)).first()
    return dict(row._mapping) if row else None


def prune(conn: Connection, before: datetime, at: datetime) -> int:
    """Delete events older than ``before`` that no delivery still waits for (with their finished
    deliveries and log); returns how many. The mark moves to the newest id pruned."""
    waiting = select(DELIVERY.c.event_id).where(DELIVERY.c.state == "pending")
    old = select(EVENT.c.id).where(EVENT.c.at < before, EVENT.c.id.not_in(waiting))
    through = conn.execute(select(func.max(EVENT.c.id)).where(EVENT.c.id.in_(old))).scalar()
    if through is None:
        return 0
    cut = and_(EVENT.c.at < before, EVENT.c.id <= through, EVENT.c.id.not_in(waiting))
    doomed = select(DELIVERY.c.id).where(DELIVERY.c.event_id.in_(select(EVENT.c.id).where(cut)))
    conn.execute(delete(ATTEMPT).where(ATTEMPT.c.delivery_id.in_(doomed)))
    conn.execute(delete(DELIVERY).where(DELIVERY.c.event_id.in_(select(EVENT.c.id).where(cut))))
    count = conn.execute(delete(EVENT).where(cut)).rowcount
    conn.execute(
        update(OUTBOX_STATE)
        .where(OUTBOX_STATE.c.id == 1, OUTBOX_STATE.c.pruned_through < through)
        .values(pruned_through=through, pruned_at=at)
    )
    return int(count or 0)
