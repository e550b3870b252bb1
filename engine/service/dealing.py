"""Clients dealt to managers by the rules: each placement decided in the caller's transaction,
written with its history entry, and said in the answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.model.ownership import Strategy
from engine.service.assignment import Dealer, Placed, Wanted, wanted
from engine.service.handovers import is_handover
from engine.service.outcomes import AssignedAnswer
from engine.service.workspace import Workspace
from engine.store import Tx, history
from engine.store import ownership as store
from engine.values.client import ClientState


@dataclass(frozen=True, slots=True)
class Placement:
    """One assignment to write: the client row's values, its history entry and hand-over row."""

    values: dict[str, Any]
    entry: dict[str, Any]
    handover: dict[str, Any] | None
    placed: Placed


def place(
    ws: Workspace,
    dealer: Dealer,
    client: ClientState,
    want: Wanted,
    *,
    stage: str,
    actor: str,
    note: str | None = None,
    value: float = 1.0,
) -> Placement | None:
    """Pick the manager for ``client`` by ``want``'s role; None when the role has nobody
    available (the client keeps its owner)."""
    chosen = dealer.pick(want.rule.role, client.timezone, client.card, value)
    if chosen is None:
        return None
    named = ws.regulation.role(want.rule.role)
    strategy = named.assignment.strategy.value if named else Strategy.ROUND_ROBIN.value
    placed = Placed(
        client.id,
        client.owner,
        chosen.login,
        want.rule.role,
        want.rule.name,
        strategy,
        is_handover(client.owner, want.source_role, want.rule),
    )
    data: dict[str, Any] = {
        "from": client.owner,
        "to": chosen.login,
        "rule": placed.rule,
        "role": placed.role,
    }
    data["strategy"] = strategy
    if note:
        data["note"] = note
    values: dict[str, Any] = {"owner_id": chosen.id}
    handover = None
    if placed.handover:
        data["handover"] = True
        values["handed_over_at"] = dealer.moment
        handover = {
            "client_id": client.id,
            "at": dealer.moment,
            "from_manager": client.owner,
            "from_role": want.source_role,
            "to_manager": chosen.login,
            "to_role": want.rule.role,
            "rule": placed.rule,
            "stage": stage,
            "actor": actor,
        }
    entry = history.entry(client.id, dealer.moment, actor, "owner", ws.tag, data=data)
    return Placement(values, entry, handover, placed)


def place_one(
    ws: Workspace,
    conn: Tx,
    client: ClientState,
    want: Wanted,
    *,
    at: datetime,
    stage: str,
    actor: str,
    note: str | None = None,
) -> Placement | None:
    """:func:`place` for one client, the role's turn written at once."""
    dealer = Dealer(ws, conn, at)
    done = place(ws, dealer, client, want, stage=stage, actor=actor, note=note)
    dealer.finish()
    return done


def record(conn: Tx, placements: Sequence[Placement]) -> None:
    """The history entries and hand-over rows of written placements."""
    history.append(conn, [p.entry for p in placements])
    store.log_handovers(conn, [p.handover for p in placements if p.handover is not None])


def answer(placement: Placement | None) -> AssignedAnswer | None:
    if placement is None:
        return None
    p = placement.placed
    return AssignedAnswer(p.dest, p.role, p.rule, p.strategy, p.source, p.handover)


def first_owner(
    ws: Workspace, conn: Tx, client: ClientState, *, actor: str, at: datetime
) -> Placement | None:
    """An owner for a client that arrives unowned (created, imported), by its stage's rule; written
    in the creating transaction without a new version."""
    want = wanted(ws, conn, None, client.stage, client.abc, client.xyz) if client.owner is None else None
    if want is None:
        return None
    done = place_one(ws, conn, client, want, at=at, stage=client.stage, actor=actor)
    if done is not None:
        store.set_first_owner(conn, client.id, int(done.values["owner_id"]))
        record(conn, [done])
    return done
