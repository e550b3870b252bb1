"""Regulation versions kept in the database: every version that wrote, with its files; the one
published last is in force for every process sharing the database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from engine.store import fast
from engine.store.alias_tables import STAGE_ALIAS
from engine.store.tables import PUBLICATIONS, STATE, VERSIONS

_STATE = select(STATE.c.tag, STATE.c.published_at, STATE.c.published_by).where(STATE.c.id == 1)


def latest_published(conn: Connection) -> Any:
    """The regulation in force (tag, published_at, published_by), or None when nothing was
    ever published and the folder rules."""
    row = conn.execute(_STATE).first()
    return row if row is not None and row.tag is not None else None


def latest_published_tag(conn: Connection) -> str | None:
    """The tag in force, or None (read on every API request: on the driver)."""
    found = fast.rows(conn, _STATE, {})
    return str(found[0]["tag"]) if found and found[0]["tag"] is not None else None


_STATE_SHARED = _STATE.with_for_update(key_share=True)


def in_force_for_write(conn: Connection) -> str | None:
    """The tag in force, read under a shared lock held until the transaction ends: publishing
    waits for this write, and a write that starts while a publish runs sees the new tag.
    (SQLite write transactions already exclude each other.)"""
    statement = _STATE if conn.dialect.name == "sqlite" else _STATE_SHARED
    rows = fast.rows(conn, statement, {})
    return str(rows[0]["tag"]) if rows and rows[0]["tag"] is not None else None


def lock_for_publish(conn: Connection) -> None:
    """Wait for the writes in flight and keep new ones out until this transaction ends."""
    if conn.dialect.name != "sqlite":
        conn.execute(_STATE.with_for_update())


def set_in_force(conn: Connection, tag: str, at: datetime, actor: str) -> None:
    conn.execute(update(STATE).where(STATE.c.id == 1).values(tag=tag, published_at=at, published_by=actor))
    conn.execute(update(VERSIONS).where(VERSIONS.c.tag == tag).values(published_at=at, published_by=actor))


_KNOWN = select(VERSIONS.c.id).where(VERSIONS.c.tag == bindparam("tag"))


def known(conn: Connection, tag: str) -> bool:
    return conn.execute(_KNOWN, {"tag": tag}).first() is not None


def files_of(conn: Connection, tag: str) -> dict[str, str] | None:
    stored = conn.execute(select(VERSIONS.c.files).where(VERSIONS.c.tag == tag)).scalar()
    return dict(stored) if stored is not None else None


def record(conn: Connection, values: Mapping[str, Any]) -> None:
    """Keep a version (``tag`` unique); a row already there (another process) wins quietly."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(
        dialect.insert(VERSIONS).values(**values).on_conflict_do_nothing(index_elements=[VERSIONS.c.tag])
    )


def last_publication(conn: Connection) -> datetime | None:
    value = conn.execute(select(func.max(VERSIONS.c.published_at))).scalar()
    return value if isinstance(value, datetime) else None


def add_publication(conn: Connection, values: Mapping[str, Any]) -> int:
    """Number a publication (tag, previous, published_at, published_by, note, rollback_of,
    forced, scenarios)."""
    inserted = conn.execute(insert(PUBLICATIONS).values(**values).returning(PUBLICATIONS.c.id)).scalar_one()
    return int(inserted)


_PUBLICATION = select(
    PUBLICATIONS.c.id,
    PUBLICATIONS.c.tag,
    PUBLICATIONS.c.previous,
    PUBLICATIONS.c.published_at,
    PUBLICATIONS.c.published_by,
    PUBLICATIONS.c.note,
    PUBLICATIONS.c.rollback_of,
    PUBLICATIONS.c.forced,
    VERSIONS.c.regulation,
    VERSIONS.c.version,
    VERSIONS.c.digest,
).join(VERSIONS, VERSIONS.c.tag == PUBLICATIONS.c.tag)


def publications(conn: Connection, limit: int = 1000) -> list[Any]:
    """The publications, newest first."""
    return list(conn.execute(_PUBLICATION.order_by(PUBLICATIONS.c.id.desc()).limit(limit)))


def publication(conn: Connection, number: int) -> Any:
    """Publication ``number`` with its version's files, or None."""
    return conn.execute(_PUBLICATION.add_columns(VERSIONS.c.files).where(PUBLICATIONS.c.id == number)).first()


def publication_of_tag(conn: Connection, tag: str) -> Any:
    """The last publication of the version ``tag`` (with its files), or None."""
    statement = _PUBLICATION.add_columns(VERSIONS.c.files).where(PUBLICATIONS.c.tag == tag)
    return conn.execute(statement.order_by(PUBLICATIONS.c.id.desc()).limit(1)).first()


def scenarios_in_force(conn: Connection) -> dict[str, str]:
    """The scenario files (name → YAML) the last publication ran; none before any."""
    statement = select(PUBLICATIONS.c.scenarios).order_by(PUBLICATIONS.c.id.desc()).limit(1)
    stored = conn.execute(statement).scalar()
    return dict(stored) if stored else {}


def stage_aliases(conn: Connection) -> dict[str, str]:
    """Old stage id → the stage of the regulation in force it became (published maps)."""
    return {str(r.old): str(r.new) for r in conn.execute(select(STAGE_ALIAS.c.old, STAGE_ALIAS.c.new))}


def set_stage_aliases(conn: Connection, aliases: Mapping[str, str]) -> None:
    """Replace the stage aliases (in the publishing transaction)."""
    conn.execute(delete(STAGE_ALIAS))
    if aliases:
        conn.execute(insert(STAGE_ALIAS), [{"old": k, "new": v} for k, v in sorted(aliases.items())])
