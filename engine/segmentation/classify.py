"""ABC-XYZ classification of client × period sums, with numpy.

Rules (the documented contract the tests check against an independent computation):

- The window is the ``period`` periods ending with the period of the moment (inclusive).
- ABC ranks clients by their total over the window (returns net out). Clients whose total is
  positive are ranked by total, largest first; a client's cumulative share counts every client
  ranked before it and the whole group of clients tied with it. A share up to ``a`` (inclusive) is
  A, up to ``b`` is B, the rest C; a client exactly at 80 % with ``a: 0.8`` is A. Clients with a
  total of zero or less are C.
- XYZ looks at each period from the client's first ever purchase (or the window's start, if
  later) to the window's end; a period's sum below zero counts as zero. ``cv``: the population
  standard deviation of the period sums over their mean (X up to ``x``, Y up to ``y``, else Z).
  ``frequency``: the share of those periods with a positive sum (X from ``x``, Y from ``y``).
  Fewer periods than ``min_history`` give the ``insufficient_history`` class; no positive sum
  at all gives Z.
- Clients without a sale in the window get no class.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.model.segments import Segments

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Classes:
    client_ids: Ints
    abc: npt.NDArray[np.str_]
    xyz: npt.NDArray[np.object_]
    """"X" / "Y" / "Z" or None (too little history, when the regulation says so)."""
    total: Floats
    average: Floats
    """Mean sum per period over the client's periods in the window."""


def classify(
    seg: Segments, client: Ints, period: Ints, value: Floats, first: dict[int, int] | None, last_period: int
) -> Classes:
    """``client``, ``period``, ``value``: one row per client and period of the window.
    ``first``: each client's first period with a purchase (None: the window's own)."""
    first_period = last_period - seg.period + 1
    ids, index = np.unique(client, return_inverse=True)
    count = len(ids)
    total: Floats = np.bincount(index, weights=value, minlength=count).astype(np.float64)
    clipped = np.maximum(value, 0.0)
    start = np.full(count, first_period, dtype=np.int64)
    if first:
        starts = np.array([first.get(int(i), first_period) for i in ids], dtype=np.int64)
        start = np.maximum(start, starts)
    lengths = (last_period - start + 1).astype(np.float64)
    sums = np.bincount(index, weights=clipped, minlength=count)
    mean = sums / lengths
    return Classes(
        ids, _abc(total, seg.a, seg.b), _xyz(seg, index, clipped, mean, lengths, count), total, mean
    )


def _abc(total: Floats, a: float, b: float) -> npt.NDArray[np.str_]:
    classes = np.full(total.shape, "C", dtype="<U1")
    positive = np.flatnonzero(total > 0)
    if positive.size == 0:
        return classes
    order = positive[np.argsort(-total[positive], kind="stable")]
    ranked = total[order]
    cumulative = np.cumsum(ranked) / ranked.sum()
    ends = np.flatnonzero(np.r_[ranked[1:] != ranked[:-1], True])  # last index of each tie group
    group = np.searchsorted(ends, np.arange(ranked.size))
    share = cumulative[ends][group]
    classes[order] = np.where(share <= a + EPS, "A", np.where(share <= b + EPS, "B", "C"))
    return classes


def _xyz(
    seg: Segments, index: Ints, clipped: Floats, mean: Floats, lengths: Floats, count: int
) -> npt.NDArray[np.object_]:
    if seg.xyz_method == "frequency":
        bought = np.bincount(index, weights=(clipped > 0).astype(np.float64), minlength=count)
        share = bought / lengths
        classes = np.where(share >= seg.x - EPS, "X", np.where(share >= seg.y - EPS, "Y", "Z")).astype(object)
    else:
        squares = np.bincount(index, weights=clipped * clipped, minlength=count)
        variance = np.maximum(squares / lengths - mean * mean, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            cv = np.where(mean > 0, np.sqrt(variance) / mean, np.inf)
        classes = np.where(cv <= seg.x + EPS, "X", np.where(cv <= seg.y + EPS, "Y", "Z")).astype(object)
    classes[mean <= 0] = "Z"
    short = lengths < seg.min_history
    classes[short] = None if seg.insufficient_history == "none" else seg.insufficient_history
    return classes
