"""Publishing with a migration map: the clients carried over in the publishing transaction, and
a publish that would strand clients told which map line would carry them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from engine.diffing.funnel import stage_renames
from engine.model.migration import Rename
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


def undo(
    conn: Tx,
    reg: Regulation,
    prior: Regulation | None,
    at: datetime,
    actor: str,
    before: str | None,
    tag: str,
) -> dict[str, int]:
    """A version that brings back what the version in force renamed (a rollback, say) carries the
    clients back by that version's own map read backwards: ``old → new`` there, ``new → old`` here,
    when ``reg`` has ``old`` and not ``new``. A merge (several old ids on one new) is not undone."""
    if prior is None:
        return {}
    versions = (before, tag)
    moved: dict[str, int] = {}
    stages, fields = set(reg.funnel.stage_ids()), set(reg.card.field_ids())
    for r in _unmerged(prior.migration.stages):
        if r.new not in stages and r.old in stages:
            moved[f"stages.{r.new}"] = carryover.move_stage(conn, r.new, r.old, at, actor, versions)
    for r in _unmerged(prior.migration.fields):
        if r.new not in fields and r.old in fields:
            moved[f"fields.{r.new}"] = carryover.move_field(conn, r.new, r.old, at, actor, versions)
    return moved


def stage_step(reg: Regulation, prior: Regulation | None) -> dict[str, str]:
    """The stage renames a publication of ``reg`` after ``prior`` carries the clients by (as
    :func:`apply` and :func:`undo` do), whether or not a client stood on them: old → new."""
    stages = set(reg.funnel.stage_ids())
    step = {r.old: r.new for r in reg.migration.stages if r.old not in stages and r.new in stages}
    for r in _unmerged(prior.migration.stages) if prior is not None else ():
        if r.new not in stages and r.old in stages:
            step[r.new] = r.old
    return step


def _unmerged(renames: Sequence[Rename]) -> list[Rename]:
    targets = Counter(r.new for r in renames)
    return [r for r in renames if targets[r.new] == 1]


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
