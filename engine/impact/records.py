"""The records of an impact report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class StageShift:
    """Clients on a stage the new version does not have: carried to ``becomes`` by the map, or
    stranded (``becomes`` None: the publish would be refused)."""

    stage: str
    clients: int
    becomes: str | None


@dataclass(frozen=True, slots=True)
class Lacking:
    """Clients on ``stage`` (after the map) whose card lacks a field the stage now requires."""

    stage: str
    field: str
    clients: int
    sample: list[str]
    """A few of them: "id name"."""


@dataclass(frozen=True, slots=True)
class LostMove:
    """A move clients on ``stage`` had and no longer have."""

    stage: str
    trigger: str
    clients: int


@dataclass(frozen=True, slots=True)
class CallChange:
    """One manager's call list, the top 20 before and after: "client id bucket"."""

    manager: str
    before: list[str]
    after: list[str]
    total_before: int
    total_after: int


@dataclass(frozen=True, slots=True)
class CellChange:
    cell: str
    clients: int
    planned_before: float
    """Contacts per 30 days the cell's policy calls for, under the version in force."""
    planned_after: float
    on_time_before: float
    """The share of the cell's clients contacted within its interval."""
    on_time_after: float


@dataclass(frozen=True, slots=True)
class Retyped:
    """A card field whose type the new version changes while clients hold values in it: the
    stored values will be read the new way (8 as a decimal becomes 800 % as a percent)."""

    field: str
    old_type: str
    new_type: str
    clients: int


@dataclass(frozen=True, slots=True)
class Impact:
    old: str
    new: str
    at: datetime
    stages: list[StageShift] = field(default_factory=list)
    lacking: list[Lacking] = field(default_factory=list)
    lost_moves: list[LostMove] = field(default_factory=list)
    calls: list[CallChange] = field(default_factory=list)
    cells: list[CellChange] = field(default_factory=list)
    retyped: list[Retyped] = field(default_factory=list)
    seconds: float = 0.0
