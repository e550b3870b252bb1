"""PUT /v1/regulation runs the scenario files sent with it (`tests`): a failing one refuses the
publish (422 scenarios-failed, each named at its file and line) unless `force`, which the
publication records; the version in force sent again is answered as it is, nothing written."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import Server
from tests.paths import BUNDLED, MINIMAL


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


BROKEN = """
- name: A new client moves straight to the contract
  given: {stage: new, at: "2026-11-02T11:00"}
  when: {trigger: qualify}
  expect: {moved: contract}
"""


def test_failing_scenarios_refuse_the_publish_unless_forced(server: Server) -> None:
    body = {"files": files(BUNDLED), "tests": {"mine.yaml": BROKEN}}
    with server.client("admin") as http:
        refused = http.put("/v1/regulation", json=body)
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["type"].endswith("/scenarios-failed") and "force" in problem["detail"]
        (failed,) = problem["scenarios"]
        assert failed | {"file": "tests/mine.yaml", "line": 2} == failed and failed["problems"]
        assert http.get("/v1/regulation/versions").json() == []
        forced = http.put("/v1/regulation", json=body | {"force": True, "note": "known gap"})
        assert forced.status_code == 200, forced.text
        assert forced.json()["forced"] == ["tests/mine.yaml:2  A new client moves straight to the contract"]
        (kept,) = http.get("/v1/regulation/versions").json()
        assert kept["forced"] == forced.json()["forced"] and kept["note"] == "known gap"


def test_the_version_in_force_sent_again_is_not_published_anew(server: Server) -> None:
    with server.client("admin") as http:
        first = http.put("/v1/regulation", json={"files": files(BUNDLED)})
        assert first.status_code == 200 and first.json()["publication"] == 1
        again = http.put("/v1/regulation", json={"files": {}, "note": "again"})
        assert again.status_code == 200, again.text
        same = {"publication": 1, "unchanged": True, "tag": first.json()["tag"]}
        assert again.json() | same == again.json()
        assert [p["n"] for p in http.get("/v1/regulation/versions").json()] == [1]
        types = [e["type"] for e in http.get("/v1/events").json()["events"]]
        assert types.count("regulation.published") == 1


def test_scenarios_left_out_are_the_ones_the_publication_in_force_ran(server: Server) -> None:
    funnel = (BUNDLED / "tests" / "funnel.yaml").read_text(encoding="utf-8")
    with server.client("admin") as http:
        first = http.put("/v1/regulation", json={"files": files(BUNDLED), "tests": {"funnel.yaml": funnel}})
        assert first.status_code == 200 and first.json()["forced"] == [], first.text
        other = http.put("/v1/regulation", json={"files": files(MINIMAL)})  # no tests sent: funnel.yaml runs
        assert other.status_code == 422, other.text
        assert {s["file"] for s in other.json()["scenarios"]} == {"tests/funnel.yaml"}
        assert [p["n"] for p in http.get("/v1/regulation/versions").json()] == [1]
