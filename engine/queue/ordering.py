"""The call order: each client's bucket and sort keys, gathered a chunk of clients at a time,
then every bucket ordered with ``numpy.lexsort`` (ties by client number).

Only what the order needs outlives a chunk: the queued clients' numbers, buckets, owners and
sort keys (empty values last, descending keys negated), and for an empty list the time zones
and next-step days in scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]


def sort_keys(buckets: Any, bucket: npt.NDArray[np.int64], data: dict[str, Any]) -> npt.NDArray[np.float64]:
    """One row per sort key position, one column per client: its bucket's key there (empty
    values as +inf, descending keys negated); positions a bucket does not use hold 0."""
    depth = max((len(b.sort) for b in buckets), default=0)
    keys = np.zeros((depth, len(bucket)), dtype=np.float64)
    for index, b in enumerate(buckets):
        members = np.flatnonzero(bucket == index)
        if members.size == 0:
            continue
        for position, key in enumerate(b.sort):
            values = np.asarray(data[key.by], dtype=np.float64)[members]
            values = -values if key.descending else values
            keys[position, members] = np.where(np.isnan(values), np.inf, values)  # empty values go last
    return keys


def ordered(
    buckets: Any, bucket: npt.NDArray[np.int64], keys: npt.NDArray[np.float64], ids: npt.NDArray[np.int64]
) -> Any:
    """The rows in call order: bucket by bucket, each by its sort keys, ties by client number."""
    parts = []
    for index, b in enumerate(buckets):
        members = np.flatnonzero(bucket == index)
        if members.size == 0:
            continue
        columns = [ids[members], *(keys[p, members] for p in reversed(range(len(b.sort))))]
        parts.append(members[np.lexsort(columns)])
    return np.concatenate(parts) if parts else np.array([], dtype=np.int64)


def order_in_buckets(
    buckets: Any, bucket: npt.NDArray[np.int64], data: dict[str, Any], ids: npt.NDArray[np.int64]
) -> Any:
    """The rows in call order: bucket by bucket, each by its sort keys (empty values last), ties
    by client number."""
    return ordered(buckets, bucket, sort_keys(buckets, bucket, data), ids)


@dataclass(slots=True)
class Gathered:
    """The queued clients of every chunk so far, and what an empty list's explanation needs."""

    ids: list[Array] = field(default_factory=list)
    buckets: list[Array] = field(default_factory=list)
    owners: list[Array] = field(default_factory=list)
    keys: list[Array] = field(default_factory=list)
    clients: int = 0
    """Every client read (in scope of the stages), queued or not."""
    zones: set[str] = field(default_factory=set)
    due_days: set[float] = field(default_factory=set)
    """Gathered only while nobody is queued: an empty list's explanation needs them."""

    def add(
        self, buckets: Any, bucket: Array, data: dict[str, Any], ids: Array, columns: dict[str, Array]
    ) -> None:
        """One chunk's clients: ``bucket`` is each one's (-1: not queued), ``data`` its facts."""
        queued = np.flatnonzero(bucket >= 0)
        self.ids.append(ids[queued])
        self.buckets.append(bucket[queued])
        self.owners.append(columns["owner"][queued])
        self.keys.append(sort_keys(buckets, bucket, data)[:, queued])
        self.clients += len(ids)
        if any(len(part) for part in self.ids):
            return  # the list will not be empty: what explains an empty one is not needed
        self.zones.update(str(z) for z in set(columns["timezone"].tolist()))
        days = columns["due_days"]
        self.due_days.update(np.unique(days[~np.isnan(days)]).tolist())

    def order(self, buckets: Any) -> tuple[Array, Array, Array]:
        """Client numbers, buckets and owners of the queued clients, in call order."""
        if not self.ids:
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([], dtype=object)
        ids, bucket = np.concatenate(self.ids), np.concatenate(self.buckets)
        owners, keys = np.concatenate(self.owners), np.concatenate(self.keys, axis=1)
        self.ids, self.buckets, self.owners, self.keys = [], [], [], []
        order = ordered(buckets, bucket, keys, ids)
        return ids[order], bucket[order], owners[order]
