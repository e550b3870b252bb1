"""The row the call queue's facts read in SQL, and the facts over it (:class:`Facts`).

A fact is an expression over a row of the client's columns (:attr:`Facts.row`); the database
gets it over the clients in question (:meth:`Facts.source`), each conversion computed once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Float, String, case, cast, func, select
from sqlalchemy.sql import column, visitors
from sqlalchemy.sql import table as sql_table
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.selectable import TableClause

from engine.store.columns import BASE, card_column, is_number
from engine.store.queue_sql import DAY, FACTS, Expr, Setting, floor, number, table
from engine.store.queue_where import Table
from engine.store.tables import CLIENT

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

    s: Setting
    dialect: str
    row: TableClause

    def __init__(self, setting: Setting, dialect: str) -> None:
        self.s, self.dialect = setting, dialect
        self.now_s = setting.now.timestamp()
        self.made: dict[str, Expr | None] = {}
        columns = [column(n, CLIENT.c[n].type) for n in RAW]
        columns += [column(n, Float) for n in MADE]
        columns += [column(f"card:{n}", Float if is_number(k) else String) for n, k in setting.card.items()]
        self.row = sql_table("queue_row", *columns)

    def base(self, name: str) -> Expr:
        found: Expr = self.row.c[name]
        return found

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
                make = FACTS.get(name)
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
        late: Expr = minute - (days * number(1440.0) + minutes)
        return late

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
