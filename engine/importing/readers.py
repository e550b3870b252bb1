"""Tables from files as Russian companies export them: 1C and Excel CSV, XLSX, XLS, ODS.

CSV: UTF-8 (with or without BOM) or Windows-1251 — the encoding 1C uses by default — and
``;`` (Russian Excel), ``,``, tab or ``|`` as the delimiter, detected by the standard
library's sniffer unless given. Spreadsheets are read by python-calamine, cells typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from engine.importing.errors import ReadError

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
DELIMITERS = ";,\t|"


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    """(row number as the user sees it, 1 = the header, cells)."""
    encoding: str = ""
    delimiter: str = ""


def read_table(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None
) -> Table:
    if not path.is_file():
        raise ReadError("no_file", path=path)
    if path.suffix.lower() in SPREADSHEETS:
        return _spreadsheet(path, sheet)
    return _csv(path.read_bytes(), encoding, delimiter)


def _csv(raw: bytes, encoding: str | None, delimiter: str | None) -> Table:
    text, used = _decode(raw, encoding)
    sample = text[:20_000]
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
        except csv.Error:
            delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [(number, row) for number, row in enumerate(reader, start=1)]
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ReadError("empty_file")
    (_, header), *body = rows
    return Table([h.strip() for h in header], body, used, delimiter)


def _decode(raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as err:
            raise ReadError("bad_encoding", encoding=encoding, error=err) from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1251"), "cp1251"  # every byte decodes: 1C's default for Russian


def _spreadsheet(path: Path, sheet: str | None) -> Table:
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise ReadError("no_sheet", sheet=sheet, known=", ".join(names))
        data = book.get_sheet_by_name(sheet or names[0]).to_python(skip_empty_area=False)
    except ReadError:
        raise
    except Exception as err:  # calamine raises its own errors for broken files
        raise ReadError("not_spreadsheet", name=path.name, error=err) from None
    rows = [(n, list(r)) for n, r in enumerate(data, start=1) if any(_filled(c) for c in r)]
    if not rows:
        raise ReadError("empty_sheet")
    (_, header), *body = rows
    return Table([str(h).strip() for h in header], body)


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def iter_cells(table: Table, columns: dict[str, int]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row as {target: cell} for the mapped columns."""
    for number, row in table.rows:
        yield number, {target: (row[i] if i < len(row) else None) for target, i in columns.items()}
