"""The call order of a scenario's given clients: each in the first bucket whose condition holds,
then ordered by the queue's own rule (:func:`engine.queue.order_in_buckets`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

import numpy as np

from engine.model.priorities import Priorities
from engine.queue import order_in_buckets
from engine.runtime.facts import Runtime
from engine.values.client import ClientState

Holds = Callable[[Mapping[str, object]], bool]


def call_order(
    runtime: Runtime,
    prio: Priorities,
    holds: tuple[Holds | None, Sequence[tuple[str, Holds]]],
    clients: Sequence[ClientState],
    at: datetime,
) -> list[tuple[str, str]]:
    """(name, bucket) of each given client on the list, in call order."""
    scope, buckets = holds
    facts = [runtime.facts(c, at) for c in clients]
    index = np.full(len(clients), -1, dtype=np.int64)
    for i, f in enumerate(facts):
        if scope is not None and scope(f):
            index[i] = next((n for n, (_, hit) in enumerate(buckets) if hit(f)), -1)
    keys = {k.by for b in prio.buckets for k in b.sort}
    data = {key: np.array([_number(f[key]) for f in facts], dtype=np.float64) for key in keys}
    ids = np.array([c.id for c in clients], dtype=np.int64)
    order = order_in_buckets(prio.buckets, index, data, ids)
    return [(clients[int(i)].name, buckets[int(index[i])][0]) for i in order]


def _number(value: object) -> float:
    if isinstance(value, bool | int | float | Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return float(value.toordinal())
    return float("nan")
