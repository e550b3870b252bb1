"""The ownership rules over many clients at once: which owners do not fit them (the compliance
list), and reassigning those clients — after a segmentation, a manager's deactivation, or
``reglament assign --apply-rules`` — inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.model.funnel import StageKind
from engine.model.ownership import Rule
from engine.service.assignment import Dealer, Placed, Wanted
from engine.service.dealing import Placement, place, record
from engine.service.workspace import Workspace
from engine.store import Tx
from engine.store import clients as clients_store
from engine.store import ownership as store

CHUNK = 2_000


@dataclass(frozen=True, slots=True)
class Misfit:
    """A client whose owner does not fit the ownership rules."""

    client: int
    name: str
    stage: str
    cell: str | None
    owner: str | None
    owner_role: str | None
    owner_active: bool
    wanted_role: str
    rule: str
    """``stage:<id>``, ``cell:<AX>`` or ``role:<id>``: the rule the owner does not fit."""
    new_owner: str | None = None
    """Whom the rules give the client (None: not known yet, or no manager of the role is available)."""


@dataclass(frozen=True, slots=True)
class Reassigned:
    placed: tuple[Placed, ...]
    stranded: tuple[Misfit, ...]
    """Clients the rules want elsewhere but no manager of the wanted role is available for."""


def misfits(
    ws: Workspace,
    conn: Tx,
    ids: Sequence[int] | None = None,
    *,
    among: Any = None,
    roles: Collection[str] | None = None,
) -> list[Misfit]:
    """Clients whose owner is missing, inactive, or of another role than their rule wants;
    ``ids`` or ``among`` (a store query of client ids, read in one statement) narrow them, and
    ``roles`` the wanted roles (e.g. those :func:`staffed`)."""
    reg = ws.regulation
    owning = {r.id for r in reg.roles if r.owns_clients and (roles is None or r.id in roles)}
    stage_roles = {s.id: s.owner_role for s in reg.funnel.stages if s.owner_role in owning}
    stage_ruled = [s.id for s in reg.funnel.stages if s.owner_role]
    cell_roles = {}
    if reg.segments is not None:
        cell_roles = {c: p.owner_role for c, p in reg.segments.cells.items() if p.owner_role in owning}
    no_cell = stage_ruled + [s.id for s in reg.funnel.stages if s.kind is StageKind.LOST]
    found: list[Misfit] = []
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)] if ids is not None else [None]
    for chunk in chunks:
        for row in store.misplaced(conn, stage_roles, cell_roles, no_cell, chunk, among):
            cell = f"{row.abc}{row.xyz}" if row.abc and row.xyz else None
            rule = f"stage:{row.stage}" if row.from_stage else f"cell:{cell}"
            found.append(
                Misfit(
                    int(row.id),
                    str(row.name),
                    str(row.stage),
                    cell,
                    row.owner,
                    row.owner_role,
                    bool(row.owner_active),
                    str(row.wanted),
                    rule,
                )
            )
    return found


def staffed(ws: Workspace, dealer: Dealer) -> set[str]:
    """The roles owning clients that have somebody to take one now (the others' misfits
    would all stay where they are); ``dealer`` then deals them (:func:`reassign`)."""
    return {r.id for r in ws.regulation.roles if r.owns_clients and dealer.available(r.id)}


def reassign(
    ws: Workspace,
    conn: Tx,
    moment: datetime,
    actor: str,
    found: Sequence[Misfit],
    *,
    fresh: bool = False,
    dealer: Dealer | None = None,
) -> Reassigned:
    """Give each client of ``found`` a manager of its wanted role, writing owners in bulk with
    their history (the rule of each in its entry). ``fresh``: the clients were created or written
    in this transaction, whose version already counts this command, so the version stays.
    ``dealer``: the transaction's own, if the caller has one (e.g. asked :func:`staffed`)."""
    dealer = dealer or Dealer(ws, conn, moment)
    placed: list[Placement] = []
    stranded = [m for m in found if not dealer.available(m.wanted_role)]  # nobody to load them for
    found = [m for m in found if dealer.available(m.wanted_role)]
    for start in range(0, len(found), CHUNK):
        part = found[start : start + CHUNK]
        states = clients_store.load_many(conn, [m.client for m in part], lock=True)
        for misfit in part:
            client = states[misfit.client]
            kind, key = misfit.rule.split(":", 1)
            want = Wanted(Rule(misfit.wanted_role, kind, key), misfit.owner_role, None)
            value = _value(ws, client, moment)
            done = place(ws, dealer, client, want, stage=client.stage, actor=actor, value=value)
            if done is None:
                stranded.append(misfit)
            else:
                placed.append(done)
    dealer.finish()
    _write(conn, placed, moment, bump=not fresh)
    return Reassigned(tuple(p.placed for p in placed), tuple(stranded))


def _value(ws: Workspace, client: Any, moment: datetime) -> float:
    value = ws.runtime.facts(client, moment)["expected_value"]
    return float(value) if isinstance(value, int | float) else 0.0


def _write(conn: Tx, placed: Sequence[Placement], moment: datetime, *, bump: bool) -> None:
    rows = [
        {
            "c_id": p.placed.client,
            "c_owner": p.values["owner_id"],
            "c_at": moment,
            "c_handed": p.values.get("handed_over_at"),
        }
        for p in placed
    ]
    store.write_owners(conn, rows, bump=bump)
    record(conn, placed)
