"""`reglament impact DIR` and POST /v1/regulation/impact: a new version measured against the
live base without writing — stranded and carried stages, missing required fields, lost moves,
call lists and cells before and after."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from tests.i18n.latin import latin_words
from tests.paths import MINIMAL

AT = "2026-11-02T11:00:00+03:00"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def edited(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], migrate: str = "") -> Path:
    folder = tmp_path / "new"
    shutil.copytree(MINIMAL, folder)
    for file, pairs in edits.items():
        text = (folder / file).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text
            text = text.replace(old, new)
        (folder / file).write_text(text, encoding="utf-8")
    if migrate:
        with (folder / "regulation.yaml").open("a", encoding="utf-8") as out:
            out.write(migrate)
    return folder


def base(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    assert (
        run(capsys, "manager", "add", "ivanov", "--name", "Иванов", "--role", "manager", "--db", db_url)[0]
        == 0
    )
    for i in range(3):
        code, _, err = run(
            capsys,
            "client",
            "add",
            f"name=Клиент {i}",
            "budget=1000",
            "--owner",
            "ivanov",
            "--next",
            "call",
            "--due",
            "2026-10-30",
            "--db",
            db_url,
        )
        assert code == 0, err
    code, _, err = run(
        capsys, "client", "move", "3", "send_offer", "--next", "call", "--due", "2026-10-30", "--db", db_url
    )
    assert code == 0, err


NEW = {
    "stages.yaml": [
        ("entry: lead", "entry: first_call"),
        ("- id: lead", "- id: first_call"),
        ("from: lead", "from: first_call"),
        ("required_fields: [budget]", "required_fields: [budget, size]"),
        ("  - trigger: close\n    from: offer\n", "  - trigger: close\n    from: first_call\n"),
    ],
    "priorities.yaml": [
        ("  - id: overdue\n", "  - id: overdue_x\n"),
        ("when: {field: task_overdue_days, greater: 0}", "when: {field: task_overdue_days, greater: 30}"),
    ],
    "segments.yaml": [
        (
            "CZ: {label: {ru: CZ, en: CZ}, contact_interval: 60d",
            "CZ: {label: {ru: CZ, en: CZ}, contact_interval: 30d",
        )
    ],
}


def test_impact_on_the_base(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base(capsys, db_url)
    folder = edited(tmp_path, NEW, "migrate:\n  stages: {lead: first_call}\n")
    code, out, err = run(
        capsys, "impact", str(folder), "--db", db_url, "--at", AT, "-f", "json", "--lang", "en"
    )
    assert code == 0, err
    found = json.loads(out)
    assert found["stages"] == [{"stage": "lead", "clients": 2, "becomes": "first_call"}]
    lacking = found["lacking"]
    assert [(x["stage"], x["field"], x["clients"]) for x in lacking] == [("offer", "size", 1)]
    assert lacking[0]["sample"] == ["3 Клиент 2"]
    assert {(m["stage"], m["trigger"], m["clients"]) for m in found["lost_moves"]} == {("offer", "close", 1)}
    calls = found["calls"]
    assert [c["manager"] for c in calls] == ["ivanov"]
    assert calls[0]["total_before"] == calls[0]["total_after"] == 3
    assert all(r.endswith("· overdue") for r in calls[0]["before"])
    assert all(r.endswith("· rest") for r in calls[0]["after"])
    code, out, _ = run(capsys, "versions", "--db", db_url, "-f", "json")
    assert len(json.loads(out)) == 1  # nothing published, nothing written
    code, out, _ = run(capsys, "impact", str(folder), "--db", db_url, "--at", AT, "--lang", "en")
    assert "«Lead»: 2 clients, carried to «Lead» by the map" in out
    assert "«Offer»: 1 without «Size» (e.g. 3 Клиент 2)" in out
    assert "«Offer»: 1 client can no longer «Close the deal»" in out
    assert "1 Клиент 0 · Overdue" in out and "1 Клиент 0 · The rest" in out  # buckets by label


def test_impact_speaks_russian(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Labels, never ids, in the Russian text (#14): stages, fields, moves, call-list buckets."""
    base(capsys, db_url)
    folder = edited(tmp_path, NEW, "migrate:\n  stages: {lead: first_call}\n")
    code, out, err = run(capsys, "impact", str(folder), "--db", db_url, "--at", AT, "--lang", "ru")
    assert code == 0, err
    assert "«Предложение»: 1 клиент больше не сможет «Закрыть сделку»" in out
    assert "«Предложение»: без поля «Размер» — 1" in out
    assert "на 2 ноября 2026\u202fг. 11:00" in out
    assert not [w for w in latin_words(out) if w != "ivanov"], out


def test_a_stranded_stage_is_said(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base(capsys, db_url)
    folder = edited(tmp_path, {"stages.yaml": NEW["stages.yaml"][:3]})
    code, out, err = run(capsys, "impact", str(folder), "--db", db_url, "--at", AT, "--lang", "en")
    assert code == 0, err
    assert "«Lead»: 2 clients, stranded" in out


def test_a_field_whose_type_changes_under_stored_values_is_warned(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """money → percent: 1000 would be read as 100,000 % — impact says so before publishing."""
    base(capsys, db_url)
    folder = edited(
        tmp_path, {"card.yaml": [("    type: money\n    min: 0", "    type: percent\n    min: 0")]}
    )
    code, out, err = run(capsys, "impact", str(folder), "--db", db_url, "--at", AT, "-f", "json")
    assert code == 0, err
    assert json.loads(out)["retyped"] == [
        {"field": "budget", "old_type": "money", "new_type": "percent", "clients": 3}
    ]
    _, text, _ = run(capsys, "impact", str(folder), "--db", db_url, "--at", AT, "--lang", "en")
    assert "the field «Budget» changes its type (money → a percentage (0.3 = 30%)) while 3 clients" in text
