"""Lists of clients with filters, and managers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select

from engine.model.card import FieldType
from engine.service.errors import InvalidInput, problem
from engine.service.views import client_view
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.store.tables import Manager

MANAGER = Manager.__table__  # type: ignore[attr-defined]
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
    lang: str = "ru",
) -> list[dict[str, Any]]:
    statement = store._select().order_by(store.CLIENT.c.id.desc()).limit(limit).offset(offset)
    if stage:
        statement = statement.where(store.CLIENT.c.stage == stage)
    if owner:
        statement = statement.where(MANAGER.c.login == owner)
    if segment:  # "A" (an ABC class) or "AX" (a cell)
        statement = statement.where(store.CLIENT.c.abc == segment[0])
        if len(segment) > 1:
            statement = statement.where(store.CLIENT.c.xyz == segment[1])
    if search and search.strip():
        statement = statement.where(matching(ws, search.strip()))
    with ws.db.read() as conn:
        return [client_view(ws.regulation, store.to_state(row), lang) for row in conn.execute(statement)]


def matching(ws: Workspace, text: str) -> Any:
    """Clients whose name contains ``text`` (any case), whose external id is ``text``, or — when
    ``text`` is a number of at least five digits, written as people write phones — whose phone
    or INN fields contain those digits."""
    folded = func.casefold if ws.db.is_sqlite else func.lower
    found = [
        folded(store.CLIENT.c.name).contains(text.casefold(), autoescape=True),
        store.CLIENT.c.external_id == text,
    ]
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]  # 8 912 … is how Russians write +7 912 …
    if len(digits) >= 5 and _NUMBER.fullmatch(text):
        numbered = [f.id for f in ws.regulation.card.fields if f.type in (FieldType.PHONE, FieldType.INN)]
        found += [store.CLIENT.c.card[name].as_string().contains(digits) for name in numbered]
    return or_(*found)


def add_manager(
    ws: Workspace,
    login: str,
    name: str,
    role: str,
    timezone: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    if ws.regulation.role(role) is None:
        known = ", ".join(r.id for r in ws.regulation.roles)
        raise InvalidInput([problem("role", "error.unknown_role", role=role, known=known)])
    with ws.db.write() as conn:
        if conn.execute(select(MANAGER.c.id).where(MANAGER.c.login == login)).first() is not None:
            raise InvalidInput([problem("login", "error.manager_exists", login=login)])
        conn.execute(
            insert(MANAGER).values(
                login=login, name=name, role=role, timezone=timezone, created_at=at or ws.now()
            )
        )
    return {"login": login, "name": name, "role": role, "timezone": timezone}


def managers(ws: Workspace) -> list[dict[str, Any]]:
    with ws.db.read() as conn:
        rows = conn.execute(select(MANAGER).order_by(MANAGER.c.login))
        return [{"login": r.login, "name": r.name, "role": r.role, "timezone": r.timezone} for r in rows]
