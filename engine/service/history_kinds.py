"""The history kinds: what each kind of entry carries in its ``data``, and the event it announces.

One record per concept serves the history and the events: an entry's ``data`` is the record, and
the event the entry announces (``engine/service/events.py``) carries the same record with its
event-only fields filled from the entry's columns (the stage, the move's from/to/trigger) or by a
kind that announces several events (an import's update, a migration). :data:`SPECS` is the one
specification per kind; a test (tests/events/test_kinds.py) fails when a kind lacks a part.

The history is append-only and outlives versions of the engine, so every member is optional:
an entry written by an older version reads with what it has. The API offers the history as a
``oneOf`` by kind built from these records; a kind not listed here (written by a newer engine)
still reads, as the generic :class:`OtherData`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

EVENT_ONLY = MappingProxyType({"event": True})
"""The metadata of a field only the event carries, never the entry's ``data`` (the event fills it
from the entry's columns, or a kind that announces several events from its own data)."""


@dataclass(frozen=True, slots=True)
class StepData:
    """A next step as recorded: what to do, by which date, at what local time (HH:MM)."""

    action: str | None = None
    due_date: date | None = None
    due_time: str | None = None


@dataclass(frozen=True, slots=True)
class CreatedData:
    """A client was added (by a person, the API or an import)."""

    stage: str | None = field(default=None, metadata=EVENT_ONLY)
    """The stage the client starts at (in the event; the entry has it as its to_stage)."""
    card: dict[str, Any] | None = None
    owner: str | None = None
    next_step: StepData | None = None
    file: str | None = None
    """The import file, for a client an import created."""
    row: int | None = None
    """The row of the import file."""


@dataclass(frozen=True, slots=True)
class TransitionData:
    """A client moved to another stage (by a trigger, or placed there by an import)."""

    source: str | None = field(default=None, metadata=EVENT_ONLY | {"json": "from"})
    """The stage left (in the event; the entry has it as its from_stage)."""
    dest: str | None = field(default=None, metadata=EVENT_ONLY | {"json": "to"})
    """The stage reached (in the event; the entry has it as its to_stage)."""
    trigger: str | None = field(default=None, metadata=EVENT_ONLY)
    """The trigger that moved the client (in the event; the entry has it as its trigger)."""
    reason: str | None = None
    """The refusal reason, for a move into a lost stage."""
    next_step: StepData | None = None
    published: str | None = field(default=None, metadata=EVENT_ONLY)
    """The version whose migration map carried the client, a move no trigger made (in the event)."""


@dataclass(frozen=True, slots=True)
class CardData:
    """Fields of a client's card changed."""

    changes: dict[str, list[Any]] | None = None
    """Field id → [old value, new value]."""
    potential: str | None = None
    file: str | None = field(default=None, metadata=EVENT_ONLY)
    """The import file, for a change an import made (in the event)."""
    renamed: list[str] | None = field(default=None, metadata=EVENT_ONLY)
    """[old field id, new field id]: a field the migration map of ``published`` renamed (in the event)."""
    published: str | None = field(default=None, metadata=EVENT_ONLY)
    """The version whose migration map renamed the field (in the event)."""


@dataclass(frozen=True, slots=True)
class OwnerData:
    """A client passed to another manager (by a head, or by the ownership rules)."""

    source: str | None = field(default=None, metadata={"json": "from"})
    """The manager who had the client."""
    dest: str | None = field(default=None, metadata={"json": "to"})
    """The manager who has it now."""
    rule: str | None = None
    """For an automatic assignment: the ownership rule (``stage:<id>``, ``cell:<AX>``, ``role:<id>``,
    ``deactivated``)."""
    role: str | None = None
    strategy: str | None = None
    note: str | None = None
    """The hand-over note given with the move."""
    handover: bool | None = None
    """True when the client passed from one department (role) to another."""


@dataclass(frozen=True, slots=True)
class ContactData:
    """A contact (call, meeting, letter…) with a client was recorded."""

    contact: int | None = None
    kind: str | None = None
    result: str | None = None
    comment: str | None = None
    stage: str | None = field(default=None, metadata=EVENT_ONLY)
    """The client's stage at the contact (in the event; the entry has it as its from_stage)."""
    next_step: StepData | None = None


@dataclass(frozen=True, slots=True)
class TaskData:
    """The planner set a contact due for a client (its segment's contact policy)."""

    policy: str | None = None
    """The ABC-XYZ cell whose policy planned it."""
    action: str | None = None
    due_date: date | None = None


@dataclass(frozen=True, slots=True)
class SegmentData:
    """A client's ABC-XYZ class changed in a segmentation run."""

    source: str | None = field(default=None, metadata={"json": "from"})
    """The former cell."""
    dest: str | None = field(default=None, metadata={"json": "to"})
    """The new cell."""
    abc: str | None = None
    xyz: str | None = None


@dataclass(frozen=True, slots=True)
class RefusalData:
    reason: str | None = None
    stage: str | None = None
    trigger: str | None = None
    contact: int | None = None


@dataclass(frozen=True, slots=True)
class ImportData:
    """An existing client updated by an import (placed at a stage: the entry's from/to stage)."""

    file: str | None = None
    row: int | None = None
    changes: dict[str, list[Any]] | None = None
    """Field id → [old value, new value]."""
    potential: str | None = None
    owner: list[str | None] | None = None
    """[the manager before, the manager after]."""
    timezone: list[str] | None = None
    external_id: str | None = None
    next_step: StepData | None = None


@dataclass(frozen=True, slots=True)
class MigratedData:
    """A client carried over by a new version's migration map (#13)."""

    from_version: str | None = None
    """The version in force before the publish."""
    to_version: str | None = None
    """The version published."""
    stage: list[str] | None = None
    """[the old stage, the stage it became]."""
    field: list[str] | None = None
    """[the old card field, the field it became]."""


@dataclass(frozen=True, slots=True)
class OtherData:
    """A kind of entry this version does not know (written by a newer one)."""


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of history entry: its data, and the event it announces."""

    data: type
    """The record of the entry's ``data`` (and of the event's, when the kind announces one)."""
    event: str | None = None
    """The event type the entry announces, carrying its data and ``columns``. None: it announces
    none (a refusal: its move or contact does), or several (``events.SPLITS``)."""
    columns: dict[str, str] = field(default_factory=dict)
    """The event-only fields filled from the entry: the field's JSON name → the entry's column."""


MOVE_COLUMNS = {"from": "from_stage", "to": "to_stage", "trigger": "trigger"}
"""The columns of an entry that moved a client, as its ``client.moved`` event carries them."""

SPECS: dict[str, Kind] = {
    "created": Kind(CreatedData, "client.created", {"stage": "to_stage"}),
    "card": Kind(CardData, "client.card_changed"),
    "transition": Kind(TransitionData, "client.moved", MOVE_COLUMNS),
    "refusal": Kind(RefusalData),
    "contact": Kind(ContactData, "contact.recorded", {"stage": "from_stage"}),
    "owner": Kind(OwnerData, "client.assigned"),
    "segment": Kind(SegmentData, "segment.changed"),
    "task": Kind(TaskData, "task.due"),
    "imported": Kind(CreatedData, "client.created", {"stage": "to_stage"}),
    "import": Kind(ImportData),
    "migrated": Kind(MigratedData),
}
"""Every kind of history entry, one specification each."""

KINDS: dict[str, type] = {kind: spec.data for kind, spec in SPECS.items()}
"""Every kind's data record (the API's history ``oneOf``)."""
