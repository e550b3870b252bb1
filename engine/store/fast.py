"""The write path's hot statements run straight on the driver's cursor.

A Core statement is compiled once per dialect (and per set of columns given, for inserts) into
its SQL, the order of its parameters and the conversion of each value in and out — the same
conversions SQLAlchemy applies (aware UTC times, JSON) — so a move pays the database's work
and little else. Driver errors are raised as SQLAlchemy's (``Duplicate``, ``Unavailable``), as
through ``Connection.execute``. A statement the plan cannot serve exactly (values computed in
Python at execution, literal values rendered into parameters) runs through SQLAlchemy instead.
Plans are kept by statement, so the statements given are built once (module constants).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Time
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError

from engine.store.types import UTCDateTime

Convert = Callable[[Any], Any] | None


@dataclass(slots=True)
class Plan:
    sql: str
    names: tuple[str, ...]
    """The parameters in the driver's order (positional) or by name (named paramstyles)."""
    positional: bool
    binds: tuple[Convert, ...]
    fixed: dict[str, Any]
    """The values the statement carries itself (literals in its clauses)."""
    columns: tuple[Any, ...]
    """The selected columns (a select's), whose values come back converted."""
    results: tuple[tuple[Convert, bool], ...] | None = None
    """Their conversions, known once the driver has said its column types, and whether the
    values they give are immutable (times, dates: a value read twice is converted once)."""


_PLANS: dict[tuple[Any, str, tuple[str, ...] | None], Plan | None] = {}


def _plan(dialect: Dialect, statement: Any, keys: tuple[str, ...] | None) -> Plan | None:
    found = _PLANS.get((statement, dialect.name, keys), False)
    if found is not False:
        return found  # type: ignore[return-value]
    compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
    by_name = {name: bind for bind, name in compiled.bind_names.items()}
    plan: Plan | None = None
    odd = any(b.expanding or b.callable is not None for b in by_name.values())
    if not (odd or compiled.insert_prefetch or compiled.update_prefetch or compiled.literal_execute_params):
        positional = bool(compiled.positional)
        names = tuple(compiled.positiontup or ()) if positional else tuple(by_name)
        plan = Plan(
            compiled.string,
            names,
            positional,
            tuple(_bind(dialect, by_name[n].type) for n in names),
            {n: b.value for n, b in by_name.items() if not b.required},
            tuple(getattr(statement, "selected_columns", ())),
        )
    _PLANS[(statement, dialect.name, keys)] = plan
    return plan


def _bind(dialect: Dialect, kind: Any) -> Convert:
    convert: Convert = kind.dialect_impl(dialect).bind_processor(dialect)
    if convert is not None and dialect.name == "sqlite" and isinstance(kind, UTCDateTime):
        return _sqlite_utc_text(convert)
    return convert


def _sqlite_utc_text(general: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An aware time as the text SQLAlchemy writes to SQLite (UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``);
    anything else (a naive time is refused) the general way."""

    def write(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return general(value)

    return write


def _results(dialect: Dialect, plan: Plan, description: Any) -> tuple[tuple[Convert, bool], ...]:
    if plan.results is None:
        plan.results = tuple(
            _result(dialect, column.type, described[1])
            for column, described in zip(plan.columns, description, strict=True)
        )
    return plan.results


def _result(dialect: Dialect, kind: Any, described: Any) -> tuple[Convert, bool]:
    convert = kind.dialect_impl(dialect).result_processor(dialect, described)
    if convert is not None and dialect.name == "sqlite" and isinstance(kind, UTCDateTime):
        convert = _sqlite_utc(convert)
    return convert, isinstance(getattr(kind, "impl", kind), DateTime | Date | Time)


def _sqlite_utc(general: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """SQLite's aware UTC times read from the text SQLAlchemy writes (``YYYY-MM-DD HH:MM:SS`` and
    microseconds) by ``fromisoformat``; any other text the general way."""

    def read(value: Any) -> Any:
        if isinstance(value, str) and len(value) in (19, 26) and value[10] == " ":
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                return moment.replace(tzinfo=UTC)
        return general(value)

    return read


def _values(plan: Plan, params: Mapping[str, Any]) -> Any:
    if plan.fixed:
        params = {**plan.fixed, **params}
    converted = [
        params[n] if f is None else f(params[n]) for n, f in zip(plan.names, plan.binds, strict=True)
    ]
    return tuple(converted) if plan.positional else dict(zip(plan.names, converted, strict=True))


def _many_values(plan: Plan, many: Sequence[Mapping[str, Any]]) -> list[Any]:
    """:func:`_values` of many parameter sets, converted column by column; a value that is the
    very object of the row before (the batch's moment, its actor) is converted once."""
    if plan.fixed:
        many = [{**plan.fixed, **params} for params in many]
    columns = []
    for name, convert in zip(plan.names, plan.binds, strict=True):
        column = [params[name] for params in many]
        columns.append(column if convert is None else _converted(convert, column))
    if not columns:
        return [() if plan.positional else {} for _ in many]
    if plan.positional:
        return list(zip(*columns, strict=True))
    return [dict(zip(plan.names, row, strict=True)) for row in zip(*columns, strict=True)]


def _converted(convert: Callable[[Any], Any], column: list[Any]) -> list[Any]:
    out = []
    last, made = _UNSEEN, None
    for value in column:
        if value is not last:
            last, made = value, convert(value)
        out.append(made)
    return out


_UNSEEN = object()


def _cursor(conn: Connection) -> Any:
    return conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def _run(conn: Connection, plan: Plan, call: Callable[[Any], Any], params: Any) -> Any:
    cursor = _cursor(conn)
    try:
        call(cursor)
    except conn.dialect.loaded_dbapi.Error as err:
        lost = conn.dialect.is_disconnect(err, conn.connection.dbapi_connection, cursor)
        if lost:  # as SQLAlchemy does: the connection is not given back to the pool
            conn.invalidate(err)
        raise DBAPIError.instance(
            plan.sql,
            params,
            err,
            conn.dialect.loaded_dbapi.Error,
            hide_parameters=True,
            connection_invalidated=lost,
            dialect=conn.dialect,
        ) from err
    return cursor


def rows(conn: Connection, statement: Any, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a select, each as a dict by column key, values converted as SQLAlchemy would."""
    plan = _plan(conn.dialect, statement, None)
    if plan is None:
        return [dict(row) for row in conn.execute(statement, dict(params)).mappings()]
    values = _values(plan, params)
    cursor = _run(conn, plan, lambda c: c.execute(plan.sql, values), values)
    fetched = cursor.fetchall()
    results = _results(conn.dialect, plan, cursor.description)
    keys = [c.key for c in plan.columns]
    if len(fetched) < 2:  # one client, one setting: row by row
        return [
            {k: v if f is None else f(v) for k, (f, _), v in zip(keys, results, row, strict=True)}
            for row in fetched
        ]
    columns = []
    for i, (convert, immutable) in enumerate(results):
        column = [row[i] for row in fetched]
        if convert is not None:
            column = _read(convert, column) if immutable else [convert(v) for v in column]
        columns.append(column)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]


def _read(convert: Callable[[Any], Any], column: list[Any]) -> list[Any]:
    """The column converted, each distinct value once."""
    done: dict[Any, Any] = {}
    out = []
    for value in column:
        made = done.get(value, _UNSEEN)
        if made is _UNSEEN:
            made = done[value] = convert(value)
        out.append(made)
    return out


def execute(conn: Connection, statement: Any, params: Mapping[str, Any]) -> int:
    """Run an update or insert with one set of parameters; returns the rows it changed."""
    plan = _plan(conn.dialect, statement, tuple(params) if _is_insert(statement) else None)
    if plan is None:
        return int(conn.execute(statement, dict(params)).rowcount)
    values = _values(plan, params)
    return int(_run(conn, plan, lambda c: c.execute(plan.sql, values), values).rowcount)


def execute_many(conn: Connection, statement: Any, many: Sequence[Mapping[str, Any]]) -> int:
    """Run an update or insert once per parameter set (the sets share their keys); returns the
    rows changed in all."""
    if not many:
        return 0
    keys = tuple(many[0])
    plan = _plan(conn.dialect, statement, keys if _is_insert(statement) else None)
    if plan is None or any(tuple(params) != keys for params in many):
        return int(conn.execute(statement, [dict(p) for p in many]).rowcount)
    values = _many_values(plan, many)
    return int(_run(conn, plan, lambda c: c.executemany(plan.sql, values), values).rowcount)


def _is_insert(statement: Any) -> bool:
    return bool(getattr(statement, "is_insert", False))
