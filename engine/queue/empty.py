"""Why the call list is empty, and when the next call is due (#14 point 4).

A list is empty because nobody is in scope (no clients, or every one lost), because it is a
day off or outside the working hours on every client's clock, or because nobody is due now.
The next moment worth looking is the earliest start of working hours on some client's clock
(computed per distinct time zone, never per client); the queue at that moment says how many
calls wait there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from engine.runtime.facts import WORK_DAYS, Runtime, zone

EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Quiet:
    """An empty call list said: ``why`` (``no_clients``, ``day_off``, ``after_hours``,
    ``nothing_due``), the next moment with calls (in the regulation's zone) and how many."""

    why: str
    next_at: datetime | None = None
    next_total: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "why": self.why,
            "next_at": self.next_at.isoformat() if self.next_at else None,
            "next_total": self.next_total,
        }


def why_empty(runtime: Runtime, zones: Iterable[str], clients: int, at: datetime) -> str:
    """Why a list with ``clients`` in scope came out empty at ``at``, seen from the regulation's
    zone (the viewer's)."""
    if clients == 0:
        return "no_clients"
    hours = runtime.work_hours
    if hours is None or any(_in_hours(runtime, at.astimezone(zone(z))) for z in set(zones)):
        return "nothing_due"
    local = at.astimezone(zone(runtime.regulation.timezone))
    return "after_hours" if local.weekday() in WORK_DAYS else "day_off"


def next_work_start(runtime: Runtime, zones: Iterable[str], at: datetime) -> datetime | None:
    """The earliest start of working hours after ``at`` on any of the ``zones``' clocks, in the
    regulation's zone (None without working hours)."""
    hours = runtime.work_hours
    if hours is None:
        return None
    starts = []
    for name in set(zones):
        local = at.astimezone(zone(name))
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            start = datetime.combine(day, hours[0], tzinfo=local.tzinfo)
            if day.weekday() in WORK_DAYS and start > local:
                starts.append(start)
                break
    if not starts:
        return None
    return min(starts).astimezone(zone(runtime.regulation.timezone))


def next_step_day(runtime: Runtime, due_days: Any, at: datetime) -> datetime | None:
    """The start of working hours (in the regulation's zone) on the nearest day after ``at``'s
    day that some client's next step is due (``due_days``: epoch days)."""
    today = (at.astimezone(zone(runtime.regulation.timezone)).date() - EPOCH).days
    days = [int(d) for d in due_days if d == d and int(d) > today]  # d == d: not NaN
    if not days:
        return None
    day = EPOCH + timedelta(days=min(days))
    start = runtime.work_hours[0] if runtime.work_hours else time(9, 0)
    return datetime.combine(day, start, tzinfo=zone(runtime.regulation.timezone))


def _in_hours(runtime: Runtime, local: datetime) -> bool:
    hours = runtime.work_hours
    return hours is None or (local.weekday() in WORK_DAYS and hours[0] <= local.time() < hours[1])
