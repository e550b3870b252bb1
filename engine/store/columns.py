"""Clients as columns for the call queue: the database does the date arithmetic.

Timestamps become epoch seconds, dates epoch days and times minutes, so rows arrive as plain
numbers and strings. They are read straight from the driver's cursor in chunks (no row objects
of SQLAlchemy's), and each chunk becomes numpy arrays at once (:mod:`engine.store.queue_read`).
Only the columns asked for are selected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Float, Integer, String, case, cast, func, literal
from sqlalchemy.sql import ColumnElement

from engine.model.card import FieldType
from engine.store.tables import CLIENT
from engine.values.fieldtypes import NUMERIC, TEMPORAL


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


def card_column(name: str, kind: FieldType, dialect: str) -> ColumnElement[Any]:
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


def is_number(kind: FieldType) -> bool:
    """Whether a card field of this type is read as a number (booleans as 1/0, dates as days)."""
    return kind in NUMERIC or kind in TEMPORAL or kind is FieldType.BOOLEAN


def _plain(column: Any) -> Callable[[str], ColumnElement[Any]]:
    return lambda dialect: column


BASE: dict[str, tuple[Callable[[str], ColumnElement[Any]], bool]] = {
    # name: (the expression for a dialect, whether it is a number)
    "stage": (_plain(CLIENT.c.stage), False),
    "owner": (_plain(CLIENT.c.owner_id), True),  # the manager's id; the store names it
    "timezone": (_plain(CLIENT.c.timezone), False),
    "potential": (_plain(CLIENT.c.potential), False),
    "abc": (_plain(CLIENT.c.abc), False),
    "xyz": (_plain(CLIENT.c.xyz), False),
    "average_sale": (_plain(CLIENT.c.average_sale), True),
    "created": (lambda d: _epoch_seconds(CLIENT.c.created_at, d), True),
    "stage_since": (lambda d: _epoch_seconds(CLIENT.c.stage_since, d), True),
    "last_contact": (lambda d: _epoch_seconds(CLIENT.c.last_contact_at, d), True),
    "contacts_count": (_plain(CLIENT.c.contacts_count), True),
    "due_days": (lambda d: _epoch_days(CLIENT.c.next_due_date, d), True),
    "due_minutes": (lambda d: _minutes(CLIENT.c.next_due_time, d), True),
    "handed_over": (lambda d: _epoch_seconds(CLIENT.c.handed_over_at, d), True),
}
"""The base columns: stage, owner, time zone, potential, abc, xyz, average sale, created, stage
since, last contact (epoch seconds), contacts count, due day (epoch days), due time (minutes),
the last hand-over (epoch seconds)."""
