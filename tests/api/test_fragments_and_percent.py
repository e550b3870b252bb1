"""The new operators and the percent type through the HTTP API: a regulation that uses them is
published, a percent is typed and read back, a refusal says the fragment condition in words,
and the call list puts clients in the fragment buckets."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import Server
from tests.paths import MINIMAL

HERE = Path(__file__).parent.parent / "conditions"


def files() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(MINIMAL.glob("*.yaml"))}
    own = sorted((HERE / "regulation").glob("*.yaml"))
    texts.update({p.name: p.read_text(encoding="utf-8") for p in own})
    return texts


def test_fragments_and_percent_over_the_api(server: Server) -> None:
    with server.client("admin") as http:
        published = http.put("/v1/regulation", json={"files": files()})
        assert published.status_code == 200, published.text
    with server.client("head", lang="ru") as http:
        fields = {f["id"]: f for f in http.get("/v1/regulation").json()["fields"]}
        assert fields["wholesale"]["type"] == "percent"
        body = {"card": {"name": "ООО «Ёлка»", "activity": "Розница", "wholesale": "12,5 %"}}
        created = http.post("/v1/clients", json=body)
        assert created.status_code == 201, created.text
        client = created.json()
        assert client["card"]["wholesale"] == "0.125"
        refused = http.post(
            f"/v1/clients/{client['id']}/moves", json={"trigger": "send_offer"}, headers={"If-Match": "*"}
        )
        assert refused.status_code == 409, refused.text
        said = " ".join(r["message"] for r in refused.json()["reasons"]).replace("\xa0", " ")
        assert "«Вид деятельности» содержит «пилот»" in said and "«Доля опта» не меньше 30 %" in said
        dealer = {"card": {"activity": "ДИСТРИБЬЮТОР"}}
        patched = http.patch(f"/v1/clients/{client['id']}", json=dealer, headers={"If-Match": "*"})
        assert patched.status_code == 200, patched.text
        calls = http.get("/v1/calls").json()
    assert [(r["client_id"], r["bucket"]) for r in calls["rows"]] == [(client["id"], "dealers")]
