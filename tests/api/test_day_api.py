"""The manager's day and the head's reports over HTTP, on the demo base."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from engine.api import create_app
from engine.demo import build_demo
from engine.queue import call_queue
from engine.service import listing, tokens
from tests.api.conftest import Server, serve
from tests.dbfixtures import Clock
from tests.paths import BUNDLED

ANCHOR = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def demo(db_url: str) -> Iterator[tuple[Server, str]]:
    app = create_app(db_url, BUNDLED, Clock(ANCHOR))
    api = app.state.api
    build_demo(api.folder, clients=300, seed=3, anchor=ANCHOR)
    login = next(m["login"] for m in listing.managers(api.folder) if m["role"] != "head")
    issued = {
        "manager": tokens.issue(api.db, "phone", "manager", login, ANCHOR),
        "head": tokens.issue(api.db, "head", "head", None, ANCHOR),
    }
    for url in serve(app):
        yield Server(url, app, issued), login


@pytest.mark.slow
def test_a_managers_calls_are_theirs_in_the_engines_order(demo: tuple[Server, str]) -> None:
    server, login = demo
    with server.client("manager") as http:
        mine = http.get("/v1/calls", params={"limit": 1000}).json()
        at_noon = http.get("/v1/calls", params={"at": "2026-11-23T12:00:00", "limit": 5}).json()
    with server.client("head") as http:
        asked = http.get("/v1/calls", params={"manager": login, "limit": 1000}).json()
    engine = call_queue(server.app.state.api.folder, manager=login, at=ANCHOR, limit=None)
    assert mine["total"] == engine.total > 0
    assert [r["client_id"] for r in mine["rows"]] == [int(i) for i in engine.order[:1000]]
    assert asked["rows"] == mine["rows"]
    assert {r["owner"] for r in mine["rows"]} == {login}
    assert all(r["reason"] and r["color"] for r in mine["rows"])
    assert at_noon["at"] == "2026-11-23T12:00:00+03:00"  # no offset: the regulation's time zone
    with server.client("head") as http:
        everyone = http.get("/v1/calls", params={"limit": 30}).json()
    whole = call_queue(server.app.state.api.folder, at=ANCHOR, limit=None)
    assert (everyone["total"], everyone["by_bucket"]) == (whole.total, whole.by_bucket)
    assert [r["client_id"] for r in everyone["rows"]] == [int(i) for i in whole.order[:30]]
    with server.client("head") as http:
        nobody = http.get("/v1/calls", params={"manager": "nobody"})
    assert nobody.status_code == 422
    assert nobody.json()["errors"][0]["pointer"] == "/manager"


@pytest.mark.slow
def test_segments_and_compliance(demo: tuple[Server, str]) -> None:
    server, _ = demo
    with server.client("head") as http:
        before = http.get("/v1/segments")
        run = http.post("/v1/segments", json={"at": ANCHOR.isoformat()}).json()
        last = http.get("/v1/segments").json()
        report = http.get("/v1/compliance", params={"at": ANCHOR.isoformat()}).json()
        a_client = http.get("/v1/clients", params={"segment": "AX", "limit": 1}).json()["items"][0]
    assert a_client["segment"]["policy"]["owner_role"]["id"] == "key_account_manager"
    assert before.status_code == 404 and before.json()["type"].endswith("/not-found")
    assert run["classified"] > 0
    assert sum(run["matrix"]["clients"].values()) + run["matrix"]["unclassified"] >= run["classified"]
    assert last["matrix"] == run["matrix"] and last["periods"] == run["periods"]
    totals = [sum(t["total"] for t in report[side].values()) for side in ("by_manager", "by_cell")]
    assert totals[0] == totals[1] > 0
