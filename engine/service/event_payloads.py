"""What each event type carries: one record per type, documented field by field (docs/EVENTS.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engine.service.history_kinds import StepData


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
