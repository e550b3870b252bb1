"""Tables from files as Russian companies export them: 1C and Excel CSV, XLSX, XLS, ODS.

A :class:`Source` is read as a stream: rows come one at a time, so memory does not grow with
the file. Every row must have as many cells as the header; a row that does not is handed on
with its :class:`Shape` problem, and so is a quote that opened and swallowed the next lines.
CSV: see :mod:`engine.importing.sniff`; spreadsheets are read by python-calamine, cells typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from engine.importing import sniff
from engine.importing.errors import ReadError

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
csv.field_size_limit(64 * 1024 * 1024)  # a swallowed file is reported, not a crash


@dataclass(frozen=True, slots=True)
class Layout:
    """How the file was read, as detected or given."""

    kind: str
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    header_row: int = 1


@dataclass(frozen=True, slots=True)
class Shape:
    """Why a row does not fit the header: a code (``import.shape_<code>``) and its arguments."""

    code: str
    args: tuple[tuple[str, object], ...] = ()


class RawRow(NamedTuple):
    number: int
    """The row as the user sees it in an editor or Excel (the header's row counts)."""
    cells: list[Any]
    shape: Shape | None = None


Known = Callable[[str], bool]


class Source:
    """A table being read: its header, then its rows one by one."""

    layout: Layout
    header: list[str]
    size: int = 0

    def rows(self) -> Iterator[RawRow]:
        raise NotImplementedError

    def done(self) -> float:
        """How much of the file has been read, 0 to 1."""
        raise NotImplementedError


def open_table(
    path: Path,
    known: Known,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Source:
    """The table in ``path``; ``known`` tells header names the import understands."""
    if not path.is_file():
        raise ReadError("no_file", path=path)
    if path.suffix.lower() in SPREADSHEETS:
        from engine.importing.sheets import SheetSource  # the spreadsheet reader needs the types above

        return SheetSource(path, sheet, known)
    return CsvSource(path, known, encoding, delimiter)


class CsvSource(Source):
    def __init__(self, path: Path, known: Known, encoding: str | None, delimiter: str | None) -> None:
        self.path = path
        self.size = path.stat().st_size
        with path.open("rb") as stream:
            sample = stream.read(sniff.SAMPLE_BYTES)
        used = sniff.encoding_of(sample, encoding)
        text = sniff.decode_sample(sample, used)
        if not text.strip():
            raise ReadError("empty_file")
        delim = sniff.delimiter_of(text, delimiter)
        head = list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delim), sniff.HEADER_SEARCH))
        skip = sniff.header_index(head, known)
        self._skip = skip
        self._read = 0
        self._line = 0
        shown = "utf-8" if used == "utf-8-sig" else used
        self.header, header_line = self._header(skip, used, delim)
        self.layout = Layout("csv", shown, delim, header_row=header_line)
        self._encoding, self._delimiter = used, delim

    def _header(self, skip: int, encoding: str, delimiter: str) -> tuple[list[str], int]:
        for number, _, cells, _ in self._records(encoding, delimiter):
            if skip == 0:
                return [c.strip() for c in cells], number
            if any(c.strip() for c in cells):
                skip -= 1
        raise ReadError("empty_file")

    def _records(self, encoding: str, delimiter: str) -> Iterator[tuple[int, int, list[str], int | None]]:
        """(first line, last line, cells, column of a quote never closed) of every record,
        blank ones left out. The csv module reads the lines itself (it is the hot loop); a quote
        left open swallows the following lines into one record, or, at the very end, shows
        only in the file's last line, which is looked at once."""
        with self.path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
            reader = csv.reader(text, delimiter=delimiter)
            start, pending = 1, None
            try:
                for count, cells in enumerate(reader):
                    end = reader.line_num
                    if not count & 1023:
                        self._read = raw.tell()
                    if pending is not None:
                        yield pending
                    filled = bool(cells) and (bool(cells[0].strip()) or any(c.strip() for c in cells))
                    pending = (start, end, cells, None) if filled else None
                    start = end + 1
            except UnicodeDecodeError as err:
                raise ReadError(
                    "bad_encoding_at", encoding=encoding, row=reader.line_num + 1, error=err
                ) from None
            except csv.Error as err:
                raise ReadError("broken_csv", row=reader.line_num, error=err) from None
        if pending is not None:
            first, last, cells, _ = pending
            yield first, last, cells, self._last_line_open(encoding, delimiter) if first == last else None

    def _last_line_open(self, encoding: str, delimiter: str) -> int | None:
        with self.path.open("rb") as raw:
            raw.seek(max(0, self.size - 65536))
            tail = raw.read().decode(encoding, errors="replace").rstrip("\r\n")
        line = tail.rsplit("\n", 1)[-1]
        return quote_left_open(line, delimiter) if '"' in line else None

    def rows(self) -> Iterator[RawRow]:
        width = len(self.header)
        skip = self._skip + 1
        for start, end, cells, unclosed in self._records(self._encoding, self._delimiter):
            if skip:
                skip -= 1
                continue
            if end == start and unclosed is None and len(cells) == width:
                yield RawRow(start, cells)
                continue
            shape: Shape | None = None
            if unclosed is not None:
                shape = Shape("open_quote", (("column", unclosed + 1), ("last", end), ("expected", width)))
            else:
                shape = _csv_shape(cells, width, start, end, self._delimiter)
            yield RawRow(start, cells, shape)

    def done(self) -> float:
        return min(1.0, self._read / self.size) if self.size else 1.0


def quote_left_open(text: str, delimiter: str) -> int | None:
    """Scan a record as the csv module does: a quote opens a value only at its start."""
    column, quoted, at_start, i = 0, False, True, 0
    opened = 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"':
                if text[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    quoted = False
        elif char == delimiter:
            column, at_start = column + 1, True
            i += 1
            continue
        elif char == '"' and at_start:
            quoted, opened = True, column
        at_start = False
        i += 1
    return opened if quoted else None


def _csv_shape(cells: list[str], width: int, start: int, end: int, delimiter: str) -> Shape | None:
    if end > start:
        for column, cell in enumerate(cells):
            if "\n" not in cell and "\r" not in cell:
                continue
            swallowed = [line for line in cell.splitlines()[1:] if line.count(delimiter) >= max(1, width - 2)]
            if swallowed or len(cells) != width or cell.endswith(("\n", "\r")):
                return Shape("open_quote", (("column", column + 1), ("last", end), ("expected", width)))
    if len(cells) == width:
        return None
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        return None  # trailing delimiters with nothing after them
    code = "short" if len(cells) < width else "long"
    return Shape(code, (("expected", width), ("found", len(cells))))


def _limited(rows: Iterator[list[str]], n: int) -> Iterator[list[str]]:
    """The first ``n`` filled rows of a sample."""
    taken = 0
    try:
        for row in rows:
            if taken >= n:
                return
            if any(c.strip() for c in row):
                taken += 1
                yield row
    except csv.Error:
        return
