"""The smaller holes an outside client found: weak ETags, server paths in clauses, a 500 that
dropped the connection silently, the won stage's next-step rule, a file that is not a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main
from engine.service import clients
from tests.api.conftest import Server, new_client


def test_if_match_compares_strongly(server: Server) -> None:
    with server.client("manager") as http:
        client = new_client(http)
        weak = http.patch(
            f"/v1/clients/{client['id']}",
            json={"card": {"city": "Пермь"}},
            headers={"If-Match": f'W/"{client["version"]}"'},
        )
    assert weak.status_code == 412, weak.text


def test_clauses_name_the_file_not_a_path_on_the_server(server: Server) -> None:
    with server.client("manager") as http:
        client = new_client(http)
        refused = http.post(
            f"/v1/clients/{client['id']}/moves", json={"trigger": "send_proposal"}, headers={"If-Match": "*"}
        )
    assert refused.status_code == 409
    files = {r["clause"]["file"] for r in refused.json()["reasons"]}
    assert files == {"stages.yaml"}, files


def test_a_server_error_says_it_closes_the_connection(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(clients, "show", broken)
    with server.client("manager") as http:
        client = new_client(http)
        answer = http.get(f"/v1/clients/{client['id']}")
    assert answer.status_code == 500
    assert answer.headers["Connection"] == "close"
    assert "a bug" not in answer.text


def test_the_won_stage_demands_no_next_step(server: Server) -> None:
    with server.client("manager") as http:
        stages = {s["id"]: s for s in http.get("/v1/regulation").json()["stages"]}
    assert stages["customer"]["kind"] == "won"
    assert stages["customer"]["next_step_required"] is False
    assert stages["new"]["next_step_required"] is True


def test_a_file_that_is_not_a_database_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Список дел на неделю\n", encoding="utf-8")
    for argv in (["client", "list"], ["calls"], ["db", "status"]):
        code = main([*argv, "--db", str(path)])
        err = capsys.readouterr().err
        assert code == 2, argv
        assert "не база Регламента" in err and "Traceback" not in err, err
        assert main([*argv, "--db", str(path), "--lang", "en"]) == 2
        assert "not a Reglament database" in capsys.readouterr().err
