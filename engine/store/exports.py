"""Reading clients for an export: every client once, in id order, in chunks (memory stays flat)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from engine.store.tables import CLIENT, MANAGER

CHUNK = 10_000


def clients(conn: Connection, *, classified_only: bool = False) -> Iterator[Any]:
    """Rows with the client's columns and ``owner_login``."""
    query = select(CLIENT, MANAGER.c.login.label("owner_login")).select_from(
        CLIENT.outerjoin(MANAGER, CLIENT.c.owner_id == MANAGER.c.id)
    )
    if classified_only:
        query = query.where(CLIENT.c.abc.is_not(None))
    last = 0
    while True:
        rows = conn.execute(query.where(CLIENT.c.id > last).order_by(CLIENT.c.id).limit(CHUNK)).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def codes(conn: Connection, ids: list[int]) -> dict[int, str | None]:
    """Each client's code (external id)."""
    found: dict[int, str | None] = {}
    for start in range(0, len(ids), 900):
        query = select(CLIENT.c.id, CLIENT.c.external_id).where(CLIENT.c.id.in_(ids[start : start + 900]))
        found.update((int(i), code) for i, code in conn.execute(query))
    return found
