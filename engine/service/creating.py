"""Creating a client: the card checked before anything is written, then one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine import i18n
from engine.service import cards, dealing
from engine.service.actors import Actor, as_actor
from engine.service.answers import client_answer
from engine.service.errors import InvalidInput, Problem, problem
from engine.service.lookup import potential_of, reload
from engine.service.outcomes import Created
from engine.service.runner import run
from engine.service.workspace import Workspace
from engine.store import Tx, history, tasks
from engine.store import clients as store
from engine.values.client import ClientState, NextStep


@dataclass(frozen=True, slots=True)
class NewClient:
    """A checked card for a new client at the entry stage."""

    name: str
    stage: str
    zone: str
    card: dict[str, Any]
    external_id: str | None

    def row(self, ws: Workspace, owner_id: int | None, moment: datetime) -> dict[str, Any]:
        blank = ClientState(0, self.name, self.stage, moment, moment, self.zone, self.card)
        return {
            "external_id": self.external_id,
            "name": self.name,
            "stage": self.stage,
            "stage_since": moment,
            "owner_id": owner_id,
            "card": self.card,
            "potential": potential_of(ws, blank, self.card, moment),
            "timezone": self.zone,
            "created_at": moment,
            "updated_at": moment,
            "version": 1,
            "contacts_count": 0,
        }


def _checked(
    ws: Workspace, card: Mapping[str, object], timezone: str | None, external_id: str | None
) -> NewClient:
    """The card parsed by the field types, every problem at once (:class:`InvalidInput`)."""
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
    return NewClient(name, entry.id, zone, values, external_id)


def create(
    ws: Workspace,
    actor: Actor | str,
    card: Mapping[str, object],
    *,
    owner: str | None = None,
    timezone: str | None = None,
    external_id: str | None = None,
    next_step: NextStep | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> Created:
    """A new client at the funnel's entry stage; the card must hold what the regulation
    requires at creation and at that stage."""
    who = as_actor(actor)
    new = _checked(ws, card, timezone, external_id)

    def body(conn: Tx, moment: datetime) -> Created:
        owner_id = _owner(conn, owner)
        _external_id_free(conn, external_id, who)
        client_id = store.insert_client(conn, new.row(ws, owner_id, moment))
        mirror = tasks.replace_next_step(conn, client_id, next_step, at=moment, actor=who.id)
        if next_step is not None:
            store.write(conn, client_id, 1, mirror)
        data = {"card": new.card, "owner": owner, "next_step": next_step.as_dict() if next_step else None}
        entry = history.entry(client_id, moment, who.id, "created", ws.tag, to_stage=new.stage, data=data)
        history.append(conn, [entry])
        dealing.first_owner(ws, conn, reload(conn, client_id), actor=who.id, at=moment)  # if unowned
        return Created(client_answer(ws.regulation, reload(conn, client_id)))

    return run(
        ws,
        who,
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


def _external_id_free(conn: Tx, external_id: str | None, who: Actor) -> None:
    """Refuse an external id another client has; a manager who may not see that client learns
    nothing about it (not even that it exists: the answer is the same for any id they may not use)."""
    if external_id is None:
        return
    taken = store.by_external_id(conn, external_id)
    if taken is None:
        return
    if who.manager is not None and store.owner_login(conn, taken) != who.manager:
        raise InvalidInput([problem("external_id", "error.external_id_unavailable", external_id=external_id)])
    raise InvalidInput(
        [problem("external_id", "error.external_id_taken", external_id=external_id, client=taken)]
    )
