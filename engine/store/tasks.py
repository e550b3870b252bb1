"""Contacts and tasks (next steps): the open task is mirrored on the client row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.tables import CONTACT, TASK
from engine.values.client import NextStep


def planned_by_policy(conn: Connection, ids: Sequence[int]) -> set[int]:
    """Which of the clients ``ids`` have an open task a cell policy planned (not a promise)."""
    if not ids:
        return set()
    query = select(TASK.c.client_id).where(
        TASK.c.client_id.in_(list(ids)), TASK.c.status == "open", TASK.c.kind == "policy"
    )
    return {int(r[0]) for r in conn.execute(query)}


def opened(
    step: NextStep, at: datetime, by: str, client_id: int = 0, kind: str = "next_step"
) -> dict[str, Any]:
    """The row of a task opened for ``step`` (the demo's lives give the client id when written)."""
    return {
        "client_id": client_id,
        "kind": kind,
        "action": step.action,
        "due_date": step.due_date,
        "due_time": step.due_time,
        "status": "open",
        "created_at": at,
        "created_by": by,
        "closed_at": None,
    }


_CLOSE_OPEN = (
    update(TASK)
    .where(TASK.c.client_id == bindparam("t_client"), TASK.c.status == "open")
    .values(status=bindparam("t_status"), closed_at=bindparam("t_at"))
)
_INSERT = insert(TASK)


def close_open(conn: Connection, closes: Sequence[dict[str, Any]]) -> None:
    """Close each client's open task (``t_client``, ``t_status``, ``t_at``), one executemany."""
    fast.execute_many(conn, _CLOSE_OPEN, closes)


def insert_many(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert task rows of the same columns (:func:`opened`), one executemany."""
    fast.execute_many(conn, _INSERT, rows)


def replace_next_step(
    conn: Connection,
    client_id: int,
    step: NextStep | None,
    *,
    at: datetime,
    actor: str,
    status: str = "done",
    kind: str = "next_step",
) -> dict[str, Any]:
    """Close the open task with ``status``, open ``step`` if any; returns the client columns."""
    close_open(conn, [{"t_client": client_id, "t_status": status, "t_at": at}])
    if step is None:
        return {"next_action": None, "next_due_date": None, "next_due_time": None}
    insert_many(conn, [opened(step, at, actor, client_id, kind)])
    return {
        "next_action": step.action,
        "next_due_date": step.due_date,
        "next_due_time": step.due_time,
    }


def add_contact(conn: Connection, values: dict[str, Any]) -> int:
    """Record a contact; returns its id."""
    return int(conn.execute(insert(CONTACT).values(**values).returning(CONTACT.c.id)).scalar_one())
