"""Clients as columns: what the call queue needs, read in bulk.

The database turns timestamps into epoch seconds, dates into epoch days and times into
minutes (:mod:`engine.store.columns`), so rows arrive as plain numbers and strings and become
numpy arrays at once; no per-row datetime objects are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.model.card import FieldType
from engine.model.regulation import Regulation
from engine.store import Tx
from engine.store.columns import read_columns
from engine.values.fieldtypes import NUMERIC, TEMPORAL


@dataclass(slots=True)
class Frame:
    """One column per name; numbers are float64 with NaN for empty, texts are object arrays."""

    ids: npt.NDArray[np.int64]
    columns: dict[str, npt.NDArray[Any]]

    def __len__(self) -> int:
        return len(self.ids)


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
    "handed_over",
)


def read_frame(
    conn: Tx,
    reg: Regulation,
    fields: Iterable[str],
    *,
    owner: str | None = None,
    stages: Iterable[str] | None = None,
    except_stages: Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
) -> Frame:
    """The base columns and the card ``fields`` of the clients matching the filters."""
    card_fields = {f: field.type for f in dict.fromkeys(fields) if (field := reg.card.field(f)) is not None}
    rows = read_columns(conn, card_fields, owner=owner, stages=stages, except_stages=except_stages, ids=ids)
    return _columns(rows, list(card_fields), reg)


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
        "handed_over",
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
