"""Handing a client to another manager: a head's decision, versioned and kept in the history."""

from __future__ import annotations

from datetime import datetime

from engine.service.actors import Actor, as_actor
from engine.service.answers import client_answer
from engine.service.errors import InvalidInput, problem
from engine.service.lookup import check_version, get, reload
from engine.service.outcomes import Reassigned
from engine.service.runner import run
from engine.service.workspace import Workspace
from engine.store import Tx, history
from engine.store import clients as store


def assign(
    ws: Workspace,
    actor: Actor | str,
    client_id: int,
    owner: str,
    *,
    expected_version: int | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> Reassigned:
    """Make ``owner`` (a manager's login) responsible for the client: its calls, tasks and
    reports follow. Assigning the current owner again changes nothing."""
    who = as_actor(actor)

    def body(conn: Tx, moment: datetime) -> Reassigned:
        client = get(ws, conn, client_id, for_update=True, actor=who)
        check_version(client, expected_version)
        owner_id = store.owner_id(conn, owner)
        if owner_id is None:
            raise InvalidInput([problem("owner", "error.unknown_manager", login=owner)])
        changed = client.owner != owner
        if changed:
            store.write(conn, client.id, client.version, {"owner_id": owner_id, "updated_at": moment})
            entry = history.entry(
                client.id, moment, who.id, "owner", ws.tag, data={"from": client.owner, "to": owner}
            )
            history.append(conn, [entry])
        return Reassigned(client_answer(ws.regulation, reload(conn, client.id)), changed)

    payload = {"op": "owner", "client": client_id, "owner": owner, "version": expected_version}
    return run(ws, who, body, answer=Reassigned, key=key, at=at, payload=payload)
