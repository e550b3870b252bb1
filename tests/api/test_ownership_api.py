"""Ownership over HTTP: a hand-over refused without its note, then dealt by the rules; the
hand-over report, a manager away and deactivated, the compliance list and its dry run."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Server

STEP = {"action": "Позвонить", "due_date": "2026-11-25"}


def _lead(http: Any) -> int:
    body = {"card": {"company_name": "ООО «Лид»", "phone": "+7 912 345-67-80"}, "owner": "tm1"}
    made = http.post("/v1/clients", json=body)
    assert made.status_code == 201, made.text
    client = int(made.json()["id"])
    moved = http.post(
        f"/v1/clients/{client}/moves",
        json={"trigger": "qualify", "card": {"contact_person": "Анна"}, "next_step": STEP},
        headers={"If-Match": "*"},
    )
    assert moved.status_code == 200, moved.text
    return client


def test_ownership_over_http(server: Server) -> None:
    with server.client("admin") as http:
        for login in ("tm1", "tm2"):
            added = http.post("/v1/managers", json={"login": login, "name": login, "role": "telemarketer"})
            assert added.status_code == 201, added.text
    with server.client("head") as http:
        client = _lead(http)
        card = {"annual_purchase_volume": 7000000, "contact_role": "buyer", "industry": "retail"}
        body: dict[str, Any] = {"trigger": "start_needs", "card": card, "next_step": STEP}
        refused = http.post(f"/v1/clients/{client}/moves", json=body, headers={"If-Match": "*"})
        assert refused.status_code == 409, refused.text
        assert [r["code"] for r in refused.json()["reasons"]] == ["handover_note"]
        assert http.get(f"/v1/clients/{client}").json()["owner"] == "tm1"

        body["note"] = "Ждут КП до пятницы"
        moved = http.post(f"/v1/clients/{client}/moves", json=body, headers={"If-Match": "*"})
        assert moved.status_code == 200, moved.text
        assigned = moved.json()["assigned"]
        assert assigned["manager"] in ("ivanov", "petrov") and assigned["previous"] == "tm1"
        assert (assigned["rule"], assigned["role"], assigned["handover"]) == (
            "stage:needs",
            "sales_manager",
            True,
        )
        last = http.get(f"/v1/clients/{client}/history").json()[-1]
        assert last["kind"] == "owner" and last["data"]["note"] == "Ждут КП до пятницы"

        report = http.get("/v1/handovers").json()
        assert [(d["department"], d["handed"], d["open"]) for d in report["departments"]] == [
            ("telemarketer", 1, 1)
        ]
        assert [m["manager"] for m in report["managers"]] == ["tm1"]

        away = http.put("/v1/managers/tm2/away", json={"from": "2026-11-01", "until": "2026-11-30"})
        assert away.status_code == 200 and away.json()["away_until"] == "2026-11-30", away.text
        wrong = http.put("/v1/managers/tm2/away", json={"from": "2026-11-30", "until": "2026-11-01"})
        assert wrong.status_code == 422, wrong.text

        second = int(
            http.post(
                "/v1/clients",
                json={"card": {"company_name": "Б", "phone": "+7 912 345-67-81"}, "owner": "tm1"},
            ).json()["id"]
        )
        gone = http.post("/v1/managers/tm1/deactivate")
        assert gone.status_code == 200, gone.text
        # tm2 is away and tm1 inactive: the new lead has nobody to go to and keeps its owner
        assert gone.json()["stranded"] == [second] and gone.json()["reassigned"] == {}
        listed = http.get("/v1/ownership").json()
        assert [(m["client"], m["owner"], m["owner_active"], m["wanted_role"]) for m in listed] == [
            (second, "tm1", False, "telemarketer")
        ]
        dry = http.post("/v1/ownership/apply", json={"apply": False}).json()
        assert dry["applied"] is False and dry["stranded"] >= 1

        back = http.put("/v1/managers/tm2/away", json={})
        assert back.status_code == 200 and back.json()["away_from"] is None
        applied = http.post("/v1/ownership/apply", json={"apply": True}).json()
        assert applied["applied"] and applied["reassigned"] >= 1
        assert http.get(f"/v1/clients/{second}").json()["owner"] == "tm2"
