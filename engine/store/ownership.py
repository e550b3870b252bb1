"""Automatic assignment in SQL: a role's turn row (locked), its available managers, their load,
owners written in bulk, and the hand-over log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Float, and_, bindparam, case, cast, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.ownership_tables import HANDOVER, TURN
from engine.store.tables import CLIENT, MANAGER


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    login: str
    timezone: str | None
    region: str | None


@dataclass(frozen=True, slots=True)
class ValueTerms:
    """How a client's expected value is computed (the same as the queue's): the stage's
    probability × the card's amount, else the average sale, else by potential, else a default."""

    probabilities: Mapping[str, float]
    field: str | None
    by_potential: Mapping[str, float]
    default: float


_NEW_TURN = {
    "postgresql": pg_insert(TURN)
    .values(role=bindparam("t_role"), last_manager_id=None, dealt=0)
    .on_conflict_do_nothing(),
    "sqlite": sqlite_insert(TURN)
    .values(role=bindparam("t_role"), last_manager_id=None, dealt=0)
    .on_conflict_do_nothing(),
}
_TURN = select(TURN.c.last_manager_id).where(TURN.c.role == bindparam("role"))
_TURN_LOCKED = _TURN.with_for_update()


def lock_turn(conn: Connection, role: str) -> int | None:
    """Lock the role's turn row (created when missing) and return the last manager dealt to.
    Held to the end of the transaction: assignments to one role are serialised."""
    postgres = conn.dialect.name == "postgresql"
    fast.execute(conn, _NEW_TURN["postgresql" if postgres else "sqlite"], {"t_role": role})
    rows = fast.rows(conn, _TURN_LOCKED if postgres else _TURN, {"role": role})
    value = rows[0]["last_manager_id"] if rows else None
    return int(value) if value is not None else None


_ADVANCE = (
    update(TURN)
    .where(TURN.c.role == bindparam("t_role"))
    .values(last_manager_id=bindparam("t_manager"), dealt=TURN.c.dealt + bindparam("t_dealt"))
)


def advance_turn(conn: Connection, role: str, manager_id: int, dealt: int = 1) -> None:
    conn.execute(_ADVANCE, {"t_role": role, "t_manager": manager_id, "t_dealt": dealt})


_DAY = bindparam("day", type_=MANAGER.c.away_from.type)
_AWAY = and_(
    or_(MANAGER.c.away_from.is_(None), MANAGER.c.away_from <= _DAY),
    or_(MANAGER.c.away_until.is_(None), MANAGER.c.away_until >= _DAY),
    or_(MANAGER.c.away_from.is_not(None), MANAGER.c.away_until.is_not(None)),
)
_CANDIDATES = (
    select(MANAGER.c.id, MANAGER.c.login, MANAGER.c.timezone, MANAGER.c.region)
    .where(MANAGER.c.role == bindparam("role"), MANAGER.c.active.is_(True), ~_AWAY)
    .order_by(MANAGER.c.id)
)


def candidates(conn: Connection, role: str, day: date, exclude: Sequence[int] = ()) -> list[Candidate]:
    """The active managers of ``role`` not away on ``day``, by id."""
    if exclude:
        statement = _CANDIDATES.where(MANAGER.c.id.not_in(list(exclude)))
        rows = [dict(r) for r in conn.execute(statement, {"role": role, "day": day}).mappings()]
    else:
        rows = fast.rows(conn, _CANDIDATES, {"role": role, "day": day})
    return [Candidate(int(r["id"]), str(r["login"]), r["timezone"], r["region"]) for r in rows]


def open_clients(
    conn: Connection, manager_ids: Sequence[int], open_stages: Sequence[str]
) -> dict[int, float]:
    """Each manager's number of clients at open stages."""
    statement = (
        select(CLIENT.c.owner_id, func.count())
        .where(CLIENT.c.owner_id.in_(list(manager_ids)), CLIENT.c.stage.in_(list(open_stages)))
        .group_by(CLIENT.c.owner_id)
    )
    found = {int(i): float(n) for i, n in conn.execute(statement)}
    return {i: found.get(i, 0.0) for i in manager_ids}


def expected_values(conn: Connection, manager_ids: Sequence[int], terms: ValueTerms) -> dict[int, float]:
    """Each manager's expected value held: summed by the database, one row per manager."""
    probability = case(*((CLIENT.c.stage == s, p) for s, p in terms.probabilities.items()), else_=0.0)
    fallback = case(
        *((CLIENT.c.potential == k, v) for k, v in terms.by_potential.items()), else_=terms.default
    )
    size = case((CLIENT.c.average_sale > 0, CLIENT.c.average_sale), else_=fallback)
    if terms.field:
        given = _card_number(conn, terms.field)
        size = case((given > 0, given), else_=size)
    statement = (
        select(CLIENT.c.owner_id, func.sum(probability * size))
        .where(CLIENT.c.owner_id.in_(list(manager_ids)))
        .group_by(CLIENT.c.owner_id)
    )
    found = {int(i): float(v or 0.0) for i, v in conn.execute(statement)}
    return {i: found.get(i, 0.0) for i in manager_ids}


def _card_number(conn: Connection, name: str) -> Any:
    if conn.dialect.name == "sqlite":
        return cast(func.json_extract(CLIENT.c.card, f"$.{name}"), Float)
    return cast(CLIENT.c.card[name].as_string(), Float)


_ROLE = select(MANAGER.c.role, MANAGER.c.active).where(MANAGER.c.login == bindparam("login"))


def role_of(conn: Connection, login: str | None) -> tuple[str | None, bool]:
    """The manager's role and whether they are active ((None, False) for no manager)."""
    if login is None:
        return None, False
    rows = fast.rows(conn, _ROLE, {"login": login})
    return (str(rows[0]["role"]), bool(rows[0]["active"])) if rows else (None, False)


def write_owners(conn: Connection, rows: Sequence[dict[str, Any]], *, bump: bool = True) -> None:
    """Set owners of many clients at once: rows of ``c_id``, ``c_owner``, ``c_at``, ``c_handed``
    (the hand-over moment or None to keep it), each bumping the client's version unless the
    clients were created in this same transaction (``bump`` False)."""
    if not rows:
        return
    statement = (
        update(CLIENT)
        .where(CLIENT.c.id == bindparam("c_id"))
        .values(
            owner_id=bindparam("c_owner"),
            updated_at=bindparam("c_at"),
            handed_over_at=func.coalesce(bindparam("c_handed"), CLIENT.c.handed_over_at),
            version=CLIENT.c.version + (1 if bump else 0),
        )
    )
    conn.execute(statement, list(rows))


def log_handovers(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(HANDOVER), list(rows))


def owned_by(conn: Connection, manager_id: int) -> list[int]:
    """The ids of the clients a manager owns."""
    statement = select(CLIENT.c.id).where(CLIENT.c.owner_id == manager_id).order_by(CLIENT.c.id)
    return [int(i) for i in conn.execute(statement).scalars()]


def set_manager(conn: Connection, login: str, values: Mapping[str, Any]) -> bool:
    result = conn.execute(update(MANAGER).where(MANAGER.c.login == login).values(**values))
    return bool(result.rowcount == 1)


def misplaced(
    conn: Connection,
    stage_roles: Mapping[str, str],
    cell_roles: Mapping[str, str],
    no_cell_stages: Sequence[str],
    ids: Sequence[int] | None = None,
    among: Any = None,
) -> list[Any]:
    """Clients whose owner does not fit the ownership rules — none, inactive, or of another
    role than their stage's (``stage_roles``) or, at stages without one and not in
    ``no_cell_stages``, their cell's (``cell_roles``). Rows of id, name, stage, abc, xyz, the
    owner's login and role, the wanted role and whether it comes from the stage; by id.
    ``ids`` or ``among`` (a query of client ids, e.g. a run's changes) narrow the search."""
    cell = CLIENT.c.abc + CLIENT.c.xyz
    by_stage = [(CLIENT.c.stage == s, r) for s, r in stage_roles.items()]
    outside = CLIENT.c.stage.not_in(list(no_cell_stages) or [""])
    in_cell = [(and_(outside, cell == c), r) for c, r in cell_roles.items()]
    if not by_stage and not in_cell:
        return []
    wanted = case(*by_stage, *in_cell, else_=None).label("wanted")
    from_stage = CLIENT.c.stage.in_(list(stage_roles) or [""]).label("from_stage")
    inner = select(
        CLIENT.c.id,
        CLIENT.c.name,
        CLIENT.c.stage,
        CLIENT.c.abc,
        CLIENT.c.xyz,
        MANAGER.c.login.label("owner"),
        MANAGER.c.role.label("owner_role"),
        MANAGER.c.active.label("owner_active"),
        wanted,
        from_stage,
    ).select_from(CLIENT.outerjoin(MANAGER, CLIENT.c.owner_id == MANAGER.c.id))
    if ids is not None:
        inner = inner.where(CLIENT.c.id.in_(list(ids)))
    if among is not None:
        inner = inner.where(CLIENT.c.id.in_(among))
    sub = inner.subquery()
    statement = (
        select(sub)
        .where(
            sub.c.wanted.is_not(None),
            or_(sub.c.owner.is_(None), sub.c.owner_role != sub.c.wanted, sub.c.owner_active.is_(False)),
        )
        .order_by(sub.c.id)
    )
    return list(conn.execute(statement).all())


def set_first_owner(conn: Connection, client_id: int, owner_id: int) -> None:
    """The owner of a client created in this same transaction (its version stays 1)."""
    conn.execute(update(CLIENT).where(CLIENT.c.id == client_id).values(owner_id=owner_id))


def active_roles(conn: Connection) -> set[str]:
    """The roles that have at least one active manager."""
    statement = select(MANAGER.c.role).where(MANAGER.c.active.is_(True)).distinct()
    return {str(r) for r in conn.execute(statement).scalars()}
