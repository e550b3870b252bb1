"""The head's page: every report of the run in one self-contained HTML file (inline CSS and SVG
charts, no scripts, no outside files) that prints on A4. Rendered with the Jinja template
``templates/reports.html.j2``; charts are laid out here as plain numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from engine import i18n
from engine.model.regulation import Regulation
from engine.reports.registry import REPORTS
from engine.reports.render import cell, column, period, shown, table_title, title
from engine.reports.spec import Bar, Filters, Result, Table
from engine.resources import bundled_templates

WIDTH = 640
ROW = 22
LABEL = 190
PAGE_ROWS = 25
"""Rows of a table the page shows; the rest is one command away."""


@dataclass(frozen=True, slots=True)
class DrawnBar:
    label: str
    value: str
    y: int
    width: float
    norm_x: float | None
    below: bool


def bars_chart(bars: Sequence[Bar], lang: str, currency: str = "") -> dict[str, Any]:
    """Horizontal bars scaled to the largest figure or norm; a norm is a dark tick."""
    top = max([b.value for b in bars] + [b.norm or 0 for b in bars] + [1e-9])
    span = WIDTH - LABEL - 70
    drawn = [
        DrawnBar(
            str(cell(b.label, lang) or "—"),
            shown(b.value, lang, b.column, currency),
            i * ROW + 4,
            span * b.value / top,
            None if b.norm is None else LABEL + span * b.norm / top,
            b.target and b.norm is not None and b.value < b.norm,
        )
        for i, b in enumerate(bars)
    ]
    return {"bars": drawn, "height": len(drawn) * ROW + 8, "width": WIDTH, "label": LABEL}


CELL_W, CELL_H, HEAD = 64, 20, 104


def heatmap(
    grid: Sequence[tuple[Any, Sequence[float | None]]], target: float | None, lang: str
) -> dict[str, Any]:
    """The cohort grid laid out as SVG rectangles: red below the target, green at or above it;
    each row a cohort month, as the reader writes months."""
    cells = [
        {
            "label": shown(label, lang, "month"),
            "y": 22 + i * CELL_H,
            "cells": [
                {
                    "x": HEAD + j * CELL_W,
                    "text": "—" if v is None else f"{round(v * 100)} %",
                    "fill": _colour(v, target),
                }
                for j, v in enumerate(values)
            ],
        }
        for i, (label, values) in enumerate(grid)
    ]
    months = len(grid[0][1]) if grid else 0
    return {
        "rows": cells,
        "months": [HEAD + j * CELL_W for j in range(months)],
        "width": HEAD + months * CELL_W,
        "height": 24 + len(grid) * CELL_H,
        "cell_w": CELL_W,
        "cell_h": CELL_H,
    }


def _colour(share: float | None, target: float | None) -> str:
    if share is None:
        return "#f2f2f2"
    if target is not None and share < target:
        return f"hsl(8, 70%, {round(92 - 40 * share)}%)"
    return f"hsl(140, 45%, {round(90 - 45 * share)}%)"


def page(regulation: Regulation, results: Sequence[Result], filters: Filters, lang: str) -> str:
    env = Environment(
        loader=FileSystemLoader(str(bundled_templates())),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    sections = [_section(r, lang) for r in results]
    return env.get_template("reports.html.j2").render(
        lang=lang,
        heading=i18n.tr("report.page.title", lang),
        company=regulation.title.get(lang),
        period=period(filters, lang),
        filters=[
            f"{column(k, lang)}: {v}"
            for k, v in (("manager", filters.manager), ("cell", filters.segment), ("source", filters.source))
            if v
        ],
        sections=sections,
        empty=i18n.tr("report.empty", lang),
        after=[i18n.tr("report.page.months_after", lang, n=n) for n in range(1, 13)],
    )


def _section(result: Result, lang: str) -> dict[str, Any]:
    spec = REPORTS[result.name]
    chart = None
    if spec.chart == "heatmap" and result.grid:
        chart = {"kind": "heatmap", **heatmap(result.grid, result.figures.get("target"), lang)}
    elif result.bars:
        chart = {"kind": "bars", **bars_chart(result.bars, lang, result.currency)}
    return {
        "name": result.name,
        "title": title(result.name, lang),
        "chart": chart,
        "caption": i18n.tr(f"report.{result.name}.chart", lang) if chart else "",
        "tables": [
            {
                "title": table_title(result.name, t.key, lang),
                "columns": [column(c, lang) for c in t.columns],
                "numeric": _numeric(t),
                "rows": [
                    [shown(v, lang, c, result.currency) for v, c in zip(row, t.columns, strict=True)]
                    for row in t.rows[:PAGE_ROWS]
                ],
                "more": i18n.tr("report.page.more", lang, count=len(t.rows) - PAGE_ROWS, name=result.name)
                if len(t.rows) > PAGE_ROWS
                else "",
            }
            for t in result.tables
        ],
    }


def _numeric(t: Table) -> list[bool]:
    """Which columns hold figures (set right, as figures are): every filled cell a number."""
    return [
        any(isinstance(v, int | float) for v in values)
        and all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values)
        for values in zip(*t.rows, strict=True)
    ] or [False] * len(t.columns)
