"""The client's potential from the declared signs, the deal size and the expected value."""

from __future__ import annotations

from collections.abc import Mapping

from engine.conditions import Facts, compile_condition
from engine.model.card import POTENTIAL_LEVELS
from engine.model.condition import comparisons
from engine.model.regulation import Regulation


class PotentialRules:
    """The card's potential rules, compiled once per regulation."""

    def __init__(self, regulation: Regulation) -> None:
        self.potential = regulation.card.potential
        self.deal = regulation.card.deal_size
        signs = self.potential.signs if self.potential else ()
        self._signs = [(compile_condition(s.when), s.points) for s in signs]
        self._sign_fields = frozenset(c.field for s in signs for c in comparisons(s.when))

    def level(self, facts: Facts) -> str | None:
        """perspective / medium / small, or None while nothing is known about the client."""
        pot = self.potential
        if pot is None:
            return None
        for sign in pot.direct:
            value = facts.get(sign.field)
            if isinstance(value, int | float):
                return _level(value, sign.perspective, sign.medium)
        if not any(facts.get(name) is not None for name in self._sign_fields):
            return None
        points = sum(points for holds, points in self._signs if holds(facts))
        return _level(points, pot.perspective_points, pot.medium_points)

    def deal_size(self, facts: Facts, potential: str | None, average: float | None) -> float:
        """The card's amount, else the client's average sale per period, else by potential."""
        deal = self.deal
        if deal is None:
            return average or 0.0
        if deal.field:
            value = facts.get(deal.field)
            if isinstance(value, int | float) and value > 0:
                return float(value)
        if average:
            return average
        by: Mapping[str, float] = deal.by_potential
        if potential in by:
            return float(by[potential])  # type: ignore[index]
        return deal.default


def _level(value: float, perspective: float, medium: float) -> str:
    if value >= perspective:
        return POTENTIAL_LEVELS[0]
    return POTENTIAL_LEVELS[1] if value >= medium else POTENTIAL_LEVELS[2]
