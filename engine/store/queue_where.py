"""Conditions as SQL: each comparison is its operator's SQL form (:mod:`engine.conditions.sql`)
over a column made here, so the database answers what the masks of :mod:`engine.queue.vector`
answer, client by client. Every part is true or false, never NULL."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Float, Integer, String, and_, case, cast, func, literal, not_, or_, select, union_all
from sqlalchemy.sql import ColumnElement

from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Column as MaskColumn
from engine.model.card import FieldType
from engine.model.condition import AllOf, AnyOf, Compare, Condition, Not
from engine.store.queue_sql import floor

DAY = 86400.0
Expr = ColumnElement[Any]


def _sign(left: Expr, sign: str, right: Any) -> Expr:
    tests: dict[str, Expr] = {
        "=": left == right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }
    return tests[sign]


@dataclass(frozen=True, slots=True)
class Column:
    """One field (a fact or a card field) as an expression: :class:`engine.conditions.spec.
    SqlColumn`."""

    expr: Expr
    kind: FieldType
    numeric: bool
    now: datetime
    dialect: str

    def present(self) -> Expr:
        return self.expr.is_not(None)

    def _value(self, value: float | str) -> Any:
        return literal(value, Float) if isinstance(value, float) else literal(value)

    def _side(self, by_day: bool) -> Expr:
        return floor(self.expr / literal(DAY, Float), self.dialect) if by_day else self.expr

    def compare(self, sign: str, value: float | str, by_day: bool) -> Expr:
        return and_(self.present(), _sign(self._side(by_day), sign, self._value(value)))

    def member(self, options: list[tuple[float | str, bool]]) -> Expr:
        hits = [_sign(self._side(by_day), "=", self._value(v)) for v, by_day in options]
        return and_(self.present(), or_(*hits))

    def age(self, within: bool, seconds: float) -> Expr:
        now_s = self.now.timestamp()
        if self.kind is FieldType.DATE:
            age = (literal(float(now_s // DAY), Float) - self.expr) * literal(DAY, Float)
        else:
            age = literal(now_s, Float) - self.expr
        bound = literal(seconds, Float)
        return and_(self.present(), age <= bound if within else age > bound)

    def contains(self, fragments: tuple[str, ...]) -> Expr:
        if self.dialect == "sqlite":
            text = func.replace(func.casefold(self.expr), "ё", "е")  # casefold: engine.store.database
            return and_(self.present(), or_(*(func.instr(text, f) > 0 for f in fragments)))
        text = func.replace(func.lower(self.expr), "ё", "е")
        return and_(self.present(), or_(*(func.strpos(text, f) > 0 for f in fragments)))

    def negate(self, condition: Any) -> Expr:
        negated: Expr = not_(condition)
        return negated

    def never(self) -> Expr:
        return literal(1) == literal(0)


@dataclass(frozen=True, slots=True)
class Table:
    """A fact that is a look-up by one column (the stage's kind, a time zone's working hours): a
    comparison on it is the key being one of those whose value passes, decided here by the
    operator's mask over the few values, so the database compares keys only."""

    key: Expr
    values: Mapping[str, float | str]
    other: float | str | None
    """The value of a key the table does not have."""

    def where(self, cmp: Compare, kind: FieldType, numeric: bool, now: datetime) -> Expr:
        import numpy as np

        keys = list(self.values)
        column = [*(self.values[k] for k in keys), self.other]
        held = np.array([np.nan if v is None else v for v in column], dtype=np.float64 if numeric else object)
        passed = OPERATORS[cmp.op].mask(cmp, MaskColumn(held, kind, now)).tolist()
        chosen = [k for k, hit in zip(keys, passed, strict=False) if hit]
        if passed[-1]:  # an unknown key passes: every key but those that fail
            return not_(self.key.in_([k for k, hit in zip(keys, passed, strict=False) if not hit]))
        return self.key.in_(chosen)


Lookup = Callable[[str], tuple[Expr | Table, bool] | None]
"""A field's expression and whether it is a number; None: the database cannot say it."""


def where(
    condition: Condition | None, lookup: Lookup, kinds: Mapping[str, FieldType], now: datetime, dialect: str
) -> Expr | None:
    """``condition`` as a SQL condition (None when some field has no expression)."""
    if condition is None:
        return literal(1) == literal(1)
    if isinstance(condition, Compare):
        found = lookup(condition.field)
        if found is None:
            return None
        expr, numeric = found
        kind = kinds.get(condition.field, FieldType.TEXT)
        if isinstance(expr, Table):
            return expr.where(condition, kind, numeric, now)
        column = Column(expr, kind, numeric, now, dialect)
        made: Expr = OPERATORS[condition.op].sql(condition, column)
        return made
    if isinstance(condition, Not):
        inner = where(condition.item, lookup, kinds, now, dialect)
        return None if inner is None else not_(inner)
    parts = [where(item, lookup, kinds, now, dialect) for item in condition.items]
    present = [p for p in parts if p is not None]
    if len(present) < len(parts):
        return None
    if isinstance(condition, AllOf):
        return and_(literal(1) == literal(1), *present)
    assert isinstance(condition, AnyOf)
    return or_(literal(1) == literal(0), *present)


def evaluate(
    conn: Any, cmp: Compare, kind: FieldType, numeric: bool, now: datetime, values: list[float | str | None]
) -> list[bool]:
    """The comparison's SQL form over ``values`` (one field's column, in the column's terms), as
    the database answers it, in order: what the property test compares with the masks."""
    if not values:
        return []
    typed = Float if numeric else String
    parts = [
        select(literal(i, Integer).label("i"), cast(literal(v, typed), typed).label("v"))
        for i, v in enumerate(values)
    ]
    rows = union_all(*parts).subquery()
    column = Column(cast(rows.c.v, typed), kind, numeric, now, conn.dialect.name)
    holds = case((OPERATORS[cmp.op].sql(cmp, column), 1), else_=0)
    return [bool(v) for (v,) in conn.execute(select(holds).select_from(rows).order_by(rows.c.i))]
