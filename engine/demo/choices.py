"""What a demo client does next: which of the possible moves, and which refusal reason."""

from __future__ import annotations

import random

from engine.model.funnel import Stage, StageKind
from engine.model.regulation import Regulation
from engine.runtime.machine import PossibleMove


def weight(reg: Regulation, here: Stage, move: PossibleMove) -> float:
    """How likely a move is: forward mostly, to a win often, back or lost now and then."""
    dest = reg.funnel.stage(move.dest)
    if dest is None:
        return 0.0
    if dest.kind is StageKind.LOST:
        return 0.09 if move.trigger != "disqualify" else 0.04
    if dest.kind is StageKind.WON:
        return 1.2
    return 1.0 if dest.order > here.order else 0.12


def choose(
    rng: random.Random, reg: Regulation, here: Stage, moves: list[PossibleMove]
) -> PossibleMove | None:
    """One of the possible moves by weight, or none."""
    weights = [weight(reg, here, move) for move in moves]
    if not moves or sum(weights) == 0:
        return None
    return rng.choices(moves, weights=weights)[0]


def reason_for(rng: random.Random, stage: Stage, move: PossibleMove) -> str | None:
    """A refusal reason of the stage when the move needs one."""
    if not any(r.code == "reason_required" for r in move.reasons):
        return None
    return rng.choice(stage.refusal_reasons) if stage.refusal_reasons else None
