"""The regulation over HTTP: read it, check a draft like `reglament check`, publish a version that
every server process sharing the database uses from its next request."""

from __future__ import annotations

from pathlib import Path

from engine.api import create_app
from tests.api.conftest import Server, new_client, serve
from tests.dbfixtures import Clock
from tests.paths import BUNDLED, MINIMAL


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def test_the_regulation_in_force(server: Server) -> None:
    with server.client("manager", lang="en") as http:
        answer = http.get("/v1/regulation", params={"files": "true"})
    reg = answer.json()
    assert reg["source"] == "folder" and reg["id"] == "b2b_wholesale"
    assert reg["entry"] == "new"
    assert {"qualify", "lose"} <= {t["id"] for t in reg["transitions"]}
    phone = next(f for f in reg["fields"] if f["id"] == "phone")
    assert phone == phone | {"type": "phone", "required": True, "label": "Phone"}
    assert reg["files"] == files(BUNDLED)


def test_check_a_draft_with_a_mistake(server: Server) -> None:
    stages = (BUNDLED / "stages.yaml").read_text(encoding="utf-8").replace("to: proposal", "to: propsal")
    with server.client("head", lang="en") as http:
        answer = http.post("/v1/regulation/check", json={"files": {"stages.yaml": stages}})
        good = http.post("/v1/regulation/check", json={"files": {}})
    body = answer.json()
    assert answer.status_code == 200 and body["ok"] is False and body["tag"] is None
    error = next(d for d in body["diagnostics"] if d["severity"] == "error")
    line = next(i for i, text in enumerate(stages.splitlines(), 1) if "to: propsal" in text)
    assert error["file"] == "stages.yaml" and error["line"] == line and error["column"] > 1
    assert "propsal" in error["message"] and "proposal" in error["message"] + error["hint"]
    assert good.json()["ok"] is True


def test_a_broken_draft_is_not_published(server: Server) -> None:
    with server.client("admin") as http:
        answer = http.put("/v1/regulation", json={"files": {"stages.yaml": "stages: [\n"}})
        still = http.get("/v1/regulation").json()
    assert answer.status_code == 422
    body = answer.json()
    assert body["type"].endswith("/regulation-invalid")
    assert body["errors"] and all(e["field"] == "stages.yaml" for e in body["errors"])
    assert body["diagnostics"][0]["line"] >= 1
    assert still["source"] == "folder"


def test_publishing_reaches_every_server_process(server: Server, db_url: str, clock: Clock) -> None:
    second = create_app(db_url, BUNDLED, clock)  # another process on the same database
    for url in serve(second):
        other = Server(url, second, server.tokens)
        with server.client("admin") as http:
            published = http.put("/v1/regulation", json={"files": files(MINIMAL)})
        with other.client("head") as http:
            seen = http.get("/v1/regulation").json()
            created = http.post("/v1/clients", json={"card": {"name": "ООО «Мини»"}})
    assert published.status_code == 200, published.text
    assert (
        seen["id"] == "minimal" and seen["source"] == "published" and seen["tag"] == published.json()["tag"]
    )
    assert created.status_code == 201, created.text
    assert created.json()["stage"]["id"] == "lead"


def test_a_version_that_drops_an_occupied_stage_is_refused(server: Server) -> None:
    with server.client("admin") as http:
        new_client(http)
        answer = http.put("/v1/regulation", json={"files": files(MINIMAL)})
        still = http.get("/v1/regulation").json()
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["code"] == "error.stage_still_occupied"
    assert "new" in answer.json()["errors"][0]["message"]
    assert still["id"] == "b2b_wholesale"


def test_publishing_an_earlier_version_again_restores_it(server: Server) -> None:
    with server.client("admin") as http:
        http.put("/v1/regulation", json={"files": files(MINIMAL)})
        back = http.put("/v1/regulation", json={"files": files(BUNDLED)})
        now = http.get("/v1/regulation").json()
    assert back.status_code == 200
    assert now["id"] == "b2b_wholesale" and now["source"] == "published"
