"""Commands on clients: create one, change its card, show it, read its history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine import i18n
from engine.service import cards
from engine.service.answers import CardChanged, ClientAnswer, Created, client_answer
from engine.service.errors import InvalidInput, NotFound, Problem, problem
from engine.service.runner import run
from engine.service.views import history_view
from engine.service.workspace import Workspace
from engine.store import Tx, history, tasks
from engine.store import clients as store
from engine.values.client import ClientState, NextStep


def get(ws: Workspace, conn: Tx, client_id: int, *, for_update: bool = False) -> ClientState:
    """The client, or :class:`NotFound`. ``for_update`` locks the row until the transaction
    ends, so concurrent writers queue up instead of one of them losing its update."""
    client = store.load(conn, client_id, lock=for_update)
    if client is None:
        raise NotFound("client_not_found", client=client_id)
    return client


def check_version(client: ClientState, expected: int | None) -> None:
    from engine.service.errors import Conflict

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


def create(
    ws: Workspace,
    actor: str,
    card: Mapping[str, object],
    *,
    owner: str | None = None,
    timezone: str | None = None,
    external_id: str | None = None,
    next_step: NextStep | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> Created:
    reg = ws.regulation
    zone = timezone or reg.timezone
    problems = _zone_problems(zone)
    values, found = cards.parse_card(reg, card, zone if not problems else reg.timezone)
    problems += found
    entry = reg.funnel.stage(reg.funnel.entry)
    assert entry is not None
    required = [f.id for f in reg.card.fields if f.required]
    problems += cards.missing(reg, values, required, i18n.Message.of("why.create"))
    problems += cards.missing(
        reg,
        values,
        [f for f in entry.required_fields if f not in required],
        i18n.Message.of("why.stage", stage=entry.label),
    )
    if problems:
        raise InvalidInput(problems)
    name_field = next((f.id for f in reg.card.fields if f.required and f.type.value == "text"), None)
    name = str(values.get(name_field, "")) if name_field else str(external_id or "")

    def body(conn: Tx, moment: datetime) -> Created:
        owner_id = _owner(conn, owner)
        _external_id_free(conn, external_id)
        blank = ClientState(0, name, entry.id, moment, moment, zone, values)
        potential = potential_of(ws, blank, values, moment)
        client_id = store.insert_client(
            conn,
            {
                "external_id": external_id,
                "name": name,
                "stage": entry.id,
                "stage_since": moment,
                "owner_id": owner_id,
                "card": values,
                "potential": potential,
                "timezone": zone,
                "created_at": moment,
                "updated_at": moment,
                "version": 1,
                "contacts_count": 0,
            },
        )
        mirror = tasks.replace_next_step(conn, client_id, next_step, at=moment, actor=actor)
        if next_step is not None:
            store.write(conn, client_id, 1, mirror)
        history.append(
            conn,
            [
                history.entry(
                    client_id,
                    moment,
                    actor,
                    "created",
                    ws.tag,
                    to_stage=entry.id,
                    data={
                        "card": values,
                        "owner": owner,
                        "next_step": next_step.as_dict() if next_step else None,
                    },
                )
            ],
        )
        return Created(client_answer(reg, reload(conn, client_id)))

    return run(
        ws,
        actor,
        body,
        answer=Created,
        key=key,
        at=at,
        payload={
            "op": "create",
            "card": card,
            "owner": owner,
            "timezone": timezone,
            "external_id": external_id,
            "next_step": next_step.as_dict() if next_step else None,
        },
    )


def update_card(
    ws: Workspace,
    actor: str,
    client_id: int,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> CardChanged:
    reg = ws.regulation

    def body(conn: Tx, moment: datetime) -> CardChanged:
        client = get(ws, conn, client_id, for_update=True)
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
                        actor,
                        "card",
                        ws.tag,
                        data={"changes": diff, "potential": potential},
                    )
                ],
            )
        return CardChanged(client_answer(reg, reload(conn, client.id)), sorted(diff))

    return run(
        ws,
        actor,
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


def _zone_problems(zone: str) -> list[Problem]:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return [problem("timezone", "error.bad_timezone", zone=zone)]
    return []


def _owner(conn: Tx, login: str | None) -> int | None:
    if login is None:
        return None
    owner_id = store.owner_id(conn, login)
    if owner_id is None:
        raise InvalidInput([problem("owner", "error.unknown_manager", login=login)])
    return owner_id


def _external_id_free(conn: Tx, external_id: str | None) -> None:
    if external_id is None:
        return
    taken = store.by_external_id(conn, external_id)
    if taken is not None:
        raise InvalidInput(
            [problem("external_id", "error.external_id_taken", external_id=external_id, client=taken)]
        )


def reload(conn: Tx, client_id: int) -> ClientState:
    client = store.load(conn, client_id)
    assert client is not None
    return client
