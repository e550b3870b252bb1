"""Clients as columns: what the call queue needs, read in bulk.

The database turns timestamps into epoch seconds, dates into epoch days and times into
minutes (:mod:`engine.store.columns`), so rows arrive as plain numbers and strings and become
numpy arrays at once; no per-row datetime objects are made. Only the columns the asked facts
need are read (:data:`NEEDS`); the others are left empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.model.regulation import Regulation
from engine.store import Tx
from engine.store.columns import BASE as COLUMNS
from engine.store.queue_read import read_chunks

BASE = tuple(COLUMNS)
"""The base columns, in the store's order (:data:`engine.store.columns.BASE`)."""
TEXTS = {name for name, (_, number) in COLUMNS.items() if not number} | {"owner"}
"""The text columns (the owner arrives as the manager's id and is named by the store)."""
ALWAYS = ("stage", "owner", "timezone", "due_days")
"""Read whatever is asked: the stage (scope), the owner (the list says it), and the time zones
and next-step days an empty list's explanation looks at."""

_TASK = ("timezone", "due_days", "due_minutes")
_DEAL = ("stage", "average_sale", "potential")
NEEDS: dict[str, tuple[str, ...]] = {
    "stage": ("stage",),
    "stage_kind": ("stage",),
    "stage_order": ("stage",),
    "probability": ("stage",),
    "potential": ("potential",),
    "abc": ("abc",),
    "xyz": ("xyz",),
    "owner": ("owner",),
    "days_in_stage": ("stage_since",),
    "age_days": ("created",),
    "days_since_contact": ("last_contact",),
    "contacts_count": ("contacts_count",),
    "handed_over_at": ("handed_over",),
    "sla_overdue": ("stage", "stage_since"),
    "segment": ("abc", "xyz"),
    "has_task": _TASK,
    "task_overdue_days": _TASK,
    "task_has_time": _TASK,
    "task_minutes_late": _TASK,
    "task_is_late": _TASK,
    "in_work_hours": ("timezone",),
    "contact_due": ("abc", "xyz", "last_contact"),
    "deal_size": _DEAL,
    "expected_value": _DEAL,
}
"""The base columns each fact is computed from (:mod:`engine.queue.facts`)."""


@dataclass(slots=True)
class Frame:
    """One column per name; numbers are float64 with NaN for empty, texts are object arrays."""

    ids: npt.NDArray[np.int64]
    columns: dict[str, npt.NDArray[Any]]

    def __len__(self) -> int:
        return len(self.ids)


def base_for(names: Iterable[str], card_fields: Iterable[str] = ()) -> list[str]:
    """The base columns the facts ``names`` need; a name that is neither a fact nor one of the
    ``card_fields`` reads them all."""
    wanted = set(ALWAYS)
    cards = set(card_fields)
    for name in names:
        if name in NEEDS:
            wanted.update(NEEDS[name])
        elif name not in cards:
            wanted.update(BASE)
    return [n for n in BASE if n in wanted]


def read_frames(
    conn: Tx,
    reg: Regulation,
    fields: Iterable[str],
    *,
    base: Iterable[str] = BASE,
    owner: str | None = None,
    stages: Iterable[str] | None = None,
    except_stages: Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
) -> Iterator[Frame]:
    """The ``base`` columns and the card ``fields`` of the clients matching the filters, a
    chunk of clients at a time; base columns not read are there, empty."""
    card_fields = {f: field.type for f in dict.fromkeys(fields) if (field := reg.card.field(f)) is not None}
    wanted = [n for n in BASE if n in set(base)]
    chunks = read_chunks(
        conn, wanted, card_fields, owner=owner, stages=stages, except_stages=except_stages, ids=ids
    )
    for chunk_ids, columns in chunks:
        n = len(chunk_ids)
        for name in BASE:
            if name not in columns:
                columns[name] = np.full(n, None, dtype=object) if name in TEXTS else np.full(n, np.nan)
        if "due_days" in wanted:
            columns["due_days"] = np.floor(columns["due_days"] + 1e-9)
        yield Frame(chunk_ids, columns)


def read_frame(conn: Tx, reg: Regulation, fields: Iterable[str], **filters: Any) -> Frame:
    """Every matching client in one frame, ordered by client number."""
    parts = list(read_frames(conn, reg, fields, **filters))
    ids = np.concatenate([p.ids for p in parts])
    order = np.argsort(ids, kind="stable")
    names = parts[0].columns
    return Frame(ids[order], {n: np.concatenate([p.columns[n] for p in parts])[order] for n in names})
