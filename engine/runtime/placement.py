"""What standing at a stage demands of a client: every required card field and the stage's own.

An import that places an existing base where it really is (a column or ``--stage``) checks each
client here, with the same field checks and clauses as a move into that stage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from engine.model.card import Field
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.runtime.refusals import Refusal
from engine.runtime.requirements import field_problem, still_valid

Check = tuple[Field, Origin, Callable[[Any], bool] | None]


class Placement:
    """The fields each stage demands, compiled once per regulation."""

    def __init__(self, regulation: Regulation) -> None:
        card = regulation.card
        every = [(f, f.origin, still_valid(f)) for f in card.fields if f.required]
        self._checks: dict[str, tuple[Check, ...]] = {}
        for stage in regulation.funnel.stages:
            checks: dict[str, Check] = {f.id: (f, o, v) for f, o, v in every}
            for name, origin in zip(stage.required_fields, stage.required_at, strict=False):
                field = card.field(name)
                if field is not None and name not in checks:
                    checks[name] = (field, origin, still_valid(field))
            self._checks[stage.id] = tuple(checks.values())

    def unmet(self, stage: str, card: Mapping[str, Any]) -> list[Refusal]:
        """Every field the stage (or every client) needs that the card lacks or holds wrong."""
        return [
            r
            for field, origin, valid in self._checks.get(stage, ())
            if (r := field_problem(field, card.get(field.id), origin, valid)) is not None
        ]
