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

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.tables import COMMAND


@dataclass(frozen=True, slots=True)
class Replay:
    status_code: int
    response: dict[str, Any]


class KeyReused(Exception):
    """The key was used before for a different request."""


def request_hash(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


_FIND = select(COMMAND).where(COMMAND.c.key == bindparam("f_key"), COMMAND.c.actor == bindparam("f_actor"))
_CLAIM = {
    name: dialect.insert(COMMAND).on_conflict_do_nothing(index_elements=[COMMAND.c.key, COMMAND.c.actor])
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}
_COMPLETE = (
    update(COMMAND)
    .where(COMMAND.c.key == bindparam("c_key"), COMMAND.c.actor == bindparam("c_actor"))
    .values(status_code=bindparam("c_status"), response=bindparam("c_response"))
)
"""A move's statements, built once and run on the driver (:mod:`engine.store.fast`)."""


def find(conn: Connection, key: str, actor: str, digest: str) -> Replay | None:
    found = fast.rows(conn, _FIND, {"f_key": key, "f_actor": actor})
    if not found:
        return None
    m = found[0]
    if m["request_hash"] != digest:
        raise KeyReused(key)
    return Replay(m["status_code"], dict(m["response"]))


def claim(conn: Connection, key: str, actor: str, digest: str, at: datetime) -> Replay | None:
    """Claim ``key`` for this request in one statement; if it was claimed and committed before,
    the stored answer to replay (or :class:`KeyReused`). A concurrent claim of the same key waits
    for the first transaction and then sees its answer."""
    values = {"key": key, "actor": actor, "request_hash": digest, "status_code": 0, "response": {}}
    if fast.execute(conn, _CLAIM[conn.dialect.name], values | {"created_at": at}) == 1:
        return None
    replay = find(conn, key, actor, digest)
    assert replay is not None, "the conflicting key is committed"
    return replay


def complete(conn: Connection, key: str, actor: str, status_code: int, response: dict[str, Any]) -> None:
    params = {"c_key": key, "c_actor": actor, "c_status": status_code, "c_response": response}
    fast.execute(conn, _COMPLETE, params)
