"""A database that stops answering never hangs the API: health answers 503 within its own short
time-out, other requests 503 with Retry-After past their deadline; writes that wait for a lock
give up after the statement time-out. The log of a failing request holds no SQL values."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from engine.api import create_app
from tests.api.conftest import Server, serve, staffed
from tests.api.frozen import Proxy, proxy
from tests.dbfixtures import PG_URL, Clock, reset_postgres
from tests.paths import BUNDLED

CARD = {"company_name": "ООО «Ромашка»", "phone": "+7 912 345-67-89"}


@pytest.fixture
def behind_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Server, Proxy]]:
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    reset_postgres(PG_URL)
    url = make_url(PG_URL)
    monkeypatch.setenv("REGLAMENT_DB_CONNECT_TIMEOUT", "1")
    monkeypatch.setenv("REGLAMENT_REQUEST_TIMEOUT", "3")
    with proxy(url.host or "127.0.0.1", url.port or 5432) as gate:
        through = url.set(host="127.0.0.1", port=gate.port).render_as_string(hide_password=False)
        app = create_app(through, BUNDLED, Clock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
        issued = staffed(app)
        for base in serve(app):
            yield Server(base, app, issued), gate


@pytest.mark.postgres
def test_a_database_that_stops_answering_gets_503_not_a_hang(behind_proxy: tuple[Server, Proxy]) -> None:
    server, gate = behind_proxy
    with server.client("admin") as http:
        assert http.get("/v1/clients").status_code == 200
        gate.frozen.set()
        started = time.monotonic()
        health = httpx.get(f"{server.url}/v1/health", timeout=60)
        # the API's own limits are a few seconds; a hang would be the 60 s of the client above —
        # the bounds leave room for a busy machine
        assert health.status_code == 503 and time.monotonic() - started < 20
        started = time.monotonic()
        listed = http.get("/v1/clients")
        assert listed.status_code == 503 and time.monotonic() - started < 25
        assert listed.headers["Retry-After"]
        assert listed.headers["content-type"].startswith("application/problem+json")
        gate.frozen.clear()
    deadline = time.monotonic() + 30
    while httpx.get(f"{server.url}/v1/health", timeout=30).status_code != 200:
        assert time.monotonic() < deadline, "the API did not recover when the database came back"
        time.sleep(0.2)


def test_a_write_waiting_for_a_lock_gives_up_after_the_statement_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("REGLAMENT_DB_STATEMENT_TIMEOUT", "1")
    path = tmp_path / "busy.sqlite"
    app = create_app(f"sqlite:///{path}", BUNDLED, Clock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    issued = staffed(app)
    for base in serve(app):
        server = Server(base, app, issued)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            with caplog.at_level(logging.WARNING, logger="reglament.api"), server.client("admin") as http:
                started = time.monotonic()
                answer = http.post("/v1/clients", json={"card": CARD})
            assert answer.status_code == 503, answer.text
            assert time.monotonic() - started < 10
            assert answer.headers["Retry-After"]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "database unavailable" in logged
    for secret in ("Ромашка", "912", issued["admin"], "INSERT", "SELECT"):
        assert secret not in logged, f"the log holds {secret!r}: {logged}"
