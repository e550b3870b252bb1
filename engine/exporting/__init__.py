"""Exports back to 1C and Excel: clients, sales, the call list and ABC-XYZ classes as CSV or XLSX.

Every export is a table (:mod:`engine.exporting.tables`) read from the database in chunks and
written as it is read (:mod:`engine.exporting.writers`). A clients or sales export imports
back without changing anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import IO

from engine.exporting.tables import KINDS, ExportTable, calls_table, classes_table, clients_table, sales_table
from engine.exporting.writers import ENCODINGS, FORMATS, MEDIA, ExportError, write
from engine.service.workspace import Workspace


def table(
    ws: Workspace, kind: str, lang: str, *, manager: str | None = None, at: datetime | None = None
) -> ExportTable:
    if kind == "clients":
        return clients_table(ws, lang)
    if kind == "sales":
        return sales_table(ws, lang)
    if kind == "classes":
        return classes_table(ws, lang)
    if kind == "calls":
        return calls_table(ws, lang, manager=manager, at=at)
    raise ExportError("unknown_kind", kind=kind, known=", ".join(KINDS))


def export(
    ws: Workspace,
    kind: str,
    stream: IO[bytes],
    *,
    fmt: str = "csv",
    encoding: str = "utf-8",
    lang: str = "ru",
    manager: str | None = None,
    at: datetime | None = None,
) -> int:
    """Write the export to ``stream``; returns its number of data rows."""
    if fmt not in FORMATS:
        raise ExportError("unknown_format", format=fmt)
    if encoding not in ENCODINGS:
        raise ExportError("unknown_encoding", encoding=encoding)
    rows = table(ws, kind, lang, manager=manager, at=at)
    try:
        return write(rows, fmt, encoding, stream)
    finally:
        close = getattr(rows.rows, "close", None)
        if close is not None:
            close()  # a refused export leaves its read transaction now, not when collected


__all__ = ["ENCODINGS", "FORMATS", "KINDS", "MEDIA", "ExportError", "export", "table"]
