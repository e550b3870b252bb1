"""The history as JSON-able rows (the other answers are typed records: :mod:`engine.service.answers`)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any


def iso(value: datetime | date | time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value.isoformat()


def history_view(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = ("id", "at", "actor", "kind", "trigger", "from_stage", "to_stage", "regulation", "data")
    return [{k: (iso(r[k]) if k == "at" else r[k]) for k in keys} for r in rows]
