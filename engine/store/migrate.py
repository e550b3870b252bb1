"""Schema migrations with Alembic, run programmatically on a :class:`Database`.

A new, empty database is created at the newest revision on first use; a database made by an
earlier version must be upgraded explicitly (``reglament db upgrade``), so that several
servers sharing one PostgreSQL database never change its schema behind each other's back.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from engine.store.database import Database, DatabaseError, ping

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def _revisions() -> list[str]:
    """Every revision this version knows, oldest first."""
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(_config()).walk_revisions()))]


def current(db: Database) -> str | None:
    ping(db)
    with db.read() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade to ``revision``; returns (before, after)."""
    known = _revisions()
    if revision != "head" and revision not in known:
        raise DatabaseError("no_revision", revision=revision, known=", ".join(known))
    before = current(db)
    config = _config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    return before, current(db)


def ensure_ready(db: Database) -> None:
    """Create the schema of an empty database; refuse one that is behind or ahead."""
    revision = current(db)
    newest = head()
    if revision == newest:
        return
    if revision is None:
        with db.read() as conn:
            tables = inspect(conn).get_table_names()
        if tables:
            raise DatabaseError("foreign_tables", db=db.describe())
        upgrade(db)
        return
    if revision not in _revisions():
        raise DatabaseError("newer_schema", db=db.describe(), revision=revision)
    raise DatabaseError("old_schema", db=db.describe(), revision=revision, newest=newest)
