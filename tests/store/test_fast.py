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


TOKENS = [  # (hash, role, manager login, whether it names a living manager, revoked)
    ("h-admin", "admin", None, False, False),
    ("h-anna", "manager", "anna", True, False),
    ("h-gone", "manager", "boris", False, False),  # its manager's login now belongs to another
    ("h-revoked", "manager", "anna", True, True),
]


def test_the_requests_reads_are_as_through_sqlalchemy(db_url: str) -> None:
    """Every request's reads on the driver (the token, the tag in force) give SQLAlchemy's rows."""
    from engine.store import managers, versions
    from engine.store.tables import STATE

    db = Database(db_url)
    migrate.ensure_ready(db)
    with db.write() as conn:
        anna = managers.add(conn, login="anna", name="Анна", role="manager", timezone=None, at=AT)
        boris = managers.add(conn, login="boris2", name="Борис", role="manager", timezone=None, at=AT)
        for token_hash, role, login, alive, revoked in TOKENS:
            values = {"name": token_hash, "token_hash": token_hash, "role": role, "created_at": AT}
            values |= {"manager": login, "manager_id": (anna if alive else boris) if login else None}
            values |= {"revoked_at": AT if revoked else None}
            managers.add_token(conn, values)
        for token_hash, *_ in [*TOKENS, ("h-none",)]:
            params = {"token_hash": token_hash}
            by_sqlalchemy = [dict(r) for r in conn.execute(managers._LIVE_TOKEN, params).mappings()]
            assert fast.rows(conn, managers._LIVE_TOKEN, params) == by_sqlalchemy
            found = managers.live_token(conn, token_hash)
            assert (found and vars(found)) == (by_sqlalchemy[0] if by_sqlalchemy else None)
        assert [managers.live_token(conn, h[0]) is not None for h in TOKENS] == [True, True, False, False]
        assert managers.live_token(conn, "h-anna").created_at == AT
        for tag in (None, "v1"):
            conn.execute(STATE.update().where(STATE.c.id == 1).values(tag=tag, published_at=AT))
            by_sqlalchemy = [dict(r) for r in conn.execute(versions._STATE).mappings()]
            assert fast.rows(conn, versions._STATE, {}) == by_sqlalchemy
            assert versions.latest_published_tag(conn) == tag
    db.dispose()


def test_an_idempotency_key_claimed_completed_and_replayed_on_the_driver(db_url: str) -> None:
    from engine.store import idempotency

    db = Database(db_url)
    migrate.ensure_ready(db)
    answer = {"id": 7, "stage": "proposal", "names": ["Анна", None]}
    with db.write() as conn:
        assert idempotency.claim(conn, "k1", "anna", "d1", AT) is None
        idempotency.complete(conn, "k1", "anna", 200, answer)
        assert idempotency.claim(conn, "k1", "boris", "d1", AT) is None  # another sender's key
        params = {"f_key": "k1", "f_actor": "anna"}
        by_sqlalchemy = [dict(r) for r in conn.execute(idempotency._FIND, params).mappings()]
        assert fast.rows(conn, idempotency._FIND, params) == by_sqlalchemy
        assert (by_sqlalchemy[0]["created_at"], by_sqlalchemy[0]["response"]) == (AT, answer)
    with db.write() as conn:
        assert idempotency.claim(conn, "k1", "anna", "d1", AT) == idempotency.Replay(200, answer)
        with pytest.raises(idempotency.KeyReused):
            idempotency.claim(conn, "k1", "anna", "another request", AT)
        assert idempotency.find(conn, "k2", "anna", "d1") is None
    db.dispose()
