"""ABC-XYZ classification of client × period sums, with numpy.

Rules (the documented contract the tests check against an independent computation):

- The window is the ``period`` periods ending with the period of the moment (inclusive).
- ABC ranks clients by their total over the window (returns net out), largest first. A client is
  A while the clients ranked before it — those with a larger total — hold less than ``a`` of
  the sum, B while they hold less than ``b``, else C. So the biggest client is always A; the
  client that takes the running share to exactly 80 % (or across it) is still A, and the next
  one, starting at 80 %, is B; clients with equal totals share a class. Clients with a total of
  zero or less are C.
- XYZ looks at each period from the client's first ever purchase (or the window's start, if
  later) to the window's end; a period's sum below zero counts as zero. ``cv``: the population
  standard deviation of the period sums over their mean (X up to ``x``, Y up to ``y``, else Z).
  ``frequency``: the share of those periods with a positive sum (X from ``x``, Y from ``y``).
  Fewer periods than ``min_history`` give the ``insufficient_history`` class; no positive sum
  at all gives Z.
- Clients without a sale in the window get no class.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

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


@dataclass(frozen=True, slots=True)
class Sums:
    """Per client (ids ascending): the total over the window, and over its period sums each
    clipped at zero, their sum, the sum of their squares and how many are positive."""

    ids: Ints
    total: Floats
    clipped: Floats
    squares: Floats
    bought: Floats


def sums_of(client: Ints, value: Floats) -> Sums:
    """The sums of rows of one client and period each (which period a row sums does not matter)."""
    ids, index = np.unique(client, return_inverse=True)
    count = len(ids)
    clipped = np.maximum(value, 0.0)
    return Sums(
        ids,
        _sum(index, value, count),
        _sum(index, clipped, count),
        _sum(index, clipped * clipped, count),
        _sum(index, (clipped > 0).astype(np.float64), count),
    )


def _sum(index: Ints, weights: Floats, count: int) -> Floats:
    return np.bincount(index, weights=weights, minlength=count).astype(np.float64, copy=False)


def merge(parts: list[Sums]) -> Sums:
    """The sums of chunks (a client may appear in several) as one; ``parts`` is emptied."""
    if len(parts) == 1:
        return parts.pop()
    if not parts:
        empty = np.array([], dtype=np.float64)
        return Sums(np.array([], dtype=np.int64), empty, empty, empty, empty)
    columns = [np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Sums)]
    parts.clear()
    ids, index = np.unique(columns[0], return_inverse=True)
    return Sums(ids, *(_sum(index, c, len(ids)) for c in columns[1:]))


def classify(
    seg: Segments,
    client: Ints,
    period: Ints,
    value: Floats,
    first: dict[int, int] | tuple[Ints, Ints] | None,
    last_period: int,
) -> Classes:
    """``client``, ``period``, ``value``: one row per client and period of the window.
    ``first``: each client's first period with a purchase, as a mapping or as (client ids in
    ascending order, periods) (None: the window's own)."""
    pairs = np.unique(np.stack([np.asarray(client), np.asarray(period)]), axis=1)
    assert pairs.shape[1] == len(client), "one row per client and period"
    return classify_sums(seg, sums_of(client, value), first, last_period)


def classify_sums(
    seg: Segments, sums: Sums, first: dict[int, int] | tuple[Ints, Ints] | None, last_period: int
) -> Classes:
    """:func:`classify` of the per-client :class:`Sums` (read in chunks, merged)."""
    first_period = last_period - seg.period + 1
    ids, count = sums.ids, len(sums.ids)
    start = np.maximum(np.full(count, first_period, dtype=np.int64), _starts(ids, first, first_period))
    lengths = (last_period - start + 1).astype(np.float64)
    mean = sums.clipped / lengths
    xyz = _xyz(seg, sums, mean, lengths)
    return Classes(ids, _abc(sums.total, seg.a, seg.b), xyz, sums.total, mean)


def _starts(ids: Ints, first: dict[int, int] | tuple[Ints, Ints] | None, default: int) -> Ints:
    """Each client's first period with a purchase (``default`` where unknown)."""
    if not first:
        return np.full(len(ids), default, dtype=np.int64)
    if isinstance(first, dict):
        return np.array([first.get(int(i), default) for i in ids], dtype=np.int64)
    known, periods = first
    if len(known) == 0:
        return np.full(len(ids), default, dtype=np.int64)
    at = np.minimum(np.searchsorted(known, ids), len(known) - 1)
    return np.where(known[at] == ids, periods[at], default).astype(np.int64)


def _abc(total: Floats, a: float, b: float) -> npt.NDArray[np.str_]:
    classes = np.full(total.shape, "C", dtype="<U1")
    positive = np.flatnonzero(total > 0)
    if positive.size == 0:
        return classes
    order = positive[np.argsort(-total[positive], kind="stable")]
    ranked = total[order]
    before = np.r_[0.0, np.cumsum(ranked)[:-1]]  # the sum of everyone ranked before
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])  # first index of each tie group
    group = np.searchsorted(starts, np.arange(ranked.size), side="right") - 1
    share = before[starts][group] / ranked.sum()  # held by the strictly larger clients
    classes[order] = np.where(share < a - EPS, "A", np.where(share < b - EPS, "B", "C"))
    return classes


def _xyz(seg: Segments, sums: Sums, mean: Floats, lengths: Floats) -> npt.NDArray[np.object_]:
    if seg.xyz_method == "frequency":
        share = sums.bought / lengths
        classes = np.where(share >= seg.x - EPS, "X", np.where(share >= seg.y - EPS, "Y", "Z")).astype(object)
    else:
        variance = np.maximum(sums.squares / lengths - mean * mean, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            cv = np.where(mean > 0, np.sqrt(variance) / mean, np.inf)
        classes = np.where(cv <= seg.x + EPS, "X", np.where(cv <= seg.y + EPS, "Y", "Z")).astype(object)
    classes[mean <= 0] = "Z"
    short = lengths < seg.min_history
    classes[short] = None if seg.insufficient_history == "none" else seg.insufficient_history
    return classes
