"""`reglament token …` and `reglament serve` as an administrator runs them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from engine.cli import main
from tests.paths import ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_tokens_are_issued_listed_and_revoked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.sqlite")
    run(capsys, "manager", "add", "ivanov", "--name", "Иван", "--role", "sales_manager", "--db", db)
    code, out, _ = run(capsys, "token", "add", "crm", "--role", "head", "--db", db)
    assert code == 0 and out.strip().startswith("rg_")
    code, out, err = run(capsys, "token", "add", "phone", "--role", "manager", "--db", db, "--lang", "en")
    assert code == 2 and "--manager" in err
    code, out, err = run(capsys, "token", "add", "x", "--role", "boss", "--db", db, "--lang", "en")
    assert code == 2 and "--role: «boss» is not one of manager, head, admin" in err
    code, out, _ = run(
        capsys,
        "token",
        "add",
        "phone",
        "--role",
        "manager",
        "--manager",
        "ivanov",
        "--db",
        db,
        "--format",
        "json",
    )
    assert json.loads(out)["manager"] == "ivanov"
    assert run(capsys, "token", "revoke", "1", "--db", db)[0] == 0
    code, out, _ = run(capsys, "token", "list", "--db", db, "--format", "json")
    listed = json.loads(out)
    assert [(t["name"], t["role"], t["revoked"]) for t in listed] == [
        ("crm", "head", True),
        ("phone", "manager", False),
    ]
    assert "rg_" not in out, "secrets are never listed"
    code, _, err = run(capsys, "token", "revoke", "9", "--db", db, "--lang", "en")
    assert code == 2 and "no token 9" in err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_over_http(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.sqlite")
    run(capsys, "token", "add", "admin", "--role", "admin", "--db", db)
    token = run(capsys, "token", "add", "admin2", "--role", "admin", "--db", db)[1].strip()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "engine",
                "serve",
                "--db",
                db,
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
            stderr=sink,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(url + "/v1/health")
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        spec = httpx.get(url + "/openapi.json").json()
        regulation = httpx.get(url + "/v1/regulation", headers={"Authorization": f"Bearer {token}"})
        anonymous = httpx.get(url + "/v1/regulation")
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert health.json()["status"] == "ok"
    assert spec["openapi"].startswith("3.1") and "/v1/clients/{client_id}/moves" in spec["paths"]
    assert regulation.json()["id"] == "b2b_wholesale"
    assert anonymous.status_code == 401


def test_serve_refuses_a_broken_regulation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reg"
    folder.mkdir()
    for path in (ROOT / "regulations").glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "stages.yaml").write_text("stages: [\n", encoding="utf-8")
    code, _, err = run(capsys, "serve", "--db", str(tmp_path / "b.sqlite"), "--regulations", str(folder))
    assert code == 1
    assert "stages.yaml:2" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("ru", "он показан один раз и восстановить его нельзя"),
        ("en", "it is shown only once and cannot be recovered"),
    ],
)
def test_a_new_token_is_said_to_be_shown_once(
    lang: str, warning: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The token alone on stdout (for scripts), the warning on stderr; none in JSON."""
    db = str(tmp_path / "t.sqlite")
    code, out, err = run(capsys, "token", "add", "crm", "--role", "head", "--db", db, "--lang", lang)
    assert code == 0 and out.strip().startswith("rg_") and len(out.split()) == 1
    assert warning in err
    code, out, err = run(
        capsys, "token", "add", "bi", "--role", "head", "--db", db, "--lang", lang, "-f", "json"
    )
    assert code == 0 and warning not in out + err and json.loads(out)["token"].startswith("rg_")
