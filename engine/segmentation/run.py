"""Running ABC-XYZ on a database: SQL aggregates, numpy classifies, changed classes are written.

The database sums sales lines to one row per client and period (PostgreSQL further, to one row
per client); only those rows travel to Python, as columns. The classes are written set-based
(through a staging table), each change is an entry in the client's history and its event, and
the run is recorded with its 3×3 matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from engine.model.segments import ABC, CELLS, XYZ
from engine.segmentation import guard
from engine.segmentation.classify import Classes, Sums, classify_sums, merge, sums_of
from engine.segmentation.periods import period_start
from engine.service import events, rules
from engine.service.assignment import Dealer
from engine.service.history_kinds import SPECS
from engine.service.workspace import Workspace
from engine.store import Tx, history
from engine.store import classes as classes_store
from engine.store import segment_writes as writes


@dataclass(slots=True)
class Matrix:
    """Clients and the basis (revenue, margin or quantity) per cell."""

    clients: dict[str, int] = field(default_factory=dict)
    volume: dict[str, float] = field(default_factory=dict)
    unclassified: int = 0
    basis: str = "revenue"  # what volume and share measure: revenue, margin or quantity

    @property
    def total(self) -> float:
        return sum(self.volume.values())

    def share(self, cell: str) -> float:
        return self.volume.get(cell, 0.0) / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "volume": {k: round(v, 2) for k, v in self.volume.items()},
            "share": {c: round(self.share(c), 4) for c in CELLS},
            "unclassified": self.unclassified,
            "basis": self.basis,
        }


@dataclass(slots=True)
class SegmentationResult:
    at: datetime
    first_period: int
    last_period: int
    matrix: Matrix
    changed: int = 0
    classified: int = 0
    cleared: int = 0  # classified before, no sales in the window now: classes removed
    reassigned: int = 0  # clients given an owner of their new cell's role
    seconds: dict[str, float] = field(default_factory=dict)


Starts = tuple[classes_store.Ints, classes_store.Ints]
"""Each buyer's first period with a purchase, up to the window's end: (ids, periods)."""


def aggregate(conn: Tx, step: str, basis: str, first: int, last: int) -> tuple[Sums, Starts]:
    """Each buyer's sums over the window, and its first period with a purchase. PostgreSQL
    reduces the lines to one row per client itself; on SQLite the database sums them to
    client × period and numpy reduces each chunk of those as it comes (faster than SQLite's
    own second pass), and the first periods are a second query."""
    end = period_start(step, last + 1)
    if classes_store.reduces_in_database(conn):
        ids, total, clipped, squares, bought, starts = classes_store.client_sums(
            conn, step, basis, first, last, end
        )
        client = ids.astype(np.int64)
        return Sums(client, total, clipped, squares, bought), (client, starts.astype(np.int64))
    window = (end, period_start(step, first))
    parts = [sums_of(*chunk) for chunk in classes_store.sums(conn, step, basis, first, last, window)]
    return merge(parts), classes_store.first_periods(conn, step, last, end)


def segment(
    ws: Workspace, actor: str, at: datetime | None = None, *, force: bool = False
) -> SegmentationResult:
    seg = ws.regulation.segments
    assert seg is not None, "the loader requires segments.yaml"
    moment = at or ws.now()
    local_day = moment.astimezone(_zone(ws)).date()
    guard.check(ws, seg, moment, local_day, force=force)  # refuses a moment or window without sales
    first, last = guard.window(seg, local_day)
    timings: dict[str, float] = {}
    clock = _Stopwatch(timings)
    with ws.db.read() as conn:
        sums, starts = aggregate(conn, seg.step, seg.basis, first, last)
        clock.lap("aggregate and first purchases in SQL")
    classes = classify_sums(seg, sums, starts, last)
    del sums, starts
    clock.lap("classify with numpy")
    result = SegmentationResult(moment, first, last, _matrix(classes), classified=len(classes.client_ids))
    result.matrix.basis = seg.basis
    with ws.db.write() as conn, writes.roomy(conn):
        ws.register(conn)
        result.changed, result.cleared, result.reassigned = _store(ws, conn, classes, actor, moment)
        classes_store.record_run(
            conn,
            {
                "at": moment,
                "actor": actor,
                "regulation": ws.tag,
                "first_period": first,
                "last_period": last,
                "summary": result.matrix.as_dict(),
            },
        )
        events.emit(
            conn,
            "segmentation.completed",
            moment,
            actor,
            ws.tag,
            {
                "first_period": first,
                "last_period": last,
                "classified": result.classified,
                "changed": result.changed,
                "cleared": result.cleared,
            },
        )
    clock.lap("store changed classes")
    result.seconds = timings
    return result


def last_run(ws: Workspace) -> dict[str, Any] | None:
    """The last ABC-XYZ run: when, by whom, under which regulation, its periods and matrix."""
    with ws.db.read() as conn:
        run = classes_store.last_run(conn)
    if run is None:
        return None
    return {
        "at": run.at.isoformat(),
        "actor": run.actor,
        "regulation": run.regulation,
        "periods": [run.first_period, run.last_period],
        "matrix": run.summary,
    }


def _matrix(classes: Classes) -> Matrix:
    matrix = Matrix(dict.fromkeys(CELLS, 0), dict.fromkeys(CELLS, 0.0))
    for a in ABC:
        for x in XYZ:
            mask = (classes.abc == a) & (classes.xyz == x)
            matrix.clients[a + x] = int(mask.sum())
            matrix.volume[a + x] = float(np.maximum(classes.total[mask], 0).sum())
    matrix.unclassified = int(np.count_nonzero(classes.xyz == np.array(None, dtype=object)))  # in C
    return matrix


def _store(ws: Workspace, conn: Tx, classes: Classes, actor: str, moment: datetime) -> tuple[int, int, int]:
    """Write the classes set-based: a history entry (and its event) for every changed cell, the
    classes of those without sales in the window removed; then the owners the cells call for."""
    cleared = writes.stage(conn, classes.client_ids, classes.abc, classes.xyz, classes.average)
    before = history.last_id(conn)
    writes.log_changes(conn, moment, actor, ws.tag)
    writes.apply(conn, moment)
    if events.installed():
        writes.announce(conn, before, str(SPECS[writes.KIND].event))  # as events.from_history would
    changed = writes.count(conn, writes.changed())
    dealer = Dealer(ws, conn, moment)  # one for the transaction: who is staffed, then who is dealt
    found = rules.misfits(ws, conn, among=writes.changed(), roles=rules.staffed(ws, dealer))
    writes.drop(conn)
    done = rules.reassign(ws, conn, moment, actor, found, dealer=dealer)
    return changed, cleared, len(done.placed)


def _zone(ws: Workspace) -> Any:
    from engine.runtime.facts import zone

    return zone(ws.regulation.timezone)


class _Stopwatch:
    def __init__(self, laps: dict[str, float]) -> None:
        import time

        self._time = time.perf_counter
        self._last = self._time()
        self._laps = laps

    def lap(self, name: str) -> None:
        now = self._time()
        self._laps[name] = now - self._last
        self._last = now
