"""Regulation versions kept in the database: every version that wrote, with its files; the one
published last is in force for every process sharing the database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from engine.store.tables import VERSIONS

_LATEST_PUBLISHED = (
    select(VERSIONS)
    .where(VERSIONS.c.published_at.is_not(None))
    .order_by(VERSIONS.c.published_at.desc(), VERSIONS.c.id.desc())
    .limit(1)
)


def latest_published(conn: Connection) -> Any:
    """The row of the version published last, or None when nothing was ever published."""
    return conn.execute(_LATEST_PUBLISHED).first()


def latest_published_tag(conn: Connection) -> str | None:
    value = conn.execute(_LATEST_PUBLISHED.with_only_columns(VERSIONS.c.tag)).scalar()
    return str(value) if value is not None else None


def known(conn: Connection, tag: str) -> bool:
    return conn.execute(select(VERSIONS.c.id).where(VERSIONS.c.tag == tag)).first() is not None


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


def mark_published(conn: Connection, tag: str, at: datetime, actor: str) -> None:
    conn.execute(update(VERSIONS).where(VERSIONS.c.tag == tag).values(published_at=at, published_by=actor))
