"""Clients as columns: what the call queue needs, read in bulk.

The database turns timestamps into epoch seconds, dates into epoch days and times into
minutes, so rows arrive as plain numbers and strings and become numpy arrays at once; no
per-row datetime objects are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Float, Integer, String, and_, case, cast, func, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from engine.model.card import NUMERIC, TEMPORAL, FieldType
from engine.model.regulation import Regulation
from engine.store.clients import CLIENT, MANAGER


@dataclass(slots=True)
class Frame:
    """One column per name; numbers are float64 with NaN for empty, texts are object arrays."""

    ids: npt.NDArray[np.int64]
    columns: dict[str, npt.NDArray[Any]]

    def __len__(self) -> int:
        return len(self.ids)


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


BASE = (
    "stage",
    "owner",
    "timezone",
    "potential",
    "abc",
    "xyz",
    "average_sale",
    "created",
    "stage_since",
    "last_contact",
    "contacts_count",
    "due_days",
    "due_minutes",
)


def read_frame(
    conn: Connection,
    reg: Regulation,
    fields: Iterable[str],
    *,
    owner: str | None = None,
    stages: Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
) -> Frame:
    """The base columns and the card ``fields`` of the clients matching the filters."""
    dialect = conn.dialect.name
    card_fields = [f for f in dict.fromkeys(fields) if reg.card.field(f) is not None]
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
        *[_card(f, reg.card.field(f).type, dialect) for f in card_fields],  # type: ignore[union-attr]
    ]
    statement = select(*columns).select_from(CLIENT.outerjoin(MANAGER, CLIENT.c.owner_id == MANAGER.c.id))
    filters = []
    if owner is not None:
        filters.append(MANAGER.c.login == owner)
    if stages is not None:
        filters.append(CLIENT.c.stage.in_(list(stages)))
    if ids is not None:
        filters.append(CLIENT.c.id.in_(list(ids)))
    if filters:
        statement = statement.where(and_(*filters))
    rows = conn.execute(statement.order_by(CLIENT.c.id)).all()
    return _columns(rows, card_fields, reg)


def _columns(rows: Sequence[Any], card_fields: list[str], reg: Regulation) -> Frame:
    names = [*BASE, *card_fields]
    transposed = list(zip(*rows, strict=True)) or [() for _ in range(len(names) + 1)]
    ids = np.array(transposed[0], dtype=np.int64)
    numeric = {
        "average_sale",
        "created",
        "stage_since",
        "last_contact",
        "contacts_count",
        "due_days",
        "due_minutes",
    }
    for f in card_fields:
        kind = reg.card.field(f).type  # type: ignore[union-attr]
        if kind in NUMERIC or kind in TEMPORAL or kind is FieldType.BOOLEAN:
            numeric.add(f)
    columns: dict[str, npt.NDArray[Any]] = {}
    for name, values in zip(names, transposed[1:], strict=True):
        if name in numeric:
            columns[name] = np.array(values, dtype=np.float64)  # None becomes NaN
        else:
            columns[name] = np.array(values, dtype=object)
    if "due_days" in columns:
        columns["due_days"] = np.floor(columns["due_days"] + 1e-9)
    return Frame(ids, columns)
