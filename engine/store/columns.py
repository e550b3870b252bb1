"""Clients as columns for the call queue: the database does the date arithmetic.

Timestamps become epoch seconds, dates epoch days and times minutes, so rows arrive as plain
numbers and strings; :mod:`engine.queue.frame` turns them into numpy arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Float, Integer, String, and_, case, cast, func, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from engine.model.card import FieldType
from engine.store.tables import CLIENT, MANAGER
from engine.values.fieldtypes import NUMERIC


def _epoch_seconds(column: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return (func.julianday(column) - 2440587.5) * 86400.0
    return cast(func.extract("epoch", column), Float)


def _epoch_days(column: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return func.julianday(column) - 2440587.5
    return cast(column - literal("1970-01-01").cast(column.type), Integer)


def _minutes(column: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return cast(func.substr(column, 1, 2), Integer) * 60 + cast(func.substr(column, 4, 2), Integer)
    return cast(func.extract("hour", column) * 60 + func.extract("minute", column), Integer)


def _card(name: str, kind: FieldType, dialect: str) -> ColumnElement[Any]:
    """A card field from the JSON document, as a number (days for dates) or text."""
    if dialect == "sqlite":
        raw = func.json_extract(CLIENT.c.card, f"$.{name}")
        if kind in NUMERIC or kind is FieldType.BOOLEAN:
            return cast(raw, Float)
        if kind is FieldType.DATE:
            return func.julianday(raw) - 2440587.5
        if kind is FieldType.DATETIME:
            return (func.julianday(raw) - 2440587.5) * 86400.0
        return cast(raw, String)
    text = CLIENT.c.card[name].as_string()
    if kind in NUMERIC:
        return cast(text, Float)
    if kind is FieldType.BOOLEAN:
        return case((text == "true", 1.0), (text == "false", 0.0), else_=None)
    if kind is FieldType.DATE:
        return cast(func.extract("epoch", cast(text, CLIENT.c.next_due_date.type)) / 86400, Float)
    if kind is FieldType.DATETIME:
        return cast(func.extract("epoch", func.cast(text, CLIENT.c.stage_since.type)), Float)
    as_text: ColumnElement[Any] = text
    return as_text


def read_columns(
    conn: Connection,
    card_fields: Mapping[str, FieldType],
    *,
    owner: str | None = None,
    stages: Iterable[str] | None = None,
    except_stages: Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
) -> list[Any]:
    """Rows of: id, stage, owner login, time zone, potential, abc, xyz, average sale, created,
    stage since, last contact (epoch seconds), contacts count, due day (epoch days), due time
    (minutes), the last hand-over (epoch seconds), then each card field of ``card_fields`` —
    for the clients matching the filters, ordered by id."""
    dialect = conn.dialect.name
    columns = [
        CLIENT.c.id,
        CLIENT.c.stage,
        MANAGER.c.login,
        CLIENT.c.timezone,
        CLIENT.c.potential,
        CLIENT.c.abc,
        CLIENT.c.xyz,
        CLIENT.c.average_sale,
        _epoch_seconds(CLIENT.c.created_at, dialect),
        _epoch_seconds(CLIENT.c.stage_since, dialect),
        _epoch_seconds(CLIENT.c.last_contact_at, dialect),
        CLIENT.c.contacts_count,
        _epoch_days(CLIENT.c.next_due_date, dialect),
        _minutes(CLIENT.c.next_due_time, dialect),
        _epoch_seconds(CLIENT.c.handed_over_at, dialect),
        *[_card(name, kind, dialect) for name, kind in card_fields.items()],
    ]
    statement = select(*columns).select_from(CLIENT.outerjoin(MANAGER, CLIENT.c.owner_id == MANAGER.c.id))
    filters = []
    if owner is not None:
        filters.append(MANAGER.c.login == owner)
    if stages is not None:
        filters.append(CLIENT.c.stage.in_(list(stages)))
    if except_stages:
        filters.append(CLIENT.c.stage.not_in(list(except_stages)))
    if ids is not None:
        filters.append(CLIENT.c.id.in_(list(ids)))
    if filters:
        statement = statement.where(and_(*filters))
    return list(conn.execute(statement.order_by(CLIENT.c.id)).all())
