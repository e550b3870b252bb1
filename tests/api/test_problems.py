"""Errors are RFC 9457 problem details: a stable type, words in the reader's language, and for
bad input a JSON pointer to every wrong value."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.api.conftest import Server, new_client

MEDIA = "application/problem+json"


def problem(answer: httpx.Response, status: int, kind: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith(MEDIA)
    body: dict[str, Any] = answer.json()
    assert body["type"] == f"https://reglament.dev/problems/{kind}"
    assert body["status"] == status and body["title"] and body["instance"] == answer.request.url.path
    return body


def pointers(body: dict[str, Any]) -> dict[str, str]:
    return {e["pointer"]: e["message"] for e in body["errors"]}


def test_card_values_are_checked_with_a_pointer_to_each(server: Server) -> None:
    card = {"company_name": "ООО «Ромашка»", "phone": "не телефон", "employees": "сто", "compny": "x"}
    with server.client("manager", lang="ru") as http:
        body = problem(http.post("/v1/clients", json={"card": card}), 422, "invalid-input")
    found = pointers(body)
    assert set(found) == {"/card/phone", "/card/employees", "/card/compny"}
    assert "company" in found["/card/compny"]  # the suggestion
    assert all(found.values())


def test_the_reader_chooses_the_language(server: Server) -> None:
    answers = {}
    for lang in ("ru", "en"):
        with server.client("manager", lang=lang) as http:
            answers[lang] = http.post("/v1/clients", json={"card": {"company_name": "Ромашка"}}).json()
    assert "Телефон" in answers["ru"]["detail"]
    assert "Phone" in answers["en"]["detail"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"card": {}, "colour": "red"}, "/colour"),
        ({"card": {"company_name": "Ромашка\x00"}}, "/card/company_name"),
        ({"card": {"company_name": "\ud800"}}, "/card/company_name"),
        ({"card": {"employees": 10**20}}, "/card/employees"),
        ({"card": {}, "next_step": {"action": "Звонок", "due_date": "9999-01-01"}}, "/next_step/due_date"),
        ({"card": []}, "/card"),
    ],
    ids=["unknown-property", "nul", "lone-surrogate", "huge-number", "far-date", "wrong-type"],
)
def test_requests_outside_the_schema(server: Server, body: dict[str, Any], pointer: str) -> None:
    raw = json.dumps(body).encode()  # ASCII escapes carry the lone surrogate as JSON allows
    with server.client("manager") as http:
        answer = http.post("/v1/clients", content=raw, headers={"content-type": "application/json"})
    found = pointers(problem(answer, 400, "invalid-request"))
    assert any(p.startswith(pointer) for p in found), found


def test_a_body_that_is_not_json(server: Server) -> None:
    with server.client("manager") as http:
        answer = http.post("/v1/clients", content=b"{card:", headers={"content-type": "application/json"})
    problem(answer, 400, "invalid-request")


def test_the_external_id_is_unique(server: Server) -> None:
    with server.client("manager") as http:
        first = new_client(http, contact_person="Пётр") | {}
        http.patch(f"/v1/clients/{first['id']}", json={"card": {}}, headers={"If-Match": "*"})
        card = {"company_name": "ООО «Дубль»", "phone": "+7 912 000-00-04"}
        ok = http.post("/v1/clients", json={"card": card, "external_id": "crm-1"})
        again = http.post("/v1/clients", json={"card": card, "external_id": "crm-1"})
    assert ok.status_code == 201
    found = pointers(problem(again, 422, "invalid-input"))
    assert str(ok.json()["id"]) in found["/external_id"]


def test_unknown_client_route_and_method(server: Server) -> None:
    with server.client("head") as http:
        missing = problem(http.get("/v1/clients/999999"), 404, "not-found")
        nowhere = http.get("/v1/nowhere")
        wrong = http.delete("/v1/clients")
    assert "999999" in missing["detail"]
    problem(nowhere, 404, "not-found")
    problem(wrong, 405, "method-not-allowed")
    assert "GET" in wrong.headers["allow"]


def test_a_path_id_beyond_the_database_range(server: Server) -> None:
    with server.client("head") as http:
        problem(http.get(f"/v1/clients/{2**40}"), 400, "invalid-request")


def test_unknown_and_repeated_query_parameters(server: Server) -> None:
    with server.client("head") as http:
        misspelt = problem(http.get("/v1/clients", params={"stgae": "new"}), 400, "invalid-request")
        twice = problem(http.get("/v1/clients?stage=new&stage=lost"), 400, "invalid-request")
    assert misspelt["errors"][0]["field"] == "stgae" and "stage" in misspelt["errors"][0]["message"]
    assert twice["errors"][0]["code"] == "repeated_parameter"


def test_an_oversized_body_is_refused_before_it_is_parsed(server: Server) -> None:
    from engine.api.limits import MAX_BODY

    chunk = b" " * (1024 * 1024)
    declared = b'{"card": {"company_name": "' + b"x" * MAX_BODY + b'"}}'

    def streamed() -> Any:  # no Content-Length: the bytes are counted as they arrive
        yield b'{"card": {"company_name": "'
        for _ in range(MAX_BODY // len(chunk) + 2):
            yield chunk

    with server.client("manager") as http:
        body = problem(http.post("/v1/clients", content=declared), 413, "payload-too-large")
        assert f"{MAX_BODY:,}" in body["detail"]
        problem(http.post("/v1/clients", content=streamed()), 413, "payload-too-large")
        assert http.get("/v1/clients").status_code == 200  # the server carries on
        assert http.get("/v1/clients").json()["items"] == []
