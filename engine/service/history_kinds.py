"""What each kind of history entry carries in its ``data``: one record per kind.

The history is append-only and outlives versions of the engine, so every member is optional:
an entry written by an older version reads with what it has. The API offers the history as a
``oneOf`` by kind built from these records; a kind not listed here (written by a newer engine)
still reads, as the generic :class:`OtherData`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class StepData:
    """A next step as recorded: what to do, by which date, at what local time (HH:MM)."""

    action: str | None = None
    due_date: date | None = None
    due_time: str | None = None


@dataclass(frozen=True, slots=True)
class CreatedData:
    card: dict[str, Any] | None = None
    owner: str | None = None
    next_step: StepData | None = None


@dataclass(frozen=True, slots=True)
class CardData:
    changes: dict[str, list[Any]] | None = None
    """Field id → [old value, new value]."""
    potential: str | None = None


@dataclass(frozen=True, slots=True)
class TransitionData:
    reason: str | None = None
    """The refusal reason, for a move into a lost stage."""
    next_step: StepData | None = None


@dataclass(frozen=True, slots=True)
class RefusalData:
    reason: str | None = None
    stage: str | None = None
    trigger: str | None = None
    contact: int | None = None


@dataclass(frozen=True, slots=True)
class ContactData:
    contact: int | None = None
    kind: str | None = None
    result: str | None = None
    comment: str | None = None
    next_step: StepData | None = None


@dataclass(frozen=True, slots=True)
class OwnerData:
    source: str | None = field(default=None, metadata={"json": "from"})
    """The manager who had the client."""
    dest: str | None = field(default=None, metadata={"json": "to"})
    """The manager who has it now."""
    rule: str | None = None
    """For an automatic assignment: the ownership rule (``stage:<id>``, ``cell:<AX>``, ``deactivated``)."""
    role: str | None = None
    strategy: str | None = None
    note: str | None = None
    """The hand-over note given with the move."""
    handover: bool | None = None
    """True when the client passed from one department (role) to another."""


@dataclass(frozen=True, slots=True)
class SegmentData:
    source: str | None = field(default=None, metadata={"json": "from"})
    """The former cell."""
    dest: str | None = field(default=None, metadata={"json": "to"})
    """The new cell."""
    abc: str | None = None
    xyz: str | None = None


@dataclass(frozen=True, slots=True)
class TaskData:
    policy: str | None = None
    """The cell whose policy planned the contact."""
    action: str | None = None
    due_date: date | None = None


@dataclass(frozen=True, slots=True)
class ImportedData:
    card: dict[str, Any] | None = None
    row: int | None = None
    """The row of the import file."""
    file: str | None = None
    """The import file's name."""
    owner: str | None = None


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


KINDS: dict[str, type] = {
    "created": CreatedData,
    "card": CardData,
    "transition": TransitionData,
    "refusal": RefusalData,
    "contact": ContactData,
    "owner": OwnerData,
    "segment": SegmentData,
    "task": TaskData,
    "imported": ImportedData,
    "import": ImportData,
    "migrated": MigratedData,
}
