"""The facts of :mod:`engine.runtime.facts`, computed for many clients at once with numpy.

Each fact here must equal what ``ClientFacts`` says for the same client at the same moment;
``tests/queue/test_vector_facts.py`` checks that on random clients. Time zones are handled
per group: every client of one zone shares its local date, wall-clock time and weekday.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.queue.frame import Frame
from engine.runtime.facts import WORK_DAYS, Runtime, zone

Array = npt.NDArray[Any]
DAY = 86400.0


def local_clock(frame: Frame, now: datetime) -> tuple[Array, Array, Array]:
    """Per client: local wall-clock seconds since the epoch, local day number, local weekday."""
    codes, names = factorize(frame.columns["timezone"])
    offsets = np.empty(len(names), dtype=np.float64)
    for i, name in enumerate(names):
        offset = now.astimezone(zone(str(name))).utcoffset()
        offsets[i] = now.timestamp() + (offset.total_seconds() if offset else 0.0)
    wall = offsets[codes] if len(names) else np.empty(0, dtype=np.float64)
    day = np.floor(wall / DAY)
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday (weekday 3)
    return wall, day, weekday


def compute(runtime: Runtime, frame: Frame, now: datetime) -> dict[str, Array]:
    """Every fact, as an array: float64 (NaN for none) or object (None for none)."""
    c = frame.columns
    n = len(frame)
    now_s = now.timestamp()
    stages = c["stage"]
    coded = factorize(stages)  # once: every stage fact is a look-up by the stage's code
    stage_of = {k: runtime.stages[k] for k in coded[1]}  # stand-ins for lost stages too
    facts: dict[str, Array] = {
        "stage": stages,
        "stage_kind": _map(coded, {k: s.kind.value for k, s in stage_of.items()}, object),
        "stage_order": _map(coded, {k: float(s.order) for k, s in stage_of.items()}, np.float64),
        "probability": _map(coded, {k: s.probability for k, s in stage_of.items()}, np.float64),
        "potential": c["potential"],
        "abc": c["abc"],
        "xyz": c["xyz"],
        "owner": c["owner"],
        "days_in_stage": _whole_days(now_s, c["stage_since"]),
        "age_days": _whole_days(now_s, c["created"]),
        "days_since_contact": _whole_days(now_s, c["last_contact"]),
        "contacts_count": c["contacts_count"],
        "handed_over_at": c["handed_over"],
    }
    sla = _map(
        coded,
        {k: float(s.sla_seconds) if s.sla_seconds else np.nan for k, s in stage_of.items()},
        np.float64,
    )
    facts["sla_overdue"] = _bool(~np.isnan(sla) & ((now_s - c["stage_since"]) > sla), np.ones(n, dtype=bool))
    facts["segment"] = _segment(c["abc"], c["xyz"])
    facts.update(_task_facts(runtime, frame, now))
    facts["contact_due"] = _contact_due(runtime, facts["segment"], c["last_contact"], now_s)
    facts.update(_value_facts(runtime, frame, facts))
    return facts


def _whole_days(now_s: float, since: Array) -> Array:
    """Whole days since a moment. SQLite's epoch seconds come through julianday, a double that
    is off by some 10⁻⁵ s, so a moment exactly N days ago could read as N − 1: the difference
    is rounded to the millisecond first, as the scalar facts' timedelta is exact."""
    return np.floor(np.round(now_s - since, 3) / DAY)


def _task_facts(runtime: Runtime, frame: Frame, now: datetime) -> dict[str, Array]:
    c = frame.columns
    wall, local_day, weekday = local_clock(frame, now)
    has_task = ~np.isnan(c["due_days"])
    has_time = has_task & ~np.isnan(c["due_minutes"])
    late = np.where(
        has_time, np.floor((wall - (c["due_days"] * DAY + c["due_minutes"] * 60.0)) / 60.0), np.nan
    )
    out = {
        "has_task": has_task.astype(np.float64),
        "task_overdue_days": np.where(has_task, local_day - c["due_days"], np.nan),
        "task_has_time": np.where(has_task, has_time.astype(np.float64), np.nan),
        "task_minutes_late": late,
        "task_is_late": np.where(has_time, (late > runtime.late_after / 60).astype(np.float64), np.nan),
    }
    hours = runtime.work_hours
    if hours is None:
        out["in_work_hours"] = np.ones(len(frame), dtype=np.float64)
    else:
        seconds = wall - local_day * DAY
        start = hours[0].hour * 3600 + hours[0].minute * 60
        end = hours[1].hour * 3600 + hours[1].minute * 60
        workday = np.isin(weekday, sorted(WORK_DAYS))
        out["in_work_hours"] = (workday & (seconds >= start) & (seconds < end)).astype(np.float64)
    return out


def _contact_due(runtime: Runtime, segment: Array, last: Array, now_s: float) -> Array:
    intervals = _map(
        segment, {k: float(v) if v is not None else np.nan for k, v in runtime.intervals.items()}, np.float64
    )
    known = ~np.isnan(intervals)
    due = np.isnan(last) | ((now_s - last) >= intervals)
    return np.where(known, due.astype(np.float64), np.nan)


def _value_facts(runtime: Runtime, frame: Frame, facts: dict[str, Array]) -> dict[str, Array]:
    deal = runtime.potential.deal
    n = len(frame)
    size = np.full(n, np.nan)
    if deal is not None and deal.field and deal.field in frame.columns:
        given = frame.columns[deal.field]
        size = np.where(given > 0, given, np.nan)
    average = frame.columns["average_sale"]
    size = np.where(np.isnan(size) & (average > 0), average, size)
    if deal is not None:
        by = _map(facts["potential"], {k: float(v) for k, v in deal.by_potential.items()}, np.float64)
        size = np.where(np.isnan(size), by, size)
        size = np.where(np.isnan(size), deal.default, size)
    else:
        size = np.where(np.isnan(size), 0.0, size)
    return {"deal_size": size, "expected_value": facts["probability"] * size}


def factorize(values: Array) -> tuple[Array, list[Any]]:
    """Integer codes of each value and the distinct values: one dictionary pass, no sorting."""
    index: dict[Any, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64, count=len(values))
    return codes, list(index)


def _map(keys: Array | tuple[Array, list[Any]], table: dict[Any, Any], dtype: Any) -> Array:
    """Each key's value in ``table`` (keys: an array, or its codes and distinct values)."""
    missing = np.nan if dtype is np.float64 else None
    codes, distinct = keys if isinstance(keys, tuple) else factorize(keys)
    lookup = np.array([table.get(k, missing) for k in distinct], dtype=dtype)
    return lookup[codes] if len(distinct) else np.full(0, missing, dtype=dtype)


def _segment(abc: Array, xyz: Array) -> Array:
    out = np.full(len(abc), None, dtype=object)
    both = (abc != None) & (xyz != None)  # noqa: E711  elementwise on object arrays
    out[both] = abc[both] + xyz[both]
    return out


def _bool(values: Array, present: Array) -> Array:
    return np.where(present, values.astype(np.float64), np.nan)
