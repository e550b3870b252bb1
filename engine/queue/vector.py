"""Conditions evaluated over whole columns: one boolean mask per condition.

The same semantics as :mod:`engine.conditions`: a comparison on an empty value is false, except
``not_equals``, ``not_in`` and ``filled: false``. Numbers, booleans (1/0), dates (epoch days)
and datetimes (epoch seconds) are float columns with NaN for empty; texts are object columns
with None for empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import reduce
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.model.card import FieldType
from engine.model.condition import AllOf, AnyOf, Compare, Condition, Not, Op

Mask = npt.NDArray[np.bool_]
DAY = 86400.0


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
        return _compare(condition, data[condition.field], kinds.get(condition.field, FieldType.TEXT), now)
    if isinstance(condition, Not):
        return _mask(~evaluate(condition.item, data, kinds, now, size))
    masks = [evaluate(item, data, kinds, now, size) for item in condition.items]
    if isinstance(condition, AllOf):
        return _mask(reduce(np.logical_and, masks, np.ones(size, dtype=bool)))
    assert isinstance(condition, AnyOf)
    return _mask(reduce(np.logical_or, masks, np.zeros(size, dtype=bool)))


def _compare(cmp: Compare, values: npt.NDArray[Any], kind: FieldType, now: datetime) -> Mask:
    numeric = values.dtype == np.float64
    present = _mask(~np.isnan(values)) if numeric else _mask(values != None)  # noqa: E711
    op = cmp.op
    if op is Op.FILLED:
        return present if cmp.value else _mask(~present)
    if op in (Op.WITHIN, Op.OLDER_THAN):
        seconds = float(cmp.value) if isinstance(cmp.value, int | float) else 0.0
        now_s = now.timestamp()
        age = (np.floor(now_s / DAY) - values) * DAY if kind is FieldType.DATE else now_s - values
        with np.errstate(invalid="ignore"):
            hit = age <= seconds if op is Op.WITHIN else age > seconds
        return _mask(present & hit)
    if op in (Op.IN, Op.NOT_IN):
        options = [_target(v, numeric, kind) for v in (cmp.value if isinstance(cmp.value, tuple) else ())]
        hit = _mask(present & _isin(values, options, numeric))
        return hit if op is Op.IN else _mask(~hit)
    target = _target(cmp.value, numeric, kind)
    if op in (Op.EQUALS, Op.NOT_EQUALS):
        hit = _mask(present & (values == target))
        return hit if op is Op.EQUALS else _mask(~hit)
    if not numeric or not isinstance(target, float):
        return np.zeros(len(values), dtype=bool)
    with np.errstate(invalid="ignore"):
        test = {
            Op.GREATER: values > target,
            Op.GREATER_OR_EQUAL: values >= target,
            Op.LESS: values < target,
            Op.LESS_OR_EQUAL: values <= target,
        }[op]
    return _mask(present & test)


def _mask(values: Any) -> Mask:
    return np.asarray(values, dtype=bool)


def _isin(values: npt.NDArray[Any], options: list[Any], numeric: bool) -> Mask:
    if numeric:
        return _mask(np.isin(values, np.array(options, dtype=np.float64)))
    wanted = frozenset(options)  # texts: hashing, since None and str do not sort together
    return np.fromiter((v in wanted for v in values), dtype=bool, count=len(values))


def _target(value: object, numeric: bool, kind: FieldType) -> Any:
    """A regulation's value in the column's own terms (a date as epoch days, true as 1.0)."""
    if not numeric:
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            if kind is FieldType.DATETIME:
                return datetime.fromisoformat(value).timestamp()
            return float(date.fromisoformat(value).toordinal() - date(1970, 1, 1).toordinal())
        except ValueError:
            return np.nan
    return np.nan
