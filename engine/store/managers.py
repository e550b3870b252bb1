"""Managers and API tokens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.tables import MANAGER, TOKENS


def find(conn: Connection, login: str) -> Any:
    """The manager's row, or None."""
    return conn.execute(select(MANAGER).where(MANAGER.c.login == login)).first()


def add(
    conn: Connection,
    *,
    login: str,
    name: str,
    role: str,
    timezone: str | None,
    at: datetime,
    region: str | None = None,
) -> int:
    statement = insert(MANAGER).values(
        login=login, name=name, role=role, timezone=timezone, created_at=at, region=region
    )
    return int(conn.execute(statement.returning(MANAGER.c.id)).scalar_one())


def add_many(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(MANAGER), list(rows))


def every(conn: Connection) -> list[Any]:
    return list(conn.execute(select(MANAGER).order_by(MANAGER.c.login)).all())


def ids_by_login(conn: Connection) -> dict[str, int]:
    return {str(login): int(i) for login, i in conn.execute(select(MANAGER.c.login, MANAGER.c.id)).all()}


def add_token(conn: Connection, values: dict[str, Any]) -> int:
    return int(conn.execute(insert(TOKENS).values(**values).returning(TOKENS.c.id)).scalar_one())


_MANAGER_ALIVE = (TOKENS.c.role != "manager") | (
    select(MANAGER.c.id)
    .where(MANAGER.c.id == TOKENS.c.manager_id, MANAGER.c.login == TOKENS.c.manager)
    .exists()
)
_LIVE_TOKEN = select(TOKENS).where(
    TOKENS.c.token_hash == bindparam("token_hash"), TOKENS.c.revoked_at.is_(None), _MANAGER_ALIVE
)
"""Read on every API request: built once, run on the driver (:mod:`engine.store.fast`)."""


def live_token(conn: Connection, token_hash: str) -> Any:
    """The unrevoked token with this hash (its columns as attributes), or None. A manager's token
    lives only while its manager does: it names the manager by id, so a new manager with the same
    login does not inherit it."""
    found = fast.rows(conn, _LIVE_TOKEN, {"token_hash": token_hash})
    return SimpleNamespace(**found[0]) if found else None


def live_admin_tokens(conn: Connection) -> list[int]:
    statement = select(TOKENS.c.id).where(TOKENS.c.role == "admin", TOKENS.c.revoked_at.is_(None))
    return [int(i) for i in conn.execute(statement).scalars()]


def tokens(conn: Connection) -> list[Any]:
    return list(conn.execute(select(TOKENS).order_by(TOKENS.c.id)).all())


def revoke_token(conn: Connection, token_id: int, at: datetime) -> bool:
    """Revoke the token; False when there is no such token."""
    result = conn.execute(update(TOKENS).where(TOKENS.c.id == token_id).values(revoked_at=at))
    return bool(result.rowcount == 1)
