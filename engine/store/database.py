"""Opening the database: a SQLite file by default, PostgreSQL by URL.

SQLite runs in WAL mode with foreign keys on. Write transactions start with
``BEGIN IMMEDIATE``: a second writer then waits for the first (``busy_timeout``) and reads
the committed state, instead of failing later on a stale snapshot; the version check then
tells it cleanly that it lost.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from engine import i18n
from engine.store.postgres import postgres_args, postgres_setup

DEFAULT_URL = "sqlite:///reglament.sqlite"
BUSY_TIMEOUT_MS = 15_000
POOL_SIZE = 16
"""PostgreSQL connections kept open per process; the API runs at most this many requests at once."""


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long to wait for the database, in seconds: to connect, and for one statement (a
    statement past it is cancelled and the transaction rolled back)."""

    connect: float = 5.0
    statement: float = 120.0

    @classmethod
    def from_env(cls) -> Timeouts:
        """``$REGLAMENT_DB_CONNECT_TIMEOUT`` and ``$REGLAMENT_DB_STATEMENT_TIMEOUT`` (seconds)."""
        return cls(
            _seconds("REGLAMENT_DB_CONNECT_TIMEOUT", 5.0),
            _seconds("REGLAMENT_DB_STATEMENT_TIMEOUT", 120.0),
        )


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise DatabaseError("seconds", name=name, raw=raw) from None
    if not 0 < value <= 86_400:
        raise DatabaseError("seconds_range", name=name, raw=raw)
    return value


class DatabaseError(Exception):
    """The database cannot be used; the message (a catalog code ``database.*`` with arguments)
    says why and what to do, in the reader's language at the edge (:meth:`message`)."""

    def __init__(self, code: str, /, **args: object) -> None:
        self.code = code
        self.args_ = args
        super().__init__(i18n.tr(f"database.{code}", "en", **args))

    def message(self, lang: str) -> str:
        return i18n.tr(f"database.{self.code}", lang, **self.args_)


def database_url(value: str | None = None) -> str:
    """The URL to use: ``value``, else ``$REGLAMENT_DB``, else ``reglament.sqlite`` here.
    A bare file path means a SQLite file; ``postgresql://`` means psycopg 3."""
    raw = value or os.environ.get("REGLAMENT_DB") or DEFAULT_URL
    if "://" not in raw:
        raw = "sqlite:///" + str(Path(raw).expanduser())
    if raw.startswith(("postgresql://", "postgres://")):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    try:
        parsed = make_url(raw)
    except ArgumentError as err:
        raise DatabaseError("not_url", value=value, detail=err) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql") or parsed.get_driver_name() not in (
        "pysqlite",
        "psycopg",
    ):
        raise DatabaseError("unknown_kind", url=parsed.render_as_string(hide_password=True))
    return raw


class Database:
    """One database: an engine and transactions that say whether they write."""

    def __init__(
        self, url: str | None = None, timeouts: Timeouts | None = None, **engine_options: Any
    ) -> None:
        self.url = database_url(url)
        self.timeouts = timeouts or Timeouts.from_env()
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if not parsed.database or parsed.database == ":memory:":
                raise DatabaseError("memory")
            self.engine = create_engine(
                self.url,
                connect_args={"timeout": min(BUSY_TIMEOUT_MS / 1000, self.timeouts.statement)},
                hide_parameters=True,
                **engine_options,
            )
            _sqlite_setup(self.engine, self.timeouts.statement)
        else:
            # A steady pool as large as the server's worker threads: connections beyond the pool
            # would be opened and closed per request, and PostgreSQL forks a process for each.
            options = {
                "pool_size": POOL_SIZE,
                "max_overflow": 4,
                "pool_timeout": self.timeouts.connect,
                "connect_args": postgres_args(self.timeouts),
                "hide_parameters": True,  # no card contents or token hashes in errors and logs
                **engine_options,
            }
            self.engine = create_engine(self.url, **options)
            postgres_setup(self.engine)
        self._writer = self.engine.execution_options(reglament_write=True)
        """The same engine and pool, its connections marked as writing (SQLite: ``BEGIN IMMEDIATE``)."""

    @property
    def path(self) -> Path | None:
        return Path(make_url(self.url).database or "") if self.is_sqlite else None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed at the end, rolled back on any error."""
        with self._writer.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dispose()

    def describe(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _sqlite_setup(engine: Engine, statement_timeout: float) -> None:
    busy_ms = int(min(BUSY_TIMEOUT_MS, statement_timeout * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, emits BEGIN
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            "synchronous=NORMAL",
            f"busy_timeout={busy_ms}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()
        # Unicode-aware lower case for searches (SQLite's own lower() knows only ASCII).
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)
        _stop_long_statements(dbapi_connection, statement_timeout)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("reglament_write", False)
        statement = "BEGIN IMMEDIATE" if immediate else "BEGIN"
        try:  # on the driver's connection: every write starts here, SQLAlchemy's execution adds nothing
            conn.connection.dbapi_connection.execute(statement)  # type: ignore[union-attr]
        except sqlite3.Error as err:  # busy past the time-out: the same error as any statement's
            raise DBAPIError.instance(statement, (), err, sqlite3.Error, hide_parameters=True) from err


def _stop_long_statements(dbapi_connection: Any, seconds: float) -> None:
    """Interrupt a statement that runs longer than ``seconds`` (SQLite has no statement time-out
    of its own): the progress handler is asked every 100,000 virtual-machine steps."""
    started: list[float] = [0.0]

    def check() -> int:
        if not started[0]:
            started[0] = time.monotonic()
        return 1 if time.monotonic() - started[0] > seconds else 0

    def reset(*_args: Any) -> None:
        started[0] = 0.0

    dbapi_connection.set_progress_handler(check, 100_000)
    dbapi_connection.set_trace_callback(reset)


def ping(db: Database) -> None:
    """Raise :class:`DatabaseError` with a readable reason when the database is unreachable or
    the file is not a database at all."""
    from sqlalchemy.exc import DatabaseError as DriverError
    from sqlalchemy.exc import OperationalError

    try:
        with db.read() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as err:
        raise DatabaseError("cannot_open", db=db.describe(), detail=str(err.orig).strip()) from None
    except DriverError as err:
        if db.is_sqlite:
            raise DatabaseError("not_sqlite", path=db.path) from None
        raise DatabaseError("cannot_use", db=db.describe(), detail=str(err.orig).strip()) from None
