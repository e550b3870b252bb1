"""What a condition allows for one field: ranges and conjunctions, the terms of the checker's
reach analysis (:mod:`engine.language.checks.reach`). Each operator's specification says what
it allows in these terms."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Range:
    """What one conjunction allows for one field (or for the age of a date field)."""

    filled: bool | None = None
    allowed: frozenset[object] | None = None
    excluded: frozenset[object] = frozenset()
    lo: float = -math.inf
    lo_open: bool = False
    hi: float = math.inf
    hi_open: bool = False

    @property
    def bounded(self) -> bool:
        return self.lo != -math.inf or self.hi != math.inf

    def needs_value(self) -> bool:
        return self.filled is True or self.allowed is not None or self.bounded

    def empty(self) -> bool:
        if self.filled is False and self.needs_value():
            return True
        if self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open)):
            return True
        if self.allowed is not None:
            return not [v for v in self.allowed - self.excluded if self.admits(v)]
        return False

    def admits(self, value: object) -> bool:
        n = number(value)
        if n is None:
            return not self.bounded
        above = n > self.lo or (n == self.lo and not self.lo_open)
        below = n < self.hi or (n == self.hi and not self.hi_open)
        return above and below

    def implies(self, other: Range) -> bool:
        """Every value this range allows, ``other`` allows too."""
        if other.filled is True and not self.needs_value():
            return False
        if other.filled is False and self.filled is not False:
            return False
        if other.allowed is not None and (
            self.allowed is None or not self.allowed - self.excluded <= other.allowed
        ):
            return False
        if other.excluded:
            if self.allowed is not None:
                if (self.allowed - self.excluded) & other.excluded:
                    return False
            elif not other.excluded <= self.excluded:
                return False
        if other.bounded:
            if self.allowed is not None:
                return all(other.admits(v) for v in self.allowed - self.excluded)
            lo_ok = self.lo > other.lo or (self.lo == other.lo and (self.lo_open or not other.lo_open))
            hi_ok = self.hi < other.hi or (self.hi == other.hi and (self.hi_open or not other.hi_open))
            return lo_ok and hi_ok
        return True


NOTHING = Range(filled=False, allowed=frozenset())
Term = dict[str, Range]
"""A conjunction: field (or ``field@age``) → range."""


def number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(date.fromisoformat(value).toordinal())
        except ValueError:
            return None
    return None
