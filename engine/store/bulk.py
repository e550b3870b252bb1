"""Bulk writing and counting for whole bases (the demo): one executemany per table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store import sales as sales_identity
from engine.store.tables import CLIENT, CONTACT, MANAGER, SALE, TASK

_INSERT = {t.name: insert(t) for t in (CONTACT, TASK, SALE)}
"""Built once: the fast path keeps its plans by statement."""


def insert_clients(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert client rows; their new ids in the same order."""
    statement = insert(CLIENT).returning(CLIENT.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(statement, list(rows)).scalars().all()]


def insert_activity(
    conn: Connection,
    contacts: Sequence[dict[str, Any]],
    tasks: Sequence[dict[str, Any]],
    sales: Sequence[dict[str, Any]],
) -> None:
    keyed = sales_identity.keyed(sales)  # with their identity: a re-import of an export finds them
    for table, values in ((CONTACT, contacts), (TASK, tasks), (SALE, keyed)):
        if values:
            fast.execute_many(conn, _INSERT[table.name], values)


def client_counts(conn: Connection, marker: str) -> tuple[int, int]:
    """(clients whose external id does not start with ``marker``, all clients)."""
    others = conn.execute(
        select(func.count())
        .select_from(CLIENT)
        .where(~CLIENT.c.external_id.startswith(marker) | CLIENT.c.external_id.is_(None))
    ).scalar()
    total = conn.execute(select(func.count()).select_from(CLIENT)).scalar()
    return int(others or 0), int(total or 0)


def clients_per_owner(conn: Connection) -> dict[str, int]:
    statement = (
        select(MANAGER.c.login, func.count())
        .select_from(CLIENT.join(MANAGER, CLIENT.c.owner_id == MANAGER.c.id))
        .group_by(MANAGER.c.login)
    )
    return {str(login): int(n) for login, n in conn.execute(statement).all()}
