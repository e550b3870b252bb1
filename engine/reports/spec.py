"""What a report is: a name, a computing function over one read transaction, and a chart.

A report's result is language-free: tables whose cells are numbers, ids or :class:`Text`
labels, with column and table names as catalog codes (``report.col.*``, ``report.NAME.*``);
the renderings (:mod:`engine.reports.render`, :mod:`engine.reports.page`) say them in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.store import Tx
from engine.store.reports import Scope

Cell = str | int | float | Text | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters(Scope):
    """A report's scope (the period ``[start, end)`` in UTC and who and what is counted) and the
    moment it is made."""

    now: datetime
    today: date = date.min
    """The local day of ``now``."""

    @property
    def days(self) -> float:
        return (self.end - self.start).total_seconds() / 86400


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    """The table's title: ``report.<report>.<key>``."""
    columns: tuple[str, ...]
    """Column codes: ``report.col.<code>``."""
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: its label, the figure and the norm it is held against (if any)."""

    label: Cell
    value: float
    norm: float | None = None
    target: bool = True
    """Whether falling short of ``norm`` is a miss (drawn red); else the mark only compares."""
    column: str = ""
    """The column whose figures the bar shows (how people read it: money, a share…)."""


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    tables: tuple[Table, ...]
    bars: tuple[Bar, ...] = ()
    """The chart of the head's page (bars against norms)."""
    grid: tuple[tuple[Cell, tuple[float | None, ...]], ...] = ()
    """A heat map (row label, shares 0..1 or None); the retention cohorts."""
    figures: Mapping[str, Any] = field(default_factory=dict)
    """Headline figures by name, e.g. ``{"target": 0.67}``."""
    currency: str = ""
    """The regulation's currency (ISO 4217), for the money columns people read."""

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


Compute = Callable[[Tx, Regulation, Filters], Result]


@dataclass(frozen=True, slots=True)
class ReportSpec:
    name: str
    """The report's id (``reglament report NAME``, ``/v1/reports/NAME``); title ``report.NAME.title``."""
    compute: Compute
    chart: str
    """How the page draws it: ``bars`` or ``heatmap``."""
    tables: tuple[str, ...]
    """The keys of the tables it returns, in order (each needs a title in both languages)."""
