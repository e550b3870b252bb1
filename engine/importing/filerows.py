"""What the rows of every kind of import share: the row's number, its errors and the keys that
find its client (code, INN); the reader's view of the column plan, and the refusals every row
may meet before its own cells are read (a broken row, a value under no header)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.importing.cells import text_of
from engine.importing.mapping import ColumnPlan
from engine.importing.readers import RawRow
from engine.importing.report import ImportReport, RowError, row_error


@dataclass(slots=True)
class FileRow:
    number: int
    errors: list[RowError] = field(default_factory=list)
    code: str | None = None
    inn: str | None = None

    def refuse(self, column: str, value: object, code: str, /, **args: object) -> None:
        self.errors.append(row_error(self.number, column, value, code, **args))


class RowReader:
    """Reads the rows of a file by its column plan: where each target stands, its header, the
    columns under no header."""

    def __init__(self, plan: ColumnPlan, report: ImportReport) -> None:
        self.at = plan.index()
        self.header = {target: plan.header(target) for target in self.at}
        self.unnamed = plan.unnamed()
        self.report = report

    def broken(self, row: FileRow, raw: RawRow) -> bool:
        """Refuse a row the file itself broke (its shape: a cell count, a bad quote…); True if so."""
        if raw.shape is None:
            return False
        args = dict(raw.shape.args)
        column = args.get("column")
        header = self.report.columns[column - 1].header if isinstance(column, int) else ""
        row.refuse(header, "", f"import.shape_{raw.shape.code}", **args)
        return True

    def refuse_unnamed(self, row: FileRow, cells: Sequence[Any]) -> None:
        """Refuse the values standing in columns that have no header."""
        for index in self.unnamed:
            if index < len(cells) and text_of(cells[index]) is not None:
                row.refuse(f"#{index + 1}", cells[index], "import.unnamed_value", number=index + 1)
