"""GET /v1/clients?q= finds clients by name, phone, INN or external id; a manager only their own."""

from __future__ import annotations

from tests.api.conftest import Server, new_client


def test_search_over_http(server: Server) -> None:
    with server.client("manager") as http:
        mine = new_client(http, company_name="ООО «Ромашка»")
    with server.client("other") as http:
        theirs = new_client(http, company_name="Ромашка-Юг", phone="+7 495 000-11-22")
    with server.client("head") as http:
        everyone = http.get("/v1/clients", params={"q": "РОМАШ"}).json()["items"]
        by_phone = http.get("/v1/clients", params={"q": "8 495 000-11-22"}).json()["items"]
        nul = http.get("/v1/clients", params={"q": "a\x00b"})
    with server.client("manager") as http:
        own = http.get("/v1/clients", params={"q": "ромашка"}).json()["items"]
    assert {c["id"] for c in everyone} == {mine["id"], theirs["id"]}
    assert [c["id"] for c in by_phone] == [theirs["id"]]
    assert [c["id"] for c in own] == [mine["id"]]
    assert nul.status_code == 400
