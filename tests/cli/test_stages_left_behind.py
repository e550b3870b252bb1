"""A regulation folder that dropped (or renamed) a stage clients still stand on is refused in words."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from engine.api import create_app
from engine.cli import main
from engine.service.errors import StagesLeftBehind
from engine.service.workspace import Workspace
from engine.store.clients import stages_in_use


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def stranded(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Three clients; two of them on a stage the bundled regulation does not have."""
    run(capsys, "manager", "add", "ivanov", "--name", "Иван", "--role", "sales_manager", "--db", db_url)
    for n, name in enumerate(("Ромашка", "Лютик", "Василёк")):
        card = (f"company_name={name}", f"phone=8 912 345-67-8{n}")
        code, _, err = run(capsys, "client", "add", *card, "--owner", "ivanov", "--db", db_url)
        assert code == 0, err
    ws = Workspace.open(db_url)
    with ws.db.write() as conn:
        conn.execute(text("UPDATE client SET stage = 'archive' WHERE id IN (1, 3)"))
    ws.close()
    return db_url


def test_stages_in_use_lists_each_stage_once(stranded: str) -> None:
    ws = Workspace.open(stranded)
    with ws.db.read() as conn:
        assert stages_in_use(conn) == ["archive", "new"]
        assert ws.left_behind(conn) == {"archive": 2}
    ws.close()


@pytest.mark.parametrize(
    "argv",
    [
        ("client", "show", "2"),
        ("client", "move", "2", "qualify"),
        ("calls", "--manager", "ivanov"),
        ("segment",),
        ("compliance",),
    ],
)
def test_client_commands_refuse_the_folder(
    stranded: str, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv, "--db", stranded, "--lang", "en")
    assert code == 1 and out == ""
    assert "clients on stages that" in err and "stages.yaml" in err and "'archive' (2)" in err
    assert "Traceback" not in err


def test_json_names_the_error_type(stranded: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "client", "show", "2", "--db", stranded, "--format", "json", "--lang", "en")
    assert code == 1 and json.loads(out)["error"]["type"] == "stages-left-behind"


def test_managers_and_tokens_still_work(stranded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "manager", "list", "--db", stranded)[0] == 0
    assert run(capsys, "token", "add", "crm", "--role", "head", "--db", stranded)[0] == 0


def test_the_server_does_not_start_on_the_folder(stranded: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "serve", "--db", stranded)
    assert code == 1 and "'archive' (2)" in err
    with pytest.raises(StagesLeftBehind):
        create_app(stranded)


def test_putting_the_clients_back_lifts_the_refusal(
    stranded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace.open(stranded)
    with ws.db.write() as conn:
        conn.execute(text("UPDATE client SET stage = 'new' WHERE stage = 'archive'"))
    ws.close()
    code, out, _ = run(capsys, "client", "show", "1", "--db", stranded, "--format", "json")
    assert code == 0 and json.loads(out)["stage"]["id"] == "new"
