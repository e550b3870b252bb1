"""Who may do what, for every route: 401 without a valid token, 403 for the wrong role,
404 (and no data) for a manager touching another manager's client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.routing import APIRoute

from engine.api import create_app
from engine.api.routes import (
    admin,
    clients,
    day,
    events,
    exports,
    guides,
    ownership,
    regulation,
    reports,
    scenario_tests,
    versions,
)
from engine.service import tokens
from tests.api.conftest import ROLES, Server, serve, staffed
from tests.dbfixtures import Clock
from tests.paths import BUNDLED

RULES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "roles.yaml").read_text(encoding="utf-8")
)
NAME = {"ivanov": "ООО «Иванов и клиенты»", "petrov": "ООО «Петров и клиенты»"}


def _id(rule: dict[str, Any]) -> str:
    return f"{rule['method']} {rule['path']}"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, int]]]:
    """One server for the whole matrix (SQLite): a client per manager; token 1 is a spare to revoke."""
    path = tmp_path_factory.mktemp("roles") / "roles.sqlite"
    clock = Clock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    app = create_app(f"sqlite:///{path}", BUNDLED, clock)
    tokens.issue(app.state.api.db, "spare", "head", None, clock())
    issued = staffed(app)
    for url in serve(app):
        server = Server(url, app, issued)
        ids = {}
        for owner in ("ivanov", "petrov"):
            with server.client("head") as http:
                body = {"card": {"company_name": NAME[owner], "phone": "+7 912 000-00-02"}, "owner": owner}
                ids[owner] = http.post("/v1/clients", json=body).json()["id"]
        yield server, ids


def call(
    http: httpx.Client, rule: dict[str, Any], ids: dict[str, int], whose: str = "ivanov"
) -> httpx.Response:
    path = rule["path"].replace("{mine}", str(ids[whose]))
    headers = {"If-Match": "*"} if rule["method"] in ("PATCH", "POST") and "{mine}" in rule["path"] else {}
    return http.request(
        rule["method"], path, params=rule.get("query"), json=rule.get("body"), headers=headers
    )


def test_every_route_is_listed() -> None:
    routes = {
        (method, route.path)
        for module in (
            admin,
            clients,
            day,
            exports,
            guides,
            regulation,
            ownership,
            reports,
            events,
            versions,
            scenario_tests,
        )
        for route in module.router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    listed = {
        (
            r["method"],
            r["path"]
            .replace("{mine}", "{client_id}")
            .replace("stages/new", "stages/{stage}")
            .replace("tokens/1", "tokens/{token_id}")
            .replace("versions/1", "versions/{n}")
            .replace("webhooks/1", "webhooks/{webhook_id}")
            .replace("exports/clients", "exports/{kind}")
            .replace("exports/sales", "exports/{kind}")
            .replace("managers/nobody/", "managers/{login}/")
            .replace("managers/petrov/", "managers/{login}/")
            .replace("reports/funnel", "reports/{name}")
            .replace("reports/managers", "reports/{name}"),
        )
        for r in RULES
    }
    assert routes == listed


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_without_a_token(world: tuple[Server, dict[str, int]], rule: dict[str, Any]) -> None:
    server, ids = world
    for headers in ({}, {"Authorization": "Bearer rg_not-a-token"}, {"Authorization": "Basic YTpi"}):
        with httpx.Client(base_url=server.url, headers=headers) as http:
            answer = call(http, rule, ids)
        if rule["roles"] == "public":
            assert answer.status_code == 200
            continue
        assert answer.status_code == 401, answer.text
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert answer.json()["type"].endswith("/unauthorized")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", [r for r in RULES if r["roles"] != "public"], ids=_id)
def test_roles(world: tuple[Server, dict[str, int]], rule: dict[str, Any], role: str) -> None:
    server, ids = world
    with server.client(role) as http:
        answer = call(http, rule, ids)
    if role in rule["roles"]:
        assert answer.status_code not in (401, 403), answer.text
        assert answer.status_code < 500, answer.text
    else:
        assert answer.status_code == 403, answer.text
        assert answer.json()["type"].endswith("/forbidden")


@pytest.mark.parametrize("rule", [r for r in RULES if r.get("theirs")], ids=_id)
def test_a_manager_never_sees_another_managers_client(
    world: tuple[Server, dict[str, int]], rule: dict[str, Any]
) -> None:
    server, ids = world
    with server.client("manager") as http:
        answer = call(http, rule, ids, whose="petrov")
    assert answer.status_code == 404, answer.text
    assert NAME["petrov"] not in answer.text and "petrov" not in answer.text
    with server.client("head") as http:
        history = http.get(f"/v1/clients/{ids['petrov']}/history").json()
    assert [h["kind"] for h in history] == ["created"], "nothing may have been written"


def test_a_manager_lists_and_plans_only_their_own(world: tuple[Server, dict[str, int]]) -> None:
    server, ids = world
    with server.client("manager") as http:
        listed = http.get("/v1/clients").json()["items"]
        asked_other = http.get("/v1/clients", params={"owner": "petrov"})
        calls_other = http.get("/v1/calls", params={"manager": "petrov"})
        created = http.post(
            "/v1/clients",
            json={"card": {"company_name": "ООО «Своё»", "phone": "+7 912 000-00-03"}, "owner": "petrov"},
        )
    assert {c["owner"] for c in listed} == {"ivanov"}
    assert ids["petrov"] not in {c["id"] for c in listed}
    assert asked_other.status_code == calls_other.status_code == created.status_code == 403
