"""Values are bounded before they are parsed (#10 point 2): a number written as text is limited in
length and exponent before it is read, every card value keeps its type's limits on every path,
and the OpenAPI document says the limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.api import openapi_document
from engine.cli import main
from tests.api.conftest import Server, new_client

HUGE = ["1e999999", "1e1000000", "-1e1000000", "9" * 5000, "1e16"]


@pytest.mark.parametrize("typed", HUGE)
def test_a_patch_with_a_huge_number_is_invalid_input(server: Server, typed: str) -> None:
    with server.client("manager") as http:
        client = new_client(http)
        answer = http.patch(
            f"/v1/clients/{client['id']}", json={"card": {"expected_deal": typed}}, headers={"If-Match": "*"}
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["type"].endswith("invalid-input")
        assert len(answer.text) < 4000, "the refusal does not echo the whole input"
        history = http.get(f"/v1/clients/{client['id']}/history").json()
    assert "expected_deal" not in json.dumps(history)


def test_a_created_client_keeps_the_limits_too(server: Server) -> None:
    with server.client("manager") as http:
        answer = http.post(
            "/v1/clients",
            json={
                "card": {
                    "company_name": "ООО «Ромашка»",
                    "phone": "+79123456789",
                    "expected_deal": "1e999999",
                }
            },
        )
        assert answer.status_code == 422, answer.text
        fine = new_client(http, expected_deal="12 000 ₽")
    assert fine["card"]["expected_deal"] == "12000"


def test_the_openapi_document_states_the_limits() -> None:
    schemas = openapi_document()["components"]["schemas"]
    values = schemas["CardPatch"]["properties"]["card"]["additionalProperties"]
    text = next(v for v in values["anyOf"] if v.get("type") == "string")
    assert text["maxLength"] == 10_000
    assert "percent" in values["description"] and "1000000000000000" in values["description"]


def test_the_cli_refuses_a_huge_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite")
    code = main(
        ["client", "add", "company_name=Ромашка", "phone=+79123456789", "expected_deal=1e999999", "--db", db]
    )
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "1e999999" in err
    assert main(["client", "add", "company_name=Ромашка", "phone=+79123456789", "--db", db]) == 0
    capsys.readouterr()
    code = main(["client", "set", "1", "expected_deal=1e1000000", "--db", db, "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "is not a number" in err
