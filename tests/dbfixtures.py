"""Databases for tests: a fresh SQLite file per test (copied from a migrated template) and,
when TEST_DATABASE_URL is set, the same tests on PostgreSQL (schema reset per test)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.language.loader import load_regulation
from engine.service.workspace import Workspace
from engine.store import migrate
from engine.store.database import Database
from tests.paths import BUNDLED

PG_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = Database(str(path))
    migrate.ensure_ready(db)
    db.dispose()
    return path


def reset_postgres(url: str) -> None:
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    if request.param == "sqlite":
        target = tmp_path / "reglament.sqlite"
        shutil.copyfile(sqlite_template, target)
        return f"sqlite:///{target}"
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    reset_postgres(PG_URL)
    return PG_URL


class Clock:
    """A settable clock: tests decide what "now" is."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def regulation():  # type: ignore[no-untyped-def]
    return load_regulation(BUNDLED)


@pytest.fixture
def ws(db_url: str, clock: Clock, regulation) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    db = Database(db_url)
    migrate.ensure_ready(db)
    workspace = Workspace(regulation, db, clock)
    yield workspace
    workspace.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database without any schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    reset_postgres(PG_URL)
    return PG_URL
