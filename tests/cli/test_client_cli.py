"""The client verbs as a manager types them: outputs, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_client_from_lead_to_qualification(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            capsys, "manager", "add", "ivanov", "--name", "Иван Иванов", "--role", "sales_manager", "--db", db
        )[0]
        == 0
    )
    code, out, _ = run(
        capsys,
        "client",
        "add",
        "company_name=Ромашка",
        "phone=8 912 345-67-89",
        "--owner",
        "ivanov",
        "--db",
        db,
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)["client"]["id"] == 1
    code, out, err = run(capsys, "client", "move", "1", "qualify", "--db", db, "--lang", "en")
    assert code == 1 and "fill in «Contact person»" in err and "stages.yaml:" in err
    code, out, _ = run(
        capsys,
        "client",
        "move",
        "1",
        "qualify",
        "contact_person=Пётр",
        "--next",
        "Позвонить",
        "--due",
        "25.11.2026",
        "--time",
        "14:30",
        "--db",
        db,
    )
    assert code == 0 and "Квалификация" in out
    assert "Позвонить — 25 ноября 2026\u202fг. 14:30 по времени клиента" in out
    code, out, _ = run(capsys, "client", "history", "1", "--db", db, "--format", "json")
    assert [r["kind"] for r in json.loads(out)] == ["created", "card", "transition"]


def test_refusal_as_json_lists_every_reason_with_its_clause(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "client", "add", "company_name=Ромашка", "phone=+79123456789", "--db", db)
    code, out, _ = run(
        capsys, "client", "move", "1", "send_proposal", "--db", db, "--format", "json", "--lang", "en"
    )
    error = json.loads(out)["error"]
    assert code == 1 and error["type"] == "move-refused"
    assert error["reasons"][0]["code"] == "not_from_stage"
    assert all(
        r["clause"]["file"].endswith("stages.yaml") and r["clause"]["line"] > 0 for r in error["reasons"]
    )


def test_possible_moves_say_what_is_missing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "client", "add", "company_name=Ромашка", "phone=+79123456789", "--db", db)
    code, out, _ = run(capsys, "client", "possible", "1", "--db", db, "--format", "json")
    data = json.loads(out)
    assert code == 0 and {m["trigger"] for m in data["moves"]} == {
        "qualify",
        "inbound_request",
        "disqualify",
        "lose",
    }
    qualify = next(m for m in data["moves"] if m["trigger"] == "qualify")
    assert not qualify["ready"]
    assert qualify["missing"][0]["field"] == "contact_person"


def test_bad_input_exits_two_without_a_traceback(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "client", "add", "company_name=Ромашка", "phone=нет", "--db", db)
    assert code == 2 and "Телефон" in err and "Traceback" not in err
    code, _, err = run(capsys, "client", "add", "company_name", "--db", db)
    assert code == 2 and "ПОЛЕ=ЗНАЧЕНИЕ" in err
    code, _, err = run(capsys, "client", "show", "42", "--db", db)
    assert code == 2 and "42" in err
    code, _, err = run(capsys, "client", "contact", "1", "--due", "в пятницу", "--next", "x", "--db", db)
    assert code == 2 and "25.11.2026" in err and "«в пятницу»" in err


def test_stale_version_is_a_conflict(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "client", "add", "company_name=Ромашка", "phone=+79123456789", "--db", db)
    assert run(capsys, "client", "set", "1", "city=Пермь", "--version", "1", "--db", db)[0] == 0
    code, _, err = run(
        capsys, "client", "set", "1", "city=Казань", "--version", "1", "--db", db, "--lang", "en"
    )
    assert code == 1 and "changed by someone else" in err


def test_a_retried_command_with_a_key_applies_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "client", "add", "company_name=Ромашка", "phone=+79123456789", "--db", db)
    argv = [
        "client",
        "contact",
        "1",
        "--result",
        "no_answer",
        "--next",
        "Перезвонить",
        "--due",
        "2026-12-01",
        "--key",
        "call-1",
        "--db",
        db,
        "--format",
        "json",
    ]
    first, again = run(capsys, *argv)[1], run(capsys, *argv)[1]
    assert first == again and json.loads(again)["client"]["contacts_count"] == 1


def test_list_and_database_status(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "client", "add", "company_name=Ромашка", "phone=+79123456789", "--db", db)
    code, out, _ = run(capsys, "client", "list", "--db", db, "--format", "json")
    assert code == 0 and [c["name"] for c in json.loads(out)] == ["Ромашка"]
    code, out, _ = run(capsys, "db", "status", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["current"] is True
    assert run(capsys, "db", "upgrade", "--db", db)[0] == 0


def test_a_broken_regulation_is_reported_not_raised(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = tmp_path / "reg"
    assert main(["init", str(reg)]) == 0
    (reg / "stages.yaml").write_text("entry: [\n", encoding="utf-8")
    code, _, err = run(capsys, "client", "list", "--db", db, "--regulations", str(reg))
    assert code == 1 and "Y001" in err and "Traceback" not in err


def test_a_client_is_handed_to_another_manager(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    for login in ("ivanov", "petrova"):
        run(capsys, "manager", "add", login, "--name", login.title(), "--role", "sales_manager", "--db", db)
    run(
        capsys, "client", "add", "company_name=Ромашка", "phone=+79123456789", "--owner", "ivanov", "--db", db
    )
    code, out, _ = run(
        capsys, "client", "assign", "1", "petrova", "--version", "1", "--db", db, "--format", "json"
    )
    assert code == 0 and json.loads(out)["client"]["owner"] == "petrova"
    code, _, err = run(capsys, "client", "assign", "1", "sidorov", "--db", db, "--lang", "en")
    assert code == 2 and "there is no manager 'sidorov'" in err
    code, out, _ = run(capsys, "client", "history", "1", "--db", db, "--lang", "en")
    assert "Handed over: ivanov → petrova" in out.splitlines()[-1]
