"""One statement for many rows, with SQLAlchemy's per-row work done once per column.

``conn.execute(insert(table), rows)`` builds every row's parameters through the compiled
statement (``construct_params``) and then each value through its type's bind processor: that
Python work costs several times the database's own insert on SQLite. :func:`execute_many`
compiles the statement once for the rows' keys, takes the same bind processors of the same
types (so every stored value is exactly the one ``conn.execute`` would store), applies them
column by column, and hands the rows to the driver's ``executemany`` in one call. Statements
that need Python-side column defaults, and drivers of named parameters, fall back to ``conn.execute``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

Processor = Callable[[Any], Any] | None


def execute_many(conn: Connection, statement: Insert, rows: Sequence[Mapping[str, Any]]) -> None:
    """Execute ``statement`` once for each row (rows of the same keys are sent together)."""
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for keys, group in groups.items():
        _execute_group(conn, statement, keys, group)


def _execute_group(
    conn: Connection, statement: Insert, keys: tuple[str, ...], rows: list[Mapping[str, Any]]
) -> None:
    dialect = conn.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    if compiled.insert_prefetch or not compiled.positional:
        conn.execute(statement, list(rows))  # defaults computed in Python, or named parameters
        return
    names = list(compiled.positiontup or ())
    processors: list[Processor] = [
        compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    columns: list[list[Any]] = []
    for name, process in zip(names, processors, strict=True):
        values = [row[name] for row in rows]
        columns.append([process(v) for v in values] if process else values)
    conn.exec_driver_sql(compiled.string, list(zip(*columns, strict=True)))
