"""Importing sales lines (1C «Продажи», Excel) as a synchronisation, never a blind append.

1. The file is read as a stream; each row is checked and its client found by code or INN;
   good rows go to a staging table of the import's own connection (memory stays flat).
2. One write transaction then numbers identical lines, refuses document lines stored before
   with other values, with ``--replace FROM..TO`` deletes the period first, and stores the
   lines not stored yet. Any refused row without ``--skip-bad``, or a dry run, writes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from engine.importing.errors import MappingError
from engine.importing.mapping import ColumnPlan, Target, known_names, norm, plan, sale_targets
from engine.importing.readers import Source, open_table
from engine.importing.report import MAX_KEPT, ImportReport, Progress, announce, row_error
from engine.importing.salerows import SaleReader, SaleRow
from engine.model.card import Field, FieldType
from engine.model.regulation import Regulation
from engine.model.text import EMPTY, Origin
from engine.service.workspace import Workspace
from engine.store import Tx as Connection
from engine.store import imports
from engine.store import sales as store

BATCH = 5_000


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a file and map its columns; shared by both imports."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    skip_bad: bool = False
    dry_run: bool = False


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def inn_field(reg: Regulation) -> Field:
    """The card's INN field (checks INNs the same way as the card does)."""
    declared = reg.card.first_of(FieldType.INN)
    return declared or Field("inn", EMPTY, FieldType.INN, Origin("card.yaml", 1, 1, ""))


def open_mapped(path: Path, options: ReadOptions, targets: Mapping[str, Target]) -> tuple[Source, ColumnPlan]:
    names = known_names(targets, options.mapping)
    source = open_table(
        path,
        lambda header: norm(header) in names,
        encoding=options.encoding,
        delimiter=options.delimiter,
        sheet=options.sheet,
    )
    return source, plan(source.header, options.mapping, options.ignore, targets)


def import_sales(
    ws: Workspace,
    path: Path,
    options: ReadOptions,
    *,
    replace: tuple[date, date] | None = None,
    progress: Progress | None = None,
    actor: str = "import",
) -> ImportReport:
    source, columns = open_mapped(path, options, sale_targets())
    index = columns.index()
    if "client" not in index and "inn" not in index:
        raise MappingError("no_client_column")
    for needed in ("day", "amount"):
        if needed not in index:
            raise MappingError("no_needed_column", needed=needed)
    report = ImportReport(
        "sales", path.name, options.skip_bad, options.dry_run, source.layout, columns.columns
    )
    report.period = replace
    inn = inn_field(ws.regulation)
    reader = SaleReader(columns, inn, report)
    with imports.session(ws.db) as conn:
        with imports.reading(conn):
            store.stage(conn)
            if "inn" in index:
                imports.map_keys(conn, [inn.id])
            _stage(conn, source, reader, report, progress)
        read_only = options.dry_run or not report.complete
        apply = imports.reading(conn) if read_only else imports.writing(conn, lambda: report.written)
        with apply:
            _synchronise(conn, report, columns, replace, write=not read_only)
            if not read_only and report.written:
                announce(conn, ws, report, actor)
    if progress:
        progress(1.0, "done")
    return report


def _stage(
    conn: Connection, source: Source, reader: SaleReader, report: ImportReport, progress: Progress | None
) -> None:
    cache: dict[str, int] = {}
    batch: list[SaleRow] = []
    threshold = gc.get_threshold()
    gc.set_threshold(50_000, *threshold[1:])  # rows live for one batch: collect less often
    try:
        for raw in source.rows():
            batch.append(reader.parse(raw))
            if len(batch) >= BATCH:
                _flush(conn, batch, reader, report, cache)
                batch = []
                if progress:
                    progress(source.done() * 0.9, "read")
        _flush(conn, batch, reader, report, cache)
    finally:
        gc.set_threshold(*threshold)


def _flush(
    conn: Connection,
    batch: Sequence[SaleRow],
    reader: SaleReader,
    report: ImportReport,
    cache: dict[str, int],
) -> None:
    reader.resolve(conn, batch, cache)
    good = []
    for row in batch:
        report.rows += 1
        for error in row.errors:
            report.refuse(error)
        if row.errors or row.client_id is None or row.day is None:
            continue
        key = store.line_key(
            row.day.isoformat(), row.document, row.line_no, row.product, row.quantity, row.amount
        )
        month = month_index(row.day.year, row.day.month)
        line = (row.number, row.client_id, row.day.isoformat(), month, row.product, row.quantity, row.amount)
        good.append((*line, row.margin, row.document, row.line_no, key))
    store.add_staged(conn, good)


def _synchronise(
    conn: Connection,
    report: ImportReport,
    columns: ColumnPlan,
    replace: tuple[date, date] | None,
    *,
    write: bool,
) -> None:
    store.number_staged(conn)
    changed, shown = store.changed_lines(conn, MAX_KEPT)
    amount = columns.header("amount")
    for line in shown:
        report.refuse(
            row_error(line.file_row, amount, line.new, "import.line_changed", old=line.old, new=line.new)
        )
    report.errors_total += changed - len(shown)
    report.bad_rows += changed - len(shown)
    if changed and report.skip_bad:
        store.drop_changed(conn)
    if replace is not None:
        _outside(conn, report, columns, replace)
    staged = store.staged_count(conn)
    report.count("refused", report.bad_rows)
    write = write and report.written
    if replace is not None:
        first, last = replace
        report.count(
            "removed",
            store.remove_period(conn, first, last) if write else store.count_period(conn, first, last),
        )
        report.count("added", store.insert_new(conn) if write else staged)
        return
    present = store.present_count(conn)
    report.count("present", present)
    report.count("added", store.insert_new(conn) if write else staged - present)


def _outside(conn: Connection, report: ImportReport, columns: ColumnPlan, period: tuple[date, date]) -> None:
    first, last = period
    total, shown = store.staged_outside(conn, first, last, MAX_KEPT)
    for line in shown:
        day = line.day if isinstance(line.day, date) else date.fromisoformat(str(line.day))
        report.refuse(
            row_error(
                line.file_row,
                columns.header("day"),
                day.strftime("%d.%m.%Y"),
                "import.outside_period",
                first=first.strftime("%d.%m.%Y"),
                last=last.strftime("%d.%m.%Y"),
            )
        )
    report.errors_total += total - len(shown)
    report.bad_rows += total - len(shown)
    if total and report.skip_bad:
        store.drop_outside(conn, first, last)
