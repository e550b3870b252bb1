"""An ABC-XYZ run's classes written back set-based: the classes go into a staging table (the
driver's bulk path; on PostgreSQL an ``UNLOGGED`` one, in shared buffers, dropped before the
commit), one join with the clients marks those whose cell changes and keeps their old cell, and
the database does the rest in a few statements over the whole set — the clients whose class is
removed, one ``INSERT … SELECT`` for the history of every change (and one for its events), one
``UPDATE … FROM`` for the clients. Nothing is written row by row, and nothing of the old
classes travels to Python."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Integer,
    String,
    and_,
    case,
    exists,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from engine.store import staging
from engine.store.event_tables import EVENT
from engine.store.outbox import EVENT_BODY
from engine.store.tables import CLIENT, HISTORY

KIND = "segment"
STAGING = staging.temporary(
    "segment_staging",
    Column("t_id", Integer, primary_key=True, autoincrement=False),
    Column("t_abc", String),
    Column("t_xyz", String),
    Column("t_average", Float),
    Column("t_from", String),  # the old cell, and
    Column("t_changed", Boolean),  # whether the cell changes: set by stage()
)
_LOADED = ["t_id", "t_abc", "t_xyz", "t_average"]
_CHUNK = 50_000
_CACHE_KIB = 32 * 1024
"""Each of SQLite's two page caches during a run (16 times the default; the peak RSS stays
under 300 MB at 10 million sales lines)."""
_HISTORY_COLUMNS = ["client_id", "at", "actor", "kind", "regulation", "data"]
_EVENT_COLUMNS = [c.name for c in EVENT_BODY]


@contextmanager
def roomy(conn: Connection) -> Iterator[None]:
    """On SQLite, page caches (the database's and the staging table's) that hold the run's
    changed pages until the commit — none written to the log half-way and again at the end —
    for the block, the connection's own sizes after it. Durability is the same: the commit
    writes as before."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    pragmas = ("main.cache_size", "temp.cache_size")
    before = [(p, raw.execute(f"PRAGMA {p}").fetchone()[0]) for p in pragmas]
    for pragma in pragmas:
        raw.execute(f"PRAGMA {pragma} = {-_CACHE_KIB}")
    try:
        yield
    finally:
        for pragma, value in before:
            raw.execute(f"PRAGMA {pragma} = {int(value)}")


def stage(
    conn: Connection, ids: npt.NDArray[np.int64], abc: npt.NDArray[Any], xyz: npt.NDArray[Any], average: Any
) -> int:
    """Stage the new classes, and a removal for every client classified before that has none
    now; returns how many clients lose their class."""
    staging.fresh(conn, STAGING, shared=True)
    staging.load(conn, STAGING, _LOADED, _chunks(ids, abc, xyz, average))
    classified = CLIENT.c.abc.is_not(None) | CLIENT.c.xyz.is_not(None)
    gone = select(CLIENT.c.id).where(classified, ~exists().where(STAGING.c.t_id == CLIENT.c.id))
    conn.execute(insert(STAGING).from_select(["t_id"], gone))
    _mark(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE segment_staging"))  # a new table has no statistics yet
    staged = conn.execute(select(func.count()).select_from(STAGING)).scalar_one()
    return int(staged) - len(ids)


def _chunks(*columns: Any) -> Iterator[list[tuple[Any, ...]]]:
    """Rows of the columns (numpy arrays), a slice at a time: few Python objects alive."""
    for start in range(0, len(columns[0]), _CHUNK):
        yield list(zip(*(np.asarray(c[start : start + _CHUNK]).tolist() for c in columns), strict=True))


def _mark(conn: Connection) -> None:
    """Each staged client whose cell changes, with its old cell (the one join with the clients:
    what follows reads the staging table alone)."""
    s, c = STAGING, CLIENT
    changed = or_(c.c.abc.is_distinct_from(s.c.t_abc), c.c.xyz.is_distinct_from(s.c.t_xyz))
    values = {"t_from": _cell(c.c.abc, c.c.xyz), "t_changed": True}
    conn.execute(update(s).where(c.c.id == s.c.t_id, changed).values(**values))


def log_changes(conn: Connection, at: datetime, actor: str, regulation: str) -> None:
    """A ``segment`` history entry for every staged client whose cell changes (old and new
    cell, new classes), in client order."""
    s = STAGING
    data = _json(
        conn, "from", s.c.t_from, "to", _cell(s.c.t_abc, s.c.t_xyz), "abc", s.c.t_abc, "xyz", s.c.t_xyz
    )
    rows = (
        select(
            s.c.t_id,
            literal(at, HISTORY.c.at.type),
            literal(actor, String),
            literal(KIND, String),
            literal(regulation, String),
            data,
        )
        .where(s.c.t_changed.is_(True))
        .order_by(s.c.t_id)
    )
    conn.execute(insert(HISTORY).from_select(_HISTORY_COLUMNS, rows))


def apply(conn: Connection, at: datetime) -> None:
    """Every staged client gets its classes, average sale and the run's moment."""
    s = STAGING
    values = {"abc": s.c.t_abc, "xyz": s.c.t_xyz, "average_sale": s.c.t_average, "segment_at": at}
    conn.execute(update(CLIENT).where(CLIENT.c.id == s.c.t_id).values(**values))


def changed() -> Any:
    """The query of the staged clients whose cell changes (until :func:`drop`)."""
    return select(STAGING.c.t_id).where(STAGING.c.t_changed.is_(True))


def count(conn: Connection, query: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def announce(conn: Connection, last_id: int, event_type: str) -> None:
    """The event of each ``segment`` entry written after ``last_id`` (its data without the
    empty members, the client's version), in one statement, in the entries' order."""
    h = HISTORY
    data = (
        func.jsonb_strip_nulls(h.c.data)
        if conn.dialect.name == "postgresql"
        else func.json_patch("{}", h.c.data)
    )
    rows = (
        select(
            literal(event_type, String),
            h.c.at,
            h.c.actor,
            h.c.regulation,
            h.c.client_id,
            CLIENT.c.version,
            data,
        )
        .select_from(h.join(CLIENT, CLIENT.c.id == h.c.client_id))
        .where(h.c.id > last_id, h.c.kind == KIND)
        .order_by(h.c.id)
    )
    conn.execute(insert(EVENT).from_select(_EVENT_COLUMNS, rows))


def drop(conn: Connection) -> None:
    STAGING.drop(conn)


def _cell(abc: Any, xyz: Any) -> Any:
    """The cell of a pair of classes: "AX", or "A" alone (no XYZ), or NULL."""
    return case((and_(abc.is_not(None), xyz.is_not(None)), abc + xyz), (abc.is_not(None), abc), else_=None)


def _json(conn: Connection, *pairs: Any) -> Any:
    build = func.jsonb_build_object if conn.dialect.name == "postgresql" else func.json_object
    return build(*(literal_column(f"'{p}'") if isinstance(p, str) else p for p in pairs))
