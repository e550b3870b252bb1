"""``reglament report NAME``: the head's reports (funnel, stuck, refusals, sources, retention,
forecast, managers) as text or JSON, or into a file (.csv, .json, .html); ``report all -o DIR``
writes the head's page, one self-contained HTML file."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import UserError, app, choose
from engine.cli.day import AtOption, moment
from engine.cli.verbs import Run, verb
from engine.reports.names import NAMES
from engine.values.when import NotAWhen, parse_day

if TYPE_CHECKING:
    from engine.reports.spec import Filters
    from engine.service.workspace import Workspace

ALL = "all"


def _day(value: str | None, option: str, lang: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value, date.today())
    except NotAWhen:
        raise UserError(i18n.tr("report.bad_date", lang, option=option, value=value)) from None


@app.command("report")
@verb()
def report_command(
    run: Run,
    name: Annotated[str, typer.Argument(help=f"The report: {', '.join(NAMES)}, or all (the head's page).")],
    start: Annotated[str | None, typer.Option("--from", help="The first day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="The last day, YYYY-MM-DD (included).")] = None,
    period: Annotated[str | None, typer.Option(help="A month: 2026-11.")] = None,
    last: Annotated[str | None, typer.Option(help="The last days, weeks or months: 30d, 4w, 3m.")] = None,
    manager: Annotated[str | None, typer.Option(help="Only this manager's clients (login).")] = None,
    segment: Annotated[str | None, typer.Option(help="Only clients of this ABC-XYZ cell, e.g. AX.")] = None,
    source: Annotated[str | None, typer.Option(help="Only clients of this lead source.")] = None,
    at: AtOption = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to a file (.csv, .json, .html); for all: a folder."),
    ] = None,
) -> int:
    """The head's control: the funnel against the norms, stuck clients, refusals, sources, retention,
    forecast and managers, over a period (default: the last four weeks)."""
    from engine.reports.page import page
    from engine.reports.render import csv_text, plain, text
    from engine.reports.runner import run as run_report
    from engine.reports.runner import run_all
    from engine.service.lookup import manager as named_manager

    choose(name, (*NAMES, ALL), "report")
    with run.workspace() as ws:
        manager = named_manager(ws.db, manager, "manager")
        now = moment(ws, at) if at else ws.now()
        filters = _filters(ws, now, run.lang, (start, end, period, last), manager, segment, source)
        if name == ALL:
            results = run_all(ws.db, ws.regulation, filters)
            folder = out or Path("report")
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "index.html"
            _write(target, page(ws.regulation, results, filters, run.lang))
            run.emit({"file": str(target)}, i18n.tr("report.page_written", run.lang, path=target))
            return 0
        result = run_report(ws.db, ws.regulation, name, filters)
    if out is None:
        run.emit(plain(result, filters, run.lang), text(result, filters, run.lang, _width()))
        return 0
    suffix = out.suffix.lower()
    if suffix == ".csv":
        body = "\ufeff" + csv_text(result, run.lang)
    elif suffix == ".html":
        body = page(ws.regulation, [result], filters, run.lang)
    else:
        body = json.dumps(plain(result, filters, run.lang), ensure_ascii=False, indent=2)
    _write(out, body)
    run.emit({"file": str(out)}, i18n.tr("report.written", run.lang, path=out))
    return 0


def _filters(
    ws: Workspace,
    now: datetime,
    lang: str,
    when: tuple[str | None, str | None, str | None, str | None],
    manager: str | None,
    segment: str | None,
    source: str | None,
) -> Filters:
    from engine.reports.period import PeriodError, filters

    start, end, period, last = when
    try:
        return filters(
            now,
            ws.regulation.timezone,
            start=_day(start, "--from", lang),
            end=_day(end, "--to", lang),
            period=period,
            last=last,
            manager=manager,
            segment=segment,
            source=source,
        )
    except PeriodError as err:
        raise UserError(err.message.render(lang)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(path: Path, body: str) -> None:
    """Whole or not at all: a temporary file beside the target, then renamed."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=".report-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(body)
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _width() -> int:
    """The terminal's width ($COLUMNS first); 100 when the output is no terminal."""
    from engine.reports.grid import WIDTH

    return shutil.get_terminal_size((WIDTH, 24)).columns
