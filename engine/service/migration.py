"""Publishing with a migration map: the clients carried over in the publishing transaction, and
a publish that would strand clients told which map line would carry them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from engine.diffing.funnel import stage_renames
from engine.model.regulation import Regulation
from engine.service.errors import Problem, problem
from engine.store import Tx, carryover


def apply(
    conn: Tx, reg: Regulation, at: datetime, actor: str, before: str | None, tag: str
) -> dict[str, int]:
    """Apply ``reg``'s map to every client; ``{"stages.old": n, "fields.old": n}`` moved."""
    versions = (before, tag)
    stages = set(reg.funnel.stage_ids())
    fields = set(reg.card.field_ids())
    moved: dict[str, int] = {}
    for r in reg.migration.stages:
        if r.old not in stages and r.new in stages:
            moved[f"stages.{r.old}"] = carryover.move_stage(conn, r.old, r.new, at, actor, versions)
    for r in reg.migration.fields:
        if r.old not in fields and r.new in fields:
            moved[f"fields.{r.old}"] = carryover.move_field(conn, r.old, r.new, at, actor, versions)
    return moved


def stranded(gone: Mapping[str, int], new: Regulation, old: Regulation | None) -> list[Problem]:
    """A problem per stage that would keep clients the new version cannot place, with the map
    line that would carry them over (the stage of the same name or content, when there is one)."""
    guess = stage_renames(old, new) if old is not None else {}
    known = ", ".join(new.funnel.stage_ids())
    found = []
    for stage, n in sorted(gone.items()):
        if stage in guess:
            found.append(
                problem(
                    "regulation.yaml",
                    "error.stage_still_occupied_map",
                    stage=stage,
                    clients=n,
                    target=guess[stage],
                )
            )
        else:
            found.append(
                problem("regulation.yaml", "error.stage_still_occupied", stage=stage, clients=n, known=known)
            )
    return found
