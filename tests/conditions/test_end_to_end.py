"""`contains`, `matches_any` and the percent type end to end, through the CLI, on the minimal
regulation with the fields and rules of ``regulation/``: the checker calls it clean, people type
values, the call queue puts clients in buckets, refusals and the handbook say the conditions.

A new case is a new file in ``cases/``: ``clients`` (cards as typed), ``calls`` (client and
bucket, in order), ``moves`` (client, trigger, exit code, words of the refusal in ``ru`` / ``en``),
``show`` (words of a client's card) and ``guide`` (sentences of the handbook).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.cli import main
from tests.regulation.overlay import overlay

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.yaml"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.replace("\xa0", " "), captured.err.replace("\xa0", " ")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return overlay(HERE / "regulation", tmp_path / "regulation")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case(path: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = ["-r", str(folder), "--db", str(tmp_path / "base.sqlite")]
    code, out, _ = run(capsys, "check", str(folder), "--lang", "en")
    assert code == 0, out
    for client in case["clients"]:
        code, _, err = run(capsys, "client", "add", *(f"{k}={v}" for k, v in client.items()), *where)
        assert code == 0, err
    code, out, _ = run(capsys, "calls", *where, "--format", "json", "--limit", "100")
    assert [[r["client_id"], r["bucket"]] for r in json.loads(out)["rows"]] == case["calls"]
    for move in case.get("moves", []):
        due = (date.today() + timedelta(days=3)).isoformat()
        step = ["--next", move["next"], "--due", due] if "next" in move else []
        for lang in ("ru", "en"):
            code, out, err = run(
                capsys, "client", "move", str(move["client"]), move["trigger"], *step, *where, "--lang", lang
            )
            if move["exit"] == 0:
                assert code == 0, err
                break
            assert code == move["exit"] and move[lang] in err, err
    for shown in case.get("show", []):
        for lang in ("ru", "en"):
            code, out, _ = run(capsys, "client", "show", str(shown["client"]), *where, "--lang", lang)
            assert code == 0 and shown[lang] in out, out
    for lang, sentences in case.get("guide", {}).items():
        code, out, _ = run(capsys, "guide", str(folder), "--format", "md", "--lang", lang)
        assert code == 0
        for sentence in sentences:
            assert sentence in out, sentence


def test_there_are_cases() -> None:
    assert len(CASES) >= 2
