"""Two regulations compared concept by concept."""

from __future__ import annotations

from engine.diffing import card, funnel, order
from engine.diffing.changes import Change, ordered
from engine.model.regulation import Regulation


def compare(old: Regulation, new: Regulation) -> list[Change]:
    """Every change from ``old`` to ``new``, concept by concept in the new files' order; an empty
    list when they mean the same (however differently they are formatted or commented)."""
    stages = funnel.stage_renames(old, new)
    fields = card.field_renames(old, new)
    changes = (
        funnel.stages(old, new, stages, fields)
        + funnel.transitions(old, new, stages, fields)
        + card.fields(old, new, fields)
        + funnel.reasons(old, new)
        + order.cells(old, new)
        + order.call_order(old, new)
    )
    return ordered(changes)
