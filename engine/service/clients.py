"""Commands on clients: create one, change its card, show it, read its history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from engine import i18n
from engine.service import cards
from engine.service.actors import Actor, as_actor
from engine.service.answers import ClientAnswer, client_answer
from engine.service.creating import create
from engine.service.errors import InvalidInput, Problem
from engine.service.lookup import check_version, get, potential_of, reload
from engine.service.outcomes import CardChanged
from engine.service.runner import run
from engine.service.views import history_view
from engine.service.workspace import Workspace
from engine.store import Tx, history
from engine.store import clients as store
from engine.values.client import ClientState


def update_card(
    ws: Workspace,
    actor: Actor | str,
    client_id: int,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> CardChanged:
    who = as_actor(actor)
    reg = ws.regulation

    def body(conn: Tx, moment: datetime) -> CardChanged:
        client = get(ws, conn, client_id, for_update=True, actor=who)
        check_version(client, expected_version)
        values, problems = cards.parse_card(reg, changes, client.timezone)
        card = cards.merged(client.card, values)
        problems += _still_required(ws, client, card)
        if problems:
            raise InvalidInput(problems)
        diff = cards.changes(client.card, card)
        if diff:
            potential = potential_of(ws, client, card, moment)
            store.write(
                conn,
                client.id,
                client.version,
                {"card": card, "potential": potential, "updated_at": moment},
            )
            history.append(
                conn,
                [
                    history.entry(
                        client.id,
                        moment,
                        who.id,
                        "card",
                        ws.tag,
                        data={"changes": diff, "potential": potential},
                    )
                ],
            )
        return CardChanged(client_answer(reg, reload(conn, client.id)), sorted(diff))

    return run(
        ws,
        who,
        body,
        answer=CardChanged,
        key=key,
        at=at,
        payload={
            "op": "card",
            "client": client_id,
            "changes": changes,
            "version": expected_version,
        },
    )


def show(ws: Workspace, client_id: int) -> ClientAnswer:
    with ws.db.read() as conn:
        return client_answer(ws.regulation, get(ws, conn, client_id))


def client_history(ws: Workspace, client_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    with ws.db.read() as conn:
        get(ws, conn, client_id)
        return history_view(history.of_client(conn, client_id, limit))


def _still_required(ws: Workspace, client: ClientState, card: Mapping[str, Any]) -> list[Problem]:
    """A field the client's stage (or creation) demanded cannot be cleared afterwards."""
    reg = ws.regulation
    stage = reg.funnel.stage(client.stage)
    names = [f.id for f in reg.card.fields if f.required]
    out = cards.missing(reg, card, names, i18n.Message.of("why.create"))
    if stage is not None:
        why_stage = i18n.Message.of("why.stage", stage=stage.label)
        out += cards.missing(reg, card, [f for f in stage.required_fields if f not in names], why_stage)
    return out


__all__ = [
    "check_version",
    "client_history",
    "create",
    "get",
    "potential_of",
    "reload",
    "show",
    "update_card",
]
