"""A PostgreSQL connection the server ended (a restart, an administrator) is replaced before the
next request uses it: no request fails for it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from engine.api import create_app
from engine.store.database import Database
from tests.api.conftest import Server, serve, staffed
from tests.dbfixtures import PG_URL, Clock, reset_postgres
from tests.paths import BUNDLED

NAME = "reglament-reconnect-test"
OTHERS = "datname = current_database() AND application_name = :name"


@pytest.fixture
def on_postgres() -> Iterator[Server]:
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    reset_postgres(PG_URL)
    named = (
        make_url(PG_URL).update_query_dict({"application_name": NAME}).render_as_string(hide_password=False)
    )
    app = create_app(named, BUNDLED, Clock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    issued = staffed(app)
    for base in serve(app):
        yield Server(base, app, issued)


def _end_the_apis_connections() -> set[int]:
    """End the API's connections (by their application name); return when they are gone."""
    admin = Database(PG_URL)
    at = {"name": NAME}
    try:
        with admin.engine.connect() as conn:
            ended = {
                int(p)
                for p in conn.execute(text(f"SELECT pid FROM pg_stat_activity WHERE {OTHERS}"), at).scalars()
            }
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM unnest(:ended) AS pid"), {"ended": sorted(ended)}
            )
            conn.commit()
            deadline = time.monotonic() + 20
            alive = text("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(:ended)")
            while conn.execute(alive, {"ended": sorted(ended)}).scalar_one():
                assert time.monotonic() < deadline, "the connections were not ended"
                conn.commit()  # a transaction sees one snapshot of pg_stat_activity: take a new one
                time.sleep(0.05)
    finally:
        admin.dispose()
    return ended


def _status(server: Server, path: str) -> int:
    with server.client("admin") as http:
        return http.get(path).status_code


@pytest.mark.postgres
def test_requests_after_the_servers_connections_ended_succeed(on_postgres: Server) -> None:
    server = on_postgres
    with server.client("admin") as http:
        created = http.post(
            "/v1/clients", json={"card": {"company_name": "Альфа", "phone": "+7 912 345-67-89"}}
        )
        assert created.status_code == 201, created.text
        client_id = created.json()["id"]
    with ThreadPoolExecutor(4) as pool:  # several pooled connections, each then ended
        list(pool.map(lambda _: _status(server, "/v1/clients"), range(12)))
    assert _end_the_apis_connections(), "the API kept no connection open"
    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(lambda _: _status(server, f"/v1/clients/{client_id}"), range(12)))
    assert codes == [200] * 12
    with server.client("admin") as http:
        assert (
            http.post(
                "/v1/clients", json={"card": {"company_name": "Бета", "phone": "+7 912 345-67-80"}}
            ).status_code
            == 201
        )
