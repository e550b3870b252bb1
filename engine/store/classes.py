"""Sales summed for ABC-XYZ, the classes written back, cell policies' planned contacts, the runs.

Period numbers are computed by the database with the same arithmetic as
:func:`engine.segmentation.periods.period_of`; only one row per client and period leaves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
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
Arrays = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]


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
) -> Arrays:
    """Client, period and summed basis of every client × period of the window, as arrays."""
    period = period_column(step, conn.dialect.name).label("period")
    statement = (
        select(SALE.c.client_id, period, func.sum(_BASIS[basis]))
        .where(*_window(step, first, last, starts))
        .group_by(SALE.c.client_id, period)
    )
    rows = conn.execute(statement).all()
    if not rows:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([], dtype=np.float64)
    data = np.array([tuple(r) for r in rows], dtype=np.float64)  # tuples: numpy probes Rows slowly
    values = np.nan_to_num(data[:, 2])  # a margin missing on every line sums to NULL
    return data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), values


def first_periods(conn: Connection, step: str, last: int, end: date) -> dict[int, int]:
    """Each buyer's first period with a purchase, up to the window's end (``end``: the first
    day after it)."""
    period = period_column(step, conn.dialect.name)
    statement = (
        select(SALE.c.client_id, func.min(period))
        .where(*_window(step, None, last, (end, None)))
        .group_by(SALE.c.client_id)
    )
    return {int(c): int(p) for c, p in conn.execute(statement).all()}


def current_classes(conn: Connection) -> list[Any]:
    """(id, abc, xyz) of every client with a class."""
    statement = select(CLIENT.c.id, CLIENT.c.abc, CLIENT.c.xyz).where(
        CLIENT.c.abc.is_not(None) | CLIENT.c.xyz.is_not(None)
    )
    return list(conn.execute(statement).all())


def write_classes(conn: Connection, rows: Sequence[dict[str, Any]], moment: datetime) -> None:
    """Write classes (``t_id``, ``t_abc``, ``t_xyz``, ``t_average``) through a temporary table
    and one UPDATE … FROM."""
    if not rows:
        return
    staging = Table(
        "segment_staging",
        MetaData(),
        Column("t_id", Integer, primary_key=True),
        Column("t_abc", String),
        Column("t_xyz", String),
        Column("t_average", Float),
        prefixes=["TEMPORARY"],
    )
    staging.create(conn)
    for start in range(0, len(rows), 50_000):
        conn.execute(insert(staging), list(rows[start : start + 50_000]))
    conn.execute(
        update(CLIENT)
        .where(CLIENT.c.id == staging.c.t_id)
        .values(abc=staging.c.t_abc, xyz=staging.c.t_xyz, average_sale=staging.c.t_average, segment_at=moment)
    )
    staging.drop(conn)


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
