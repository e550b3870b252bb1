"""Conditions evaluated over whole columns: one boolean mask per condition.

Each comparison is its operator's mask (:mod:`engine.conditions.operators`, the same semantics as
the scalar test). Numbers, booleans (1/0), dates (epoch days) and datetimes (epoch seconds) are
float columns with NaN for empty; texts are object columns with None for empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import reduce
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Column, Mask
from engine.model.card import FieldType
from engine.model.condition import AllOf, AnyOf, Compare, Condition, Not


class Rows(Mapping[str, npt.NDArray[Any]]):
    """Some rows of the columns, each column cut when a condition first asks for it."""

    def __init__(self, data: Mapping[str, npt.NDArray[Any]], rows: npt.NDArray[np.intp]) -> None:
        self.data, self.rows = data, rows
        self.cut: dict[str, npt.NDArray[Any]] = {}

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        if name not in self.cut:
            self.cut[name] = self.data[name][self.rows]
        return self.cut[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def evaluate(
    condition: Condition | None,
    data: Mapping[str, npt.NDArray[Any]],
    kinds: Mapping[str, FieldType],
    now: datetime,
    size: int,
) -> Mask:
    if condition is None:
        return np.ones(size, dtype=bool)
    if isinstance(condition, Compare):
        column = Column(data[condition.field], kinds.get(condition.field, FieldType.TEXT), now)
        return OPERATORS[condition.op].mask(condition, column)
    if isinstance(condition, Not):
        return _mask(~evaluate(condition.item, data, kinds, now, size))
    masks = [evaluate(item, data, kinds, now, size) for item in condition.items]
    if isinstance(condition, AllOf):
        return _mask(reduce(np.logical_and, masks, np.ones(size, dtype=bool)))
    assert isinstance(condition, AnyOf)
    return _mask(reduce(np.logical_or, masks, np.zeros(size, dtype=bool)))


def _mask(values: Any) -> Mask:
    return np.asarray(values, dtype=bool)
