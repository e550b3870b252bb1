"""Versions over HTTP: every PUT /v1/regulation is a numbered publication with its note;
GET /v1/regulation/versions lists them, /{n} gives one with its files, /{n}/rollback puts an
older one back as a new publication."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import Server
from tests.paths import BUNDLED, MINIMAL, ROOT


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def test_publications_are_listed_shown_and_rolled_back(server: Server) -> None:
    with server.client("admin") as http:
        assert http.get("/v1/regulation/versions").json() == []
        assert http.put("/v1/regulation", json={"files": files(BUNDLED), "note": "start"}).status_code == 200
        assert http.put("/v1/regulation", json={"files": files(MINIMAL)}).status_code == 200
        found = http.get("/v1/regulation/versions").json()
        assert [p["n"] for p in found] == [2, 1] and [p["note"] for p in found] == [None, "start"]
        assert found[0]["in_force"] and not found[1]["in_force"]
        assert found[0]["previous"] == found[1]["tag"]
        one = http.get("/v1/regulation/versions/1").json()
        assert one["files"] == files(BUNDLED) and one["published_by"] == found[1]["published_by"]
        back = http.post("/v1/regulation/versions/1/rollback", json={"note": "назад"})
        assert back.status_code == 200, back.text
        assert back.json()["id"] == "b2b_wholesale"
        assert http.get("/v1/regulation").json()["id"] == "b2b_wholesale"
        newest = http.get("/v1/regulation/versions", params={"limit": 1}).json()
        assert len(newest) == 1
        assert newest[0] | {"n": 3, "rollback_of": 1, "note": "назад", "tag": one["tag"]} == newest[0]
        again = http.post("/v1/regulation/versions/3/rollback", json={})
        assert again.status_code == 409 and "already in force" in again.json()["detail"]
        missing = http.get("/v1/regulation/versions/9")
        assert missing.status_code == 404 and "1 to 3" in missing.json()["detail"]


def test_a_rollback_that_strands_clients_is_refused(server: Server) -> None:
    with server.client("admin") as http:
        assert http.put("/v1/regulation", json={"files": files(MINIMAL)}).status_code == 200
        assert http.put("/v1/regulation", json={"files": files(BUNDLED)}).status_code == 200
        card = {"company_name": "ООО «Вектор»", "phone": "+7 912 000-00-01"}
        assert http.post("/v1/clients", json={"card": card}).status_code == 201
        refused = http.post("/v1/regulation/versions/1/rollback", json={})
        assert refused.status_code == 422 and "new" in refused.text
        assert len(http.get("/v1/regulation/versions").json()) == 2


def test_a_head_reads_versions_but_cannot_roll_back(server: Server) -> None:
    with server.client("admin") as http:
        assert http.put("/v1/regulation", json={"files": files(BUNDLED)}).status_code == 200
        assert http.put("/v1/regulation", json={"files": files(MINIMAL)}).status_code == 200
    with server.client("head") as http:
        assert len(http.get("/v1/regulation/versions").json()) == 2
        assert http.post("/v1/regulation/versions/1/rollback", json={}).status_code == 403
    with server.client("manager") as http:
        assert http.get("/v1/regulation/versions").status_code == 403


def test_a_draft_diffed_against_the_version_in_force(server: Server) -> None:
    stages = (MINIMAL / "stages.yaml").read_text(encoding="utf-8").replace("sla: 3d", "sla: 1d")
    with server.client("admin") as http:
        assert http.put("/v1/regulation", json={"files": files(MINIMAL)}).status_code == 200
    with server.client("head") as http:
        answer = http.post("/v1/regulation/diff", json={"files": {"stages.yaml": stages}})
        same = http.post("/v1/regulation/diff", json={"files": {}, "against": 1})
        broken = http.post("/v1/regulation/diff", json={"files": {"stages.yaml": "stages: [\n"}})
        not_a_number = http.post("/v1/regulation/diff", json={"files": {}, "against": True})
    assert not_a_number.status_code == 400, "true is not a publication's number"
    body = answer.json()
    assert answer.status_code == 200 and body["count"] == 1
    change = body["changes"][0]
    assert change["message"] == "stage «Lead»: time allowed 3 days → 1 day"
    assert change["old"]["line"] == change["new"]["line"] == 3 and change["new"]["file"] == "stages.yaml"
    assert same.json()["count"] == 0 and same.json()["old"].startswith("#1 (")
    assert broken.status_code == 422


def test_the_impact_of_a_draft(server: Server) -> None:
    stages = (MINIMAL / "stages.yaml").read_text(encoding="utf-8")
    renamed = stages.replace("entry: lead", "entry: first_call").replace("- id: lead", "- id: first_call")
    renamed = renamed.replace("from: lead", "from: first_call")
    manifest = (MINIMAL / "regulation.yaml").read_text(encoding="utf-8")
    with server.client("admin") as http:
        assert http.put("/v1/regulation", json={"files": files(MINIMAL)}).status_code == 200
        assert http.post("/v1/clients", json={"card": {"name": "ООО «Вектор»"}}).status_code == 201
    with server.client("head") as http:
        stranded = http.post("/v1/regulation/impact", json={"files": {"stages.yaml": renamed}})
        mapped = {
            "stages.yaml": renamed,
            "regulation.yaml": manifest + "migrate:\n  stages: {lead: first_call}\n",
        }
        carried = http.post(
            "/v1/regulation/impact", json={"files": mapped, "at": "2026-11-02T11:00:00+03:00"}
        )
        same = http.post("/v1/regulation/impact", json={"files": {}})
    assert stranded.status_code == 200, stranded.text
    assert stranded.json()["stages"] == [{"stage": "lead", "clients": 1, "becomes": None}]
    assert carried.json()["stages"] == [{"stage": "lead", "clients": 1, "becomes": "first_call"}]
    assert carried.json()["at"] == "2026-11-02T11:00:00+03:00"
    assert same.json()["stages"] == [] and same.json()["lost_moves"] == []
    with server.client("admin") as http:
        assert len(http.get("/v1/regulation/versions").json()) == 1


def test_scenarios_run_over_http(server: Server) -> None:
    calls = (BUNDLED / "tests" / "calls.yaml").read_text(encoding="utf-8")
    funnel = (BUNDLED / "tests" / "funnel.yaml").read_text(encoding="utf-8")
    wrong = (
        "- name: Wrong\n  given: {stage: needs}\n  expect: {bucket: overdue}\n"
        "- name: x\n  given: {stagee: needs}\n  expect: {bucket: rest}\n"
    )
    with server.client("admin") as http:
        assert http.put("/v1/regulation", json={"files": files(BUNDLED)}).status_code == 200
    with server.client("head") as http:
        every = http.post(
            "/v1/regulation/test", json={"files": {}, "tests": {"calls.yaml": calls, "funnel.yaml": funnel}}
        )
        some = http.post(
            "/v1/regulation/test",
            json={"tests": {"w.yaml": wrong}},
            headers={"Accept-Language": "en"},
        )
        draft = http.post("/v1/regulation/test", json={"files": files(MINIMAL), "tests": {"w.yaml": wrong}})
        cells = http.post(
            "/v1/regulation/test",
            json={
                "tests": {
                    "cells.yaml": (ROOT / "tests/scenarios/runs/cells_from_sales.yaml").read_text("utf-8")
                }
            },
        )
        bad_name = http.post("/v1/regulation/test", json={"files": {}, "tests": {"../x.yaml": wrong}})
    assert every.status_code == 200, every.text
    body = every.json()
    assert body["ok"] is True and len(body["scenarios"]) > 40
    assert all(c["percent"] == 100 and c["not_exercised"] == [] for c in body["coverage"].values())
    said = some.json()
    assert said["ok"] is False and [s["passed"] for s in said["scenarios"]] == [False, False]
    assert said["scenarios"][0]["file"] == "tests/w.yaml"
    assert "expected the bucket 'overdue'" in said["scenarios"][0]["problems"][0]
    assert "unknown key 'stagee'" in said["scenarios"][1]["problems"][0]
    assert said["coverage"]["transitions"]["percent"] == 0
    assert (
        draft.status_code == 200
        and "there is no stage 'needs'" in draft.json()["scenarios"][0]["problems"][0]
    )
    assert [s["passed"] for s in cells.json()["scenarios"]] == [True] * 6 + [False] * 3
    assert bad_name.status_code == 400
