"""Reading one client inside a command's transaction, and what its card implies."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, overload

from engine.service.actors import Actor
from engine.service.errors import Conflict, NotFound
from engine.service.workspace import Workspace
from engine.store import Tx
from engine.store import clients as store
from engine.store.database import Database
from engine.values.client import ClientState


def get(
    ws: Workspace, conn: Tx, client_id: int, *, for_update: bool = False, actor: Actor | None = None
) -> ClientState:
    """The client, or :class:`NotFound`. ``for_update`` locks the row until the transaction
    ends, so concurrent writers queue up instead of one of them losing its update; ``actor``:
    only a client the actor may act on (a manager: their own), checked under that lock."""
    client = store.load(conn, client_id, lock=for_update)
    if client is None:
        raise NotFound("client_not_found", client=client_id)
    if actor is not None:
        actor.may_touch(client)
    return client


def check_version(client: ClientState, expected: int | None) -> None:
    if expected is not None and expected != client.version:
        raise Conflict("conflict", client=client.id, expected=expected, actual=client.version)


def potential_of(ws: Workspace, client: ClientState, card: Mapping[str, Any], at: datetime) -> str | None:
    probe = ClientState(
        client.id,
        client.name,
        client.stage,
        client.stage_since,
        client.created_at,
        client.timezone,
        card,
    )
    return ws.runtime.potential.level(ws.runtime.facts(probe, at))


def reload(conn: Tx, client_id: int) -> ClientState:
    client = store.load(conn, client_id)
    assert client is not None
    return client


@overload
def manager(db: Database, given: str, parameter: str) -> str: ...
@overload
def manager(db: Database, given: None, parameter: str) -> None: ...
@overload
def manager(db: Database, given: str | None, parameter: str) -> str | None: ...
def manager(db: Database, given: str | None, parameter: str) -> str | None:
    """The login of the manager a person named (login, name or surname), ``None`` for none:
    the one place the CLI resolves a typed manager before calling the service."""
    return None if given is None else named(db, given, parameter)[0]


def named(db: Database, given: str, parameter: str) -> tuple[str, str]:
    """The login of the manager ``given`` names, and how a text output shows them: «Волков
    Дмитрий (volkov)», so a person who typed a surname sees whom it chose (one read of the staff)."""
    from engine.service.names import manager_login
    from engine.store import managers as managers_store

    with db.read() as conn:
        people = {r.login: r.name for r in managers_store.every(conn)}
    login = manager_login(given, people, parameter)
    name = people.get(login)
    return login, f"{name} ({login})" if name and name != login else login
