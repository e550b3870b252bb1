"""Two regulations compared concept by concept."""

from __future__ import annotations

from engine.diffing import card, funnel, moves, order
from engine.diffing.changes import Change, ordered
from engine.model.regulation import Regulation


def compare(old: Regulation, new: Regulation) -> list[Change]:
    """Every change from ``old`` to ``new``, concept by concept in the new files' order; an empty
    list when they mean the same (however differently they are formatted or commented)."""
    stages = {**funnel.stage_renames(old, new), **_declared(new, "stages", old.funnel.stage_ids())}
    fields = {**card.field_renames(old, new), **_declared(new, "fields", old.card.field_ids())}
    changes = (
        funnel.stages(old, new, stages, fields)
        + moves.transitions(old, new, stages, fields)
        + card.fields(old, new, fields)
        + moves.reasons(old, new)
        + order.cells(old, new)
        + order.call_order(old, new)
    )
    return ordered(changes)


def _declared(new: Regulation, kind: str, before: tuple[str, ...]) -> dict[str, str]:
    """The renames the new version's migration map declares (they win over guesses)."""
    return {old: to for old, to in new.migration.mapping(kind).items() if old in before}
