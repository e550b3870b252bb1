"""Writing an export table as files 1C and Russian Excel open directly.

CSV: UTF-8 with a byte-order mark (so Excel sees UTF-8) or Windows-1251, ``;`` between cells,
decimal commas, dates as 31.12.2026. XLSX: numbers as numbers, dates as dates, text always as
text. A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralised: in CSV it gets a leading apostrophe (the
imports take it off again), in XLSX it is stored as a string, never as a formula.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from engine import i18n
from engine.exporting.tables import Cell, ExportTable
from engine.values.formulas import neutral

FORMATS = ("csv", "xlsx")
ENCODINGS = ("utf-8", "cp1251")
XLSX_ROWS = 1_048_576
MEDIA = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class ExportError(i18n.CodedError):
    catalog = "export"


def csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell).lower()
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        shown = repr(cell)
        if "e" in shown:
            shown = format(Decimal(shown), "f")
        return shown.replace(".", ",")
    if isinstance(cell, date):
        return cell.strftime("%d.%m.%Y")
    return neutral(cell)


def write(table: ExportTable, fmt: str, encoding: str, stream: IO[bytes]) -> int:
    """Write ``table`` to ``stream``; returns the number of data rows."""
    if fmt == "xlsx":
        return _xlsx(table, stream)
    return _csv(table, encoding, stream)


def _csv(table: ExportTable, encoding: str, stream: IO[bytes]) -> int:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if encoding == "utf-8":
        stream.write("\ufeff".encode())
    rows = 0
    _line(writer, buffer, [neutral(h) for h in table.header], encoding, 1, table.header, stream)
    for number, row in enumerate(table.rows, start=2):
        _line(writer, buffer, [csv_cell(c) for c in row], encoding, number, table.header, stream)
        rows += 1
    return rows


def _line(
    writer: Any,
    buffer: io.StringIO,
    cells: list[str],
    encoding: str,
    number: int,
    header: list[str],
    stream: IO[bytes],
) -> None:
    buffer.seek(0)
    buffer.truncate()
    writer.writerow(cells)
    try:
        stream.write(buffer.getvalue().encode(encoding))
    except UnicodeEncodeError as err:
        column = next((header[i] for i, c in enumerate(cells) if _unencodable(c, encoding)), "")
        raise ExportError(
            "not_encodable", row=number, column=column, char=err.object[err.start : err.end]
        ) from None


def _unencodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return True
    return False


def _xlsx(table: ExportTable, stream: IO[bytes]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Reglament")
    sheet.append([_xlsx_cell(sheet, h) for h in table.header])
    rows = 0
    for row in table.rows:
        rows += 1
        if rows >= XLSX_ROWS:
            raise ExportError("too_many_rows", limit=XLSX_ROWS - 1)
        sheet.append([_xlsx_cell(sheet, c) for c in row])
    book.save(stream)
    return rows


def _xlsx_cell(sheet: object, cell: Cell) -> WriteOnlyCell:
    if isinstance(cell, str):
        written = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", cell))
        written.data_type = "s"  # text stays text: a leading «=» is never a formula
        return written
    written = WriteOnlyCell(sheet, value=cell)
    if isinstance(cell, date):
        written.number_format = "DD.MM.YYYY"
    return written
