"""The write path's statements on the driver's cursor (engine/store/fast.py) read and write what
SQLAlchemy does, and fail with SQLAlchemy's errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, text

from engine.store import Duplicate, fast, history, migrate
from engine.store import clients as store
from engine.store.database import Database
from engine.store.tables import HISTORY

_ENTRY = insert(HISTORY)
AT = datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=UTC)


def _client(conn: object) -> int:
    row = {
        "name": "Клиент «Альфа»",
        "stage": "needs",
        "stage_since": AT,
        "card": {"company_name": "Альфа", "proposal_amount": 1500.5, "tags": ["a", "я"]},
        "potential": "high",
        "timezone": "Europe/Moscow",
        "created_at": AT,
        "updated_at": AT,
        "version": 1,
        "contacts_count": 0,
        "average_sale": 12.5,
    }
    return store.insert_client(conn, row)  # type: ignore[arg-type]


def test_a_client_reads_and_writes_as_through_sqlalchemy(db_url: str) -> None:
    db = Database(db_url)
    migrate.ensure_ready(db)
    with db.write() as conn:
        client_id = _client(conn)
        by_driver = fast.rows(conn, store._LOAD, {"client_id": client_id})
        by_sqlalchemy = [dict(r) for r in conn.execute(store._LOAD, {"client_id": client_id}).mappings()]
        assert by_driver == by_sqlalchemy
        assert by_driver[0]["stage_since"] == AT and by_driver[0]["card"]["tags"] == ["a", "я"]

        later = AT.replace(hour=11)
        assert store.write(conn, client_id, 1, {"stage": "proposal", "stage_since": later}) == 2
        with pytest.raises(store.StaleWrite):  # the version moved on: nothing written
            store.write(conn, client_id, 1, {"stage": "lost"})
        loaded = store.load(conn, client_id)
        assert loaded is not None and (loaded.stage, loaded.stage_since, loaded.version) == (
            "proposal",
            later,
            2,
        )

        entries = [history.entry(client_id, later, "anna", "card", "t", data={"changes": {"x": [1, None]}})]
        history.append(conn, entries * 2)
        kept = conn.execute(text("SELECT count(*) FROM history WHERE client_id = :c"), {"c": client_id})
        assert kept.scalar_one() == 2
        assert history.of_client(conn, client_id)[0]["data"] == {"changes": {"x": [1, None]}}
    db.dispose()


def test_a_driver_error_is_sqlalchemys(db_url: str) -> None:
    db = Database(db_url)
    migrate.ensure_ready(db)
    with db.write() as conn:
        client_id = _client(conn)
        row = {"id": 10**9, "client_id": client_id, "at": AT, "actor": "a", "kind": "card"}
        row |= {"regulation": "t", "data": {}}
        fast.execute(conn, _ENTRY, row)
        savepoint = conn.begin_nested()
        with pytest.raises(Duplicate):
            fast.execute(conn, _ENTRY, row)  # the same id again
        savepoint.rollback()
        assert len(history.of_client(conn, client_id)) == 1
    db.dispose()


MOMENTS = [
    AT,
    AT.replace(microsecond=0),
    datetime(2026, 3, 29, 2, 30, tzinfo=UTC).astimezone(ZoneInfo("Europe/Moscow")),
    datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
]


def test_many_rows_read_and_write_as_through_sqlalchemy(db_url: str) -> None:
    """A batch's rows: written by one executemany (a repeated moment converted once) and read by
    one statement of many ids, each value as SQLAlchemy writes and reads it."""
    db = Database(db_url)
    migrate.ensure_ready(db)
    with db.write() as conn:
        ids = [_client(conn) for _ in MOMENTS]
        entries = [
            history.entry(c, at, "anna", "card", "t", data={"n": i})
            for i, (c, at) in enumerate(zip(ids, MOMENTS, strict=True))
        ]
        history.append(conn, entries + [history.entry(ids[0], AT, "anna", "card", "t")] * 2)
        by_sqlalchemy_rows = [
            dict(r) for r in conn.execute(HISTORY.select().order_by(HISTORY.c.id)).mappings()
        ]
        assert [r["at"] for r in by_sqlalchemy_rows] == [*MOMENTS, AT, AT]
        conn.execute(
            store._write_statement(("stage_since",)),
            [
                {"w_id": c, "w_version": 1, "w_new": 2, "w_stage_since": at}
                for c, at in zip(ids, MOMENTS, strict=True)
            ],
        )
        loaded = store.load_many(conn, [*reversed(ids), 10**9], lock=True)
        assert sorted(loaded) == sorted(ids)
        by_sqlalchemy = {
            c: store.state_of(conn.execute(store._LOAD, {"client_id": c}).mappings().one()) for c in ids
        }
        assert loaded == by_sqlalchemy
        assert [loaded[c].stage_since for c in ids] == MOMENTS
    db.dispose()
