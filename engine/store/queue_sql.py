"""The call queue's facts as database expressions, so that the buckets are chosen in SQL.

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
from sqlalchemy.sql import ColumnElement, column, visitors
from sqlalchemy.sql import table as sql_table
from sqlalchemy.sql.elements import ColumnClause

from engine.model.card import FieldType
from engine.store.columns import BASE, card_column, is_number
from engine.store.tables import CLIENT, MANAGER

if TYPE_CHECKING:  # the look-up facts' comparisons (it imports this module)
    from engine.store.queue_where import Table

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


RAW: tuple[str, ...] = (
    "id",
    "owner_id",
    "stage",
    "timezone",
    "potential",
    "abc",
    "xyz",
    "average_sale",
    "contacts_count",
)
RAW += ("next_due_date", "next_due_time")
"""The client row's own columns the facts read as they are."""
MADE = ("created", "stage_since", "last_contact", "handed_over", "due_days", "due_minutes")
"""The base columns the facts read converted (epoch seconds, days, minutes)."""


class Facts:
    """The facts of one :class:`Setting` in one dialect, each expression made once, over a row of
    the client's columns (:attr:`row`) that :meth:`source` makes of the client table."""

    def __init__(self, setting: Setting, dialect: str) -> None:
        self.s, self.dialect = setting, dialect
        self.now_s = setting.now.timestamp()
        self.made: dict[str, Expr | None] = {}
        columns = [column(n, CLIENT.c[n].type) for n in RAW]
        columns += [column(n, Float) for n in MADE]
        columns += [column(f"card:{n}", Float if is_number(k) else String) for n, k in setting.card.items()]
        self.row = sql_table("queue_row", *columns)

    def base(self, name: str) -> Expr:
        return self.row.c[name]

    def source(self, filters: list[Any], *using: Expr) -> Any:
        """The clients matching ``filters`` with the row's columns that ``using`` read (each
        conversion computed once per client: ``OFFSET 0`` keeps the database from inlining it)."""
        names = {
            e.name
            for u in using
            for e in visitors.iterate(u)
            if isinstance(e, ColumnClause) and e.table is self.row
        }
        parts = [
            self._column(n).label(n)
            for n in (*RAW, *MADE, *(f"card:{k}" for k in self.s.card))
            if n in names or n in ("id", "owner_id")
        ]
        return select(*parts).where(*filters).offset(0).subquery()

    def _column(self, name: str) -> Expr:
        if name in RAW:
            return CLIENT.c[name]
        if name in MADE:
            return BASE[name][0](self.dialect)
        field = name.removeprefix("card:")
        return card_column(field, self.s.card[field], self.dialect)

    def _of_row(self, element: Any) -> bool:
        return isinstance(element, ColumnClause) and element.table is self.row

    def bind(self, expr: Expr, source: Any) -> Expr:
        """``expr`` reading ``source``'s columns instead of the row's."""

        def swap(element: Any) -> Any:
            if self._of_row(element):
                return source.c[element.name]
            return None

        bound: Expr = visitors.replacement_traverse(expr, {}, swap)  # type: ignore[call-overload]
        return bound

    def table(self, name: str, source: Any) -> Table | None:
        """A look-up fact as its :class:`Table` over ``source``'s key column; None for others."""
        from engine.store.queue_where import Table

        s = self.s
        kind, order, probability = s.other_stage
        tables: dict[str, tuple[str, Mapping[str, Any], Any]] = {
            "stage_kind": ("stage", s.stage_kind, kind),
            "stage_order": ("stage", s.stage_order, order),
            "probability": ("stage", s.probability, probability),
            "in_work_hours": ("timezone", s.in_hours, None),
        }
        if name not in tables:
            return None
        key, values, other = tables[name]
        return Table(source.c[key], values, other)

    def get(self, name: str) -> Expr | None:
        if name not in self.made:
            if name in self.s.card:
                self.made[name] = self.row.c[f"card:{name}"]
            else:
                make = _FACTS.get(name)
                self.made[name] = make(self) if make else None
        return self.made[name]

    def must(self, name: str) -> Expr:
        made = self.get(name)
        assert made is not None
        return made

    def whole_days(self, column: str) -> Expr:
        """As ``_whole_days``: the difference rounded to the millisecond, then whole days."""
        gone = number(self.now_s) - self.base(column)
        if self.dialect == "sqlite":
            return floor(func.round(gone, 3) / number(DAY), "sqlite")
        millis = func.round(gone * number(1000.0)) / number(1000.0)  # doubles: no numeric arithmetic
        return func.floor(millis / number(DAY))

    def zone(self, values: Mapping[str, float]) -> Expr:
        return table(self.row.c.timezone, values)

    def local_day(self) -> Expr:
        """The client's local day number (as ``floor(wall / DAY)``, per zone)."""
        return self.zone({z: float(wall // DAY) for z, wall in self.s.wall.items()})

    def late(self) -> Expr:
        """``floor((wall − due) / 60)`` with the due moment in whole minutes: the wall clock's
        minute (per zone) less the due minute."""
        days, minutes = cast(self.base("due_days"), Float), cast(self.base("due_minutes"), Float)
        minute = self.zone({z: float(wall // 60.0) for z, wall in self.s.wall.items()})
        return minute - (days * number(1440.0) + minutes)

    def deal_size(self) -> Expr:
        average = cast(self.row.c.average_sale, Float)
        if self.s.by_potential is None:
            return func.coalesce(case((average > 0, average)), number(0.0))
        sizes: list[Expr] = []
        if self.s.deal_field and self.s.deal_field in self.s.card:
            given = self.must(self.s.deal_field)
            sizes.append(case((given > 0, given)))
        sizes += [case((average > 0, average)), table(self.row.c.potential, self.s.by_potential)]
        return func.coalesce(*sizes, number(self.s.deal_default))


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


_FACTS: dict[str, Callable[[Facts], Expr]] = {
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
