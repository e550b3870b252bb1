"""The call queue's columns, read in chunks: numbers into float64 arrays, texts into object
arrays, a chunk at a time, so a million clients never exist as a million row objects at once.

Rows come straight from the driver's cursor (SQLite: one statement per chunk, after the last
client number read; PostgreSQL: a server-side cursor), with no SQLAlchemy row objects; the
column expressions are :mod:`engine.store.columns`'. The owner arrives as the manager's id and
is named from the one small manager table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from engine.model.card import FieldType
from engine.store.columns import BASE, card_column, is_number
from engine.store.tables import CLIENT, MANAGER

CHUNK = 65_536
Columns = dict[str, npt.NDArray[Any]]


def read_chunks(
    conn: Connection,
    base: Sequence[str],
    card_fields: Mapping[str, FieldType],
    *,
    owner: str | None = None,
    stages: Iterable[str] | None = None,
    except_stages: Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
    chunk: int | None = None,
) -> Iterator[tuple[npt.NDArray[np.int64], Columns]]:
    """Client numbers and the ``base`` columns (names of :data:`BASE`) and card fields of the
    clients matching the filters, in chunks of at most ``chunk`` clients (at least one chunk,
    maybe empty), in no set order."""
    dialect = conn.dialect.name
    chunk = chunk or CHUNK
    names = [*base, *card_fields]
    numeric = [BASE[n][1] for n in base] + [is_number(k) for k in card_fields.values()]
    columns = [BASE[n][0](dialect) for n in base]
    columns += [card_column(n, k, dialect) for n, k in card_fields.items()]
    statement = select(CLIENT.c.id, *columns)
    filters = []
    if owner is not None:
        filters.append(CLIENT.c.owner_id == owner_of(owner))
    if stages is not None:
        filters.append(CLIENT.c.stage.in_(list(stages)))
    if except_stages:
        filters.append(CLIENT.c.stage.not_in(list(except_stages)))
    if ids is not None:
        filters.append(CLIENT.c.id.in_(list(ids)))
    if filters:
        statement = statement.where(and_(*filters))
    named = Logins(logins(conn) if "owner" in base else {})
    pages = _pages(conn, statement, chunk) if dialect == "sqlite" else _streamed(conn, statement, chunk)
    for rows in pages:
        yield _arrays(rows, names, numeric, named)


def _pages(conn: Connection, statement: Any, chunk: int) -> Iterator[Sequence[Any]]:
    """SQLite: one statement per chunk, the clients after the last number read, as the driver's
    own rows (no SQLAlchemy rows). Each chunk is a statement of its own, so the statement
    time-out never counts the work done between chunks; the read transaction keeps one snapshot.
    At least one chunk, maybe empty."""
    after: int | None = None
    while True:
        page = statement if after is None else statement.where(CLIENT.c.id > after)
        result = conn.execute(page.order_by(CLIENT.c.id).limit(chunk))
        try:
            rows = result.cursor.fetchall()
        finally:
            result.close()
        yield rows
        if len(rows) < chunk:
            return
        after = int(rows[-1][0])


def _streamed(conn: Connection, statement: Any, chunk: int) -> Iterator[Sequence[Any]]:
    """PostgreSQL: the rows stream through a server-side cursor (each fetch a statement of its
    own). At least one chunk, maybe empty."""
    result = conn.execute(statement.execution_options(stream_results=True, yield_per=chunk))
    try:
        seen = False
        for part in result.partitions():
            seen = True
            yield [tuple(row) for row in part]
        if not seen:
            yield []
    finally:
        result.close()


def _arrays(
    part: Sequence[Any], names: list[str], numeric: list[bool], logins: Logins
) -> tuple[npt.NDArray[np.int64], Columns]:
    """A chunk of rows as columns: numpy reads the row tuples into one record array (None
    becomes NaN in a number), whose fields are then copied out."""
    fields = [(f"c{i}", np.float64 if number else object) for i, number in enumerate(numeric)]
    layout = np.dtype([("id", np.int64), *fields])
    records = np.array(part, dtype=layout) if part else np.zeros(0, dtype=layout)
    out: Columns = {name: np.ascontiguousarray(records[f"c{i}"]) for i, name in enumerate(names)}
    if "owner" in out:
        out["owner"] = logins.named(out["owner"])
    return np.ascontiguousarray(records["id"]), out


def logins(conn: Connection) -> dict[int, str]:
    return {int(i): str(login) for i, login in conn.execute(select(MANAGER.c.id, MANAGER.c.login))}


class Logins:
    """Manager ids as logins, the look-up table made once for every chunk."""

    def __init__(self, logins: Mapping[int, str]) -> None:
        self.known = sorted(logins)
        self.table = np.array([None, *(logins[i] for i in self.known)], dtype=object)

    def named(self, ids: npt.NDArray[np.float64]) -> npt.NDArray[Any]:
        """Manager ids (NaN: nobody) as logins (None)."""
        codes = np.zeros(len(ids), dtype=np.int64)
        present = ~np.isnan(ids)
        codes[present] = np.searchsorted(self.known, ids[present]) + 1
        return self.table[codes]


def zones(conn: Connection, owner: str | None = None) -> list[str]:
    """The time zones of the clients (of one manager)."""
    statement = select(CLIENT.c.timezone).group_by(CLIENT.c.timezone)
    if owner is not None:
        statement = statement.where(CLIENT.c.owner_id == owner_of(owner))
    return [str(z) for (z,) in conn.execute(statement)]


def owner_of(login: str) -> Any:
    return select(MANAGER.c.id).where(MANAGER.c.login == login).scalar_subquery()
