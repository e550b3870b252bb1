"""Reading and writing clients with Core statements; every write checks the version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, select, text, update
from sqlalchemy.engine import Connection

from engine.store.tables import Client, Manager, Task
from engine.values.client import ClientState, NextStep

CLIENT = Client.__table__  # type: ignore[attr-defined]
MANAGER = Manager.__table__  # type: ignore[attr-defined]
TASK = Task.__table__  # type: ignore[attr-defined]


class StaleWrite(Exception):
    """The client changed since it was read (or is gone): the write was not applied."""

    def __init__(self, client_id: int, expected: int, actual: int | None) -> None:
        super().__init__(f"client {client_id}: expected version {expected}, found {actual}")
        self.client_id, self.expected, self.actual = client_id, expected, actual


def _select() -> Any:
    return select(CLIENT, MANAGER.c.login.label("owner_login")).select_from(
        CLIENT.outerjoin(MANAGER, CLIENT.c.owner_id == MANAGER.c.id)
    )


def to_state(row: Row[Any]) -> ClientState:
    m = row._mapping
    step = None
    if m["next_due_date"] is not None:
        step = NextStep(m["next_action"] or "", m["next_due_date"], m["next_due_time"])
    return ClientState(
        id=m["id"],
        name=m["name"],
        stage=m["stage"],
        stage_since=m["stage_since"],
        created_at=m["created_at"],
        timezone=m["timezone"],
        card=dict(m["card"] or {}),
        owner=m["owner_login"],
        potential=m["potential"],
        last_contact_at=m["last_contact_at"],
        contacts_count=m["contacts_count"],
        next_step=step,
        version=m["version"],
        external_id=m["external_id"],
        **_segment_columns(m),
    )


def _segment_columns(m: Any) -> dict[str, Any]:
    """Segment columns exist from schema 0002 on; absent before."""
    return {k: m[k] for k in ("abc", "xyz", "average_sale") if k in m}


_LOAD = _select().where(CLIENT.c.id == bindparam("client_id"))
_LOAD_LOCKED = _LOAD.with_for_update(of=CLIENT)


def load(conn: Connection, client_id: int, *, lock: bool = False) -> ClientState | None:
    """One client; ``lock`` holds its row until the transaction ends (SQLite's write
    transactions already hold the whole database)."""
    statement = _LOAD_LOCKED if lock and conn.dialect.name != "sqlite" else _LOAD
    row = conn.execute(statement, {"client_id": client_id}).first()
    return to_state(row) if row is not None else None


def load_many(conn: Connection, client_ids: Sequence[int], *, lock: bool = False) -> dict[int, ClientState]:
    statement = _select().where(CLIENT.c.id.in_(list(client_ids)))
    if lock and conn.dialect.name != "sqlite":
        statement = statement.with_for_update(of=CLIENT)
    rows = conn.execute(statement)
    return {row._mapping["id"]: to_state(row) for row in rows}


def owner_id(conn: Connection, login: str) -> int | None:
    value = conn.execute(select(MANAGER.c.id).where(MANAGER.c.login == login)).scalar()
    return int(value) if value is not None else None


def by_external_id(conn: Connection, external_id: str) -> int | None:
    value = conn.execute(select(CLIENT.c.id).where(CLIENT.c.external_id == external_id)).scalar()
    return int(value) if value is not None else None


def insert_client(conn: Connection, values: Mapping[str, Any]) -> int:
    return int(conn.execute(insert(CLIENT).values(**values).returning(CLIENT.c.id)).scalar_one())


def write(conn: Connection, client_id: int, expected_version: int, values: Mapping[str, Any]) -> int:
    """Update the client if it still has ``expected_version``; returns the new version."""
    new_version = expected_version + 1
    result = conn.execute(
        update(CLIENT)
        .where(CLIENT.c.id == client_id, CLIENT.c.version == expected_version)
        .values(**values, version=new_version)
    )
    if result.rowcount != 1:
        actual = conn.execute(select(CLIENT.c.version).where(CLIENT.c.id == client_id)).scalar()
        raise StaleWrite(client_id, expected_version, actual)
    return new_version


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


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(CLIENT)).scalar_one())


_STAGES_IN_USE = text(
    "WITH RECURSIVE used(stage) AS ("
    " SELECT min(stage) FROM client"
    " UNION ALL SELECT (SELECT min(stage) FROM client WHERE stage > used.stage) FROM used"
    " WHERE used.stage IS NOT NULL"
    ") SELECT stage FROM used WHERE stage IS NOT NULL"
)


def stages_in_use(conn: Connection) -> list[str]:
    """The stages some client stands on: one index probe per stage, not a scan of every client."""
    return [row[0] for row in conn.execute(_STAGES_IN_USE)]


def clients_on(conn: Connection, stages: Sequence[str]) -> dict[str, int]:
    """How many clients stand on each of ``stages``."""
    query = select(CLIENT.c.stage, func.count()).where(CLIENT.c.stage.in_(stages)).group_by(CLIENT.c.stage)
    return {str(stage): int(count) for stage, count in conn.execute(query)}
