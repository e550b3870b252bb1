"""The schema: created on first use, upgraded from an earlier version with its data kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from engine.cli import main
from engine.service import clients
from engine.service.workspace import Workspace
from engine.store import idempotency, migrate
from engine.store.database import Database, DatabaseError
from tests.answers import seen


def test_a_new_database_gets_the_newest_schema(empty_url: str) -> None:
    with Database(empty_url) as db:
        migrate.ensure_ready(db)
        assert migrate.current(db) == migrate.head()


def test_a_database_of_the_previous_version_upgrades_and_keeps_its_data(
    empty_url: str,
    regulation,
    request: pytest.FixtureRequest,  # type: ignore[no-untyped-def]
) -> None:
    def request_cleanup(db: Database) -> None:
        request.addfinalizer(db.dispose)

    db = Database(empty_url)
    request_cleanup(db)
    migrate.upgrade(db, "0001")
    with db.write() as conn:  # what version 0001 wrote
        conn.execute(
            text(
                "INSERT INTO client (name, stage, stage_since, card, timezone, created_at, updated_at, "
                "version, contacts_count) VALUES ('Старый', 'qualification', :t, :card, 'Europe/Moscow', "
                ":t, :t, 3, 2)"
            ),
            {"t": "2025-05-01 10:00:00", "card": '{"company_name": "Старый", "phone": "+79120001122"}'},
        )
        conn.execute(
            text(
                "INSERT INTO history (client_id, at, actor, kind, regulation, data) "
                "VALUES (1, :t, 'old', 'created', '2025.1', '{}')"
            ),
            {"t": "2025-05-01 10:00:00"},
        )
    with pytest.raises(DatabaseError, match="reglament db upgrade"):
        migrate.ensure_ready(db)
    assert main(["db", "upgrade", "--db", empty_url]) == 0
    assert migrate.current(db) == migrate.head()
    ws = Workspace(regulation, db)
    view = seen(clients.show(ws, 1))
    assert view["name"] == "Старый" and view["stage"]["id"] == "qualification" and view["version"] == 3
    assert view["segment"] is None
    assert [r["actor"] for r in clients.client_history(ws, 1)] == ["old"]
    assert main(["db", "status", "--db", empty_url]) == 0


def test_a_database_of_a_newer_version_is_refused(empty_url: str) -> None:
    with Database(empty_url) as db:
        migrate.ensure_ready(db)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(DatabaseError, match="newer Reglament"):
            migrate.ensure_ready(db)


def test_a_foreign_database_is_not_touched(empty_url: str) -> None:
    with Database(empty_url) as db:
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE invoices (id INTEGER)"))
        with pytest.raises(DatabaseError, match="no Reglament schema"):
            migrate.ensure_ready(db)


def test_stored_idempotency_keys_survive_the_move_to_keys_per_sender(
    empty_url: str, request: pytest.FixtureRequest
) -> None:
    db = Database(empty_url)
    request.addfinalizer(db.dispose)
    migrate.upgrade(db, "0003")
    with db.write() as conn:  # a key stored by version 0003
        conn.execute(
            text(
                "INSERT INTO command (key, actor, request_hash, status_code, response, created_at) "
                "VALUES ('k-1', 'crm', 'h1', 200, :answer, :t)"
            ),
            {"answer": '{"client": {"id": 7}}', "t": "2026-11-01 10:00:00"},
        )
    migrate.upgrade(db)
    moment = datetime(2026, 11, 24, tzinfo=UTC)
    with db.write() as conn:
        replay = idempotency.claim(conn, "k-1", "crm", "h1", moment)
        assert replay is not None and replay.response == {"client": {"id": 7}}
        assert idempotency.claim(conn, "k-1", "cli", "h2", moment) is None  # another sender's own key
        with pytest.raises(idempotency.KeyReused):
            idempotency.claim(conn, "k-1", "crm", "h3", moment)
