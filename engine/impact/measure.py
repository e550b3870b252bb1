"""The impact computed: aggregates from the store, then the call lists and compliance twice."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from typing import Any

import numpy as np

from engine.impact.records import CallChange, CellChange, Impact, Lacking, LostMove, Retyped, StageShift
from engine.queue import call_queue
from engine.queue.reasons import explain_rows
from engine.segmentation.policies import compliance
from engine.service.workspace import Workspace
from engine.store import impact as counts
from engine.store import managers

TOP = 20
MONTH = 30 * 86400


def measure(old: Workspace, new: Workspace, at: datetime | None = None) -> Impact:
    """``new`` run against the base ``old`` rules now, read only."""
    started = time.perf_counter()
    moment = at or old.now()
    mapping = new.regulation.migration.mapping("stages")
    with old.db.read() as conn:
        on = counts.per_stage(conn)
        logins = [str(m.login) for m in managers.every(conn)]
        stages = _stages(on, new, mapping)
        lacking = _lacking(conn, on, new, mapping)
        retyped = _retyped(conn, old, new)
    result = Impact(
        old=old.tag,
        new=new.tag,
        at=moment,
        stages=stages,
        lacking=lacking,
        lost_moves=_lost_moves(on, old, new, mapping),
        calls=_calls(old, new, logins, moment),
        cells=_cells(old, new, moment),
        retyped=retyped,
    )
    return replace(result, seconds=round(time.perf_counter() - started, 3))


def _retyped(conn: Any, old: Workspace, new: Workspace) -> list[Retyped]:
    """Fields (by the map's renames too) whose type changes, with the clients holding a value."""
    renamed = new.regulation.migration.mapping("fields")
    pairs = {}
    for was in old.regulation.card.fields:
        now = new.regulation.card.field(renamed.get(was.id, was.id))
        if now is not None and now.type is not was.type:
            pairs[was.id] = (was.type.value, now.type.value)
    held = counts.holding(conn, list(pairs))
    return [Retyped(f, *pairs[f], n) for f, n in held.items() if n]


def _stages(on: dict[str, int], new: Workspace, mapping: dict[str, str]) -> list[Any]:
    known = set(new.regulation.funnel.stage_ids())
    return [StageShift(s, n, mapping.get(s)) for s, n in sorted(on.items()) if s not in known]


def _lacking(conn: Any, on: dict[str, int], new: Workspace, mapping: dict[str, str]) -> list[Any]:
    found = []
    for stage in new.regulation.funnel.stages:
        sources = [stage.id, *(old for old, to in mapping.items() if to == stage.id)]
        if not any(on.get(s) for s in sources):
            continue
        if not stage.required_fields:
            continue
        for f, (n, sample) in counts.lacking(conn, sources, stage.required_fields).items():
            found.append(Lacking(stage.id, f, n, [f"{row.id} {row.name}" for row in sample]))
    return found


def _lost_moves(on: dict[str, int], old: Workspace, new: Workspace, mapping: dict[str, str]) -> list[Any]:
    found = []
    for stage, n in sorted(on.items()):
        before = {
            t.trigger
            for t in old.regulation.funnel.transitions
            if stage in old.regulation.funnel.sources_of(t)
        }
        there = mapping.get(stage, stage)
        after = {
            t.trigger
            for t in new.regulation.funnel.transitions
            if there in new.regulation.funnel.sources_of(t)
        }
        found += [LostMove(stage, trigger, n) for trigger in sorted(before - after)]
    return found


def _calls(old: Workspace, new: Workspace, logins: list[str], at: datetime) -> list[CallChange]:
    """Each manager's call list before and after: the whole queue ordered once per version
    (columns and numpy), then each manager's first 20 explained."""
    queues = [call_queue(ws, at=at, limit=0) for ws in (old, new)]
    groups = [_by_owner(q.owners) for q in queues]
    found = []
    for login in logins:
        said, totals = [], []
        for ws, q, group in zip((old, new), queues, groups, strict=True):
            mine = group.get(login, np.array([], dtype=np.int64))
            totals.append(len(mine))
            top = mine[:TOP]
            rows = explain_rows(
                ws, [int(i) for i in q.order[top]], [int(b) for b in q.buckets[top]], at, "ru"
            )
            said.append([f"{r.client_id} {r.name} · {r.bucket}" for r in rows])
        found.append(CallChange(login, said[0], said[1], totals[0], totals[1]))
    return found


def _by_owner(owners: Any) -> dict[str, Any]:
    """Positions in the call order of each owner's clients, in order (one sort, no loop per owner)."""
    names, inverse = np.unique(owners.astype(str), return_inverse=True)
    positions = np.argsort(inverse, kind="stable")
    ends = np.cumsum(np.bincount(inverse, minlength=len(names)))
    starts = ends - np.bincount(inverse, minlength=len(names))
    return {str(n): positions[a:b] for n, a, b in zip(names, starts, ends, strict=True)}


def _cells(old: Workspace, new: Workspace, at: datetime) -> list[Any]:
    seg_old, seg_new = old.regulation.segments, new.regulation.segments
    if seg_old is None or seg_new is None:
        return []
    before, after = compliance(old, at).by_cell, compliance(new, at).by_cell
    found = []
    for cell in sorted(set(before) | set(after)):
        tally = before.get(cell) or after[cell]
        n = tally.total
        found.append(
            CellChange(
                cell,
                n,
                _planned(n, seg_old.policy(cell)),
                _planned(n, seg_new.policy(cell)),
                _share(before.get(cell)),
                _share(after.get(cell)),
            )
        )
    return found


def _planned(clients: int, policy: object) -> float:
    seconds = getattr(policy, "contact_interval_seconds", None)
    return round(clients * MONTH / seconds, 1) if seconds else 0.0


def _share(tally: object) -> float:
    total = getattr(tally, "total", 0)
    return round(getattr(tally, "on_time", 0) / total, 4) if total else 0.0
