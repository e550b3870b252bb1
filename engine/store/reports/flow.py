"""The funnel's flow: stage entries in a period, where they went, how long they stayed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import and_, case, distinct, exists, func, select
from sqlalchemy.engine import Connection

from engine.store.reports.common import (
    MIGRATED,
    Renamed,
    Scope,
    by_stage,
    client_conditions,
    days_between,
    dialect,
)
from engine.store.tables import CLIENT, HISTORY, MANAGER

ENTRY_KINDS = ("created", "imported")
"""History kinds that bring a client into the base (the cohort's first entry)."""


def _entries(scope: Scope, renamed: Renamed) -> Any:
    """Stage entries (a history row with a destination stage, not a migration map carrying the
    client over) of clients in the scope, each stage as the one it stands for now."""
    stage = renamed.now(HISTORY.c.to_stage).label("to_stage")
    query = select(HISTORY.c.id, HISTORY.c.client_id, stage, HISTORY.c.at).where(
        HISTORY.c.to_stage.is_not(None), HISTORY.c.kind != MIGRATED
    )
    conditions = client_conditions(scope)
    if conditions:
        query = query.join(CLIENT, CLIENT.c.id == HISTORY.c.client_id).where(*conditions)
    return query


def stage_flow(
    conn: Connection,
    scope: Scope,
    renamed: Renamed,
    orders: Mapping[str, int],
    won: Sequence[str],
    lost: Sequence[str],
) -> dict[str, tuple[int, int, int]]:
    """Stage → (entries in the period, of them later entering a higher stage that is not lost,
    of them later entering a won stage)."""
    entry = (
        _entries(scope, renamed).where(HISTORY.c.at >= scope.start, HISTORY.c.at < scope.end).subquery("e")
    )
    later = HISTORY.alias("f")
    higher = exists().where(
        later.c.client_id == entry.c.client_id,
        later.c.id > entry.c.id,
        later.c.to_stage.in_(renamed.ids([s for s in orders if s not in lost]) or [""]),  # the covering index
        by_stage(later.c.to_stage, renamed.values(orders), -1) > by_stage(entry.c.to_stage, orders, -1),
    )
    reached_won = exists().where(
        later.c.client_id == entry.c.client_id,
        later.c.id > entry.c.id,
        later.c.to_stage.in_(renamed.ids(won) or [""]),
    )
    counted = (func.sum(case((condition, 1), else_=0)) for condition in (higher, reached_won))
    rows = conn.execute(select(entry.c.to_stage, func.count(), *counted).group_by(entry.c.to_stage)).all()
    return {r[0]: (int(r[1]), int(r[2] or 0), int(r[3] or 0)) for r in rows}


def entries_by_owner(
    conn: Connection, scope: Scope, renamed: Renamed, stages: Sequence[str]
) -> list[tuple[str | None, str, int]]:
    """(owner, stage, entries in the period) for the given stages."""
    owner = MANAGER.c.login
    stage = renamed.now(HISTORY.c.to_stage)
    rows = conn.execute(
        select(owner, stage, func.count())
        .select_from(
            HISTORY.join(CLIENT, CLIENT.c.id == HISTORY.c.client_id).outerjoin(
                MANAGER, MANAGER.c.id == CLIENT.c.owner_id
            )
        )
        .where(
            HISTORY.c.to_stage.in_(renamed.ids(stages) or [""]),
            HISTORY.c.kind != MIGRATED,
            HISTORY.c.at >= scope.start,
            HISTORY.c.at < scope.end,
            *client_conditions(scope),
        )
        .group_by(owner, stage)
    ).all()
    return [(r[0], r[1], int(r[2])) for r in rows]


def owners(conn: Connection) -> int:
    """How many managers own at least one client (the team a plan is shared by)."""
    return int(conn.execute(select(func.count(distinct(CLIENT.c.owner_id)))).scalar_one())


def stage_durations(
    conn: Connection, scope: Scope, renamed: Renamed
) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.float64]]:
    """Completed stays that began in the period: the stage and the days spent in it (columns)."""
    later = HISTORY.alias("n")
    left_at = (  # the moment of the client's next stage entry
        select(func.min(later.c.at))
        .where(
            later.c.client_id == HISTORY.c.client_id,
            later.c.id > HISTORY.c.id,
            later.c.to_stage.is_not(None),
            later.c.kind != MIGRATED,
        )
        .correlate(HISTORY)
        .scalar_subquery()
    )
    entries = _entries(scope, renamed).where(HISTORY.c.at >= scope.start, HISTORY.c.at < scope.end)
    stays = entries.add_columns(left_at.label("left_at")).subquery("s")
    days = days_between(stays.c.left_at, stays.c.at, dialect(conn))
    rows = conn.execute(select(stays.c.to_stage, days).where(stays.c.left_at.is_not(None))).all()
    stages = np.array([r[0] for r in rows], dtype=str)
    spent = np.array([float(r[1]) for r in rows], dtype=np.float64)
    return stages, spent


def cohort_reach(conn: Connection, scope: Scope, renamed: Renamed) -> tuple[int, dict[str, int]]:
    """Clients who came into the base in the period, and how many of them reached each stage."""
    cohort = _entries(scope, renamed).where(
        HISTORY.c.kind.in_(ENTRY_KINDS), HISTORY.c.at >= scope.start, HISTORY.c.at < scope.end
    )
    ids = select(cohort.subquery().c.client_id)
    size = conn.execute(select(func.count(distinct(ids.subquery().c.client_id)))).scalar_one()
    stage = renamed.now(HISTORY.c.to_stage)
    rows = conn.execute(
        select(stage, func.count(distinct(HISTORY.c.client_id)))
        .where(and_(HISTORY.c.to_stage.is_not(None), HISTORY.c.client_id.in_(ids)))
        .group_by(stage)
    ).all()
    return int(size), {r[0]: int(r[1]) for r in rows}
