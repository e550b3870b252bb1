"""Counts for the impact of a new regulation on the base, aggregated by the database: clients
per stage, and clients of some stages whose card lacks a field (with a few of them to show)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.engine import Connection

from engine.store.tables import CLIENT


def per_stage(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(CLIENT.c.stage, func.count()).group_by(CLIENT.c.stage))
    return {str(stage): int(n) for stage, n in rows}


def _empty(conn: Connection, field: str) -> Any:
    kind: Any
    text: Any
    if conn.dialect.name == "postgresql":
        kind = func.jsonb_typeof(CLIENT.c.card[field])
        text = CLIENT.c.card.op("->>")(field)
    else:
        kind = func.json_type(CLIENT.c.card, f"$.{field}")
        text = func.json_extract(CLIENT.c.card, f"$.{field}")
    textual = "string" if conn.dialect.name == "postgresql" else "text"
    return or_(kind.is_(None), kind == "null", (kind == textual) & (text == ""))


def lacking(
    conn: Connection, stages: Sequence[str], fields: Sequence[str], sample: int = 5
) -> dict[str, tuple[int, list[Any]]]:
    """For each of ``fields``: how many clients on ``stages`` have no value for it (counted in
    one scan), and the first ``sample`` of them."""
    on = CLIENT.c.stage.in_(stages)
    sums = [func.coalesce(func.sum(case((_empty(conn, f), 1), else_=0)), 0) for f in fields]
    counts = conn.execute(select(*sums).where(on)).one()
    found: dict[str, tuple[int, list[Any]]] = {}
    for f, n in zip(fields, counts, strict=True):
        if n:
            query = select(CLIENT.c.id, CLIENT.c.name).where(on & _empty(conn, f)).order_by(CLIENT.c.id)
            found[f] = (int(n), list(conn.execute(query.limit(sample))))
    return found


def holding(conn: Connection, fields: Sequence[str]) -> dict[str, int]:
    """For each of ``fields``: how many clients hold a value in it (one scan)."""
    if not fields:
        return {}
    sums = [func.coalesce(func.sum(case((_empty(conn, f), 0), else_=1)), 0) for f in fields]
    counts = conn.execute(select(*sums)).one()
    return {f: int(n) for f, n in zip(fields, counts, strict=True)}
