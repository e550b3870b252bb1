"""Sales summed for ABC-XYZ, the classes written back, cell policies' planned contacts, the runs.

Period numbers are computed by the database with the same arithmetic as
:func:`engine.segmentation.periods.period_of`; only one row per client and period leaves it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    case,
    cast,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from engine.store.tables import CLIENT, MANAGER, RUNS, SALE, TASK

EPOCH_MONDAY = date(1970, 1, 5)
_BASIS = {"revenue": SALE.c.amount, "margin": SALE.c.margin, "quantity": SALE.c.quantity}
Ints = npt.NDArray[np.int64]
Arrays = tuple[Ints, npt.NDArray[np.float64]]
_CHUNK = 100_000


def period_column(step: str, dialect: str) -> ColumnElement[Any]:
    """The period number of a sales line: consecutive integers per week, month or quarter."""
    if step == "month":
        column: ColumnElement[Any] = SALE.c.month
        return column
    if step == "quarter":
        return cast(SALE.c.month / 3, Integer) if dialect == "sqlite" else func.div(SALE.c.month, 3)
    if dialect == "sqlite":
        return cast(
            func.floor((func.julianday(SALE.c.day) - func.julianday(literal("1970-01-05"))) / 7), Integer
        )
    return func.div(SALE.c.day - literal(EPOCH_MONDAY), 7)


def _window(step: str, first: int | None, last: int, starts: tuple[date, date | None]) -> list[Any]:
    """Sales lines of periods ``first``..``last``; ``starts``: the first days of ``last + 1``
    and of ``first`` (weeks are filtered by day, months and quarters by month number)."""
    if step == "week":
        conditions = [SALE.c.day < starts[0]]
        if starts[1] is not None:
            conditions.append(SALE.c.day >= starts[1])
        return conditions
    scale = 3 if step == "quarter" else 1
    conditions = [SALE.c.month <= last * scale + scale - 1]
    if first is not None:
        conditions.append(SALE.c.month >= first * scale)
    return conditions


def sums(
    conn: Connection, step: str, basis: str, first: int, last: int, starts: tuple[date, date | None]
) -> Iterator[Arrays]:
    """Client and summed basis of every client × period of the window (the period itself
    stays in the database), as arrays, a chunk at a time in client order (a client's rows may
    span two chunks)."""
    period = period_column(step, conn.dialect.name).label("period")
    statement = (
        select(SALE.c.client_id, func.sum(_BASIS[basis]))
        .where(*_window(step, first, last, starts))
        .group_by(SALE.c.client_id, period)
        .order_by(SALE.c.client_id, period)  # SQLite: the covering index's own order, no sort
    )
    for chunk in _chunks(conn, statement):
        yield chunk[:, 0].astype(np.int64), np.nan_to_num(chunk[:, 1])


def reduces_in_database(conn: Connection) -> bool:
    """Whether :func:`client_sums` is the faster way here: on PostgreSQL, yes (a row per client
    travels instead of one per client and period); SQLite's own second pass is slower than
    numpy's over :func:`sums`."""
    return conn.dialect.name == "postgresql"


def client_sums(conn: Connection, step: str, basis: str, first: int, last: int, end: date) -> list[Any]:
    """Each buyer's sums over the window, reduced in the database (one row per client leaves
    it): of its period sums, the total, and of those clipped at zero the sum, the sum of squares
    and how many are positive; and its first period with a purchase. Client ids ascending, as
    float arrays: id, total, clipped, squares, bought, first. ``end``: the first day after
    period ``last``."""
    period = period_column(step, conn.dialect.name).label("period")
    per = (
        select(SALE.c.client_id, period, func.coalesce(func.sum(_BASIS[basis]), 0.0).label("v"))
        .where(*_window(step, None, last, (end, None)))
        .group_by(SALE.c.client_id, period)
        .subquery()
    )
    inside = per.c.period >= first
    clipped = case((per.c.v > 0, per.c.v), else_=0.0)
    statement = (
        select(
            per.c.client_id,
            func.sum(per.c.v).filter(inside),
            func.sum(clipped).filter(inside),
            func.sum(clipped * clipped).filter(inside),
            func.count().filter(and_(inside, per.c.v > 0)),
            func.min(per.c.period),
        )
        .group_by(per.c.client_id)
        .having(func.count().filter(inside) > 0)
        .order_by(per.c.client_id)
    )
    chunks = list(_chunks(conn, statement))
    whole = np.concatenate(chunks) if chunks else np.zeros((0, 6))
    return [np.nan_to_num(whole[:, i]) for i in range(6)]


def first_periods(conn: Connection, step: str, last: int, end: date) -> tuple[Ints, Ints]:
    """Each buyer's first period with a purchase, up to the window's end (``end``: the first
    day after it), as (client ids ascending, periods)."""
    period = period_column(step, conn.dialect.name)
    statement = (
        select(SALE.c.client_id, func.min(period))
        .where(*_window(step, None, last, (end, None)))
        .group_by(SALE.c.client_id)
        .order_by(SALE.c.client_id)
    )
    clients, periods = [], []
    for chunk in _chunks(conn, statement):
        clients.append(chunk[:, 0].astype(np.int64))
        periods.append(chunk[:, 1].astype(np.int64))
    if not clients:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(clients), np.concatenate(periods)


def _chunks(conn: Connection, statement: Any) -> Iterator[npt.NDArray[np.float64]]:
    """The result as float arrays of ``_CHUNK`` rows (NULL: nan), through the driver's own
    cursor (a server-side one on PostgreSQL): no row objects, little memory at any size."""
    sql = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor("segment_sums") if conn.dialect.name == "postgresql" else dbapi.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(_CHUNK):
            yield np.array(rows, dtype=np.float64)
    finally:
        cursor.close()


def record_run(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(insert(RUNS).values(**values))


def last_run(conn: Connection) -> Any:
    return conn.execute(select(RUNS).order_by(RUNS.c.at.desc(), RUNS.c.id.desc()).limit(1)).first()


def due_for_contact(conn: Connection, cell: str, lost: Sequence[str], cutoff: datetime) -> list[Any]:
    """(id, version, timezone) of the cell's clients with no open next step, not lost, and not
    contacted since ``cutoff``."""
    statement = select(CLIENT.c.id, CLIENT.c.version, CLIENT.c.timezone).where(
        CLIENT.c.abc == cell[0],
        CLIENT.c.xyz == cell[1],
        CLIENT.c.next_due_date.is_(None),
        CLIENT.c.stage.not_in(list(lost)),
        or_(CLIENT.c.last_contact_at.is_(None), CLIENT.c.last_contact_at < cutoff),
    )
    return list(conn.execute(statement).all())


_PLAN = (
    update(CLIENT)
    .where(
        CLIENT.c.id == bindparam("p_id"),
        CLIENT.c.version == bindparam("p_version"),
        CLIENT.c.next_due_date.is_(None),
    )
    .values(
        next_action=bindparam("p_action"),
        next_due_date=bindparam("p_date"),
        next_due_time=None,
        version=CLIENT.c.version + 1,
        updated_at=bindparam("p_at"),
    )
)


def plan(conn: Connection, updates: Sequence[dict[str, Any]], tasks: Sequence[dict[str, Any]]) -> None:
    """Set the planned next step on each client (``p_*`` keys) and open its task."""
    conn.execute(_PLAN, list(updates))
    conn.execute(insert(TASK), list(tasks))


def classified_contacts(conn: Connection, lost: Sequence[str]) -> list[Any]:
    """(abc, xyz, last_contact_at, owner login) of every classified client not lost."""
    statement = (
        select(CLIENT.c.abc, CLIENT.c.xyz, CLIENT.c.last_contact_at, MANAGER.c.login)
        .select_from(CLIENT.outerjoin(MANAGER, CLIENT.c.owner_id == MANAGER.c.id))
        .where(and_(CLIENT.c.abc.is_not(None), CLIENT.c.xyz.is_not(None), CLIENT.c.stage.not_in(list(lost))))
    )
    return list(conn.execute(statement).all())
