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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine.service.history_kinds import StepData
from engine.store import Tx, history, outbox


@dataclass(frozen=True, slots=True)
class ClientCreated:
    """A client was added (by a person, the API or an import)."""

    stage: str | None = None
    card: dict[str, Any] | None = None
    owner: str | None = None
    next_step: StepData | None = None
    file: str | None = None
    """The import file, for a client an import created."""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class ClientMoved:
    """A client moved to another stage (by a trigger, or placed there by an import)."""

    source: str | None = field(default=None, metadata={"json": "from"})
    dest: str | None = field(default=None, metadata={"json": "to"})
    trigger: str | None = None
    reason: str | None = None
    """The refusal reason, for a move into a lost stage."""
    next_step: StepData | None = None
    published: str | None = None
    """The version whose migration map carried the client (a move no trigger made)."""


@dataclass(frozen=True, slots=True)
class CardChanged:
    """Fields of a client's card changed."""

    changes: dict[str, list[Any]] | None = None
    """Field id → [old value, new value]."""
    potential: str | None = None
    file: str | None = None
    """The import file, for a change an import made."""
    renamed: list[str] | None = None
    """[old field id, new field id]: a field the migration map of ``published`` renamed."""
    published: str | None = None


@dataclass(frozen=True, slots=True)
class ClientAssigned:
    """A client passed to another manager (by a head, or by the ownership rules)."""

    source: str | None = field(default=None, metadata={"json": "from"})
    dest: str | None = field(default=None, metadata={"json": "to"})
    rule: str | None = None
    """For an automatic assignment: the ownership rule (``stage:<id>``, ``cell:<AX>``, ``role:<id>``)."""
    role: str | None = None
    strategy: str | None = None
    note: str | None = None
    """The hand-over note given with the move."""
    handover: bool | None = None
    """True when the client passed from one department (role) to another."""


@dataclass(frozen=True, slots=True)
class ContactRecorded:
    """A contact (call, meeting, letter…) with a client was recorded."""

    contact: int | None = None
    kind: str | None = None
    result: str | None = None
    comment: str | None = None
    stage: str | None = None
    next_step: StepData | None = None


@dataclass(frozen=True, slots=True)
class TaskDue:
    """The planner set a contact due for a client (its segment's contact policy)."""

    policy: str | None = None
    """The ABC-XYZ cell whose policy planned it."""
    action: str | None = None
    due_date: date | None = None


@dataclass(frozen=True, slots=True)
class SegmentChanged:
    """A client's ABC-XYZ class changed in a segmentation run."""

    source: str | None = field(default=None, metadata={"json": "from"})
    dest: str | None = field(default=None, metadata={"json": "to"})
    abc: str | None = None
    xyz: str | None = None


@dataclass(frozen=True, slots=True)
class SegmentationCompleted:
    """A segmentation run finished (the summary of the run's segment.changed events)."""

    first_period: int | None = None
    last_period: int | None = None
    classified: int | None = None
    changed: int | None = None
    cleared: int | None = None


@dataclass(frozen=True, slots=True)
class ImportCompleted:
    """An import of clients or sales was committed."""

    kind: str | None = None
    """clients or sales."""
    file: str | None = None
    rows: int | None = None
    counts: dict[str, int] | None = None
    skipped_rows: int | None = None


@dataclass(frozen=True, slots=True)
class RegulationPublished:
    """A regulation version was put in force."""

    tag: str | None = None
    regulation: str | None = None
    version: str | None = None


@dataclass(frozen=True, slots=True)
class EventType:
    payload: type
    client: bool
    """Whether the event is about one client (a manager sees only their own clients' ones)."""


TYPES: dict[str, EventType] = {
    "client.created": EventType(ClientCreated, True),
    "client.moved": EventType(ClientMoved, True),
    "client.card_changed": EventType(CardChanged, True),
    "client.assigned": EventType(ClientAssigned, True),
    "contact.recorded": EventType(ContactRecorded, True),
    "task.due": EventType(TaskDue, True),
    "segment.changed": EventType(SegmentChanged, True),
    "segmentation.completed": EventType(SegmentationCompleted, False),
    "import.completed": EventType(ImportCompleted, False),
    "regulation.published": EventType(RegulationPublished, False),
}
"""Every event type: its payload record and whether it concerns one client."""

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
    moved = {"from": entry.get("from_stage"), "to": entry.get("to_stage"), "trigger": entry.get("trigger")}
    if kind == "created":
        return [_event(entry, "client.created", {**data, "stage": entry.get("to_stage")})]
    if kind == "imported":
        return [_event(entry, "client.created", {**data, "stage": entry.get("to_stage")})]
    if kind == "card":
        return [_event(entry, "client.card_changed", data)]
    if kind == "transition":
        return [_event(entry, "client.moved", {**moved, **data})]
    if kind == "contact":
        return [_event(entry, "contact.recorded", {**data, "stage": entry.get("from_stage")})]
    if kind == "owner":
        return [_event(entry, "client.assigned", data)]
    if kind == "segment":
        return [_event(entry, "segment.changed", data)]
    if kind == "task":
        return [_event(entry, "task.due", data)]
    if kind == "import":
        return _import_update(entry, data, moved)
    if kind == "migrated":
        return [_migrated(entry, data, moved)]
    return []


def _migrated(entry: Mapping[str, Any], data: dict[str, Any], moved: dict[str, Any]) -> dict[str, Any]:
    """A client a migration map carried: to the stage or the field its old one became."""
    published = data.get("to_version")
    if entry.get("to_stage"):
        return _event(entry, "client.moved", {**moved, "published": published})
    return _event(entry, "client.card_changed", {"renamed": data.get("field"), "published": published})


def _import_update(
    entry: Mapping[str, Any], data: dict[str, Any], moved: dict[str, Any]
) -> list[dict[str, Any]]:
    """An import's update of an existing client: its card, stage and owner changes, each its event."""
    out = []
    if data.get("changes") or data.get("potential"):
        out.append(
            _event(entry, "client.card_changed", {k: data.get(k) for k in ("changes", "potential", "file")})
        )
    if entry.get("to_stage") and entry.get("to_stage") != entry.get("from_stage"):
        out.append(_event(entry, "client.moved", {**moved, "next_step": data.get("next_step")}))
    owner = data.get("owner")
    if owner and len(owner) == 2 and owner[0] != owner[1]:
        out.append(_event(entry, "client.assigned", {"from": owner[0], "to": owner[1]}))
    return out


def _on_history(conn: Tx, entries: Sequence[Mapping[str, Any]]) -> None:
    outbox.add(conn, [event for entry in entries for event in from_history(entry)])


def emit(conn: Tx, kind: str, at: datetime, actor: str, regulation: str, data: Mapping[str, Any]) -> None:
    """Write one event that concerns no single client, in the transaction ``conn``."""
    entry = {"at": at, "actor": actor, "regulation": regulation, "client_id": None}
    outbox.add(conn, [_event(entry, kind, data)])


def install() -> None:
    """Wire the outbox into every write of this process (idempotent)."""
    history.listen(_on_history)


def uninstall() -> None:
    """Stop writing events in this process: only to measure what the outbox costs
    (``benchmarks/events.py``); the next :class:`Workspace` installs it again."""
    history.unlisten(_on_history)
