"""The manager's day: ``reglament segment``, ``reglament calls``, ``reglament compliance``."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import app
from engine.cli.calls_text import calls_text
from engine.cli.common import (
    console,
    moment_of,
)
from engine.cli.verbs import Run, verb

if TYPE_CHECKING:  # loaded with the first command that uses them (Rich's tables too: not for --help)
    from rich.table import Table

    from engine.segmentation.run import Matrix
    from engine.service.workspace import Workspace


AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="The moment (default: now): 27.11.2026 14:30, «завтра 9:00», +3д, ISO 8601; without an "
        "offset, in the regulation's time zone; a date alone is the start of its working day (9:00).",
    ),
]


def moment(ws: Workspace, at: str | None) -> datetime:
    """``--at`` in any form people write a moment (27.11.2026 14:30, «завтра 9:00», ISO…), in the
    regulation's time zone unless it says its offset. A day alone (27.11.2026, завтра, +3д) is
    that day at the start of the working day (``work_hours`` of regulation.yaml, else 9:00), not
    at midnight, when no call is due yet (the tester's ``calls --at 2026-11-27``)."""
    from engine.runtime.facts import zone

    here = zone(ws.regulation.timezone)
    hours = ws.regulation.work_hours
    start = time.fromisoformat(hours[0]) if hours else time(9)
    return moment_of(at, ws.now(), here, start).astimezone(here)


@app.command()
@verb(acts=True)
def segment(
    run: Run,
    at: AtOption = None,
    plan: Annotated[bool, typer.Option(help="Plan the contacts the cell policies call for.")] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Run even with no sales in the window or long after the last one.")
    ] = False,
) -> int:
    """Classify clients by ABC-XYZ, store the classes, plan contacts by the cell policies."""
    from engine.segmentation.policies import plan_contacts
    from engine.segmentation.run import segment as run_segment

    with run.workspace() as ws:
        when = moment(ws, at)
        result = run_segment(ws, run.actor, when, force=force)
        planned = plan_contacts(ws, run.actor, when, run.lang) if plan else 0
        data = {
            "at": when.isoformat(),
            "periods": [result.first_period, result.last_period],
            "classified": result.classified,
            "changed": result.changed,
            "cleared": result.cleared,
            "reassigned": result.reassigned,
            "planned_contacts": planned,
            "matrix": result.matrix.as_dict(),
            "seconds": {k: round(v, 3) for k, v in result.seconds.items()},
        }
        if run.out.format == "json":
            run.emit(data)
            return 0
        console().print(matrix_table(result.matrix, result.classified, run.lang))
        footer = i18n.tr(
            "segment.footer",
            run.lang,
            changed=result.changed,
            planned=planned,
            unclassified=result.matrix.unclassified,
        )
        cleared = i18n.tr("segment.cleared", run.lang, n=result.cleared) if result.cleared else ""
        moved = i18n.tr("segment.reassigned", run.lang, n=result.reassigned) if result.reassigned else ""
        console().print(" ".join(p for p in (footer, cleared, moved) if p))
    return 0


def matrix_table(matrix: Matrix, classified: int, lang: str) -> Table:
    """The 3×3 matrix: clients and their share of the basis (revenue, margin, quantity) per cell."""
    from rich.table import Table

    from engine.model.segments import ABC, XYZ

    basis = i18n.tr(f"segment.basis.{matrix.basis}", lang)
    table = Table(title=i18n.tr("segment.title", lang, n=classified, basis=basis), show_lines=True)
    table.add_column("")
    for x in XYZ:
        table.add_column(x, justify="right")
    for a in ABC:
        cells = (
            i18n.tr(
                "segment.cell",
                lang,
                clients=matrix.clients[a + x],
                share=i18n.percent(matrix.share(a + x), lang),
                basis=basis,
            )
            for x in XYZ
        )
        table.add_row(a, *cells)
    return table


@app.command()
@verb(formats=("text", "json", "html", "pdf"))
def calls(
    run: Run,
    manager: Annotated[str | None, typer.Option(help="Only this manager's clients.")] = None,
    at: AtOption = None,
    limit: Annotated[int, typer.Option(help="How many rows to show.", min=1)] = 30,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="The day sheet's file.", dir_okay=False)
    ] = None,
) -> int:
    """The call list at a moment, in the order of priorities.yaml, with the reason for each row."""
    from engine.queue import call_queue
    from engine.service.lookup import named

    with run.workspace() as ws:
        manager, shown = named(ws.db, manager, "manager") if manager is not None else (None, None)
        if run.out.format in ("html", "pdf"):
            from engine.cli.daysheet import SHEET_ROWS, print_day_sheets

            return print_day_sheets(ws, run, manager, moment(ws, at), min(limit, SHEET_ROWS), out)
        queue = call_queue(ws, manager=manager, at=moment(ws, at), limit=limit, lang=run.lang, whole=False)
        if run.out.format == "json":
            run.emit(queue.as_dict())
            return 0

        for part in calls_text(queue, shown, run.lang):
            console().print(part, highlight=False, markup=False)
    return 0


@app.command()
@verb()
def compliance(
    run: Run,
    at: AtOption = None,
) -> int:
    """Who keeps to the cells' contact intervals: on time, late, never — per manager and per cell."""
    from rich.table import Table

    from engine.segmentation.policies import compliance as compliance_report

    with run.workspace() as ws:
        report = compliance_report(ws, moment(ws, at))
        if run.out.format == "json":
            run.emit(report.as_dict())
            return 0
        for title, tallies in (("by_manager", report.by_manager), ("by_cell", report.by_cell)):
            table = Table(title=i18n.tr(f"compliance.{title}", run.lang))
            for name in ("who", "on_time", "late", "never", "share", "median"):
                table.add_column(
                    i18n.tr(f"compliance.{name}", run.lang), justify="left" if name == "who" else "right"
                )
            for key, tally in tallies.items():
                d = tally.as_dict()
                table.add_row(
                    key,
                    str(d["on_time"]),
                    str(d["late"]),
                    str(d["never"]),
                    i18n.percent(d["on_time_share"], run.lang, 0),
                    str(d["median_days_late"]),
                )
            console().print(table)
    return 0
