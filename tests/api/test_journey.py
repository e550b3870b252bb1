"""Done-when of the API: drive a client from lead to won over HTTP, seeing every refusal reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.api.conftest import Server

JOURNEYS = sorted((Path(__file__).parent / "journeys").glob("*.yaml"))


def fire(http: httpx.Client, client: dict[str, Any], trigger: str, step: dict[str, Any]) -> httpx.Response:
    return http.post(
        f"/v1/clients/{client['id']}/moves",
        headers={"If-Match": f'"{client["version"]}"'},
        json={"trigger": trigger, "next_step": step},
    )


@pytest.mark.parametrize("path", JOURNEYS, ids=[p.stem for p in JOURNEYS])
def test_journey(server: Server, path: Path) -> None:
    journey = yaml.safe_load(path.read_text(encoding="utf-8"))
    with server.client("manager") as http:
        created = http.post("/v1/clients", json={"card": journey["create"]})
        assert created.status_code == 201, created.text
        client = created.json()
        assert created.headers["ETag"] == f'"{client["version"]}"'
        for step in journey["steps"]:
            client = _step(http, client, step, journey["next_step"])
        final = http.get(f"/v1/clients/{client['id']}").json()
        history = http.get(f"/v1/clients/{client['id']}/history").json()
    assert final["stage"]["kind"] == "won"
    moves = [(h["trigger"], h["to_stage"]) for h in history if h["kind"] == "transition"]
    assert moves == [(s["trigger"], s["reach"]) for s in journey["steps"]]


def _step(http: httpx.Client, client: dict[str, Any], step: dict[str, Any], next_step: dict[str, Any]) -> Any:
    refused, also = step.get("refused", {}), step.get("also", {})
    if refused or step.get("conditions"):
        possible = http.get(f"/v1/clients/{client['id']}/moves").json()["moves"]
        ready = {m["trigger"]: m["ready"] for m in possible}
        assert ready[step["trigger"]] is False, "GET moves should say the move is not ready yet"
        answer = fire(http, client, step["trigger"], next_step)
        assert answer.status_code == 409, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = answer.json()
        assert problem["type"].endswith("/move-refused")
        reasons = problem["reasons"]
        assert {r["field"] for r in reasons if r["code"] == "missing_field"} == set(refused)
        assert sum(r["code"] == "condition" for r in reasons) == step.get("conditions", 0)
        assert all(
            r["message"] and r["clause"]["file"].endswith(".yaml") and r["clause"]["line"] > 0
            for r in reasons
        )
        patched = http.patch(
            f"/v1/clients/{client['id']}",
            headers={"If-Match": f'"{client["version"]}"'},
            json={"card": {**refused, **also}},
        )
        assert patched.status_code == 200, patched.text
        client = patched.json()["client"]
    answer = fire(http, client, step["trigger"], next_step)
    assert answer.status_code == 200, answer.text
    moved = answer.json()
    assert moved["outcome"] == {
        "trigger": step["trigger"],
        "moved": True,
        "from": client["stage"]["id"],
        "to": step["reach"],
        "reasons": [],
    }
    assert answer.headers["ETag"] == f'"{moved["client"]["version"]}"'
    return moved["client"]
