"""Counts for the impact of a new regulation on the base, aggregated by the database: clients
per stage, and clients of some stages whose card lacks a field (with a few of them to show)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
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


def lacking(conn: Connection, stages: Sequence[str], field: str, sample: int = 5) -> tuple[int, list[Any]]:
    """How many clients on ``stages`` have no value for ``field``, and the first ``sample``."""
    where = CLIENT.c.stage.in_(stages) & _empty(conn, field)
    count = int(conn.execute(select(func.count()).where(where)).scalar_one())
    shown = list(
        conn.execute(select(CLIENT.c.id, CLIENT.c.name).where(where).order_by(CLIENT.c.id).limit(sample))
    )
    return count, shown
