"""Many moves in one transaction: the same machine and rules, bulk writes.

Each move is decided exactly as a single move is; refused ones are answered with their
reasons and change nothing. The allowed ones are written with one executemany per table; a
client changed meanwhile by someone else makes the whole batch a :class:`Conflict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from engine.model.funnel import StageKind
from engine.runtime.facts import zone
from engine.runtime.machine import Outcome
from engine.runtime.requirements import MoveInput
from engine.service import rules
from engine.service.errors import Conflict, NotFound
from engine.service.moves import move_entries
from engine.service.runner import collector_paused
from engine.service.workspace import Workspace
from engine.store import Tx, history, ownership
from engine.store import clients as store
from engine.store import tasks as task_rows
from engine.values.client import ClientState, NextStep


@dataclass(frozen=True, slots=True)
class MoveRequest:
    client_id: int
    trigger: str
    reason: str | None = None
    next_step: NextStep | None = None


def move_batch(
    ws: Workspace, actor: str, requests: Sequence[MoveRequest], at: datetime | None = None
) -> list[Outcome]:
    moment = at or ws.now()
    with collector_paused(), ws.db.write() as conn:
        ws.register(conn)
        states = _load(conn, {r.client_id for r in requests})
        outcomes, writes = _decide(ws, requests, states, moment)
        _write(ws, conn, writes, actor, moment)
    return outcomes


def _load(conn: Tx, ids: set[int]) -> dict[int, ClientState]:
    states = store.load_many(conn, sorted(ids), lock=True)
    missing = ids - set(states)
    if missing:
        raise NotFound("client_not_found", client=min(missing))
    return states


def _decide(
    ws: Workspace, requests: Sequence[MoveRequest], states: dict[int, ClientState], moment: datetime
) -> tuple[list[Outcome], list[tuple[ClientState, ClientState, MoveRequest, Outcome]]]:
    outcomes: list[Outcome] = []
    writes = []
    current = dict(states)
    for request in requests:
        before = current[request.client_id]
        outcome = ws.machine.fire(
            before, request.trigger, moment, MoveInput(request.reason, request.next_step)
        )
        outcomes.append(outcome)
        if outcome.moved:
            dest = ws.runtime.stages[outcome.dest or before.stage]
            step = request.next_step if dest.kind is StageKind.OPEN else None
            keep = before.next_step if dest.kind is StageKind.OPEN and step is None else step
            after = replace(
                before, stage=dest.id, stage_since=moment, version=before.version + 1, next_step=keep
            )
            writes.append((before, after, request, outcome))
            current[request.client_id] = after
    return outcomes, writes


def _write(
    ws: Workspace,
    conn: Tx,
    writes: list[tuple[ClientState, ClientState, MoveRequest, Outcome]],
    actor: str,
    moment: datetime,
) -> None:
    if not writes:
        return
    rows, closes, tasks, entries = [], [], [], []
    opened: dict[int, dict[str, Any]] = {}  # tasks opened in this batch, by client
    for before, after, request, outcome in writes:
        step = after.next_step
        rows.append(
            {
                "b_id": before.id,
                "b_version": before.version,
                "b_new_version": after.version,
                "b_stage": after.stage,
                "b_at": moment,
                "b_action": step.action if step else None,
                "b_due_date": step.due_date if step else None,
                "b_due_time": step.due_time if step else None,
            }
        )
        terminal = ws.runtime.stages[after.stage].kind is not StageKind.OPEN
        if request.next_step is not None or terminal:
            status = "cancelled" if terminal else "done"
            closes.append({"t_client": before.id, "t_status": status, "t_at": moment})
            if before.id in opened:  # opened earlier in this batch: insert it already closed
                opened.pop(before.id).update(status=status, closed_at=moment)
        if request.next_step is not None and not terminal:
            opened[before.id] = task_rows.opened(request.next_step, moment, actor, before.id)
            tasks.append(opened[before.id])
        entries += move_entries(
            ws.tag, before, after.stage, outcome.trigger, actor, moment, request.reason, request.next_step
        )
    changed = store.write_moves(conn, rows, closes, tasks)
    if changed != len(rows):
        raise Conflict("batch_conflict", stale=len(rows) - changed, total=len(rows))
    history.append(conn, entries)
    staffed = _staffed(ws, conn, moment)  # a role with nobody to take a client moves nobody
    if staffed:  # owners by the rules of where the clients stand now
        moved = sorted({before.id for before, *_ in writes})
        rules.reassign(ws, conn, moment, actor, rules.misfits(ws, conn, moved, roles=staffed), fresh=True)


def _staffed(ws: Workspace, conn: Tx, moment: datetime) -> set[str]:
    """The roles owning clients with somebody to take one today (read without taking the role's
    turn: the dealing that follows takes it for the roles its clients want)."""
    day = moment.astimezone(zone(ws.regulation.timezone)).date()
    return {r.id for r in ws.regulation.roles if r.owns_clients and ownership.candidates(conn, r.id, day)}
