"""/v1/reports/{name} and /reports: heads see all, a manager's token only its own figures."""

from __future__ import annotations

from tests.api.conftest import Server


def _clients(server: Server) -> None:
    with server.client("head") as http:
        for owner in ("ivanov", "petrov", "petrov"):
            body = {"card": {"company_name": f"ООО «{owner}»", "phone": "+7 912 000-00-03"}, "owner": owner}
            assert http.post("/v1/clients", json=body).status_code == 201


def _new_leads(body: dict[str, object]) -> dict[str | None, int]:
    rows = body["tables"]["conversion"]["rows"]  # type: ignore[index]
    return {r["manager"]: r["leads"] for r in rows}


def test_a_head_sees_every_manager_and_a_manager_only_itself(server: Server) -> None:
    _clients(server)
    with server.client("head") as http:
        seen = http.get("/v1/reports/managers", params={"last": "1w"})
        assert seen.status_code == 200, seen.text
        assert _new_leads(seen.json()) == {"ivanov": 1, "petrov": 2}
    with server.client("manager") as http:
        own = http.get("/v1/reports/managers", params={"last": "1w"}).json()
        assert own["filters"]["manager"] == "ivanov"
        assert _new_leads(own) == {"ivanov": 1}
        other = http.get("/v1/reports/managers", params={"manager": "petrov"})
        assert other.status_code == 403
        assert other.headers["content-type"].startswith("application/problem+json")


def test_formats_and_languages(server: Server) -> None:
    _clients(server)
    with server.client("head", lang="ru") as http:
        said = http.get("/v1/reports/funnel", params={"period": "2026-11"}).json()
        assert said["title"] == "Воронка против норм"
        assert said["days"] == {"first": "2026-11-01", "last": "2026-11-30"}
        csv = http.get("/v1/reports/funnel", params={"format": "csv"})
        assert csv.headers["content-type"].startswith("text/csv")
        assert "Поток по этапам за период" in csv.text
        page = http.get("/reports")
        assert page.headers["content-type"].startswith("text/html")
        assert "<svg" in page.text and "Контроль руководителя" in page.text
    with server.client("head", lang="en") as http:
        assert http.get("/v1/reports/funnel").json()["title"] == "The funnel against the norms"


def test_a_bad_period_is_a_problem_in_the_readers_language(server: Server) -> None:
    with server.client("head", lang="en") as http:
        answer = http.get("/v1/reports/stuck", params={"period": "2026-13"})
        assert answer.status_code == 422
        assert "write the month as YYYY-MM" in answer.json()["detail"]
        both = http.get("/v1/reports/stuck", params={"period": "2026-11", "last": "4w"})
        assert both.status_code == 422
        assert "one way" in both.json()["detail"]
        nobody = http.get("/v1/reports/stuck", params={"manager": "nobody"})
        assert nobody.status_code == 422
        assert "there is no manager 'nobody'" in nobody.json()["detail"]
