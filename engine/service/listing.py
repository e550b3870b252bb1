"""Lists of clients with filters, and managers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from engine.model.card import FieldType
from engine.service.answers import ClientAnswer, client_answer
from engine.service.errors import InvalidInput, problem
from engine.service.names import Thing, names
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.store import managers as managers_store

_NUMBER = re.compile(r"[\d\s+()\-.]+")


def list_clients(
    ws: Workspace,
    *,
    stage: str | None = None,
    owner: str | None = None,
    segment: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ClientAnswer]:
    """Clients newest first. ``search``: part of the name (any case), the external id, or — when
    it is a number of at least five digits written as people write phones — digits inside the
    phone and INN fields (8 912 … is how Russians write +7 912 …)."""
    if stage:
        stage = names(ws.regulation, Thing.STAGE).require(stage, "stage")
    text = search.strip() if search else ""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    numbered = len(digits) >= 5 and _NUMBER.fullmatch(text) is not None
    fields = [f.id for f in ws.regulation.card.fields if f.type in (FieldType.PHONE, FieldType.INN)]
    with ws.db.read() as conn:
        found = store.page(
            conn,
            stage=stage,
            owner=owner,
            segment=segment,
            search=text or None,
            digits=digits if numbered else None,
            digit_fields=fields,
            limit=limit,
            offset=offset,
        )
    return [client_answer(ws.regulation, client) for client in found]


def add_manager(
    ws: Workspace,
    login: str,
    name: str,
    role: str,
    timezone: str | None = None,
    at: datetime | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    role = names(ws.regulation, Thing.ROLE).require(role, "role")
    with ws.db.write() as conn:
        if managers_store.find(conn, login) is not None:
            raise InvalidInput([problem("login", "error.manager_exists", login=login)])
        managers_store.add(
            conn, login=login, name=name, role=role, timezone=timezone, at=at or ws.now(), region=region
        )
    return {
        "login": login,
        "name": name,
        "role": role,
        "timezone": timezone,
        "region": region,
        "active": True,
    }


def managers(ws: Workspace) -> list[dict[str, Any]]:
    with ws.db.read() as conn:
        rows = managers_store.every(conn)
    return [
        {
            "login": r.login,
            "name": r.name,
            "role": r.role,
            "timezone": r.timezone,
            "region": r.region,
            "active": bool(r.active),
            "away_from": r.away_from,
            "away_until": r.away_until,
        }
        for r in rows
    ]
