"""Reading and writing clients with Core statements; every write checks the version."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ARRAY, Integer, Row, String, any_, bindparam, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store import tasks as task_store
from engine.store.tables import CLIENT, MANAGER
from engine.values.client import ClientState, NextStep


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
    return state_of(row._mapping)


def state_of(m: Mapping[Any, Any]) -> ClientState:
    """The client of a row read by column key."""
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
        handed_over_at=m.get("handed_over_at"),
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
    rows = fast.rows(conn, statement, {"client_id": client_id})
    return state_of(rows[0]) if rows else None


_IDS = bindparam("client_ids", type_=String())
_IN_JSON = CLIENT.c.id.in_(select(func.json_each(_IDS).table_valued("value").c.value))
_LOAD_MANY = {
    "sqlite": _select().where(_IN_JSON),
    "postgresql": _select().where(CLIENT.c.id == any_(bindparam("client_ids", type_=ARRAY(Integer)))),
}
"""The clients of a list of ids in one statement of fixed text (the list one parameter: a JSON
array on SQLite, an array on PostgreSQL), so it runs on the driver like any hot statement."""
_LOAD_MANY_LOCKED = _LOAD_MANY["postgresql"].with_for_update(of=CLIENT)


def load_many(conn: Connection, client_ids: Sequence[int], *, lock: bool = False) -> dict[int, ClientState]:
    if conn.dialect.name == "sqlite":
        rows = fast.rows(conn, _LOAD_MANY["sqlite"], {"client_ids": json.dumps([int(i) for i in client_ids])})
    else:
        statement = _LOAD_MANY_LOCKED if lock else _LOAD_MANY["postgresql"]
        rows = fast.rows(conn, statement, {"client_ids": [int(i) for i in client_ids]})
    return {row["id"]: state_of(row) for row in rows}


def page(
    conn: Connection,
    *,
    stage: str | None = None,
    owner: str | None = None,
    segment: str | None = None,
    search: str | None = None,
    digits: str | None = None,
    digit_fields: Sequence[str] = (),
    limit: int = 50,
    offset: int = 0,
) -> list[ClientState]:
    """Clients newest first, filtered: ``segment`` is an ABC class ("A") or a cell ("AX");
    ``search`` matches part of the name in any case or the whole external id; ``digits`` match
    inside the card fields ``digit_fields`` (phones, INNs)."""
    statement = _select().order_by(CLIENT.c.id.desc()).limit(limit).offset(offset)
    if stage:
        statement = statement.where(CLIENT.c.stage == stage)
    if owner:
        statement = statement.where(MANAGER.c.login == owner)
    if segment:
        statement = statement.where(CLIENT.c.abc == segment[0])
        if len(segment) > 1:
            statement = statement.where(CLIENT.c.xyz == segment[1])
    if search:
        folded = func.casefold if conn.dialect.name == "sqlite" else func.lower
        found = [
            folded(CLIENT.c.name).contains(search.casefold(), autoescape=True),
            CLIENT.c.external_id == search,
        ]
        found += [CLIENT.c.card[name].as_string().contains(digits) for name in digit_fields if digits]
        statement = statement.where(or_(*found))
    return [to_state(row) for row in conn.execute(statement)]


def owner_login(conn: Connection, client_id: int) -> str | None:
    """The login of the client's owner (None: no owner, or no such client)."""
    statement = (
        select(MANAGER.c.login)
        .select_from(CLIENT.join(MANAGER, CLIENT.c.owner_id == MANAGER.c.id))
        .where(CLIENT.c.id == client_id)
    )
    value = conn.execute(statement).scalar()
    return str(value) if value is not None else None


def owner_id(conn: Connection, login: str) -> int | None:
    value = conn.execute(select(MANAGER.c.id).where(MANAGER.c.login == login)).scalar()
    return int(value) if value is not None else None


def by_external_id(conn: Connection, external_id: str) -> int | None:
    value = conn.execute(select(CLIENT.c.id).where(CLIENT.c.external_id == external_id)).scalar()
    return int(value) if value is not None else None


def insert_client(conn: Connection, values: Mapping[str, Any]) -> int:
    return int(conn.execute(insert(CLIENT).values(**values).returning(CLIENT.c.id)).scalar_one())


_WRITES: dict[tuple[str, ...], Any] = {}
"""The versioned update of each set of columns written, built once (commands write few sets)."""


def _write_statement(columns: tuple[str, ...]) -> Any:
    statement = _WRITES.get(columns)
    if statement is None:
        statement = (
            update(CLIENT)
            .where(CLIENT.c.id == bindparam("w_id"), CLIENT.c.version == bindparam("w_version"))
            .values({**{name: bindparam(f"w_{name}") for name in columns}, "version": bindparam("w_new")})
        )
        _WRITES[columns] = statement
    return statement


def write(conn: Connection, client_id: int, expected_version: int, values: Mapping[str, Any]) -> int:
    """Update the client if it still has ``expected_version``; returns the new version."""
    new_version = expected_version + 1
    params = {f"w_{name}": value for name, value in values.items()}
    params.update(w_id=client_id, w_version=expected_version, w_new=new_version)
    if fast.execute(conn, _write_statement(tuple(sorted(values))), params) != 1:
        actual = conn.execute(select(CLIENT.c.version).where(CLIENT.c.id == client_id)).scalar()
        raise StaleWrite(client_id, expected_version, actual)
    return new_version


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


_MOVE = (
    update(CLIENT)
    .where(CLIENT.c.id == bindparam("b_id"), CLIENT.c.version == bindparam("b_version"))
    .values(
        stage=bindparam("b_stage"),
        stage_since=bindparam("b_at"),
        updated_at=bindparam("b_at"),
        version=bindparam("b_new_version"),
        next_action=bindparam("b_action"),
        next_due_date=bindparam("b_due_date"),
        next_due_time=bindparam("b_due_time"),
    )
)


def write_moves(
    conn: Connection,
    rows: Sequence[dict[str, Any]],
    closes: Sequence[dict[str, Any]],
    tasks: Sequence[dict[str, Any]],
) -> int:
    """Many moves at once (``b_*`` keys): versioned client updates, closed and new tasks, one
    executemany each. Returns how many clients were updated (fewer: some changed meanwhile)."""
    changed = fast.execute_many(conn, _MOVE, rows)
    task_store.close_open(conn, closes)
    task_store.insert_many(conn, tasks)
    return changed
