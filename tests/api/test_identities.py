"""Identities are ids, names are labels: a deleted manager's token dies with the manager, two
tokens that share a name never share idempotency keys, an admin token named like a manager does
not write as that manager, the last admin token cannot be revoked, and a unique value another
manager's client holds reveals nothing about that client."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text

from engine.service import listing, tokens
from tests.api.conftest import Server, new_client

CARD = {"company_name": "ООО «Общее»", "phone": "+7 912 000-00-07"}


def bearer(server: Server, token: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def issue(server: Server, name: str, role: str, manager: str | None = None) -> str:
    api = server.app.state.api
    return tokens.issue(api.db, name, role, manager, api.clock())


def test_a_deleted_managers_token_dies_and_does_not_pass_to_a_namesake(server: Server) -> None:
    api = server.app.state.api
    listing.add_manager(api.folder, "sidorov", "Сидор Сидоров", "sales_manager")
    old = issue(server, "sidorov-phone", "manager", "sidorov")
    with bearer(server, old) as http:
        assert http.get("/v1/clients").status_code == 200
    with api.db.write() as conn:
        conn.execute(text("DELETE FROM manager WHERE login = 'sidorov'"))
    with bearer(server, old) as http:
        assert http.get("/v1/clients").status_code == 401
    listing.add_manager(api.folder, "sidorov", "Другой Сидоров", "sales_manager")
    with bearer(server, old) as http:
        for path in ("/v1/clients", "/v1/calls", "/v1/regulation"):
            assert http.get(path).status_code == 401, path


def test_two_tokens_with_one_name_never_share_keys(server: Server) -> None:
    first, second = issue(server, "crm", "head"), issue(server, "crm", "head")
    answers = []
    for token, name in ((first, "ООО «Первое»"), (second, "ООО «Второе»")):
        with bearer(server, token) as http:
            body = {"card": {**CARD, "company_name": name}}
            answers.append(http.post("/v1/clients", json=body, headers={"Idempotency-Key": "k-1"}))
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].json()["id"] != answers[1].json()["id"]
    assert [a.json()["name"] for a in answers] == ["ООО «Первое»", "ООО «Второе»"]


def test_an_admin_token_named_like_a_manager_does_not_write_as_that_manager(server: Server) -> None:
    impostor = issue(server, "ivanov", "admin")
    with bearer(server, impostor) as http:
        client: dict[str, Any] = http.post("/v1/clients", json={"card": CARD}).json()
        history = http.get(f"/v1/clients/{client['id']}/history").json()
    assert history[0]["actor"] != "ivanov"
    assert history[0]["actor"].startswith("token:")


def test_the_last_admin_token_cannot_be_revoked(server: Server) -> None:
    with server.client("admin") as http:
        listed = http.get("/v1/tokens").json()
        admins = [t["id"] for t in listed if t["role"] == "admin" and not t["revoked"]]
        assert len(admins) == 1
        refused = http.delete(f"/v1/tokens/{admins[0]}")
        assert refused.status_code == 409, refused.text
        spare = http.post("/v1/tokens", json={"name": "spare-admin", "role": "admin"}).json()
        assert http.delete(f"/v1/tokens/{admins[0]}").status_code in (200, 204)
    with bearer(server, spare["token"]) as http:
        assert http.get("/v1/tokens").status_code == 200


def test_an_external_id_held_by_another_managers_client_reveals_nothing(server: Server) -> None:
    with server.client("head") as http:
        theirs = http.post(
            "/v1/clients", json={"card": CARD, "owner": "petrov", "external_id": "1C-00042"}
        ).json()
    with server.client("manager") as http:
        taken = http.post("/v1/clients", json={"card": CARD, "external_id": "1C-00042"})
        unknown_to_them = new_client(http)  # a client of their own, for comparison
    assert taken.status_code == 422
    assert [e["code"] for e in taken.json()["errors"]] == ["error.external_id_unavailable"]
    assert f"client {theirs['id']}" not in taken.text and "petrov" not in taken.text
    assert unknown_to_them["owner"] == "ivanov"
    with server.client("head") as http:
        told = http.post("/v1/clients", json={"card": CARD, "external_id": "1C-00042"})
    assert told.status_code == 422 and f"client {theirs['id']}" in told.text
