"""The vectorised masks of the operators: one column of every client at once, the same answers
as :mod:`engine.conditions.scalar` client by client (a property test checks it). numpy is
imported where a mask is computed, so reading and checking a regulation never loads it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from engine.conditions.scalar import fold, fragments
from engine.conditions.spec import Column, Mask, SqlColumn
from engine.model.card import FieldType
from engine.model.condition import Compare

if TYPE_CHECKING:
    import numpy.typing as npt

DAY = 86400.0
VectorTest = Callable[["npt.NDArray[Any]", float], Any]


def _mask(values: Any) -> Mask:
    import numpy as np

    return np.asarray(values, dtype=bool)


def filled(cmp: Compare, col: Column) -> Mask:
    present = col.present()
    return present if cmp.value else _mask(~present)


def member(inside: bool) -> Callable[[Compare, Column], Mask]:
    def build(cmp: Compare, col: Column) -> Mask:
        import numpy as np

        values = cmp.value if isinstance(cmp.value, tuple) else ()
        hit = np.zeros(len(col.values), dtype=bool)
        for value in values:  # a few options; moments compared with dates count by their date
            column, wanted = _in_terms(value, col)
            hit |= _isin(column, [wanted], col.numeric)
        hit = _mask(col.present() & hit)
        return hit if inside else _mask(~hit)

    return build


def equal(same: bool) -> Callable[[Compare, Column], Mask]:
    def build(cmp: Compare, col: Column) -> Mask:
        column, wanted = _in_terms(cmp.value, col)
        hit = _mask(col.present() & (column == wanted))
        return hit if same else _mask(~hit)

    return build


def ordered(test: VectorTest) -> Callable[[Compare, Column], Mask]:
    def build(cmp: Compare, col: Column) -> Mask:
        import numpy as np

        column, value = _in_terms(cmp.value, col)
        if not col.numeric or not isinstance(value, float):
            return np.zeros(len(col.values), dtype=bool)
        with np.errstate(invalid="ignore"):
            return _mask(col.present() & test(column, value))

    return build


def _in_terms(value: object, col: Column) -> tuple[npt.NDArray[Any], Any]:
    import numpy as np

    """The column and the regulation's value in the same terms: a moments' column compared
    with a date is compared by day."""
    if col.kind is FieldType.DATETIME and col.numeric and isinstance(value, str) and len(value) == 10:
        return np.floor(col.values / DAY), day_of(value)
    return col.values, target(value, col)


def day_of(value: str) -> float:
    import numpy as np

    try:
        return float(date.fromisoformat(value).toordinal() - date(1970, 1, 1).toordinal())
    except ValueError:
        return np.nan


def aged(within: bool) -> Callable[[Compare, Column], Mask]:
    def build(cmp: Compare, col: Column) -> Mask:
        import numpy as np

        seconds = float(cmp.value) if isinstance(cmp.value, int | float) else 0.0
        if not col.numeric:
            return np.zeros(len(col.values), dtype=bool)
        now_s = col.now.timestamp()
        values = col.values
        age = (np.floor(now_s / DAY) - values) * DAY if col.kind is FieldType.DATE else now_s - values
        with np.errstate(invalid="ignore"):
            hit = age <= seconds if within else age > seconds
        return _mask(col.present() & hit)

    return build


def contains(cmp: Compare, col: Column) -> Mask:
    import numpy as np

    wanted = fragments(cmp)

    def one(value: object) -> bool:
        if value is None or (isinstance(value, float) and value != value):
            return False
        text = fold(value)
        return any(f in text for f in wanted)

    return np.fromiter((one(v) for v in col.values), dtype=bool, count=len(col.values))


def _isin(values: npt.NDArray[Any], options: list[Any], numeric: bool) -> Mask:
    import numpy as np

    if numeric:
        return _mask(np.isin(values, np.array(options, dtype=np.float64)))
    wanted = frozenset(options)  # texts: hashing, since None and str do not sort together
    return np.fromiter((v in wanted for v in values), dtype=bool, count=len(values))


def target(value: object, col: Column | SqlColumn) -> Any:
    import numpy as np

    """A regulation's value in the column's own terms (a date as epoch days, true as 1.0)."""
    if not col.numeric:
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        if col.kind is not FieldType.DATETIME or len(value) == 10:
            return day_of(value)
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return np.nan
        return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).timestamp()
    return np.nan
