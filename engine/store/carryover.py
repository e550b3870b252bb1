"""A migration map applied to the clients: a stage's clients moved to the stage it became, a
card field's values moved to the field it became — each in one statement over every client,
each client getting a history entry (``migrated``) that names both versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, insert, literal, select, update
from sqlalchemy.engine import Connection

from engine.store import history
from engine.store.tables import CLIENT, HISTORY

KIND = "migrated"
_HISTORY_COLUMNS = ["client_id", "at", "actor", "kind", "from_stage", "to_stage", "regulation", "data"]


def _log(
    conn: Connection,
    where: Any,
    at: datetime,
    actor: str,
    tag: str,
    data: dict[str, Any],
    stages: tuple[str | None, str | None] = (None, None),
) -> None:
    """A ``migrated`` entry for every client ``where`` selects (written by the database)."""
    rows = select(
        CLIENT.c.id,
        literal(at, HISTORY.c.at.type),
        literal(actor),
        literal(KIND),
        literal(stages[0], HISTORY.c.from_stage.type),
        literal(stages[1], HISTORY.c.to_stage.type),
        literal(tag),
        literal(data, HISTORY.c.data.type),
    ).where(where)
    conn.execute(insert(HISTORY).from_select(_HISTORY_COLUMNS, rows))


def move_stage(
    conn: Connection, old: str, new: str, at: datetime, actor: str, versions: tuple[str | None, str]
) -> int:
    """Every client on ``old`` now stands on ``new`` (its time at the stage kept); returns how
    many. ``versions``: the tags of the version before and of the one published."""
    data = {"from_version": versions[0], "to_version": versions[1], "stage": [old, new]}
    before = history.last_id(conn)
    _log(conn, CLIENT.c.stage == old, at, actor, versions[1], data, (old, new))
    moved = conn.execute(
        update(CLIENT)
        .where(CLIENT.c.stage == old)
        .values(stage=new, version=CLIENT.c.version + 1, updated_at=at)
    )
    history.notify(conn, history.written_after(conn, before, KIND))  # each client's event, same transaction
    return int(moved.rowcount or 0)


def move_field(
    conn: Connection, old: str, new: str, at: datetime, actor: str, versions: tuple[str | None, str]
) -> int:
    """Every card holding ``old`` now holds the value under ``new`` (a value already under
    ``new`` is kept); returns how many cards changed."""
    has_old, has_new = _present(conn, old), _present(conn, new)
    data = {"from_version": versions[0], "to_version": versions[1], "field": [old, new]}
    before = history.last_id(conn)
    _log(conn, has_old, at, actor, versions[1], data)
    card = case((has_new, _without(conn, old)), else_=_renamed(conn, old, new))
    changed = conn.execute(
        update(CLIENT).where(has_old).values(card=card, version=CLIENT.c.version + 1, updated_at=at)
    )
    history.notify(conn, history.written_after(conn, before, KIND))
    return int(changed.rowcount or 0)


def _present(conn: Connection, name: str) -> Any:
    """The card holds a value (not null) under ``name``."""
    if conn.dialect.name == "postgresql":
        return func.coalesce(func.jsonb_typeof(CLIENT.c.card[name]), "null") != "null"
    return func.coalesce(func.json_type(CLIENT.c.card, f"$.{name}"), "null") != "null"


def _without(conn: Connection, old: str) -> Any:
    if conn.dialect.name == "postgresql":
        return CLIENT.c.card.op("-")(literal(old))
    return func.json_remove(CLIENT.c.card, f"$.{old}")


def _renamed(conn: Connection, old: str, new: str) -> Any:
    if conn.dialect.name == "postgresql":
        moved = func.jsonb_build_object(literal(new), CLIENT.c.card[old])
        return CLIENT.c.card.op("-")(literal(old)).op("||")(moved)
    value = func.json(CLIENT.c.card.op("->")(f"$.{old}"))
    return func.json_set(func.json_remove(CLIENT.c.card, f"$.{old}"), f"$.{new}", value)
