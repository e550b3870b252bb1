"""Refusals in a period: the reason given, at which stage, by whom, for which lead source."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from engine.store.reports.common import Renamed, Scope, client_conditions, source_of
from engine.store.tables import CLIENT, HISTORY, MANAGER


def refusal_groups(
    conn: Connection, scope: Scope, renamed: Renamed, lost: Sequence[str]
) -> list[tuple[str | None, str | None, str | None, str | None, int]]:
    """(stage, reason or None, manager, lead source, count): every refusal recorded with its
    reason, and every move into a lost stage recorded without one; the manager who recorded it,
    None when another actor did (``cli``, an API client)."""
    reason = HISTORY.c.data["reason"].as_string()
    period = and_(HISTORY.c.at >= scope.start, HISTORY.c.at < scope.end)
    stage = renamed.now(HISTORY.c.from_stage).label("from_stage")
    base = (
        select(stage, MANAGER.c.login.label("actor"), source_of().label("source"))
        .join(CLIENT, CLIENT.c.id == HISTORY.c.client_id)
        .outerjoin(MANAGER, MANAGER.c.login == HISTORY.c.actor)
    )
    given = base.add_columns(reason.label("reason")).where(
        period, HISTORY.c.kind == "refusal", *client_conditions(scope)
    )
    silent = base.add_columns(literal(None).label("reason")).where(
        period,
        HISTORY.c.kind == "transition",
        HISTORY.c.to_stage.in_(renamed.ids(lost) or [""]),
        or_(reason.is_(None), reason == ""),
        *client_conditions(scope),
    )
    both = union_all(given, silent).subquery("r")
    rows = conn.execute(
        select(both.c.from_stage, both.c.reason, both.c.actor, both.c.source, func.count()).group_by(
            both.c.from_stage, both.c.reason, both.c.actor, both.c.source
        )
    ).all()
    return [(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]
