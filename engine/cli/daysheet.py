"""``reglament calls --format html|pdf``: each manager's day sheet, one A4 page a manager."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from engine import i18n
from engine.cli.app import UserError
from engine.cli.calls_text import dialled, quiet_text
from engine.cli.verbs import Run
from engine.guides import Guides, PdfUnavailable, to_pdf
from engine.guides.daysheet import DaySheet, SheetRow
from engine.queue import Queue, call_queue
from engine.service import listing
from engine.service.workspace import Workspace

SHEET_ROWS = 16
"""As many clients as one A4 page holds with room for notes."""


def print_day_sheets(
    ws: Workspace, run: Run, manager: str | None, at: datetime, limit: int, out: Path | None
) -> int:
    """The sheets of ``manager`` (or of every manager) as HTML on stdout or in ``out``, or as a
    PDF in ``out``."""
    if run.out.format == "pdf" and out is None:
        raise UserError(i18n.tr("shown.sheet_needs_file", run.lang))
    people = {m["login"]: m["name"] for m in listing.managers(ws)}
    logins = [manager] if manager else sorted(people)
    sheets = [
        sheet(
            call_queue(ws, manager=login, at=at, limit=limit, lang=run.lang),
            people.get(login, login),
            run.lang,
        )
        for login in logins
    ]
    html = Guides(ws.regulation).day_sheets(sheets, run.lang, at.date())
    if out is None:
        typer.echo(html, nl=False)
        return 0
    if run.out.format == "pdf":
        try:
            out.write_bytes(to_pdf(html))
        except PdfUnavailable as err:
            raise UserError(i18n.tr("usage.pdf_unavailable", run.lang, detail=err)) from None
    else:
        out.write_text(html, encoding="utf-8")
    typer.echo(str(out))
    return 0


def sheet(queue: Queue, who: str, lang: str) -> DaySheet:
    rows = tuple(
        SheetRow(r.position, f"{r.name} · #{r.client_id}", dialled(r.phone), r.reason, r.stage_label, r.color)
        for r in queue.rows
    )
    empty = quiet_text(queue.quiet, lang) if queue.quiet else ""
    return DaySheet(who, queue.at, queue.total, rows, empty)
