"""``sources``: per lead source, the leads come in the period, conversion to a first order,
their revenue and the average deal."""

from __future__ import annotations

from engine.model.regulation import Regulation
from engine.reports.facts import share, source_labels
from engine.reports.spec import Bar, Cell, Filters, ReportSpec, Result, Table
from engine.store import Tx
from engine.store import reports as sql


def compute(conn: Tx, reg: Regulation, filters: Filters) -> Result:
    labels = source_labels(reg)
    rows: list[tuple[Cell, ...]] = []
    bars: list[Bar] = []
    for source, leads, buyers, revenue, orders in sorted(
        sql.source_figures(conn, filters), key=lambda r: (-r[1], r[0] or "")
    ):
        average = round(revenue / orders, 2) if orders else None  # per order: a client's day of purchases
        bars.append(Bar(labels.get(source, source), float(leads)))
        rows.append(
            (labels.get(source, source), leads, buyers, share(buyers, leads), round(revenue, 2), average)
        )
    return Result(
        "sources",
        (
            Table(
                "sources",
                ("source", "leads", "buyers", "conversion_first_order", "revenue", "average_deal"),
                tuple(rows),
            ),
        ),
        bars=tuple(bars),
    )


SPEC = ReportSpec("sources", compute, "bars", ("sources",))
