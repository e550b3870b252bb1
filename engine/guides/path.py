"""The funnel's paths the guides speak of: the main way to a win, and the way back for a client
who may need us later (deferral and reactivation)."""

from __future__ import annotations

from engine.model.funnel import StageKind, Transition
from engine.model.regulation import Regulation


def main_path(reg: Regulation) -> list[str]:
    """The longest chain of forward moves (to a higher order) from the entry to a won stage."""
    funnel = reg.funnel
    order = {s.id: s for s in funnel.stages}
    forward: dict[str, set[str]] = {s: set() for s in order}
    for t in funnel.transitions:
        for source in funnel.sources_of(t):
            dest = order.get(t.dest)
            if dest is not None and dest.kind is not StageKind.LOST and dest.order > order[source].order:
                forward[source].add(t.dest)
    best: dict[str, list[str]] = {}

    def longest(stage: str) -> list[str]:
        if stage not in best:
            tails = [longest(nxt) for nxt in forward[stage]]
            won = [tail for tail in tails if order[tail[-1]].kind is StageKind.WON]
            best[stage] = [stage, *max(won, key=len)] if won else [stage]
        return best[stage]

    return longest(funnel.entry)


def ways_back(reg: Regulation) -> tuple[list[Transition], list[Transition]]:
    """For the lost stage's sheet: the moves into a waiting stage (an open stage off the main
    path, such as «Отложен») from the funnel, and the moves from a waiting stage back onto the
    main path — the reactivation rule. A lost stage itself has no way out (R403)."""
    funnel = reg.funnel
    path = set(main_path(reg))
    waiting = {s.id for s in funnel.stages if s.kind is StageKind.OPEN and s.id not in path}
    into = [
        t
        for t in funnel.transitions
        if t.dest in waiting and not t.from_any_open and not set(funnel.sources_of(t)) <= waiting
    ]
    back = [
        t
        for t in funnel.transitions
        if t.dest in path and not t.from_any_open and set(funnel.sources_of(t)) <= waiting
    ]
    return into, back
