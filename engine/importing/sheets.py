"""Spreadsheets (XLSX, XLS, ODS) read by python-calamine, cells typed, rows one by one."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from engine.importing import sniff
from engine.importing.errors import ReadError
from engine.importing.readers import Known, Layout, RawRow, Shape, Source


class SheetSource(Source):
    def __init__(self, path: Path, sheet: str | None, known: Known) -> None:
        self.size = path.stat().st_size
        try:
            book = CalamineWorkbook.from_path(str(path))
            names = book.sheet_names
            if sheet is not None and sheet not in names:
                raise ReadError("no_sheet", sheet=sheet, known=", ".join(names))
            chosen = sheet or names[0]
            data = book.get_sheet_by_name(chosen)
        except ReadError:
            raise
        except Exception as err:  # calamine raises its own errors for broken files
            raise ReadError("not_spreadsheet", name=path.name, error=err) from None
        start = data.start
        self._first = (start[0] if start else 0) + 1
        self._total = data.height or 1
        self._iter = iter(data.iter_rows())
        self._head = list(itertools.islice(self._iter, sniff.HEADER_SEARCH))
        if not any(_filled(c) for row in self._head for c in row):
            raise ReadError("empty_sheet")
        index = sniff.header_index(self._head, known)
        self._at = index + 1
        self.header = _sheet_header(self._head[index])
        self.layout = Layout("spreadsheet", sheet=chosen, header_row=self._first + index)

    def rows(self) -> Iterator[RawRow]:
        width = len(self.header)
        head, self._head = self._head[self._at :], []
        for offset, row in enumerate(itertools.chain(head, self._iter), start=self._at):
            self._at = offset
            cells = list(row)
            if not any(_filled(c) for c in cells):
                continue
            while len(cells) > width and not _filled(cells[-1]):
                cells.pop()
            shape = (
                None if len(cells) <= width else Shape("long", (("expected", width), ("found", len(cells))))
            )
            yield RawRow(self._first + offset, cells + [None] * (width - len(cells)), shape)

    def done(self) -> float:
        return min(1.0, self._at / self._total)


def _sheet_header(row: list[Any]) -> list[str]:
    header = ["" if c is None else str(c).strip() for c in row]
    while header and not header[-1]:
        header.pop()
    return header


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""
