"""The call queue's columns, read in chunks: numbers into float64 arrays, texts into object
arrays, a chunk at a time, so a million clients never exist as a million row objects at once.

Rows come straight from the driver's cursor (SQLite: one statement per chunk, after the last
client number read; PostgreSQL: a server-side cursor), with no SQLAlchemy row objects; the
column expressions are :mod:`engine.store.columns`'. The owner arrives as the manager's id and
is named from the one small manager table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Float, Integer, and_, case, cast, func, literal, not_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.util import ClauseAdapter

from engine.model.card import FieldType
from engine.model.condition import Condition
from engine.store.columns import BASE, card_column, is_number
from engine.store.queue_sql import Facts, Setting, is_numeric
from engine.store.queue_where import where
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
        filters.append(CLIENT.c.owner_id == _owner_id(owner))
    if stages is not None:
        filters.append(CLIENT.c.stage.in_(list(stages)))
    if except_stages:
        filters.append(CLIENT.c.stage.not_in(list(except_stages)))
    if ids is not None:
        filters.append(CLIENT.c.id.in_(list(ids)))
    if filters:
        statement = statement.where(and_(*filters))
    logins = Logins(_logins(conn) if "owner" in base else {})
    pages = _pages(conn, statement, chunk) if dialect == "sqlite" else _streamed(conn, statement, chunk)
    for rows in pages:
        yield _arrays(rows, names, numeric, logins)


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


def _logins(conn: Connection) -> dict[int, str]:
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


@dataclass(slots=True)
class Picked:
    """The queue as the database made it: clients per bucket, and the first rows in call order
    (client number, bucket, owner's login)."""

    counts: dict[int, int]
    rows: list[tuple[int, int, str | None]]


def pick(
    conn: Connection,
    setting: Setting,
    rules: Rules,
    limit: int,
    *,
    owner: str | None = None,
    except_stages: Iterable[str] = (),
) -> Picked | None:
    """The buckets and the order computed in the database: one pass counts the clients of each
    bucket, a second orders only the buckets the first ``limit`` rows come from (a top-N sort).
    None when some fact or field has no SQL expression (the queue then reads columns)."""
    dialect = conn.dialect.name
    facts = Facts(setting, dialect)
    bucket = _bucket(facts, rules, len(rules.buckets))
    if bucket is None or any(facts.get(k) is None for _, sort in rules.buckets for k, _ in sort):
        return None
    filters = [CLIENT.c.stage.not_in(list(except_stages))] if except_stages else []
    if owner is not None:
        filters.append(CLIENT.c.owner_id == _owner_id(owner))
    inner = select(bucket.label("b")).where(*filters).subquery()
    counted = conn.execute(select(inner.c.b, func.count()).group_by(inner.c.b)).all()
    counts = {int(b): int(n) for b, n in counted if b is not None}
    needed, total = 0, 0
    while needed < len(rules.buckets) and total < limit:
        total += counts.get(needed, 0)
        needed += 1
    if total == 0:
        return Picked(counts, [])
    narrow = _bucket(facts, rules, needed)
    assert narrow is not None
    inner = select(*CLIENT.c, narrow.label("b")).where(*filters).offset(0).subquery()  # b: once a row
    adapt = ClauseAdapter(inner).traverse
    keys = [adapt(k) for k in _keys(facts, rules, needed, inner.c.b)]
    top = select(inner.c.id, inner.c.b, inner.c.owner_id).where(inner.c.b.is_not(None))
    found = conn.execute(top.order_by(inner.c.b, *keys, inner.c.id).limit(limit)).all()
    logins = _logins(conn) if found else {}
    return Picked(counts, [(int(i), int(b), logins.get(o) if o is not None else None) for i, b, o in found])


@dataclass(frozen=True, slots=True)
class Rules:
    """The priorities in the terms of the database: the scope, each bucket's condition and sort
    keys (fact or field, descending), and each name's type."""

    scope: Condition | None
    buckets: list[tuple[Condition | None, list[tuple[str, bool]]]]
    kinds: Mapping[str, FieldType]


def _bucket(facts: Facts, rules: Rules, upto: int) -> Any:
    """The first of the first ``upto`` buckets whose condition holds, in scope (NULL: none)."""

    def lookup(name: str) -> tuple[Any, bool] | None:
        made = facts.get(name)
        return None if made is None else (made, is_numeric(name, facts.s.card))

    now, dialect = facts.s.now, facts.dialect
    scope = where(rules.scope, lookup, rules.kinds, now, dialect)
    whens = [where(when, lookup, rules.kinds, now, dialect) for when, _ in rules.buckets[:upto]]
    if scope is None or any(w is None for w in whens):
        return None
    branches = [
        (not_(scope), literal(None, Integer)),
        *((w, literal(i, Integer)) for i, w in enumerate(whens)),
    ]
    return case(*branches, else_=literal(None, Integer))


def _keys(facts: Facts, rules: Rules, upto: int, bucket: Any) -> list[Any]:
    """Per sort key position: empty values last, then the value (negated when descending), each
    the key of the row's own bucket (positions a bucket does not use: 0)."""
    depth = max((len(sort) for _, sort in rules.buckets[:upto]), default=0)
    keys = []
    for position in range(depth):
        values, empties = [], []
        for index, (_, sort) in enumerate(rules.buckets[:upto]):
            if position < len(sort):
                name, descending = sort[position]
                value = cast(facts.must(name), Float)
                values.append((bucket == index, -value if descending else value))
                empties.append((bucket == index, case((value.is_(None), 1), else_=0)))
        keys += [case(*empties, else_=0), case(*values, else_=literal(0.0, Float))]
    return keys


def zones(conn: Connection, owner: str | None = None) -> list[str]:
    """The time zones of the clients (of one manager)."""
    statement = select(CLIENT.c.timezone).group_by(CLIENT.c.timezone)
    if owner is not None:
        statement = statement.where(CLIENT.c.owner_id == _owner_id(owner))
    return [str(z) for (z,) in conn.execute(statement)]


def _owner_id(login: str) -> Any:
    return select(MANAGER.c.id).where(MANAGER.c.login == login).scalar_subquery()
