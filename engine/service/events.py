"""Events out to the front-ends: the one specification of every event type, and their writing.

Every event is written by the transaction of its change, so a rolled-back or refused command
leaves none. Client events come from the history each command appends (``store.history``
calls :func:`from_history` in the same transaction); the others — a regulation published, an
import completed, a segmentation run — are emitted by their commands with :func:`emit`. A client
event carries the client's version as its command wrote it (commands write the client before
its history). :func:`install` wires the history listener once per process.

Each type's payload (the event's ``data``) is one record below; the API documents them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.service.event_payloads import ImportCompleted, RegulationPublished, SegmentationCompleted
from engine.service.history_kinds import (
    MOVE_COLUMNS,
    SPECS,
    CardData,
    ContactData,
    CreatedData,
    OwnerData,
    SegmentData,
    TaskData,
    TransitionData,
)
from engine.store import Tx, history, outbox


@dataclass(frozen=True, slots=True)
class EventType:
    payload: type
    client: bool
    """Whether the event is about one client (a manager sees only their own clients' ones)."""


TYPES: dict[str, EventType] = {
    "client.created": EventType(CreatedData, True),
    "client.moved": EventType(TransitionData, True),
    "client.card_changed": EventType(CardData, True),
    "client.assigned": EventType(OwnerData, True),
    "contact.recorded": EventType(ContactData, True),
    "task.due": EventType(TaskData, True),
    "segment.changed": EventType(SegmentData, True),
    "segmentation.completed": EventType(SegmentationCompleted, False),
    "import.completed": EventType(ImportCompleted, False),
    "regulation.published": EventType(RegulationPublished, False),
}
"""Every event type: its payload record and whether it concerns one client (a client event's
record is the record of the history kinds that announce it)."""

PUBLIC = ("regulation.published",)
"""The types about no client that a manager's token reads too (imports and segmentation runs
are for heads and admins)."""


def _event(entry: Mapping[str, Any], kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    assert kind in TYPES, kind
    return {
        "type": kind,
        "at": entry["at"],
        "actor": entry["actor"],
        "regulation": entry["regulation"],
        "client_id": entry["client_id"],
        "data": {k: v for k, v in data.items() if v is not None},
    }


def from_history(entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The events one history entry announces (a refusal entry none: its move or contact does)."""
    kind, data = entry["kind"], dict(entry.get("data") or {})
    if kind in SPLITS:
        return SPLITS[kind](entry, data)
    spec = SPECS.get(kind)
    if spec is None or spec.event is None:
        return []
    return [_event(entry, spec.event, {**_columns(entry, spec.columns), **data})]


def _columns(entry: Mapping[str, Any], columns: Mapping[str, str]) -> dict[str, Any]:
    """The event-only fields a kind fills from its entry's columns."""
    return {name: entry.get(column) for name, column in columns.items()}


def _migrated(entry: Mapping[str, Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    """A client a migration map carried: to the stage or the field its old one became."""
    published = data.get("to_version")
    if entry.get("to_stage"):
        return [_event(entry, "client.moved", {**_columns(entry, MOVE_COLUMNS), "published": published})]
    return [_event(entry, "client.card_changed", {"renamed": data.get("field"), "published": published})]


def _import_update(entry: Mapping[str, Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    """An import's update of an existing client: its card, stage and owner changes, each its event."""
    out = []
    if data.get("changes") or data.get("potential"):
        out.append(
            _event(entry, "client.card_changed", {k: data.get(k) for k in ("changes", "potential", "file")})
        )
    if entry.get("to_stage") and entry.get("to_stage") != entry.get("from_stage"):
        moved = _columns(entry, MOVE_COLUMNS)
        out.append(_event(entry, "client.moved", {**moved, "next_step": data.get("next_step")}))
    owner = data.get("owner")
    if owner and len(owner) == 2 and owner[0] != owner[1]:
        out.append(_event(entry, "client.assigned", {"from": owner[0], "to": owner[1]}))
    return out


SPLITS: dict[str, Callable[[Mapping[str, Any], dict[str, Any]], list[dict[str, Any]]]] = {
    "import": _import_update,
    "migrated": _migrated,
}
"""The history kinds that announce several event types, each by its own reading of the entry."""


def _on_history(conn: Tx, entries: Sequence[Mapping[str, Any]]) -> None:
    outbox.add(conn, [event for entry in entries for event in from_history(entry)])


def emit(conn: Tx, kind: str, at: datetime, actor: str, regulation: str, data: Mapping[str, Any]) -> None:
    """Write one event that concerns no single client, in the transaction ``conn``."""
    entry = {"at": at, "actor": actor, "regulation": regulation, "client_id": None}
    outbox.add(conn, [_event(entry, kind, data)])


def install() -> None:
    """Wire the outbox into every write of this process (idempotent)."""
    history.listen(_on_history)


def installed() -> bool:
    """Whether this process writes events (set-based writers announce theirs themselves)."""
    return history.listening(_on_history)


def uninstall() -> None:
    """Stop writing events in this process: only to measure what the outbox costs
    (``benchmarks/events.py``); the next :class:`Workspace` installs it again."""
    history.unlisten(_on_history)
