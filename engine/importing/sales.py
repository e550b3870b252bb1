"""Importing sales lines (1C «Продажи», Excel): client, date, amount, quantity, margin, product."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from engine.importing.errors import MappingError
from engine.importing.mapping import resolve, sale_targets
from engine.importing.readers import iter_cells, read_table
from engine.importing.report import ImportReport, Progress, row_error
from engine.service.workspace import Workspace
from engine.store.tables import CLIENT, Sale
from engine.values.card import BadValue, parse_date, parse_number

SALE = Sale.__table__  # type: ignore[attr-defined]
CHUNK = 10_000


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def import_sales(
    ws: Workspace,
    path: Path,
    *,
    mapping: Mapping[str, str],
    skip_bad: bool = False,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    columns = resolve(table.header, mapping, sale_targets())
    if "client" not in columns and "inn" not in columns:
        raise MappingError("no_client_column")
    for needed in ("day", "amount"):
        if needed not in columns:
            raise MappingError("no_needed_column", needed=needed)
    header = {target: table.header[i] for target, i in columns.items()}
    report = ImportReport(
        "sales", len(table.rows), skip_bad=skip_bad, encoding=table.encoding, delimiter=table.delimiter
    )
    cells = list(iter_cells(table, columns))
    by_external, by_inn = _clients(ws, cells)
    rows: list[dict[str, Any]] = []
    for done, (number, row) in enumerate(cells, start=1):
        line = _line(number, row, header, by_external, by_inn, report)
        if line is not None:
            rows.append(line)
        if progress and done % 5_000 == 0:
            progress(done, len(cells))
    if report.errors and not skip_bad:
        return report
    with ws.db.write() as conn:  # one transaction: the whole file or nothing
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(SALE), rows[start : start + CHUNK])
            report.imported += len(rows[start : start + CHUNK])
            if progress:
                progress(report.imported, len(rows))
    return report


def _line(
    number: int,
    row: Mapping[str, Any],
    header: Mapping[str, str],
    by_external: Mapping[str, int],
    by_inn: Mapping[str, int],
    report: ImportReport,
) -> dict[str, Any] | None:
    errors_before = len(report.errors)
    client_id = _client(row, by_external, by_inn)
    if client_id is None:
        column = header.get("client") or header["inn"]
        report.errors.append(
            row_error(number, column, row.get("client") or row.get("inn"), "import.unknown_client")
        )
    values: dict[str, Any] = {}
    for target in ("amount", "quantity", "margin"):
        if target in header and row.get(target) not in (None, ""):
            try:
                values[target] = float(parse_number(row[target]))
            except BadValue as bad:
                report.errors.append(
                    row_error(number, header[target], row[target], f"import.{bad.problem.code}")
                )
    try:
        day = parse_date(row.get("day") or "")
    except BadValue:
        report.errors.append(row_error(number, header["day"], row.get("day"), "import.not_a_date"))
        day = None
    if "amount" not in values and not any(
        e.row == number and e.column == header["amount"] for e in report.errors[errors_before:]
    ):
        report.errors.append(row_error(number, header["amount"], "", "import.not_a_number"))
    if len(report.errors) > errors_before or day is None or client_id is None:
        return None
    return {
        "client_id": client_id,
        "day": day,
        "month": month_index(day.year, day.month),
        "amount": values["amount"],
        "quantity": values.get("quantity", 0.0),
        "margin": values.get("margin"),
        "product": _text(row.get("product")),
        "document": _text(row.get("document")),
    }


def _client(row: Mapping[str, Any], by_external: Mapping[str, int], by_inn: Mapping[str, int]) -> int | None:
    external = _text(row.get("client"))
    if external is not None and external in by_external:
        return by_external[external]
    inn = _text(row.get("inn"))
    return by_inn.get(inn) if inn is not None else None


def _clients(ws: Workspace, cells: list[tuple[int, dict[str, Any]]]) -> tuple[dict[str, int], dict[str, int]]:
    externals = sorted({t for _, r in cells if (t := _text(r.get("client"))) is not None})
    inns = sorted({t for _, r in cells if (t := _text(r.get("inn"))) is not None})
    by_external: dict[str, int] = {}
    by_inn: dict[str, int] = {}
    with ws.db.read() as conn:
        for start in range(0, len(externals), 900):
            chunk = externals[start : start + 900]
            statement = select(CLIENT.c.external_id, CLIENT.c.id).where(CLIENT.c.external_id.in_(chunk))
            by_external.update(conn.execute(statement).all())
        inn_column = CLIENT.c.card["inn"].as_string()
        for start in range(0, len(inns), 900):
            chunk = inns[start : start + 900]
            by_inn.update(conn.execute(select(inn_column, CLIENT.c.id).where(inn_column.in_(chunk))).all())
    return by_external, by_inn


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None
