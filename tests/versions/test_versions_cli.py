"""Every publication is kept, numbered, with who, when and a note; `reglament versions` lists
them, `reglament show` prints one with its files, `reglament rollback` publishes an older one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from tests.paths import BUNDLED, MINIMAL

CARD = ("company_name=Ромашка", "phone=8 912 345-67-80")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def relabelled(tmp_path: Path, label: str) -> Path:
    folder = tmp_path / label
    shutil.copytree(BUNDLED, folder)
    stages = folder / "stages.yaml"
    stages.write_text(stages.read_text(encoding="utf-8").replace("Новый клиент", label, 1), encoding="utf-8")
    return folder


def listing(capsys: pytest.CaptureFixture[str], db_url: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "versions", "--db", db_url, "-f", "json")
    assert code == 0, err
    found: list[dict[str, object]] = json.loads(out)
    return found


def test_nothing_published_says_the_folder_rules(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "versions", "--db", db_url, "--lang", "en")
    assert code == 0 and "Nothing has been published" in out
    assert listing(capsys, db_url) == []


def test_each_publication_is_numbered_with_who_when_and_note(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(BUNDLED), "--db", db_url, "--as", "anna", "-m", "первый")[0] == 0
    folder = relabelled(tmp_path, "Свежий лид")
    assert run(capsys, "publish", str(folder), "--db", db_url, "--as", "boris", "--note", "лид")[0] == 0
    found = listing(capsys, db_url)
    assert [p["n"] for p in found] == [2, 1]
    assert [p["published_by"] for p in found] == ["boris", "anna"]
    assert [p["note"] for p in found] == ["лид", "первый"]
    assert [p["in_force"] for p in found] == [True, False]
    assert found[0]["previous"] == found[1]["tag"] and found[1]["previous"] is None
    assert found[0]["tag"] != found[1]["tag"]
    code, out, _ = run(capsys, "versions", "--db", db_url)
    assert code == 0
    first, second = out.splitlines()
    assert first.startswith("#2") and "boris" in first and "действует" in first and "лид" in first
    assert second.startswith("#1") and "anna" in second and "действует" not in second


def test_show_prints_the_files_of_a_version(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(BUNDLED), "--db", db_url)[0] == 0
    assert run(capsys, "publish", str(relabelled(tmp_path, "Свежий лид")), "--db", db_url)[0] == 0
    code, out, _ = run(capsys, "show", "1", "--db", db_url, "--file", "stages.yaml")
    assert code == 0 and out == (BUNDLED / "stages.yaml").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "show", "#2", "--db", db_url)
    assert code == 0 and "Свежий лид" in out and "# ── card.yaml ──" in out
    code, out, _ = run(capsys, "show", "2", "--db", db_url, "-f", "json")
    shown = json.loads(out)
    assert shown["n"] == 2 and set(shown["files"]) == {p.name for p in BUNDLED.glob("*.yaml")}
    code, _, err = run(capsys, "show", "7", "--db", db_url, "--lang", "en")
    assert code == 2 and "no published version 7" in err and "1 to 2" in err
    code, _, err = run(capsys, "show", "1", "--db", db_url, "--file", "nope.yaml", "--lang", "en")
    assert code == 2 and "nope.yaml" in err and "stages.yaml" in err


def test_rollback_publishes_the_older_version_anew(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(BUNDLED), "--db", db_url)[0] == 0
    assert run(capsys, "publish", str(relabelled(tmp_path, "Свежий лид")), "--db", db_url)[0] == 0
    code, _, err = run(capsys, "rollback", "1", "--db", db_url, "--as", "vera", "-m", "назад")
    assert code == 0, err
    found = listing(capsys, db_url)
    assert [p["n"] for p in found] == [3, 2, 1]
    assert found[0]["tag"] == found[2]["tag"] and found[0]["rollback_of"] == 1
    assert found[0]["previous"] == found[1]["tag"] and found[0]["note"] == "назад"
    code, out, err = run(capsys, "client", "add", *CARD, "--db", db_url)
    assert code == 0 and "Новый клиент" in out, err
    code, _, err = run(capsys, "rollback", "3", "--db", db_url, "--lang", "en")
    assert code == 1 and "already in force" in err
    assert len(listing(capsys, db_url)) == 3


def test_a_rollback_that_drops_an_occupied_stage_is_refused(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    assert run(capsys, "publish", str(BUNDLED), "--db", db_url)[0] == 0
    code, _, err = run(capsys, "client", "add", *CARD, "--db", db_url)
    assert code == 0, err
    code, _, err = run(capsys, "rollback", "1", "--db", db_url, "--lang", "en")
    assert code == 2 and "new" in err, err
    found = listing(capsys, db_url)
    assert len(found) == 2 and found[0]["in_force"] and found[0]["n"] == 2


def test_times_are_shown_in_the_regulation_zone_like_the_history(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    assert run(capsys, "publish", str(BUNDLED), "--db", db_url)[0] == 0
    published = datetime.fromisoformat(str(listing(capsys, db_url)[0]["published_at"]))
    moscow = published.astimezone(ZoneInfo("Europe/Moscow")).strftime("%H:%M")
    code, out, _ = run(capsys, "versions", "--db", db_url)
    assert code == 0 and f" {moscow}" in out, "the bundled regulation's zone is Europe/Moscow"
    code, out, _ = run(capsys, "show", "1", "--db", db_url)
    assert code == 0 and f" {moscow}" in out.splitlines()[0]
