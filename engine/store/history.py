"""The append-only history log: who, when, what, from, to, under which regulation version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from engine.store.tables import HISTORY


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


def append(conn: Connection, entries: Sequence[Mapping[str, Any]]) -> None:
    if entries:
        conn.execute(insert(HISTORY), list(entries))


def of_client(conn: Connection, client_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    statement = select(HISTORY).where(HISTORY.c.client_id == client_id).order_by(HISTORY.c.id)
    if limit:
        statement = statement.limit(limit)
    return [dict(row._mapping) for row in conn.execute(statement)]
