"""``reglament export clients | sales | calls | classes -o FILE``: CSV for 1C and Russian Excel
(UTF-8 or cp1251, ``;``, decimal commas) or XLSX; written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from engine import i18n
from engine.cli.app import UserError, app, choose
from engine.cli.day import AtOption, moment
from engine.cli.verbs import Run, verb


class Kind(StrEnum):
    clients = "clients"
    sales = "sales"
    calls = "calls"
    classes = "classes"


@app.command("export")
@verb()
def export_command(
    run: Run,
    kind: Annotated[Kind, typer.Argument(help="What to export: clients, sales, calls or classes.")],
    out: Annotated[
        Path, typer.Option("-o", "--output", help="The file to write (.csv or .xlsx).", dir_okay=False)
    ],
    encoding: Annotated[
        str, typer.Option(help="CSV encoding: utf-8 (with a BOM, for Excel) or cp1251 (1C).")
    ] = "utf-8",
    manager: Annotated[str | None, typer.Option(help="calls: only this manager's clients.")] = None,
    at: AtOption = None,
) -> int:
    """Export to a file 1C and Excel open directly; cells that would run as formulas are neutralised."""
    from engine.exporting import ExportError, export
    from engine.exporting.writers import ENCODINGS
    from engine.service.lookup import manager as named_manager

    choose(encoding, ENCODINGS, "--encoding")
    file_format = "xlsx" if out.suffix.lower() in (".xlsx", ".xlsm") else "csv"
    with run.workspace() as ws:
        when = moment(ws, at) if at else None
        manager = named_manager(ws.db, manager, "manager")
        handle, temporary = tempfile.mkstemp(prefix=".export-", dir=out.parent if str(out.parent) else ".")
        try:
            with os.fdopen(handle, "wb") as stream:
                rows = export(
                    ws,
                    kind.value,
                    stream,
                    fmt=file_format,
                    encoding=encoding,
                    lang=run.lang,
                    manager=manager,
                    at=when,
                )
            os.replace(temporary, out)
        except ExportError as err:
            raise UserError(err.message(run.lang)) from None
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    data = {"kind": kind.value, "file": str(out), "format": file_format, "encoding": encoding, "rows": rows}
    run.emit(data, i18n.tr("export.written", run.lang, rows=rows, path=out))
    return 0
