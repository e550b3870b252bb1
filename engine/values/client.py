"""A client as the engine sees it: a plain immutable snapshot read from storage.

There is no object per client in memory beyond the one being worked on: the shared machine
is fired with a snapshot and answers with an outcome; storage writes the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any


@dataclass(frozen=True, slots=True)
class NextStep:
    """The client's open task: what to do and by when (in the client's local time)."""

    action: str
    due_date: date
    due_time: time | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "due_date": self.due_date.isoformat(),
            "due_time": self.due_time.strftime("%H:%M") if self.due_time else None,
        }


@dataclass(frozen=True, slots=True)
class ClientState:
    id: int
    name: str
    stage: str
    stage_since: datetime
    created_at: datetime
    timezone: str
    card: Mapping[str, Any] = field(default_factory=dict)
    owner: str | None = None
    potential: str | None = None
    last_contact_at: datetime | None = None
    contacts_count: int = 0
    next_step: NextStep | None = None
    abc: str | None = None
    xyz: str | None = None
    average_sale: float | None = None
    """The client's average revenue per segmentation period, once segmented."""
    version: int = 1
    external_id: str | None = None
    handed_over_at: datetime | None = None
    """The last hand-over between departments (roles)."""

    @property
    def segment(self) -> str | None:
        return self.abc + self.xyz if self.abc and self.xyz else None
