"""Temporary staging tables: rows a command loads in bulk before the database merges them in
one statement (an import's sales lines, an ABC-XYZ run's classes). A staging table is private to
its connection and gone when the connection closes; it is loaded through the driver's own bulk
path — ``executemany`` on SQLite, ``COPY`` on PostgreSQL — with no SQLAlchemy row objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, MetaData, Table
from sqlalchemy.engine import Connection


def temporary(name: str, *columns: Column[Any]) -> Table:
    """The declaration of a staging table (created per connection by :func:`fresh`)."""
    return Table(name, MetaData(), *columns, prefixes=["TEMPORARY"])


def fresh(conn: Connection, table: Table, *, shared: bool = False) -> None:
    """An empty staging table on this connection (one left by an earlier command is dropped).
    ``shared``: on PostgreSQL an ``UNLOGGED`` table instead, in the server's shared buffers (a
    temporary one has only the session's few megabytes of its own, and a large one goes to and
    from disk); the caller drops it before its transaction commits, so no other transaction
    ever sees it — a second one creating it waits for the first to end."""
    if shared and conn.dialect.name == "postgresql":
        table = Table(table.name, MetaData(), *(c._copy() for c in table.columns), prefixes=["UNLOGGED"])
    table.drop(conn, checkfirst=True)
    table.create(conn)


def load(
    conn: Connection, table: Table, names: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]]
) -> None:
    """Rows (values in the order of ``names``), a batch at a time, into the staging table."""
    columns = ", ".join(f'"{n}"' for n in names)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn.dialect.name == "sqlite":
            marks = ", ".join(["?"] * len(names))
            for rows in batches:
                cursor.executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", rows)
        else:
            with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                for rows in batches:
                    for row in rows:
                        copy.write_row(row)
    finally:
        cursor.close()
