"""/v1/events and /v1/webhooks over HTTP: the feed in order, resumable, filtered by type and by
role, a long poll, a pruned cursor said clearly; subscriptions, replay and the delivery log."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from engine.api import openapi_document
from engine.service import feed
from engine.service.events import TYPES
from tests.api.conftest import Server, new_client


def test_the_feed_is_ordered_resumable_and_filtered_by_type(server: Server) -> None:
    with server.client("head") as http:
        first = new_client(http)
        http.patch(f"/v1/clients/{first['id']}", json={"card": {"city": "Пермь"}}, headers={"If-Match": "*"})
        page = http.get("/v1/events", params={"limit": 1}).json()
        assert [e["type"] for e in page["events"]] == ["client.created"]
        rest = http.get("/v1/events", params={"after": page["next"]}).json()
        assert [e["type"] for e in rest["events"]] == ["client.card_changed"]
        assert rest["events"][0]["data"]["changes"] == {"city": [None, "Пермь"]}
        assert rest["events"][0]["client_version"] == 2
        only = http.get("/v1/events", params={"types": "client.card_changed,client.moved"}).json()
        assert [e["type"] for e in only["events"]] == ["client.card_changed"]
        unknown = http.get("/v1/events", params={"types": "client.deleted"})
    assert unknown.status_code == 422 and "client.deleted" in unknown.text


def test_a_managers_token_sees_its_own_clients_events_only(server: Server) -> None:
    with server.client("head") as http:
        mine = http.post(
            "/v1/clients",
            json={"card": {"company_name": "ООО «Моё»", "phone": "+7 912 000-00-01"}, "owner": "ivanov"},
        ).json()
        http.post(
            "/v1/clients",
            json={"card": {"company_name": "ООО «Чужое»", "phone": "+7 912 000-00-02"}, "owner": "petrov"},
        )
    with server.client("manager") as http:
        seen = http.get("/v1/events").json()["events"]
    with server.client("head") as http:
        everything = http.get("/v1/events").json()["events"]
    assert {e["client_id"] for e in seen} == {mine["id"]}
    assert len(everything) == 2 and "Чужое" not in str(seen)


def test_a_long_poll_answers_when_an_event_arrives(server: Server) -> None:
    with server.client("head") as http:
        start = http.get("/v1/events").json()["next"]

        def later() -> None:
            time.sleep(0.8)
            with server.client("head") as other:
                new_client(other)

        threading.Thread(target=later).start()
        began = time.monotonic()
        page = http.get("/v1/events", params={"after": start, "wait": 10}).json()
        waited = time.monotonic() - began
        assert [e["type"] for e in page["events"]] == ["client.created"]
        assert 0.5 < waited < 8
        began = time.monotonic()
        empty = http.get("/v1/events", params={"after": page["next"], "wait": 1}).json()
    assert empty == {"events": [], "next": page["next"]} and time.monotonic() - began >= 0.9


def test_a_pruned_cursor_is_answered_410_with_what_to_do(server: Server) -> None:
    with server.client("head") as http:
        new_client(http)
        new_client(http)
        cursor = http.get("/v1/events", params={"limit": 1}).json()["next"]
        api = server.app.state.api
        pruned = feed.prune(api.db, timedelta(days=30), api.clock() + timedelta(days=31))
        gone = http.get("/v1/events", params={"after": cursor})
        restart = http.get("/v1/events", params={"after": 0})
    assert pruned == 2
    assert gone.status_code == 410 and gone.json()["type"].endswith("/cursor-too-old")
    assert "after=0" in gone.json()["detail"]
    assert restart.status_code == 200


def test_webhooks_are_administered_replayed_and_logged(server: Server) -> None:
    with server.client("admin") as http:
        made = http.post(
            "/v1/webhooks", json={"url": "https://crm.example/hooks", "types": ["client.created"]}
        )
        assert made.status_code == 201, made.text
        secret, hook = made.json()["secret"], made.json()["subscription"]
        assert secret.startswith("whsec_") and hook["state"] == "active" and "secret" not in hook
        listed = http.get("/v1/webhooks").json()
        assert [h["id"] for h in listed] == [hook["id"]] and "whsec_" not in str(listed)
        new_client(http)
        event = http.get("/v1/events").json()["events"][0]["id"]
        paused = http.post(f"/v1/webhooks/{hook['id']}/pause").json()
        replayed = http.post(f"/v1/webhooks/{hook['id']}/replay", json={"event": event}).json()
        nothing = http.post(f"/v1/webhooks/{hook['id']}/replay", json={})
        bad = http.post("/v1/webhooks", json={"url": "ftp://crm.example/hooks"})
        log = http.get(f"/v1/webhooks/{hook['id']}/deliveries").json()
        missing = http.get("/v1/webhooks/999")
        assert http.delete(f"/v1/webhooks/{hook['id']}").status_code == 204
    assert paused["state"] == "paused" and replayed == {"replayed": 1} and log == []
    assert nothing.status_code == 422 and bad.status_code == 422 and "https://" in bad.text
    assert missing.status_code == 404


def test_the_openapi_document_gives_every_event_type_its_payload_schema() -> None:
    document = openapi_document()
    schemas = document["components"]["schemas"]
    page = schemas["EventPage"]["properties"]["events"]["items"]
    named = {s["$ref"].rsplit("/", 1)[1] for s in page["oneOf"]}
    for kind in TYPES:
        name = "Event" + "".join(p.title() for p in kind.replace(".", "_").split("_"))
        assert name in named, kind
        assert schemas[name]["properties"]["type"]["const"] == kind
        assert "data" in schemas[name]["required"]
