"""Contacts and tasks (next steps): the open task is mirrored on the client row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

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
    conn.execute(
        update(TASK)
        .where(TASK.c.client_id == client_id, TASK.c.status == "open")
        .values(status=status, closed_at=at)
    )
    if step is None:
        return {"next_action": None, "next_due_date": None, "next_due_time": None}
    conn.execute(
        insert(TASK).values(
            client_id=client_id,
            kind=kind,
            action=step.action,
            due_date=step.due_date,
            due_time=step.due_time,
            status="open",
            created_at=at,
            created_by=actor,
        )
    )
    return {
        "next_action": step.action,
        "next_due_date": step.due_date,
        "next_due_time": step.due_time,
    }


def add_contact(conn: Connection, values: dict[str, Any]) -> int:
    """Record a contact; returns its id."""
    return int(conn.execute(insert(CONTACT).values(**values).returning(CONTACT.c.id)).scalar_one())
