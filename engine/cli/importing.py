"""``reglament import clients | sales FILE``: CSV (UTF-8 or cp1251, ; or ,) and XLSX, as a
synchronisation with the base; ``--dry-run`` tells what would happen and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import UserError, app
from engine.cli.verbs import Run, verb
from engine.values.card import BadValue, parse_date

if TYPE_CHECKING:  # loaded with the first command that uses them
    from engine.importing.report import ImportReport
    from engine.importing.sales import ReadOptions
    from engine.service.workspace import Workspace


import_app = typer.Typer(
    help="Import clients and sales history from CSV or XLSX (1C, Excel) as a synchronisation.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

FileArg = Annotated[Path, typer.Argument(help="A .csv, .xlsx, .xls or .ods file.", dir_okay=False)]
MapOption = Annotated[
    list[str] | None,
    typer.Option("--map", help="COLUMN=TARGET (repeat); COLUMN may be #N, the column's number."),
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option("--ignore", help="A column to leave out on purpose (repeat; or #N).")
]
MappingFile = Annotated[
    Path | None, typer.Option("--mapping", help="A YAML file of «column: target» lines.", dir_okay=False)
]
SkipOption = Annotated[
    bool,
    typer.Option("--skip-bad", help="Import the good rows and list the bad ones (default: all or nothing)."),
]
DryOption = Annotated[
    bool, typer.Option("--dry-run", help="Show how the file is read and what would change; write nothing.")
]
EncodingOption = Annotated[str | None, typer.Option(help="utf-8 or cp1251 (default: detected).")]
DelimiterOption = Annotated[str | None, typer.Option(help="; or , or tab (default: detected).")]
SheetOption = Annotated[str | None, typer.Option(help="The sheet of a spreadsheet (default: the first).")]


def _options(
    lang: str, mapping: Path | None, pairs: list[str] | None, ignore: list[str] | None, **rest: object
) -> ReadOptions:
    from engine.importing.errors import MappingError
    from engine.importing.mapping import load_mapping
    from engine.importing.sales import ReadOptions

    try:
        columns = load_mapping(mapping, pairs or [])
    except MappingError as err:
        raise UserError(err.message(lang)) from None
    return ReadOptions(mapping=columns, ignore=tuple(ignore or ()), **rest)  # type: ignore[arg-type]


def _run(run: Run, work: Callable[[Workspace, Callable[[float, str], None]], ImportReport]) -> int:
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from engine.importing.errors import ImportFileError
    from engine.importing.words import report_text

    with run.workspace() as ws:
        columns = [TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn()]
        with Progress(*columns, transient=True, disable=run.out.format == "json") as bar:
            task = bar.add_task(i18n.tr("import.progress.read", run.lang), total=100)

            def progress(done: float, phase: str) -> None:
                label = i18n.tr(f"import.progress.{phase}", run.lang)
                bar.update(task, completed=round(done * 100, 1), description=label)

            try:
                report = work(ws, progress)
            except ImportFileError as err:
                raise UserError(err.message(run.lang)) from None
        run.emit(report.as_dict(run.lang), report_text(report, run.lang))
    return 0 if report.complete else 1


@import_app.command("clients")
@verb(acts=True)
def clients(
    run: Run,
    file: FileArg,
    map_: MapOption = None,
    ignore: IgnoreOption = None,
    mapping: MappingFile = None,
    key: Annotated[str | None, typer.Option("--key", help="Also match clients by this card field.")] = None,
    stage: Annotated[
        str | None,
        typer.Option("--stage", help="Place the clients at this stage (default: a column, else entry)."),
    ] = None,
    skip_bad: SkipOption = False,
    dry_run: DryOption = False,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
) -> int:
    """Import clients: matched by code (external_id), then INN, then --key; created, updated or
    left unchanged. Columns are card fields (by id, label or alias), external_id, owner, timezone,
    stage, next_action, next_due, next_time."""
    from engine.importing.clients import import_clients

    given = {"encoding": encoding, "delimiter": delimiter, "sheet": sheet}
    options = _options(run.lang, mapping, map_, ignore, skip_bad=skip_bad, dry_run=dry_run, **given)
    return _run(
        run,
        lambda ws, p: import_clients(ws, file, options, actor=run.actor, key=key, stage=stage, progress=p),
    )


@import_app.command("sales")
@verb()
def sales(
    run: Run,
    file: FileArg,
    map_: MapOption = None,
    ignore: IgnoreOption = None,
    mapping: MappingFile = None,
    replace: Annotated[
        str | None,
        typer.Option(
            "--replace", help="FROM..TO: replace every sales line of this period (a corrected re-export)."
        ),
    ] = None,
    skip_bad: SkipOption = False,
    dry_run: DryOption = False,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
) -> int:
    """Import sales lines: client (code) or inn, day, amount, quantity, margin, product, document,
    line. Lines already stored are recognised and not added again."""
    from engine.importing.sales import import_sales

    period = _period(replace, run.lang)
    given = {"encoding": encoding, "delimiter": delimiter, "sheet": sheet}
    options = _options(run.lang, mapping, map_, ignore, skip_bad=skip_bad, dry_run=dry_run, **given)
    return _run(run, lambda ws, p: import_sales(ws, file, options, replace=period, progress=p))


def _period(value: str | None, lang: str) -> tuple[date, date] | None:
    if value is None:
        return None
    first, sep, last = value.partition("..")
    try:
        period = (parse_date(first), parse_date(last))
    except BadValue:
        period = None
    if not sep or period is None or period[0] > period[1]:
        raise UserError(i18n.tr("import.bad_replace", lang, value=value))
    return period
