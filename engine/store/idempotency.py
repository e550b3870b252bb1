"""Idempotency keys: a command retried with the same key is answered from storage.

Keys are scoped to their sender (the API token's name, the CLI user): two senders may use the
same key without meeting. The key is claimed at the start of the command's transaction; the
unique key serializes two identical requests (the second waits, then finds the first one's
answer). Only applied
commands keep their key: a refused command changed nothing and may simply be retried.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from engine.store.tables import COMMAND


@dataclass(frozen=True, slots=True)
class Replay:
    status_code: int
    response: dict[str, Any]


class KeyReused(Exception):
    """The key was used before for a different request."""


def request_hash(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _mine(key: str, actor: str) -> Any:
    return (COMMAND.c.key == key) & (COMMAND.c.actor == actor)


def find(conn: Connection, key: str, actor: str, digest: str) -> Replay | None:
    row = conn.execute(select(COMMAND).where(_mine(key, actor))).first()
    if row is None:
        return None
    m = row._mapping
    if m["request_hash"] != digest:
        raise KeyReused(key)
    return Replay(m["status_code"], dict(m["response"]))


def claim(conn: Connection, key: str, actor: str, digest: str, at: datetime) -> Replay | None:
    """Claim ``key`` for this request in one statement; if it was claimed and committed before,
    the stored answer to replay (or :class:`KeyReused`). A concurrent claim of the same key waits
    for the first transaction and then sees its answer."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    claimed = conn.execute(
        dialect.insert(COMMAND)
        .values(key=key, actor=actor, request_hash=digest, status_code=0, response={}, created_at=at)
        .on_conflict_do_nothing(index_elements=[COMMAND.c.key, COMMAND.c.actor])
        .returning(COMMAND.c.key)
    ).first()
    if claimed is not None:
        return None
    replay = find(conn, key, actor, digest)
    assert replay is not None, "the conflicting key is committed"
    return replay


def complete(conn: Connection, key: str, actor: str, status_code: int, response: dict[str, Any]) -> None:
    conn.execute(update(COMMAND).where(_mine(key, actor)).values(status_code=status_code, response=response))
