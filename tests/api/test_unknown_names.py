"""A name the regulation does not have (a trigger, contact kind or result, stage) is bad input:
422 invalid-input naming what is known and the closest one, not a 409 refusal with a clause."""

from __future__ import annotations

import pytest

from tests.api.conftest import Server, new_client


@pytest.mark.parametrize(
    ("path", "body", "code", "says"),
    [
        ("moves", {"trigger": "qualifyy"}, "names.unknown.trigger", "(did you mean «Start qualification»?)"),
        (
            "contacts",
            {"kind": "cal", "result": "reached"},
            "names.unknown.contact_kind",
            "(did you mean «Call»?)",
        ),
        ("contacts", {"kind": "call", "result": "nope"}, "names.unknown.contact_result", "results: “"),
    ],
)
def test_an_unknown_name_in_a_write_is_invalid_input(
    server: Server, path: str, body: dict[str, str], code: str, says: str
) -> None:
    with server.client() as http:
        client = new_client(http)
        answer = http.post(f"/v1/clients/{client['id']}/{path}", json=body, headers={"If-Match": "*"})
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["code"] == code and says in error["message"], error
    assert "clause" not in answer.text


def test_an_unknown_stage_filter_offers_the_closest(server: Server) -> None:
    with server.client(lang="ru") as http:
        answer = http.get("/v1/clients", params={"stage": "квалификацыя"})
    assert answer.status_code == 422
    assert "(может быть, «Квалификация»?)" in answer.json()["errors"][0]["message"]
