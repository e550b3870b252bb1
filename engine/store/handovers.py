"""The hand-over report in SQL: per sending department and manager, the hand-overs of a period
grouped by where each client stands now and, for lost ones, the refusal reason — with the time
to the receiver's first contact summed, so only the groups travel to Python."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection

from engine.store.columns import _epoch_seconds
from engine.store.ownership_tables import HANDOVER
from engine.store.tables import CLIENT, CONTACT, HISTORY


def summary(conn: Connection, since: datetime, until: datetime, lost: list[str], kind: str) -> list[Any]:
    """Of the hand-overs logged by a rule of ``kind`` (``stage``: ``rule`` is ``stage:<id>``),
    rows of: from_role, from_manager, stage (now), reason (for clients now at a ``lost`` stage:
    the last refusal reason recorded after the hand-over), handed (count), contacted (reached by
    the receiver after the hand-over), seconds (summed from the hand-over to that first
    contact)."""
    dialect = conn.dialect.name
    first_contact = (
        select(func.min(CONTACT.c.at))
        .where(
            CONTACT.c.client_id == HANDOVER.c.client_id,
            CONTACT.c.manager == HANDOVER.c.to_manager,
            CONTACT.c.at >= HANDOVER.c.at,
        )
        .correlate(HANDOVER)
        .scalar_subquery()
    )
    reason = (
        select(HISTORY.c.data["reason"].as_string())
        .where(
            HISTORY.c.client_id == HANDOVER.c.client_id,
            HISTORY.c.kind == "refusal",
            HISTORY.c.at >= HANDOVER.c.at,
        )
        .order_by(HISTORY.c.id.desc())
        .limit(1)
        .correlate(HANDOVER)
        .scalar_subquery()
    )
    rows = (
        select(
            HANDOVER.c.from_role,
            HANDOVER.c.from_manager,
            HANDOVER.c.at,
            CLIENT.c.stage,
            first_contact.label("first_contact"),
            case((CLIENT.c.stage.in_(lost or [""]), reason), else_=None).label("reason"),
        )
        .select_from(HANDOVER.join(CLIENT, CLIENT.c.id == HANDOVER.c.client_id))
        .where(and_(HANDOVER.c.at >= since, HANDOVER.c.at < until, HANDOVER.c.rule.startswith(f"{kind}:")))
        .subquery()
    )
    delay = _epoch_seconds(rows.c.first_contact, dialect) - _epoch_seconds(rows.c.at, dialect)
    statement = (
        select(
            rows.c.from_role,
            rows.c.from_manager,
            rows.c.stage,
            rows.c.reason,
            func.count().label("handed"),
            func.count(rows.c.first_contact).label("contacted"),
            func.coalesce(func.sum(delay), 0.0).label("seconds"),
        )
        .group_by(rows.c.from_role, rows.c.from_manager, rows.c.stage, rows.c.reason)
        .order_by(rows.c.from_role, rows.c.from_manager, rows.c.stage, rows.c.reason)
    )
    return list(conn.execute(statement).all())
