"""API tokens: issued once, stored as SHA-256, each with a role.

Roles: ``manager`` sees and acts on the clients owned by its manager only; ``head`` sees every
client and reads the reports; ``admin`` also publishes regulations and issues tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.service.actors import Actor
from engine.service.errors import Conflict, InvalidInput, NotFound, problem
from engine.store import Tx
from engine.store import managers as store
from engine.store.database import Database

ROLES = ("manager", "head", "admin")


@dataclass(frozen=True, slots=True)
class Principal:
    """The bearer of a token. Its identity is the token's id (a manager's token: the manager's
    id); the token's name is only a label."""

    token_id: int
    name: str
    role: str
    manager: str | None
    manager_id: int | None = None

    @property
    def actor(self) -> Actor:
        if self.manager is not None:
            return Actor(self.manager, f"manager:{self.manager_id}", self.manager)
        return Actor(f"token:{self.token_id}", f"token:{self.token_id}")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(db: Database, name: str, role: str, manager: str | None, at: datetime) -> str:
    """A new token; it is shown once and only its digest is kept."""
    problems = []
    if role not in ROLES:
        problems.append(problem("role", "error.unknown_api_role", role=role, known=", ".join(ROLES)))
    if role == "manager" and not manager:
        problems.append(problem("manager", "error.token_needs_manager"))
    with db.write() as conn:
        found = store.find(conn, manager) if manager else None
        if manager and found is None:
            problems.append(problem("manager", "error.unknown_manager", login=manager))
        if problems:
            raise InvalidInput(problems)
        token = "rg_" + secrets.token_urlsafe(32)
        store.add_token(
            conn,
            {
                "name": name,
                "token_hash": digest(token),
                "role": role,
                "manager": manager if role == "manager" else None,
                "manager_id": found.id if role == "manager" and found is not None else None,
                "created_at": at,
            },
        )
    return token


def lookup(db: Database, token: str) -> Principal | None:
    with db.read() as conn:
        return lookup_in(conn, token)


def lookup_in(conn: Tx, token: str) -> Principal | None:
    row = store.live_token(conn, digest(token))
    if row is None:
        return None
    return Principal(row.id, row.name, row.role, row.manager, row.manager_id)


def listing(db: Database) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = store.tokens(conn)
    return [
        {
            "id": r.id,
            "name": r.name,
            "role": r.role,
            "manager": r.manager,
            "created_at": r.created_at.isoformat(),
            "revoked": r.revoked_at is not None,
        }
        for r in rows
    ]


def revoke(db: Database, token_id: int, at: datetime) -> None:
    """Revoke a token at once; the last live admin token cannot be revoked (nobody could issue
    tokens any more)."""
    with db.write() as conn:
        admins = store.live_admin_tokens(conn)
        if admins == [token_id]:
            raise Conflict("last_admin_token", token=token_id)
        if not store.revoke_token(conn, token_id, at):
            raise NotFound("token_not_found", token=token_id)
