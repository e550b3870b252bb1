"""`reglament events`, `events prune`, `webhooks …` and `deliver` as an administrator runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from engine.cli import main
from tests.events.receiver import OK, receiving
from tests.paths import ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add_client(capsys: pytest.CaptureFixture[str], db: str, name: str) -> None:
    code, _, err = run(capsys, "client", "add", f"company_name={name}", "phone=+79123456789", "--db", db)
    assert code == 0, err


def test_events_are_listed_from_a_cursor_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "e.sqlite")
    add_client(capsys, db, "Ромашка")
    add_client(capsys, db, "Василёк")
    code, out, err = run(capsys, "events", "--db", db, "--lang", "en")
    assert code == 0 and out.count("client.created") == 2 and "Next cursor: 2" in err
    code, out, _ = run(capsys, "events", "--after", "1", "--format", "json", "--db", db)
    [line] = out.strip().splitlines()
    event = json.loads(line)
    assert event["id"] == 2 and event["data"]["card"]["company_name"] == "Василёк"
    code, _, err = run(capsys, "events", "--type", "client.deleted", "--db", db, "--lang", "en")
    assert code == 2 and "client.deleted" in err and "client.moved" in err


def test_follow_prints_new_events_as_they_come(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "f.sqlite")
    add_client(capsys, db, "Ромашка")
    follower = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "engine",
            "events",
            "--follow",
            "--after",
            "1",
            "--format",
            "json",
            "--db",
            db,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        time.sleep(1.0)
        add_client(capsys, db, "Василёк")
        assert follower.stdout is not None
        line = follower.stdout.readline()
    finally:
        follower.kill()
        follower.wait(timeout=10)
        if follower.stdout is not None:
            follower.stdout.close()
    assert json.loads(line)["data"]["card"]["company_name"] == "Василёк"


def test_prune_says_how_many_and_refuses_an_unreadable_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.sqlite")
    add_client(capsys, db, "Ромашка")
    code, out, _ = run(capsys, "events", "prune", "--older-than", "30d", "--db", db, "--lang", "en")
    assert code == 0 and "Pruned 0 events" in out
    code, _, err = run(capsys, "events", "prune", "--older-than", "month", "--db", db)
    assert code == 2 and "30d" in err


def test_a_webhook_is_added_and_delivered_to_by_deliver_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.sqlite")
    code, _, err = run(capsys, "webhooks", "add", "ftp://crm.example/hooks", "--db", db, "--lang", "en")
    assert code == 2 and "http:// or https://" in err
    with receiving(lambda _n, _b: OK) as receiver:
        code, out, _ = run(
            capsys, "webhooks", "add", receiver.url, "-t", "client.created", "--format", "json", "--db", db
        )
        secret = json.loads(out)["secret"]
        add_client(capsys, db, "Ромашка")
        code, out, _ = run(capsys, "deliver", "--once", "--db", db, "--lang", "en")
        assert code == 0 and "delivered 1" in out
        [got] = receiver.bodies()
    assert Webhook(secret).verify(got.body, got.headers)["type"] == "client.created"
    code, out, _ = run(capsys, "webhooks", "list", "--db", db)
    assert "[client.created]" in out and "работает" in out, "the state in the reader's words"
    code, out, _ = run(capsys, "webhooks", "log", "1", "--db", db)
    assert "200" in out and "client.created" in out
    code, out, _ = run(capsys, "webhooks", "replay", "1", "--event", "1", "--db", db, "--lang", "en")
    assert code == 0 and "1 event will be sent again" in out
    code, _, err = run(capsys, "webhooks", "pause", "7", "--db", db, "--lang", "en")
    assert code == 2 and "no webhook subscription 7" in err
