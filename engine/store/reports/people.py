"""Managers: contacts by kind and result, clients won and come in, clients per cell and owner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.engine import Connection

from engine.store.reports.common import Renamed, Scope, by_stage, client_conditions, days_between, dialect
from engine.store.tables import CLIENT, CONTACT, HISTORY, MANAGER
from engine.store.types import UTCDateTime


def activity(conn: Connection, scope: Scope) -> list[tuple[str, str, str, int]]:
    """(manager, contact kind, result, count) of contacts managers made in the period: a contact
    another actor recorded (``cli``, an API client) is no manager's work."""
    query = (
        select(CONTACT.c.manager, CONTACT.c.kind, CONTACT.c.result, func.count())
        .join(MANAGER, MANAGER.c.login == CONTACT.c.manager)
        .where(CONTACT.c.at >= scope.start, CONTACT.c.at < scope.end)
    )
    conditions = client_conditions(scope)
    if conditions:
        query = query.join(CLIENT, CLIENT.c.id == CONTACT.c.client_id).where(*conditions)
    if scope.manager:
        query = query.where(CONTACT.c.manager == scope.manager)
    rows = conn.execute(query.group_by(CONTACT.c.manager, CONTACT.c.kind, CONTACT.c.result)).all()
    return [(r[0], r[1], r[2], int(r[3])) for r in rows]


def manager_results(
    conn: Connection, scope: Scope, renamed: Renamed, won: Sequence[str]
) -> list[tuple[str | None, int, int]]:
    """(owner, clients come into the base in the period, clients entering a won stage in it)."""
    came = HISTORY.c.kind.in_(("created", "imported"))
    into_won = HISTORY.c.to_stage.in_(renamed.ids(won) or [""])
    rows = conn.execute(
        select(
            MANAGER.c.login,
            func.count(func.distinct(case((came, HISTORY.c.client_id)))),
            func.count(func.distinct(case((into_won, HISTORY.c.client_id)))),
        )
        .select_from(HISTORY.join(CLIENT, CLIENT.c.id == HISTORY.c.client_id))
        .outerjoin(MANAGER, MANAGER.c.id == CLIENT.c.owner_id)
        .where(HISTORY.c.at >= scope.start, HISTORY.c.at < scope.end, *client_conditions(scope))
        .group_by(MANAGER.c.login)
    ).all()
    return [(r[0], int(r[1]), int(r[2])) for r in rows]


def compliance(
    conn: Connection, scope: Scope, interval_days: Mapping[str, float], lost: Sequence[str], now: datetime
) -> list[tuple[str | None, int, int]]:
    """(owner, classified clients contacted within their cell's interval, classified clients)
    of clients not lost, at ``now`` — as ``reglament compliance`` counts them."""
    cell = CLIENT.c.abc + CLIENT.c.xyz
    interval = by_stage(cell, interval_days, -1.0)
    since = days_between(literal(now, UTCDateTime), CLIENT.c.last_contact_at, dialect(conn))
    on_time = and_(CLIENT.c.last_contact_at.is_not(None), since <= interval)
    rows = conn.execute(
        select(MANAGER.c.login, func.sum(case((on_time, 1), else_=0)), func.count())
        .select_from(CLIENT.outerjoin(MANAGER, MANAGER.c.id == CLIENT.c.owner_id))
        .where(
            CLIENT.c.abc.is_not(None),
            CLIENT.c.xyz.is_not(None),
            interval >= 0,
            CLIENT.c.stage.not_in(list(lost) or [""]),
            *client_conditions(scope),
        )
        .group_by(MANAGER.c.login)
    ).all()
    return [(r[0], int(r[1] or 0), int(r[2])) for r in rows]


def cells_by_owner(conn: Connection, scope: Scope) -> list[tuple[str | None, str | None, str, int]]:
    """(owner, owner's role, ABC-XYZ cell, clients) for classified clients."""
    rows = conn.execute(
        select(MANAGER.c.login, MANAGER.c.role, CLIENT.c.abc, CLIENT.c.xyz, func.count())
        .select_from(CLIENT.outerjoin(MANAGER, MANAGER.c.id == CLIENT.c.owner_id))
        .where(CLIENT.c.abc.is_not(None), CLIENT.c.xyz.is_not(None), *client_conditions(scope))
        .group_by(MANAGER.c.login, MANAGER.c.role, CLIENT.c.abc, CLIENT.c.xyz)
    ).all()
    return [(r[0], r[1], f"{r[2]}{r[3]}", int(r[4])) for r in rows]
