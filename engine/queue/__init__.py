"""The call queue: who to call now, in the order of the regulation's priorities.

Steps: (1) read the clients in scope as columns (:mod:`frame`); (2) compute every fact at the
moment, per client time zone (:mod:`facts`); (3) put each client into the first bucket whose
condition holds (:mod:`vector`); (4) order each bucket by its sort keys with ``numpy.lexsort``
(ties by client number); (5) say why, in words, for the rows that are shown.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.model.card import FieldType
from engine.model.condition import comparisons
from engine.model.funnel import StageKind
from engine.queue import facts as vector_facts
from engine.queue import top
from engine.queue.empty import Quiet, next_step_day, next_work_start, why_empty
from engine.queue.frame import base_for, read_frames
from engine.queue.ordering import Gathered, order_in_buckets
from engine.queue.reasons import explain_rows
from engine.queue.vector import Rows, evaluate
from engine.service.errors import InvalidInput, problem
from engine.service.workspace import Workspace
from engine.store.clients import owner_id
from engine.values.colors import COLORS
from engine.values.facts import FACTS


@dataclass(slots=True)
class QueueRow:
    position: int
    client_id: int
    name: str
    bucket: str
    bucket_label: str
    color: str
    reason: str
    stage: str
    stage_label: str
    owner: str | None
    expected_value: float
    due_date: date | None
    """The open next step's date, in the client's own calendar."""
    due_time: time | None
    """Its time, on the client's clock (None: any time that day)."""
    due_at: datetime | None
    """The same moment with the client's offset, when a time is set."""
    local_time: str
    """The client's wall-clock time at the moment (due times are in the client's time)."""
    phone: str | None = None

    def as_dict(self) -> dict[str, Any]:
        row = {k: getattr(self, k) for k in self.__slots__ if k != "stage_label"}
        row["stage"] = {"id": self.stage, "label": self.stage_label}
        row["due_date"] = self.due_date.isoformat() if self.due_date else None
        row["due_time"] = self.due_time.strftime("%H:%M") if self.due_time else None
        row["due_at"] = self.due_at.isoformat() if self.due_at else None
        return row


@dataclass(slots=True)
class Queue:
    at: datetime
    manager: str | None
    total: int
    rows: list[QueueRow]
    by_bucket: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    order: npt.NDArray[np.int64] = field(default_factory=lambda: np.array([], dtype=np.int64))
    """Every queued client number, in order (the rows are the first ``limit`` of them)."""
    buckets: npt.NDArray[np.int64] = field(default_factory=lambda: np.array([], dtype=np.int64))
    """The bucket (its index in the call order) of each client of ``order``."""
    owners: npt.NDArray[Any] = field(default_factory=lambda: np.array([], dtype=object))
    """The owner (login or None) of each client of ``order``."""
    quiet: Quiet | None = None
    """For an empty list: why, and when the next calls are due."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "manager": self.manager,
            "total": self.total,
            "by_bucket": self.by_bucket,
            "rows": [r.as_dict() for r in self.rows],
            "empty": self.quiet.as_dict() if self.quiet else None,
        }


def needed_fields(ws: Workspace) -> list[str]:
    """Card fields the priorities ask about (conditions, sort keys, reasons) or deal size uses."""
    reg = ws.regulation
    names: list[str] = []
    prio = reg.priorities
    if prio is not None:
        conditions = [prio.scope, *(b.when for b in prio.buckets)]
        names += [c.field for cond in conditions for c in comparisons(cond)]
        names += [k.by for b in prio.buckets for k in b.sort]
    if reg.card.deal_size is not None and reg.card.deal_size.field:
        names.append(reg.card.deal_size.field)
    return [n for n in dict.fromkeys(names) if reg.card.field(n) is not None]


def used_facts(ws: Workspace) -> list[str]:
    """The names the scope and the buckets ask about or sort by."""
    prio = ws.regulation.priorities
    if prio is None:
        return []
    conditions = [prio.scope, *(b.when for b in prio.buckets)]
    names = [c.field for cond in conditions for c in comparisons(cond)]
    return names + [k.by for b in prio.buckets for k in b.sort]


def call_queue(
    ws: Workspace,
    *,
    manager: str | None = None,
    at: datetime | None = None,
    limit: int | None = 50,
    lang: str = "ru",
    explain_empty: bool = True,
    whole: bool = True,
    in_sql: bool | None = None,
) -> Queue:
    """The call list at ``at`` (of one manager), its first ``limit`` rows explained. With
    ``whole`` false and a limit, only the counts and the rows shown are needed (:attr:`Queue.
    order` then holds only those): the database picks them in SQL where that is faster
    (``in_sql`` None: everyone's list on PostgreSQL; on SQLite, and for one manager's few
    thousand clients, reading columns into numpy is — ``benchmarks/bench_day.py --pg``);
    else every client's facts are computed with numpy."""
    if in_sql is None:
        in_sql = not ws.db.is_sqlite and manager is None
    if not whole and limit is not None and in_sql:
        first = _first_rows(ws, manager, at or ws.now(), limit, lang)
        if first is not None:
            return first
    reg = ws.regulation
    prio = reg.priorities
    assert prio is not None, "the loader requires priorities.yaml"
    moment = at or ws.now()
    timings = dict.fromkeys(("read columns", "facts", "buckets and order", "reasons"), 0.0)
    lost = [s.id for s in reg.funnel.stages if s.kind is StageKind.LOST]
    fields = needed_fields(ws)
    base = base_for(used_facts(ws), fields)
    kinds = {**{f.id: f.type for f in reg.card.fields}, **{k: v.type for k, v in FACTS.items()}}
    gathered = Gathered()
    started = clock.perf_counter()
    with ws.db.read() as conn:
        if manager is not None and owner_id(conn, manager) is None:
            raise InvalidInput([problem("manager", "error.unknown_manager", login=manager)])
        for frame in read_frames(conn, reg, fields, base=base, owner=manager, except_stages=lost):
            started = _lap(timings, "read columns", started)
            data = vector_facts.compute(ws.runtime, frame, moment)
            data.update({f: frame.columns[f] for f in fields})
            started = _lap(timings, "facts", started)
            bucket = _buckets(prio, data, kinds, moment, len(frame))
            gathered.add(prio.buckets, bucket, data, frame.ids, frame.columns)
            started = _lap(timings, "buckets and order", started)
    ids, buckets, owners = gathered.order(prio.buckets)
    started = _lap(timings, "buckets and order", started)
    shown = ids if limit is None else ids[:limit]
    rows = explain_rows(ws, [int(i) for i in shown], [int(b) for b in buckets[: len(shown)]], moment, lang)
    _lap(timings, "reasons", started)
    counts = {b.id: int((buckets == i).sum()) for i, b in enumerate(prio.buckets)}
    queue = Queue(moment, manager, len(ids), rows, counts, timings, ids, buckets, owners)
    if len(ids) == 0 and explain_empty:
        queue.quiet = _quiet(ws, manager, moment, gathered)
    return queue


def _first_rows(ws: Workspace, manager: str | None, moment: datetime, limit: int, lang: str) -> Queue | None:
    """The counts and the first rows from the database (None: it cannot say, or nobody is queued
    and the empty list is to be explained from the columns)."""
    prio = ws.regulation.priorities
    assert prio is not None
    started = clock.perf_counter()
    with ws.db.read() as conn:
        if manager is not None and owner_id(conn, manager) is None:
            raise InvalidInput([problem("manager", "error.unknown_manager", login=manager)])
        picked = top.picked(ws, conn, manager, moment, limit, needed_fields(ws))
    if picked is None or not picked.counts:
        return None
    timings = {"buckets and order (SQL)": clock.perf_counter() - started}
    ids, buckets, owners = (
        (list(column) for column in zip(*picked.rows, strict=True)) if picked.rows else ([], [], [])
    )
    started = clock.perf_counter()
    rows = explain_rows(ws, ids, buckets, moment, lang)
    timings["reasons"] = clock.perf_counter() - started
    counts = {b.id: picked.counts.get(i, 0) for i, b in enumerate(prio.buckets)}
    return Queue(
        moment, manager, sum(counts.values()), rows, counts, timings,
        np.array(ids, dtype=np.int64), np.array(buckets, dtype=np.int64), np.array(owners, dtype=object),
    )  # fmt: skip


def _lap(timings: dict[str, float], step: str, started: float) -> float:
    now = clock.perf_counter()
    timings[step] += now - started
    return now


def _buckets(prio: Any, data: dict[str, Any], kinds: dict[str, Any], moment: datetime, n: int) -> Any:
    """Each client's bucket: the first whose condition holds, in scope (-1: not queued). Each
    bucket's condition is evaluated only over the clients no earlier bucket took (conditions
    are element by element, so a subset's masks are the whole's)."""
    bucket = np.full(n, -1, dtype=np.int64)
    left = np.flatnonzero(evaluate(prio.scope, data, kinds, moment, n))
    for index, b in enumerate(prio.buckets):
        if left.size == 0:
            break
        hit = evaluate(b.when, Rows(data, left), kinds, moment, left.size)
        bucket[left[hit]] = index
        left = left[~hit]
    return bucket


def _quiet(ws: Workspace, manager: str | None, at: datetime, gathered: Gathered) -> Quiet:
    """Why the list is empty, and the next moment with calls: the next start of working hours,
    or (nobody due now) the working day of the nearest next step."""
    names = gathered.zones or {ws.regulation.timezone}
    why = why_empty(ws.runtime, names, gathered.clients, at)
    if why == "no_clients":
        return Quiet(why)
    if why == "nothing_due":
        start = next_step_day(ws.runtime, sorted(gathered.due_days), at)
    else:
        start = next_work_start(ws.runtime, names, at)
    if start is None:
        return Quiet(why)
    then = call_queue(ws, manager=manager, at=start, limit=0, explain_empty=False)
    return Quiet(why, start, then.total)


__all__ = [
    "COLORS",
    "FieldType",
    "Queue",
    "QueueRow",
    "call_queue",
    "needed_fields",
    "order_in_buckets",
    "used_facts",
]
