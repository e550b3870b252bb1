"""``reglament import clients | sales FILE``: CSV (UTF-8 or cp1251, ; or ,) and XLSX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from engine.cli.app import UserError, app, default_lang
from engine.cli.common import (
    ActorOption,
    DbOption,
    FormatOption,
    LangOpt,
    RegOption,
    actor,
    output,
    workspace,
)
from engine.importing.clients import import_clients
from engine.importing.errors import ImportFileError, MappingError
from engine.importing.mapping import load_mapping
from engine.importing.report import ImportReport
from engine.importing.sales import import_sales
from engine.service.workspace import Workspace

import_app = typer.Typer(
    help="Import clients and sales history from CSV or XLSX (1C, Excel).", no_args_is_help=True
)
app.add_typer(import_app, name="import")

FileArg = Annotated[Path, typer.Argument(help="A .csv, .xlsx, .xls or .ods file.", dir_okay=False)]
MapOption = Annotated[
    list[str] | None,
    typer.Option("--map", help="COLUMN=TARGET (repeat); TARGET is a card field or an import column."),
]
MappingFile = Annotated[
    Path | None, typer.Option("--mapping", help="A YAML file of «column: target» lines.", dir_okay=False)
]
SkipOption = Annotated[
    bool,
    typer.Option(
        "--skip-bad", help="Import the good rows and report the bad ones (default: all or nothing)."
    ),
]
EncodingOption = Annotated[str | None, typer.Option(help="utf-8 or cp1251 (default: detected).")]
DelimiterOption = Annotated[str | None, typer.Option(help="; or , or tab (default: detected).")]
SheetOption = Annotated[str | None, typer.Option(help="The sheet of a spreadsheet (default: the first).")]


def _run(
    kind: str,
    work: Callable[[Workspace, Callable[[int, int], None]], ImportReport],
    db: str | None,
    regulations: Path | None,
    fmt: str,
    lang: str | None,
) -> int:
    out = output(fmt, lang)
    with workspace(db, regulations) as ws:
        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
        with Progress(*columns, transient=True, disable=out.format == "json") as bar:
            task = bar.add_task(kind, total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            try:
                report = work(ws, progress)
            except ImportFileError as err:
                raise UserError(err.message(out.lang)) from None
        out.emit(report.as_dict(out.lang), report.text(out.lang))
    return 0 if report.complete else 1


@import_app.command("clients")
def clients(
    file: FileArg,
    map_: MapOption = None,
    mapping: MappingFile = None,
    skip_bad: SkipOption = False,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
    who: ActorOption = None,
) -> int:
    """Import clients: columns are card fields (matched by id or label), external_id, owner,
    timezone, stage, next_action, next_due, next_time."""
    try:
        columns = load_mapping(mapping, map_ or [])
    except MappingError as err:
        raise UserError(err.message(lang or default_lang())) from None
    return _run(
        "clients",
        lambda ws, p: import_clients(
            ws,
            file,
            mapping=columns,
            actor=actor(who),
            skip_bad=skip_bad,
            encoding=encoding,
            delimiter=delimiter,
            sheet=sheet,
            progress=p,
        ),
        db,
        regulations,
        fmt,
        lang,
    )


@import_app.command("sales")
def sales(
    file: FileArg,
    map_: MapOption = None,
    mapping: MappingFile = None,
    skip_bad: SkipOption = False,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """Import sales lines: client (external id) or inn, day, amount, quantity, margin, product, document."""
    try:
        columns = load_mapping(mapping, map_ or [])
    except MappingError as err:
        raise UserError(err.message(lang or default_lang())) from None
    return _run(
        "sales",
        lambda ws, p: import_sales(
            ws,
            file,
            mapping=columns,
            skip_bad=skip_bad,
            encoding=encoding,
            delimiter=delimiter,
            sheet=sheet,
            progress=p,
        ),
        db,
        regulations,
        fmt,
        lang,
    )
