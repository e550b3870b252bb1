"""ETag / If-Match on every client write, and Idempotency-Key retries that never apply twice."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Server, new_client

STEP = {"action": "Перезвонить", "due_date": "2026-11-26"}
WRITES = [
    ("PATCH", "", {"card": {"city": "Пермь"}}),
    ("POST", "/moves", {"trigger": "qualify", "card": {"contact_person": "Пётр"}, "next_step": STEP}),
    ("POST", "/contacts", {"kind": "call", "result": "reached", "next_step": STEP}),
]


def history(http: httpx.Client, client_id: int) -> list[str]:
    return [h["kind"] for h in http.get(f"/v1/clients/{client_id}/history").json()]


@pytest.mark.parametrize(("method", "tail", "body"), WRITES, ids=[w[0] + w[1] for w in WRITES])
def test_writes_need_if_match(server: Server, method: str, tail: str, body: dict[str, object]) -> None:
    with server.client("manager") as http:
        client = new_client(http)
        url = f"/v1/clients/{client['id']}{tail}"
        missing = http.request(method, url, json=body)
        malformed = http.request(method, url, json=body, headers={"If-Match": "version seven"})
        stale = http.request(method, url, json=body, headers={"If-Match": '"7"'})
        assert history(http, client["id"]) == ["created"], "a refused precondition writes nothing"
        fresh = http.request(method, url, json=body, headers={"If-Match": f'"{client["version"]}"'})
        again = http.request(method, url, json=body, headers={"If-Match": f'"{client["version"]}"'})
    assert missing.status_code == 428
    assert missing.json()["type"].endswith("/precondition-required")
    assert malformed.status_code == 400, "not an ETag at all: the request is malformed"
    assert stale.status_code == 412
    assert stale.json()["current_version"] == client["version"]
    assert stale.headers["ETag"] == f'"{client["version"]}"'
    assert fresh.status_code in (200, 201), fresh.text
    assert fresh.headers["ETag"] == f'"{client["version"] + 1}"'
    assert again.status_code == 412, "the same ETag is stale after the write"


def test_if_match_star_overwrites_any_version(server: Server) -> None:
    with server.client("manager") as http:
        client = new_client(http)
        answer = http.patch(
            f"/v1/clients/{client['id']}", json={"card": {"city": "Пермь"}}, headers={"If-Match": "*"}
        )
    assert answer.status_code == 200
    assert answer.json()["changed"] == ["city"]


def test_a_retried_contact_is_recorded_once(server: Server) -> None:
    body = {"kind": "call", "result": "reached", "comment": "договорились", "next_step": STEP}
    with server.client("manager") as http:
        client = new_client(http)
        headers = {"If-Match": f'"{client["version"]}"', "Idempotency-Key": "7b1e-contact"}
        first = http.post(f"/v1/clients/{client['id']}/contacts", json=body, headers=headers)
        retry = http.post(f"/v1/clients/{client['id']}/contacts", json=body, headers=headers)
        after = http.get(f"/v1/clients/{client['id']}").json()
        kinds = history(http, client["id"])
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert after["contacts_count"] == 1
    assert kinds.count("contact") == 1


def test_a_retried_move_fires_once(server: Server) -> None:
    body = {"trigger": "qualify", "card": {"contact_person": "Пётр"}, "next_step": STEP}
    with server.client("manager") as http:
        client = new_client(http)
        headers = {"If-Match": f'"{client["version"]}"', "Idempotency-Key": "move-1"}
        first = http.post(f"/v1/clients/{client['id']}/moves", json=body, headers=headers)
        retry = http.post(f"/v1/clients/{client['id']}/moves", json=body, headers=headers)
        kinds = history(http, client["id"])
    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert retry.headers["ETag"] == first.headers["ETag"]
    assert kinds.count("transition") == 1


def test_a_retried_create_makes_one_client(server: Server) -> None:
    body = {"card": {"company_name": "ООО «Один»", "phone": "+7 912 000-00-09"}}
    with server.client("manager") as http:
        first = http.post("/v1/clients", json=body, headers={"Idempotency-Key": "create-1"})
        retry = http.post("/v1/clients", json=body, headers={"Idempotency-Key": "create-1"})
        listed = http.get("/v1/clients").json()["items"]
    assert first.json()["id"] == retry.json()["id"]
    assert [c["name"] for c in listed] == ["ООО «Один»"]


def test_each_token_has_its_own_keys(server: Server) -> None:
    made = {}
    for role in ("manager", "head"):
        body = {"card": {"company_name": f"ООО «{role}»", "phone": "+7 912 000-00-10"}}
        with server.client(role) as http:
            made[role] = http.post("/v1/clients", json=body, headers={"Idempotency-Key": "1"})
    assert made["manager"].status_code == made["head"].status_code == 201
    assert made["manager"].json()["id"] != made["head"].json()["id"]


def test_a_key_reused_with_another_body_is_refused(server: Server) -> None:
    with server.client("manager") as http:
        client = new_client(http)
        headers = {"If-Match": "*", "Idempotency-Key": "k-1"}
        first = http.post(
            f"/v1/clients/{client['id']}/contacts",
            json={"kind": "call", "result": "no_answer", "next_step": STEP},
            headers=headers,
        )
        other = http.post(
            f"/v1/clients/{client['id']}/contacts",
            json={"kind": "letter", "result": "sent", "next_step": STEP},
            headers=headers,
        )
        kinds = history(http, client["id"])
    assert first.status_code == 201
    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert kinds.count("contact") == 1


def test_a_refused_move_keeps_its_key_free(server: Server) -> None:
    """A refusal changed nothing: retrying the same key after fixing the card applies the move."""
    with server.client("manager") as http:
        client = new_client(http)
        headers = {"If-Match": "*", "Idempotency-Key": "move-after-fix"}
        body = {"trigger": "qualify", "next_step": STEP}
        refused = http.post(f"/v1/clients/{client['id']}/moves", json=body, headers=headers)
        http.patch(
            f"/v1/clients/{client['id']}",
            json={"card": {"contact_person": "Пётр"}},
            headers={"If-Match": "*"},
        )
        moved = http.post(f"/v1/clients/{client['id']}/moves", json=body, headers=headers)
    assert refused.status_code == 409
    assert moved.status_code == 200


def test_a_head_hands_a_client_to_another_manager(server: Server) -> None:
    with server.client("manager") as http:
        client = new_client(http)
    url = f"/v1/clients/{client['id']}/owner"
    with server.client("head") as http:
        assert http.put(url, json={"owner": "petrov"}).status_code == 428
        unknown = http.put(url, json={"owner": "sidorov"}, headers={"If-Match": '"1"'})
        done = http.put(url, json={"owner": "petrov"}, headers={"If-Match": '"1"'})
        stale = http.put(url, json={"owner": "ivanov"}, headers={"If-Match": '"1"'})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["pointer"] == "/owner"
    assert done.status_code == 200 and done.json()["changed"] and done.headers["ETag"] == '"2"'
    assert stale.status_code == 412
    with server.client("manager") as http:
        assert http.get(f"/v1/clients/{client['id']}").status_code == 404  # no longer ivanov's
    with server.client("other") as http:
        assert http.get(f"/v1/clients/{client['id']}").json()["owner"] == "petrov"
        kinds = history(http, client["id"])
    assert kinds[-1] == "owner"
