"""Moves along the funnel's main path that the bands do not show: moves back and skips forward
(stage 1 → 3), each drawn as an arc on the left or the right of the funnel.

An arc spans the stages between its ends. Two arcs on one side cross when their spans
interleave; an arc crosses a spoke (a line from a stage out to the side: deferral on the left,
the lost rail on the right) when the spoke's stage lies strictly inside its span. Each arc gets
the side that makes the fewest crossings in all (every assignment is tried for a few arcs,
one arc at a time beyond that); nested arcs bend out by their span, so they never cross.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

LEFT, RIGHT = "left", "right"
EXHAUSTIVE = 12
"""Up to this many arcs every side assignment is tried (2^12 = 4096); beyond, one at a time."""


@dataclass(frozen=True, slots=True)
class Arc:
    source: int
    """Position of the stage the move starts from on the main path."""
    dest: int
    side: str = LEFT

    @property
    def low(self) -> int:
        return min(self.source, self.dest)

    @property
    def high(self) -> int:
        return max(self.source, self.dest)

    @property
    def back(self) -> bool:
        return self.dest < self.source


def interleave(a: Arc, b: Arc) -> bool:
    return a.low < b.low < a.high < b.high or b.low < a.low < b.high < a.high


def crossings(arcs: Sequence[Arc], spokes: dict[str, frozenset[int]]) -> int:
    """How many times the arcs cross each other and the spokes, each arc on its side."""
    count = sum(1 for a in arcs for i in spokes.get(a.side, frozenset()) if a.low < i < a.high)
    for k, a in enumerate(arcs):
        count += sum(1 for b in arcs[k + 1 :] if a.side == b.side and interleave(a, b))
    return count


def place(arcs: Sequence[Arc], spokes: dict[str, frozenset[int]]) -> list[Arc]:
    """The arcs with their sides chosen for the fewest crossings; ties keep moves back on the
    left and skips forward on the right, as a reader expects."""

    def natural(a: Arc) -> Arc:
        return Arc(a.source, a.dest, LEFT if a.back else RIGHT)

    def unnatural(assigned: Sequence[Arc]) -> int:
        return sum(1 for a in assigned if a.side != natural(a).side)

    if len(arcs) <= EXHAUSTIVE:
        options = (
            [Arc(a.source, a.dest, side) for a, side in zip(arcs, sides, strict=True)]
            for sides in product((LEFT, RIGHT), repeat=len(arcs))
        )
        return min(options, key=lambda o: (crossings(o, spokes), unnatural(o)), default=[])
    placed: list[Arc] = []
    for a in sorted(arcs, key=lambda a: a.low - a.high):
        tries = [[*placed, Arc(a.source, a.dest, side)] for side in (natural(a).side, LEFT, RIGHT)]
        placed = min(tries, key=lambda o: crossings(o, spokes))
    return placed
