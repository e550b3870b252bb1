"""Managers as data: deactivating one (their clients dealt again by the ownership rules, in the
same transaction, and reported), marking one away for some dates, bringing one back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from engine.service.errors import InvalidInput, problem
from engine.service.rules import Misfit, Reassigned, misfits, reassign
from engine.service.workspace import Workspace
from engine.store import Tx
from engine.store import clients as clients_store
from engine.store import managers as managers_store
from engine.store import ownership as store


@dataclass(frozen=True, slots=True)
class ManagerState:
    """A manager's availability for new clients."""

    login: str
    active: bool
    away_from: date | None = None
    away_until: date | None = None


@dataclass(frozen=True, slots=True)
class Deactivated:
    login: str
    role: str
    clients: int
    """How many clients the manager had."""
    reassigned: dict[str, int]
    """Who got how many of them."""
    stranded: list[int]
    """Clients nobody could take (no available manager of the wanted role): they keep the owner."""


def deactivate(ws: Workspace, actor: str, login: str, at: datetime | None = None) -> Deactivated:
    """Deactivate ``login``: no new clients, and every client they own goes, in this one
    transaction, to a manager of the role its stage or cell wants (of the manager's own role
    when no rule speaks for it)."""
    moment = at or ws.now()
    with ws.db.write() as conn:
        ws.register(conn)
        row = _manager(conn, login)
        if not row.active:
            raise InvalidInput([problem("login", "error.manager_inactive", login=login)])
        store.set_manager(conn, login, {"active": False, "deactivated_at": moment})
        owned = store.owned_by(conn, int(row.id))
        found = misfits(ws, conn, owned)
        ruled = {m.client for m in found}
        found += _unruled(ws, conn, [i for i in owned if i not in ruled], login, str(row.role))
        done = reassign(ws, conn, moment, actor, sorted(found, key=lambda m: m.client))
    return Deactivated(
        login, str(row.role), len(owned), _counts(done), sorted(m.client for m in done.stranded)
    )


def _unruled(ws: Workspace, conn: Tx, ids: list[int], login: str, role: str) -> list[Misfit]:
    """The deactivated manager's clients no rule speaks for: they stay within the role."""
    states = clients_store.load_many(conn, ids)
    return [
        Misfit(i, s.name, s.stage, s.segment, login, role, False, role, f"role:{role}")
        for i, s in sorted(states.items())
    ]


def _counts(done: Reassigned) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in done.placed:
        counts[p.dest] = counts.get(p.dest, 0) + 1
    return dict(sorted(counts.items()))


def activate(ws: Workspace, login: str) -> ManagerState:
    """Bring a deactivated manager back: clients are dealt to them again."""
    with ws.db.write() as conn:
        row = _manager(conn, login)
        store.set_manager(conn, login, {"active": True, "deactivated_at": None})
    return ManagerState(login, True, row.away_from, row.away_until)


def mark_away(ws: Workspace, login: str, since: date | None, until: date | None) -> ManagerState:
    """Mark ``login`` away from ``since`` to ``until`` (both included; None and None: back at
    work). An away manager keeps their clients but is skipped when clients are dealt."""
    if since is not None and until is not None and until < since:
        raise InvalidInput(
            [problem("until", "error.away_dates", since=since.isoformat(), until=until.isoformat())]
        )
    with ws.db.write() as conn:
        row = _manager(conn, login)
        store.set_manager(conn, login, {"away_from": since, "away_until": until})
    return ManagerState(login, bool(row.active), since, until)


def set_region(ws: Workspace, login: str, region: str | None) -> None:
    with ws.db.write() as conn:
        _manager(conn, login)
        store.set_manager(conn, login, {"region": region})


def _manager(conn: Tx, login: str) -> Any:
    row = managers_store.find(conn, login)
    if row is None:
        raise InvalidInput([problem("login", "error.unknown_manager", login=login)])
    return row
