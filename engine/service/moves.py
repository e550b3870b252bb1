"""Moving clients through the funnel, and what each possible move still needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from engine.model.funnel import StageKind
from engine.model.text import Text
from engine.runtime.handover import handover_unmet
from engine.runtime.machine import Outcome
from engine.runtime.requirements import MoveInput
from engine.service import assignment, cards, dealing
from engine.service.actors import Actor, as_actor
from engine.service.answers import client_answer
from engine.service.errors import InvalidInput, Refused
from engine.service.lookup import check_version, get, potential_of, reload
from engine.service.names import Thing, names
from engine.service.outcomes import Moved, Possible, outcome_answer, possible_answer
from engine.service.runner import run
from engine.service.workspace import Workspace
from engine.store import Tx, history, tasks
from engine.store import clients as store
from engine.values.client import ClientState, NextStep


def move(
    ws: Workspace,
    actor: Actor | str,
    client_id: int,
    trigger: str,
    *,
    reason: str | None = None,
    next_step: NextStep | None = None,
    card: Mapping[str, object] | None = None,
    note: str | None = None,
    expected_version: int | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> Moved:
    """Fire ``trigger``; card changes given with it are saved only if the move happens. When the
    destination's ownership rule wants another role, the client gets a manager of that role in
    the same transaction; a hand-over between departments must meet its rule (``note``)."""
    who = as_actor(actor)

    trigger = names(ws.regulation, Thing.TRIGGER).require(trigger, "trigger")
    if reason is not None:
        reason = names(ws.regulation, Thing.REASON).require(reason, "reason")

    def body(conn: Tx, moment: datetime) -> Moved:
        client = get(ws, conn, client_id, for_update=True, actor=who)
        check_version(client, expected_version)
        changed = _with_card(ws, client, card, moment)
        given = MoveInput(reason, next_step, note)
        outcome = ws.machine.fire(changed, trigger, moment, given)
        outcome, want = _with_handover(ws, conn, client, changed, outcome, note)
        if not outcome.moved:
            raise Refused(outcome, ws.runtime.stages[client.stage].label, _action_label(ws, trigger))
        placement = None
        if want is not None:
            dest = outcome.dest or client.stage
            placement = dealing.place_one(
                ws, conn, changed, want, at=moment, stage=dest, actor=who.id, note=note
            )
        after = apply(ws, conn, client, changed, outcome, given, actor=who.id, at=moment, placement=placement)
        answer = dealing.answer(placement)
        return Moved(outcome_answer(outcome), client_answer(ws.regulation, after), answer)

    payload = {
        "op": "move",
        "client": client_id,
        "trigger": trigger,
        "reason": reason,
        "card": card,
        "next_step": next_step.as_dict() if next_step else None,
        "note": note,
        "version": expected_version,
    }
    return run(ws, who, body, answer=Moved, key=key, at=at, payload=payload)


def _with_card(
    ws: Workspace, client: ClientState, card: Mapping[str, object] | None, at: datetime
) -> ClientState:
    """The client with the card changes given with the move (not yet saved)."""
    if not card:
        return client
    values, problems = cards.parse_card(ws.regulation, card, client.timezone)
    if problems:
        raise InvalidInput(problems)
    changed = replace(client, card=cards.merged(client.card, values))
    return replace(changed, potential=potential_of(ws, changed, changed.card, at))


def _with_handover(
    ws: Workspace, conn: Tx, client: ClientState, changed: ClientState, outcome: Outcome, note: str | None
) -> tuple[Outcome, assignment.Wanted | None]:
    """What the destination's ownership rule wants, and the outcome with the hand-over's unmet
    requirements added (fields the transition already asks for are not said twice)."""
    dest = outcome.dest or _planned_dest(ws, outcome.trigger, client.stage)
    want = assignment.wanted(ws, conn, client.owner, dest, client.abc, client.xyz) if dest else None
    if want is not None and want.handover is not None:
        said = {r.field for r in outcome.reasons if r.field}
        unmet = handover_unmet(ws.regulation, want.handover, changed.card, note, said)
        outcome = replace(outcome, reasons=outcome.reasons + tuple(unmet))
    return outcome, want


def apply(
    ws: Workspace,
    conn: Tx,
    before: ClientState,
    after: ClientState,
    outcome: Outcome,
    given: MoveInput,
    *,
    actor: str,
    at: datetime,
    placement: dealing.Placement | None = None,
) -> ClientState:
    """Write a move that the machine allowed (with the owner the rules gave, if any); returns
    the client as it now is."""
    reason, next_step = given.reason, given.next_step
    dest = ws.runtime.stages[outcome.dest or before.stage]
    values: dict[str, Any] = {"stage": dest.id, "stage_since": at, "updated_at": at}
    entries = []
    diff = cards.changes(before.card, after.card)
    if diff:
        values.update(card=dict(after.card), potential=after.potential)
        entries.append(history.entry(before.id, at, actor, "card", ws.tag, data={"changes": diff}))
    step = before.next_step
    if dest.kind is not StageKind.OPEN:
        values.update(tasks.replace_next_step(conn, before.id, None, at=at, actor=actor, status="cancelled"))
        step = None
    elif next_step is not None:
        values.update(tasks.replace_next_step(conn, before.id, next_step, at=at, actor=actor))
        step = next_step
    if placement is not None:
        values.update(placement.values)
    version = store.write(conn, before.id, before.version, values)
    entries += move_entries(ws.tag, before, dest.id, outcome.trigger, actor, at, reason, next_step)
    history.append(conn, entries)
    if placement is not None:
        dealing.record(conn, [placement])
        return reload(conn, before.id)
    return replace(after, stage=dest.id, stage_since=at, version=version, next_step=step)


def move_entries(
    tag: str,
    before: ClientState,
    dest: str,
    trigger: str,
    actor: str,
    at: datetime,
    reason: str | None,
    next_step: NextStep | None,
) -> list[dict[str, Any]]:
    """The history of one move: the transition, and the refusal reason when it is a refusal."""
    data = {"reason": reason, "next_step": next_step.as_dict() if next_step else None}
    entries = [
        history.entry(
            before.id,
            at,
            actor,
            "transition",
            tag,
            trigger=trigger,
            from_stage=before.stage,
            to_stage=dest,
            data=data,
        )
    ]
    if reason is not None:
        refused = {"reason": reason, "stage": before.stage, "trigger": trigger}
        entries.append(
            history.entry(before.id, at, actor, "refusal", tag, from_stage=before.stage, data=refused)
        )
    return entries


def possible(ws: Workspace, client_id: int, at: datetime | None = None) -> Possible:
    """Every move from the client's stage with what it still needs — a hand-over to another
    department included (its note is always asked for, since none is given yet)."""
    with ws.db.read() as conn:
        client = get(ws, conn, client_id)
        found = []
        for option in ws.machine.possible(client, at or ws.now()):
            want = assignment.wanted(ws, conn, client.owner, option.dest, client.abc, client.xyz)
            if want is not None and want.handover is not None:
                said = {r.field for r in option.reasons if r.field}
                extra = handover_unmet(ws.regulation, want.handover, client.card, None, said)
                option = replace(option, reasons=option.reasons + tuple(extra))
            found.append(option)
    return possible_answer(client_id, client.stage, found)


def _planned_dest(ws: Workspace, trigger: str, stage: str) -> str | None:
    """Where ``trigger`` leads from ``stage`` (for a refused move: whose ownership it would change)."""
    current = ws.regulation.funnel.stage(stage)
    for t in ws.regulation.funnel.transitions:
        if t.trigger == trigger and (
            stage in t.sources or (t.from_any_open and current is not None and current.kind is StageKind.OPEN)
        ):
            return t.dest
    return None


def _action_label(ws: Workspace, trigger: str) -> Text:
    transition = next((t for t in ws.regulation.funnel.transitions if t.trigger == trigger), None)
    return transition.label if transition else Text.plain(trigger, "en")
