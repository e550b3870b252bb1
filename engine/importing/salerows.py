"""One sales row of a file: its cells checked, its client looked up by code or INN, or refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from engine.importing.cells import DAYS as _DAYS
from engine.importing.cells import BadValue, day_of, inn_of, number_of, text_of, was_number
from engine.importing.filerows import FileRow, RowReader
from engine.importing.mapping import ColumnPlan
from engine.importing.readers import RawRow
from engine.importing.report import ImportReport, row_error
from engine.model.card import Field
from engine.store import Tx as Connection
from engine.store import imports

CACHE_LIMIT = 200_000


@dataclass(slots=True)
class SaleRow(FileRow):
    client_id: int | None = None
    day: date | None = None
    amount: float = 0.0
    quantity: float = 0.0
    margin: float | None = None
    product: str | None = None
    document: str | None = None
    line_no: int | None = None


class SaleReader(RowReader):
    """Turns raw rows into checked sales rows; knows the columns and the INN field.

    This is the import's hot loop (a million rows): column positions are looked up once and
    plain text cells take the short way."""

    def __init__(self, plan: ColumnPlan, inn_field: Field, report: ImportReport) -> None:
        super().__init__(plan, report)
        self.inn_field = inn_field
        self._code_numbers_told = False
        at = self.at.get
        self._code, self._inn, self._day = at("client"), at("inn"), at("day")
        self._numbers = tuple((t, at(t)) for t in ("amount", "quantity", "margin", "line"))
        self._texts = (at("product"), at("document"))
        self._plain = self._code is not None and self._inn is None and not self.unnamed

    def parse(self, raw: RawRow) -> SaleRow:
        if raw.shape is None and self._plain:
            fast = self._fast(raw.number, raw.cells)
            if fast is not None:
                return fast
        return self._careful(raw)

    def _fast(self, number: int, cells: Sequence[Any]) -> SaleRow | None:
        """The common row of a text file: a code, a date seen before, plain numbers, no INN.
        Anything else (or anything wrong) goes the careful way, which says what is wrong."""
        try:
            code = cells[self._code].strip()  # type: ignore[index]
            day = _DAYS[cells[self._day]]  # type: ignore[index]
            amount, quantity, margin, line = (_plain(cells, i) for _, i in self._numbers)
        except (KeyError, ValueError, AttributeError, TypeError):
            return None
        if not code or code[0] == "'" or amount is None or (line is not None and not line.is_integer()):
            return None
        product, document = (None if i is None else cells[i].strip() or None for i in self._texts)
        if (product or " ")[0] == "'" or (document or " ")[0] == "'":
            return None
        return SaleRow(
            number,
            [],
            code,
            None,
            None,
            day,
            amount,
            quantity or 0.0,
            margin,
            product,
            document,
            None if line is None else int(line),
        )

    def _careful(self, raw: RawRow) -> SaleRow:
        row = SaleRow(raw.number)
        if self.broken(row, raw):
            return row
        cells = raw.cells
        self.refuse_unnamed(row, cells)
        self._client(row, cells)
        self._values(row, cells)
        return row

    def _client(self, row: SaleRow, cells: Sequence[Any]) -> None:
        if self._code is not None:
            code_cell = cells[self._code]
            row.code = text_of(code_cell)
            if row.code is not None and not self._code_numbers_told and was_number(code_cell):
                self._code_numbers_told = True
                self.report.warn(row_error(row.number, self.header["client"], row.code, "import.code_number"))
        if self._inn is not None:
            self._inn_of(row, cells[self._inn])
        elif row.code is None:
            row.refuse(self.header["client"], "", "import.no_client_ref")

    def _inn_of(self, row: SaleRow, cell: Any) -> None:
        inn, trouble = inn_of(cell, self.inn_field)
        shown = text_of(cell)
        if trouble == "import.inn_zero":
            self.report.warn(row_error(row.number, self.header["inn"], shown, trouble, inn=inn))
        elif trouble is not None:
            row.refuse(self.header["inn"], shown, trouble, label=self.header["inn"], value=shown)
        row.inn = inn
        if row.code is None and inn is None and trouble is None:
            row.refuse(self.header.get("client") or self.header["inn"], "", "import.no_client_ref")

    def _values(self, row: SaleRow, cells: Sequence[Any]) -> None:
        day = cells[self._day]  # type: ignore[index]  # a sales import always has a date column
        try:
            row.day = day_of(day)
        except BadValue:
            row.refuse(self.header["day"], text_of(day), "import.not_a_date")
        amount, quantity, margin, line = (self._number(row, cells, t, i) for t, i in self._numbers)
        if amount is None and not any(e.column == self.header["amount"] for e in row.errors):
            row.refuse(self.header["amount"], "", "import.amount_missing")
        row.amount, row.quantity, row.margin = amount or 0.0, quantity or 0.0, margin
        product, document = (None if i is None else cells[i] for i in self._texts)
        row.product, row.document = text_of(product), text_of(document)
        if line is not None and not line.is_integer():
            row.refuse(self.header["line"], line, "import.not_an_integer")
        row.line_no = int(line) if line is not None and line.is_integer() else None

    def _number(self, row: SaleRow, cells: Sequence[Any], target: str, index: int | None) -> float | None:
        if index is None:
            return None
        cell = cells[index]
        if cell is None or (type(cell) is str and not cell.strip()):
            return None
        try:
            return number_of(cell)
        except BadValue:
            row.refuse(self.header[target], text_of(cell), "import.not_a_number")
            return None

    def resolve(self, conn: Connection, rows: Sequence[SaleRow], cache: dict[str, int]) -> None:
        """Each row's client by code, else by INN; unknown, ambiguous or contradicting ones refused."""
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        cache.update(
            imports.by_code(conn, {r.code for r in rows if r.code is not None and r.code not in cache})
        )
        inns = {r.inn for r in rows if r.inn is not None}
        by_inn = imports.by_key(conn, self.inn_field.id, inns) if inns else {}
        for row in rows:
            if not row.errors:
                self._client_of(row, cache, by_inn)

    def _client_of(self, row: SaleRow, codes: Mapping[str, int], inns: Mapping[str, list[int]]) -> None:
        by_code = codes.get(row.code) if row.code is not None else None
        if row.code is not None and by_code is None:
            row.refuse(self.header["client"], row.code, "import.unknown_client_code", code=row.code or "")
            return
        matches = inns.get(row.inn, []) if row.inn is not None else []
        if row.inn is not None and by_code is None and not matches:
            row.refuse(self.header["inn"], row.inn, "import.unknown_client_inn", inn=row.inn)
        elif by_code is not None and matches and by_code not in matches:
            ids = ", ".join(f"#{i}" for i in matches)
            row.refuse(self.header["inn"], row.inn, "import.client_mismatch", code=row.code, a=by_code, b=ids)
        elif by_code is None and len(matches) > 1:
            ids = ", ".join(f"#{i}" for i in matches)
            row.refuse(self.header["inn"], row.inn, "import.inn_ambiguous", inn=row.inn, ids=ids)
        else:
            row.client_id = by_code if by_code is not None else matches[0]


def _plain(cells: Sequence[Any], index: int | None) -> float | None:
    """A plain decimal written as text («1234,5», «-7»), or None for an empty cell; raises
    ValueError for anything else (which the careful way then explains)."""
    if index is None:
        return None
    text = cells[index]
    if not text.strip():
        return None
    value = float(text.replace(",", ".") if "." not in text else text)
    if value - value != 0 or "_" in text:
        raise ValueError(text)
    return value
