"""The cell a scenario's client gets from the given sales lines, by the engine's own ABC-XYZ
classification (the numpy rules of a real segmentation run, on the lines instead of the base)."""

from __future__ import annotations

from datetime import date

import numpy as np

from engine.model.segments import Segments
from engine.scenarios.model import OWN, SaleLine
from engine.segmentation.classify import classify
from engine.segmentation.periods import period_of


def derive_cell(seg: Segments, lines: tuple[SaleLine, ...], day: date) -> tuple[str | None, str | None]:
    """The scenario client's ABC and XYZ classes at ``day`` (None, None: no sale in the window)."""
    last = period_of(seg.step, day)
    first = last - seg.period + 1
    names = sorted({line.client for line in lines})
    number = {name: i for i, name in enumerate(names)}
    sums: dict[tuple[int, int], float] = {}
    starts: dict[int, int] = {}
    for line in lines:
        period = period_of(seg.step, line.day)
        if period > last:
            continue
        who = number[line.client]
        starts[who] = min(starts.get(who, period), period)
        if period >= first:
            sums[(who, period)] = sums.get((who, period), 0.0) + _basis(seg, line)
    if OWN not in number or not any(who == number[OWN] for who, _ in sums):
        return None, None
    keys = sorted(sums)
    classes = classify(
        seg,
        np.array([k[0] for k in keys], dtype=np.int64),
        np.array([k[1] for k in keys], dtype=np.int64),
        np.array([sums[k] for k in keys], dtype=np.float64),
        starts,
        last,
    )
    at = int(np.flatnonzero(classes.client_ids == number[OWN])[0])
    xyz = classes.xyz[at]
    return str(classes.abc[at]), None if xyz is None else str(xyz)


def _basis(seg: Segments, line: SaleLine) -> float:
    if seg.basis == "margin":
        return line.margin
    if seg.basis == "quantity":
        return line.quantity
    return line.amount
