"""The call queue's facts as database expressions (:data:`FACTS`), so the buckets are chosen in SQL.

Each fact is the expression :mod:`engine.queue.facts` computes with numpy, in the same terms
(numbers as doubles with NULL for empty, booleans as 1/0, moments as epoch seconds, texts); what
depends on the regulation or the moment (per stage, per time zone, per segment cell) arrives as
plain values in a :class:`Setting` and becomes ``CASE`` tables. A fact without an expression
here is None: the queue then computes in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, Integer, String, and_, case, cast, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from engine.model.card import FieldType
from engine.store.columns import is_number
from engine.store.tables import MANAGER

if TYPE_CHECKING:  # the facts' row (it imports this module)
    from engine.store.queue_row import Facts

DAY = 86400.0


Expr = ColumnElement[Any]


@dataclass(frozen=True, slots=True)
class Setting:
    """What the facts depend on besides the client row, as plain values."""

    now: datetime
    stage_kind: Mapping[str, str]
    stage_order: Mapping[str, float]
    probability: Mapping[str, float]
    sla: Mapping[str, float]
    """Seconds, for the stages that have a time limit."""
    other_stage: tuple[str, float, float]
    """The kind, order and probability of a stage the regulation does not have (its stand-in)."""
    wall: Mapping[str, float]
    """Per time zone: the local wall-clock seconds since the epoch at the moment."""
    in_hours: Mapping[str, float]
    """Per time zone: 1.0 within working hours at the moment, else 0.0."""
    late_after_minutes: float
    intervals: Mapping[str, float]
    """Per segment cell with a contact interval: its seconds."""
    deal_field: str | None
    by_potential: Mapping[str, float] | None
    """None: the regulation sets no deal size (the average sale, else 0)."""
    deal_default: float
    card: Mapping[str, FieldType] = field(default_factory=dict)


def number(value: float) -> Expr:
    return literal(float(value), Float)


def table(key: Expr, values: Mapping[str, Any], kind: Any = Float, other: Any = None) -> Expr:
    """``CASE key WHEN k THEN v … ELSE other END``."""
    if not values:
        return literal(other, kind)
    return case({k: literal(v, kind) for k, v in values.items()}, value=key, else_=literal(other, kind))


def floor(value: Expr, dialect: str) -> Expr:
    """The whole number at or below ``value`` (NULL for NULL), for values above −10⁶ on SQLite
    (SQLAlchemy's SQLite ``floor`` is Python's, which fails on NULL; a shift by 10⁶ makes the
    truncation of a cast the floor, exact to 10⁻¹⁰, finer than any value here is apart)."""
    if dialect != "sqlite":
        return func.floor(value)
    return cast(cast(value + number(1e6), Integer) - 1_000_000, Float)


def flag(condition: Expr) -> Expr:
    return case((condition, number(1.0)), else_=number(0.0))


def _raw(name: str) -> Callable[[Facts], Expr]:
    return lambda f: f.row.c[name]


def _sla_overdue(f: Facts) -> Expr:
    sla = table(f.row.c.stage, f.s.sla)
    return flag(and_(sla.is_not(None), number(f.now_s) - f.base("stage_since") > sla))


def _contact_due(f: Facts) -> Expr:
    interval = table(f.must("segment"), f.s.intervals)
    last = f.base("last_contact")
    due = or_(last.is_(None), number(f.now_s) - last >= interval)
    return case((interval.is_(None), literal(None, Float)), (due, number(1.0)), else_=number(0.0))


def _task_has_time(f: Facts) -> Expr:
    return case(
        (f.row.c.next_due_date.is_(None), literal(None, Float)),
        (f.row.c.next_due_time.is_not(None), number(1.0)),
        else_=number(0.0),
    )


def _task_is_late(f: Facts) -> Expr:
    late = f.must("task_minutes_late")
    return case(
        (late.is_(None), literal(None, Float)),
        (late > f.s.late_after_minutes, number(1.0)),
        else_=number(0.0),
    )


def _owner(f: Facts) -> Expr:
    return select(MANAGER.c.login).where(MANAGER.c.id == f.row.c.owner_id).scalar_subquery()


FACTS: dict[str, Callable[[Facts], Expr]] = {
    "stage": _raw("stage"),
    "stage_kind": lambda f: table(f.row.c.stage, f.s.stage_kind, String, f.s.other_stage[0]),
    "stage_order": lambda f: table(f.row.c.stage, f.s.stage_order, Float, f.s.other_stage[1]),
    "probability": lambda f: table(f.row.c.stage, f.s.probability, Float, f.s.other_stage[2]),
    "potential": _raw("potential"),
    "abc": _raw("abc"),
    "xyz": _raw("xyz"),
    "owner": _owner,
    "days_in_stage": lambda f: f.whole_days("stage_since"),
    "age_days": lambda f: f.whole_days("created"),
    "days_since_contact": lambda f: f.whole_days("last_contact"),
    "contacts_count": lambda f: cast(f.row.c.contacts_count, Float),
    "handed_over_at": lambda f: f.base("handed_over"),
    "sla_overdue": _sla_overdue,
    "segment": lambda f: f.row.c.abc + f.row.c.xyz,
    "has_task": lambda f: flag(f.row.c.next_due_date.is_not(None)),
    "task_overdue_days": lambda f: f.local_day() - cast(f.base("due_days"), Float),
    "task_has_time": _task_has_time,
    "task_minutes_late": lambda f: f.late(),
    "task_is_late": _task_is_late,
    "in_work_hours": lambda f: f.zone(f.s.in_hours),
    "contact_due": _contact_due,
    "deal_size": lambda f: f.deal_size(),
    "expected_value": lambda f: f.must("probability") * f.must("deal_size"),
}


def is_numeric(name: str, card: Mapping[str, FieldType]) -> bool:
    if name in card:
        return is_number(card[name])
    return name not in {"stage", "stage_kind", "potential", "abc", "xyz", "owner", "segment"}
