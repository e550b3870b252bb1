"""The append-only history log: who, when, what, from, to, under which regulation version."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.tables import HISTORY

Listener = Callable[[Connection, Sequence[Mapping[str, Any]]], None]
_LISTENERS: list[Listener] = []


def listen(listener: Listener) -> None:
    """Call ``listener`` with every batch of entries appended, in the appending transaction
    (the service's events are written so: a rolled-back change leaves neither)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def entry(
    client_id: int,
    at: datetime,
    actor: str,
    kind: str,
    regulation: str,
    *,
    trigger: str | None = None,
    from_stage: str | None = None,
    to_stage: str | None = None,
    data: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "at": at,
        "actor": actor,
        "kind": kind,
        "regulation": regulation,
        "trigger": trigger,
        "from_stage": from_stage,
        "to_stage": to_stage,
        "data": dict(data or {}),
    }


def listening(listener: Listener) -> bool:
    """Whether ``listener`` is called with the entries appended."""
    return listener in _LISTENERS


def unlisten(listener: Listener) -> None:
    if listener in _LISTENERS:
        _LISTENERS.remove(listener)


_INSERT = insert(HISTORY)


def append(conn: Connection, entries: Sequence[Mapping[str, Any]]) -> None:
    if entries:
        fast.execute_many(conn, _INSERT, entries)
        notify(conn, entries)


def notify(conn: Connection, entries: Sequence[Mapping[str, Any]]) -> None:
    """Tell the listeners of entries written another way (by one set-based statement)."""
    for listener in _LISTENERS:
        listener(conn, entries)


def written_after(conn: Connection, last_id: int, kind: str) -> list[dict[str, Any]]:
    """The entries of ``kind`` written after the entry ``last_id``, in order."""
    rows = conn.execute(
        select(HISTORY).where(HISTORY.c.id > last_id, HISTORY.c.kind == kind).order_by(HISTORY.c.id)
    )
    return [dict(row) for row in rows.mappings()]


def last_id(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(HISTORY.c.id), 0))).scalar_one())


def of_client(conn: Connection, client_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    statement = select(HISTORY).where(HISTORY.c.client_id == client_id).order_by(HISTORY.c.id)
    if limit:
        statement = statement.limit(limit)
    return [dict(row._mapping) for row in conn.execute(statement)]
