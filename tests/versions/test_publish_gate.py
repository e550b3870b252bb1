"""`reglament publish` runs the folder's scenarios first: a failing one refuses the publish and is
named at its file and line, unless `--force`, which the publication records; publishing the
version in force again publishes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from tests.paths import BUNDLED

FIRST = "  - name: Нашли собеседника — начинаем квалификацию\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def failing(tmp_path: Path) -> tuple[Path, int]:
    """The bundled regulation whose first funnel scenario expects the wrong stage, and its line."""
    folder = tmp_path / "failing"
    shutil.copytree(BUNDLED, folder)
    scenarios = folder / "tests" / "funnel.yaml"
    text = scenarios.read_text(encoding="utf-8")
    line = text[: text.index(FIRST)].count("\n") + 1
    expected = "expect: {moved: qualification}"
    at = text.index(expected, text.index(FIRST))
    wrong = "expect: {moved: negotiation}"
    scenarios.write_text(text[:at] + wrong + text[at + len(expected) :], encoding="utf-8")
    return folder, line


def listing(capsys: pytest.CaptureFixture[str], db_url: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "versions", "--db", db_url, "-f", "json")
    assert code == 0, err
    found: list[dict[str, object]] = json.loads(out)
    return found


def events(capsys: pytest.CaptureFixture[str], db_url: str) -> list[str]:
    """The types of the events written so far (JSON lines)."""
    code, out, err = run(capsys, "events", "--db", db_url, "-f", "json")
    assert code == 0, err
    return [json.loads(line)["type"] for line in out.splitlines() if line.strip()]


def test_failing_scenarios_refuse_the_publish_named_at_their_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, line = failing(tmp_path)
    code, out, err = run(capsys, "publish", str(folder), "--db", db_url)
    assert code == 1 and out == ""
    assert "не проходят сценарии (1)" in err and "--force" in err
    assert f"tests/funnel.yaml:{line}  Нашли собеседника — начинаем квалификацию" in err
    code, _out, err = run(capsys, "publish", str(folder), "--db", db_url, "--lang", "en")
    assert code == 1 and "1 of its scenarios fail" in err and f"tests/funnel.yaml:{line}" in err
    assert listing(capsys, db_url) == []


def test_force_publishes_and_the_publication_records_the_failing_scenarios(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, line = failing(tmp_path)
    code, out, err = run(capsys, "publish", str(folder), "--db", db_url, "--force", "--lang", "en")
    assert code == 0, err
    assert "Published despite 1 failing scenarios" in out and f"tests/funnel.yaml:{line}" in out
    (found,) = listing(capsys, db_url)
    assert found["forced"] == [f"tests/funnel.yaml:{line}  Нашли собеседника — начинаем квалификацию"]
    code, out, _err = run(capsys, "versions", "--db", db_url, "--lang", "en")
    assert "forced past 1 failing scenarios" in out
    code, out, err = run(capsys, "publish", str(folder), "--db", db_url, "--lang", "en")
    assert code == 0 and out.startswith("No change: version #1"), err  # in force already: not run again


def test_publishing_the_version_in_force_again_publishes_nothing(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "publish", str(BUNDLED), "--db", db_url, "-m", "first")
    assert code == 0 and "Опубликован" in out, err
    before = events(capsys, db_url)
    assert before == ["regulation.published"]
    code, out, err = run(capsys, "publish", str(BUNDLED), "--db", db_url, "-m", "again", "--lang", "en")
    assert code == 0, err
    assert out.startswith("No change: version #1 (") and "already published" in out
    code, out, err = run(capsys, "publish", str(BUNDLED), "--db", db_url, "-f", "json")
    assert json.loads(out) | {"number": 1, "unchanged": True} == json.loads(out)
    assert [p["note"] for p in listing(capsys, db_url)] == ["first"]
    assert events(capsys, db_url) == before
