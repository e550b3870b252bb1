"""The statements an import runs: one connection for its staging and its write, client look-ups.

An import reads and checks the file into temporary tables of its own connection (other
writers are not held up), then applies everything in one write transaction on the same
connection. A killed import leaves nothing: temporary tables vanish with the connection and
the write is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.engine import Connection

from engine.store.database import Database
from engine.store.tables import CLIENT, MANAGER, TASK

CACHE_KIB = {"main": 32 * 1024, "temp": 16 * 1024}
"""SQLite page caches while importing: bounded, and large enough for the index work."""
CHUNK = 900
"""Values per IN (…) list: below every database's limit of bound parameters."""

KEY_MAP = Table(
    "client_key_map",
    MetaData(),
    Column("field", String, nullable=False),
    Column("value", String, nullable=False),
    Column("client_id", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)


@contextmanager
def session(db: Database) -> Iterator[Connection]:
    """One connection for the whole import; transactions are begun by :func:`reading` and
    :func:`writing`."""
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # the staging table and the sales indexes outgrow SQLite's 2 MB page cache
            for schema in ("main", "temp"):
                conn.exec_driver_sql(f"PRAGMA {schema}.cache_size = -{CACHE_KIB[schema]}")
            conn.commit()
        try:
            yield conn
        finally:
            if sqlite and not conn.closed and not conn.invalidated:
                conn.rollback()
                for schema in ("main", "temp"):
                    conn.exec_driver_sql(f"PRAGMA {schema}.cache_size = -2000")
                conn.commit()


@contextmanager
def reading(conn: Connection) -> Iterator[Connection]:
    with conn.begin():
        yield conn


@contextmanager
def writing(conn: Connection, keep: Callable[[], bool]) -> Iterator[Connection]:
    """A write transaction (``BEGIN IMMEDIATE`` on SQLite), committed at the end if ``keep()``."""
    conn.execution_options(reglament_write=True)
    try:
        transaction = conn.begin()
        try:
            yield conn
        except BaseException:
            transaction.rollback()
            raise
        if keep():
            transaction.commit()
        else:
            transaction.rollback()
    finally:
        conn.execution_options(reglament_write=False)


def map_keys(conn: Connection, fields: Sequence[str]) -> None:
    """A temporary map from each of the card ``fields`` (INN, a declared key) to its clients:
    one scan of the client table, then indexed look-ups however large the file."""
    KEY_MAP.drop(conn, checkfirst=True)
    KEY_MAP.create(conn)
    for field in fields:
        value = CLIENT.c.card[field].as_string()
        source = select(_literal(field), value, CLIENT.c.id).where(value.is_not(None))
        conn.execute(insert(KEY_MAP).from_select(["field", "value", "client_id"], source))
    conn.exec_driver_sql("CREATE INDEX client_key_map_value ON client_key_map (field, value)")


def _literal(text: str) -> Any:
    from sqlalchemy import literal

    return literal(text, String)


def by_key(conn: Connection, field: str, values: Iterable[str]) -> dict[str, list[int]]:
    """value → every client with it in ``field`` (several when the base holds duplicates)."""
    found: dict[str, list[int]] = {}
    wanted = sorted(set(values))
    for start in range(0, len(wanted), CHUNK):
        query = select(KEY_MAP.c.value, KEY_MAP.c.client_id).where(
            KEY_MAP.c.field == field, KEY_MAP.c.value.in_(wanted[start : start + CHUNK])
        )
        for value, client_id in conn.execute(query):
            found.setdefault(value, []).append(int(client_id))
    return found


def by_code(conn: Connection, codes: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    wanted = sorted(set(codes))
    for start in range(0, len(wanted), CHUNK):
        query = select(CLIENT.c.external_id, CLIENT.c.id).where(
            CLIENT.c.external_id.in_(wanted[start : start + CHUNK])
        )
        found.update((str(code), int(i)) for code, i in conn.execute(query))
    return found


def managers(conn: Connection) -> dict[str, int]:
    return {str(login): int(i) for login, i in conn.execute(select(MANAGER.c.login, MANAGER.c.id))}


def insert_clients(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = insert(CLIENT).returning(CLIENT.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(statement, list(rows)).scalars().all()]


def insert_tasks(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        conn.execute(insert(TASK), list(rows))
