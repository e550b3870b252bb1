"""Sales for the reports: first and second purchases per client, lead sources, monthly revenue."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection

from engine.store.reports.common import Scope, client_conditions, owner_login, source_of
from engine.store.tables import CLIENT, HISTORY, SALE


def first_purchases(conn: Connection, scope: Scope) -> list[tuple[int, str, date, date | None]]:
    """(client, name, first purchase day, second purchase day or None) of every buying client
    in the scope (one row per client; the period is applied by the caller to the first day).
    A purchase is a line of a positive amount: a return is no second purchase."""
    first = (
        select(SALE.c.client_id, func.min(SALE.c.day).label("first"))
        .where(SALE.c.amount > 0)
        .group_by(SALE.c.client_id)
        .subquery("f")
    )
    later = SALE.alias("s")
    query = (
        select(first.c.client_id, CLIENT.c.name, first.c.first, func.min(later.c.day))
        .join(CLIENT, CLIENT.c.id == first.c.client_id)
        .outerjoin(
            later,
            and_(later.c.client_id == first.c.client_id, later.c.day > first.c.first, later.c.amount > 0),
        )
        .where(*client_conditions(scope))
        .group_by(first.c.client_id, CLIENT.c.name, first.c.first)
    )
    return [
        (int(r[0]), r[1], _day(r[2]), _day(r[3]) if r[3] is not None else None) for r in conn.execute(query)
    ]


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def source_figures(conn: Connection, scope: Scope) -> list[tuple[str | None, int, int, float, int]]:
    """(source, leads come in the period, of them buyers, their revenue, their orders — a
    client's sales lines of one day count as one order)."""
    came = (
        select(HISTORY.c.client_id)
        .where(
            HISTORY.c.kind.in_(("created", "imported")), HISTORY.c.at >= scope.start, HISTORY.c.at < scope.end
        )
        .distinct()
        .subquery("c")
    )
    bought = (
        select(
            SALE.c.client_id,
            func.sum(SALE.c.amount).label("revenue"),
            func.count(func.distinct(case((SALE.c.amount > 0, SALE.c.day)))).label("lines"),
        )
        .group_by(SALE.c.client_id)
        .subquery("b")
    )
    source = source_of()
    rows = conn.execute(
        select(
            source,
            func.count(),
            func.count(bought.c.client_id),
            func.coalesce(func.sum(bought.c.revenue), 0),
            func.coalesce(func.sum(bought.c.lines), 0),
        )
        .select_from(came.join(CLIENT, CLIENT.c.id == came.c.client_id))
        .outerjoin(bought, bought.c.client_id == came.c.client_id)
        .where(*client_conditions(scope))
        .group_by(source)
    ).all()
    return [(r[0], int(r[1]), int(r[2]), float(r[3]), int(r[4])) for r in rows]


def won_by_month(conn: Connection, scope: Scope) -> list[tuple[int, str | None, float]]:
    """(month number = year × 12 + month − 1, owner, revenue) of sales in the period."""
    owner = owner_login()
    rows = conn.execute(
        select(SALE.c.month, owner, func.sum(SALE.c.amount))
        .join(CLIENT, CLIENT.c.id == SALE.c.client_id)
        .where(SALE.c.day >= scope.first_day, SALE.c.day < scope.after_day, *client_conditions(scope))
        .group_by(SALE.c.month, owner)
    ).all()
    return [(int(r[0]), r[1], float(r[2] or 0)) for r in rows]
