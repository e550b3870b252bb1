"""A report's result said in the reader's language: plain data (JSON), text tables, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from babel.dates import format_date

from engine import i18n
from engine.model.text import Text
from engine.reports.grid import WIDTH, grid
from engine.reports.grid import lines as wrapped
from engine.reports.spec import Cell, Filters, Result, Table
from engine.values.saying import money

SHARES = frozenset(
    {
        "conversion_next",
        "conversion_won",
        "share_of_cohort",
        "share",
        "conversion_first_order",
        "retention",
        "target",
        "compliance",
    }
)
"""Columns holding a fraction of 1: JSON keeps the fraction, people read a percentage."""

MONEY = frozenset(
    {
        "expected_value",
        "revenue",
        "average_deal",
        "weighted_pipeline",
        "won_revenue",
        "deals",
        "pipeline_at_start",
    }
)
"""Columns holding money: JSON and CSV keep the number, people read «6 000 000 ₽» (whole units)."""

DAYS = frozenset({"first_purchase", "window_closes", "late_since"})
"""Columns holding a day (ISO in JSON and CSV): people read «27 нояб. 2026 г.»."""

MONTHS = frozenset({"cohort", "month"})
"""Columns holding a month (``2026-11`` in JSON and CSV): people read «ноябрь 2026»."""


def shown(value: Cell, lang: str, column: str = "", currency: str = "") -> str:
    """A cell as people read it: labels in ``lang``, shares as percentages, money with its
    currency, days and months in words."""
    value = cell(value, lang)
    if value is None:
        return "—"
    if column in SHARES and isinstance(value, int | float):
        return i18n.percent(value, lang)
    if column in MONEY and currency and isinstance(value, int | float):
        return money(round(value), currency, lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return i18n.number(value, lang)
    if isinstance(value, str) and (column in DAYS or column in MONTHS):
        return _when(value, lang, column in MONTHS)
    return str(value)


def _when(value: str, lang: str, month: bool) -> str:
    try:
        day = date.fromisoformat(value + "-01" if month else value[:10])
    except ValueError:
        return value
    return format_date(day, "LLLL y" if month else "medium", locale=lang)


def period(filters: Filters, lang: str) -> str:
    """The report's days as the reader writes dates: «31 октября 2026 г. … 27 ноября 2026 г.»."""
    last = filters.after_day - timedelta(days=1)
    return f"{i18n.day(filters.first_day, lang)} … {i18n.day(last, lang)}"


def cell(value: Cell, lang: str) -> str | int | float | None:
    return value.get(lang) if isinstance(value, Text) else value


def title(name: str, lang: str) -> str:
    return i18n.tr(f"report.{name}.title", lang)


def table_title(name: str, key: str, lang: str) -> str:
    return i18n.tr(f"report.{name}.{key}", lang)


def column(code: str, lang: str) -> str:
    return i18n.tr(f"report.col.{code}", lang)


def plain(result: Result, filters: Filters, lang: str) -> dict[str, Any]:
    """JSON: tables as lists of objects keyed by column code; titles in ``lang``."""
    return {
        "report": result.name,
        "title": title(result.name, lang),
        "period": {"from": filters.start.isoformat(), "to": filters.end.isoformat()},
        "days": {
            "first": filters.first_day.isoformat(),
            "last": (filters.after_day - timedelta(days=1)).isoformat(),
        },
        "filters": {"manager": filters.manager, "segment": filters.segment, "source": filters.source},
        "figures": dict(result.figures),
        "tables": {
            t.key: {
                "title": table_title(result.name, t.key, lang),
                "rows": [{c: cell(v, lang) for c, v in zip(t.columns, row, strict=True)} for row in t.rows],
            }
            for t in result.tables
        },
    }


def text(result: Result, filters: Filters, lang: str, width: int = WIDTH) -> str:
    """Text tables, one per part of the report, each fitting ``width`` (see :mod:`.grid`)."""
    lines = wrapped(f"{title(result.name, lang)} ({period(filters, lang)})", width)
    for t in result.tables:
        lines += ["", *wrapped(table_title(result.name, t.key, lang), width)]
        lines += _grid(t, lang, result.currency, width) if t.rows else ["  " + i18n.tr("report.empty", lang)]
    return "\n".join(lines)


def _grid(t: Table, lang: str, currency: str, width: int) -> list[str]:
    head = [column(c, lang) for c in t.columns]
    body = [[shown(v, lang, c, currency) for v, c in zip(row, t.columns, strict=True)] for row in t.rows]
    return grid(head, body, width)


def csv_text(result: Result, lang: str) -> str:
    """CSV with ``;``: each table as a title line, a header and its rows, a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for t in result.tables:
        writer.writerow([table_title(result.name, t.key, lang)])
        writer.writerow([column(c, lang) for c in t.columns])
        writer.writerows([["" if (x := cell(v, lang)) is None else x for v in row] for row in t.rows])
        writer.writerow([])
    return out.getvalue()
