"""The ownership compliance list and its one-command fix (``reglament assign --apply-rules``):
a dry run lists the clients whose owner does not fit the rules and whom each would go to; the
applied run reassigns them in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from engine.service.rules import Misfit, misfits, reassign
from engine.service.workspace import Workspace

MisfitAnswer = Misfit
"""A misfit as the compliance list answers it: the rules' own record, with whom they give it."""


@dataclass(frozen=True, slots=True)
class RulesApplied:
    applied: bool
    """False for a dry run: nothing was written."""
    misfits: list[Misfit]
    reassigned: int
    stranded: int


def compliance(ws: Workspace) -> list[Misfit]:
    """The clients whose owner does not fit the ownership rules (read only)."""
    with ws.db.read() as conn:
        return misfits(ws, conn)


def apply_rules(
    ws: Workspace, actor: str, *, apply: bool = False, at: datetime | None = None
) -> RulesApplied:
    """Reassign every misfit by the rules; with ``apply`` False the transaction is rolled back,
    so the answer shows exactly what applying would do."""
    moment = at or ws.now()
    result: RulesApplied | None = None

    class _DryRun(Exception):
        pass

    try:
        with ws.db.write() as conn:
            ws.register(conn)
            found = misfits(ws, conn)
            done = reassign(ws, conn, moment, actor, found)
            to = {p.client: p.dest for p in done.placed}
            result = RulesApplied(
                apply,
                [replace(m, new_owner=to.get(m.client)) for m in found],
                len(done.placed),
                len(done.stranded),
            )
            if not apply:
                raise _DryRun
    except _DryRun:
        pass
    assert result is not None
    return result
