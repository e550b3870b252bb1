"""What conditions see of one client at one moment: card fields and computed facts.

:class:`ClientFacts` is a lazy mapping: a fact is computed the first time a condition asks
for it. The call queue computes the same facts for millions of clients at once in
:mod:`engine.queue` with numpy; a test keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from engine.model.card import FieldType
from engine.model.funnel import Stage
from engine.model.regulation import Regulation
from engine.runtime.potential import PotentialRules
from engine.runtime.stages import Stages
from engine.values.client import ClientState
from engine.values.facts import FACTS
from engine.values.fieldtypes import comparable

DEFAULT_LATE_AFTER = 15 * 60
WORK_DAYS = frozenset({0, 1, 2, 3, 4})


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class Runtime:
    """Everything compiled from one regulation version that firing and facts need."""

    def __init__(self, regulation: Regulation) -> None:
        self.regulation = regulation
        self.stages = Stages(regulation)
        self.field_types: dict[str, FieldType] = {f.id: f.type for f in regulation.card.fields}
        self.potential = PotentialRules(regulation)
        priorities = regulation.priorities
        self.late_after = priorities.late_after_seconds if priorities else DEFAULT_LATE_AFTER
        hours = regulation.work_hours
        self.work_hours = (time.fromisoformat(hours[0]), time.fromisoformat(hours[1])) if hours else None
        self.intervals: dict[str, int | None] = {}
        if regulation.segments is not None:
            self.intervals = {c: p.contact_interval_seconds for c, p in regulation.segments.cells.items()}

    def facts(self, client: ClientState, now: datetime) -> ClientFacts:
        return ClientFacts(self, client, now)


class ClientFacts(Mapping[str, object]):
    __slots__ = ("_cache", "client", "now", "runtime")

    def __init__(self, runtime: Runtime, client: ClientState, now: datetime) -> None:
        self.runtime = runtime
        self.client = client
        self.now = now
        self._cache: dict[str, object] = {"__now__": now}

    def __getitem__(self, name: str) -> object:
        cached = self._cache
        if name in cached:
            return cached[name]
        kind = self.runtime.field_types.get(name)
        if kind is not None:
            value = comparable(kind, self.client.card.get(name))
        else:
            compute = _COMPUTE.get(name)
            if compute is None:
                raise KeyError(name)
            value = compute(self)
        cached[name] = value
        return value

    def get(self, name: str, default: object = None) -> object:
        """``Mapping.get`` without its two extra calls for a fact already computed."""
        cached = self._cache
        if name in cached:
            return cached[name]
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        yield from self.runtime.field_types
        yield from FACTS

    def __len__(self) -> int:
        return len(self.runtime.field_types) + len(FACTS)

    @property
    def stage(self) -> Stage:
        return self.runtime.stages[self.client.stage]

    @property
    def local_now(self) -> datetime:
        local = self._cache.get("__local__")
        if not isinstance(local, datetime):
            local = self.now.astimezone(zone(self.client.timezone))
            self._cache["__local__"] = local
        return local

    def days_since(self, moment: datetime | None) -> float | None:
        return None if moment is None else float((self.now - moment).days)


def _minutes_late(f: ClientFacts) -> object:
    step = f.client.next_step
    if step is None or step.due_time is None:
        return None
    local = f.local_now
    due = datetime.combine(step.due_date, step.due_time, tzinfo=local.tzinfo)
    return float((local - due).total_seconds() // 60)


def _is_late(f: ClientFacts) -> object:
    late = f["task_minutes_late"]
    return None if late is None else late > f.runtime.late_after / 60  # type: ignore[operator]


def _overdue_days(f: ClientFacts) -> object:
    step = f.client.next_step
    return None if step is None else float((f.local_now.date() - step.due_date).days)


_TWO_DAYS = timedelta(days=2)


def has_plan(client: ClientState, now: datetime) -> bool:
    """The client has a next step that is not overdue: due on the client's local date or later
    (the fact ``task_overdue_days`` ≤ 0). A local date is at most two days from ``now``'s
    own date, so the time-zone conversion is only needed for a step due close to it."""
    step = client.next_step
    if step is None:
        return False
    due = step.due_date
    return due >= now.date() + _TWO_DAYS or due >= now.astimezone(zone(client.timezone)).date()


def _contact_due(f: ClientFacts) -> object:
    cell = f.client.segment
    interval = f.runtime.intervals.get(cell) if cell else None
    if interval is None:
        return None
    last = f.client.last_contact_at
    return last is None or (f.now - last).total_seconds() >= interval


def _in_work_hours(f: ClientFacts) -> object:
    hours = f.runtime.work_hours
    if hours is None:
        return True
    local = f.local_now
    return local.weekday() in WORK_DAYS and hours[0] <= local.time() < hours[1]


def _sla_overdue(f: ClientFacts) -> object:
    sla = f.stage.sla_seconds
    return sla is not None and (f.now - f.client.stage_since).total_seconds() > sla


def _deal_size(f: ClientFacts) -> object:
    return f.runtime.potential.deal_size(f, f.client.potential, f.client.average_sale)


def _expected_value(f: ClientFacts) -> object:
    return f.stage.probability * f["deal_size"]  # type: ignore[operator]


_COMPUTE: dict[str, Callable[[ClientFacts], object]] = {
    "stage": lambda f: f.client.stage,
    "stage_kind": lambda f: f.stage.kind.value,
    "stage_order": lambda f: float(f.stage.order),
    "probability": lambda f: f.stage.probability,
    "days_in_stage": lambda f: f.days_since(f.client.stage_since),
    "sla_overdue": _sla_overdue,
    "potential": lambda f: f.client.potential,
    "abc": lambda f: f.client.abc,
    "xyz": lambda f: f.client.xyz,
    "segment": lambda f: f.client.segment,
    "age_days": lambda f: f.days_since(f.client.created_at),
    "days_since_contact": lambda f: f.days_since(f.client.last_contact_at),
    "contacts_count": lambda f: float(f.client.contacts_count),
    "has_task": lambda f: f.client.next_step is not None,
    "task_overdue_days": _overdue_days,
    "task_has_time": lambda f: (
        None if f.client.next_step is None else f.client.next_step.due_time is not None
    ),
    "task_minutes_late": _minutes_late,
    "task_is_late": _is_late,
    "contact_due": _contact_due,
    "in_work_hours": _in_work_hours,
    "deal_size": _deal_size,
    "expected_value": _expected_value,
    "owner": lambda f: f.client.owner,
    "handed_over_at": lambda f: f.client.handed_over_at,
}
assert set(_COMPUTE) == set(FACTS), "every declared fact is computed"
