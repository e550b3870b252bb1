"""Publishing with a migration map: a renamed stage holding clients publishes with a map line,
every client carried over gets a history entry with both versions; without the line the publish
is refused and says which line to write. Fields move their values the same way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from tests.paths import MINIMAL


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def edited(tmp_path: Path, name: str, edits: dict[str, list[tuple[str, str]]], migrate: str = "") -> Path:
    folder = tmp_path / name
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


RENAME_LEAD = {
    "stages.yaml": [
        ("entry: lead", "entry: first_call"),
        ("- id: lead", "- id: first_call"),
        ("from: lead", "from: first_call"),
    ]
}


def add_clients(capsys: pytest.CaptureFixture[str], db_url: str, n: int) -> list[int]:
    ids = []
    for i in range(n):
        code, out, err = run(
            capsys, "client", "add", f"name=Клиент {i}", "budget=1000", "--db", db_url, "-f", "json"
        )
        assert code == 0, err
        ids.append(json.loads(out)["client"]["id"])
    return ids


def history(capsys: pytest.CaptureFixture[str], db_url: str, client: int) -> list[dict[str, object]]:
    code, out, err = run(capsys, "client", "history", str(client), "--db", db_url, "-f", "json")
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_a_renamed_stage_without_a_map_line_is_refused_with_the_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    add_clients(capsys, db_url, 2)
    code, _, err = run(
        capsys, "publish", str(edited(tmp_path, "v2", RENAME_LEAD)), "--db", db_url, "--lang", "en"
    )
    assert code == 2
    assert "'lead' still holds 2 clients" in err and "migrate: {stages: {lead: first_call}}" in err
    code, out, _ = run(capsys, "versions", "--db", db_url, "-f", "json")
    assert len(json.loads(out)) == 1


def test_a_renamed_stage_publishes_with_its_map_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    ids = add_clients(capsys, db_url, 3)
    folder = edited(tmp_path, "v2", RENAME_LEAD, "migrate:\n  stages: {lead: first_call}\n")
    code, _, err = run(capsys, "publish", str(folder), "--db", db_url)
    assert code == 0, err
    _, out, _ = run(capsys, "versions", "--db", db_url, "-f", "json")
    new, old = (p["tag"] for p in json.loads(out))
    for client in ids:
        rows = history(capsys, db_url, client)
        carried = [r for r in rows if r["kind"] == "migrated"]
        assert len(carried) == 1
        entry = carried[0]
        assert entry["data"] == {"from_version": old, "to_version": new, "stage": ["lead", "first_call"]}
        assert entry["from_stage"] == "lead" and entry["to_stage"] == "first_call"
        _, shown, _ = run(capsys, "client", "show", str(client), "--db", db_url, "-f", "json")
        assert json.loads(shown)["stage"]["id"] == "first_call"
    _, text, _ = run(capsys, "client", "history", str(ids[0]), "--db", db_url, "--lang", "en")
    assert f"Carried over from the stage lead to «Lead» by publishing {new} (was {old})" in text
    _, feed, _ = run(capsys, "events", "--db", db_url, "--format", "json")
    carried = [e for e in map(json.loads, feed.splitlines()) if e["data"].get("published") == new]
    assert sorted(e["client_id"] for e in carried) == sorted(ids), "one client.moved event per client"
    assert {(e["type"], e["data"]["from"], e["data"]["to"]) for e in carried} == {
        ("client.moved", "lead", "first_call")
    }
    code, _, err = run(
        capsys,
        "client",
        "move",
        str(ids[0]),
        "send_offer",
        "--next",
        "call",
        "--due",
        "tomorrow",
        "--db",
        db_url,
    )
    assert code == 0, err


def test_a_rollback_carries_renamed_clients_back_by_the_map_read_backwards(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    ids = add_clients(capsys, db_url, 2)
    folder = edited(tmp_path, "v2", RENAME_LEAD, "migrate:\n  stages: {lead: first_call}\n")
    assert run(capsys, "publish", str(folder), "--db", db_url)[0] == 0
    code, _, err = run(capsys, "rollback", "1", "--db", db_url)
    assert code == 0, err
    for client in ids:
        _, shown, _ = run(capsys, "client", "show", str(client), "--db", db_url, "-f", "json")
        assert json.loads(shown)["stage"]["id"] == "lead"
        carried = [r for r in history(capsys, db_url, client) if r["kind"] == "migrated"]
        assert [(r["from_stage"], r["to_stage"]) for r in carried] == [
            ("lead", "first_call"),
            ("first_call", "lead"),
        ]


def test_two_stages_merge_into_one(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    ids = add_clients(capsys, db_url, 2)
    code, _, err = run(
        capsys,
        "client",
        "move",
        str(ids[1]),
        "send_offer",
        "--next",
        "call",
        "--due",
        "tomorrow",
        "--db",
        db_url,
    )
    assert code == 0, err
    merged = {
        "stages.yaml": [
            (
                "  - id: offer\n    label: {ru: Предложение, en: Offer}\n    kind: open\n    order: 2\n"
                "    probability: 0.5\n    required_fields: [budget]\n"
                "    refusal_reasons: [no_need, price]\n",
                "",
            ),
            ("    from: offer\n", "    from: lead\n"),
            (
                "  - trigger: send_offer\n    from: lead\n    to: offer\n",
                "  - trigger: send_offer\n    from: lead\n    to: won\n",
            ),
        ]
    }
    folder = edited(tmp_path, "merged", merged, "migrate:\n  stages: {offer: lead}\n")
    code, _, err = run(capsys, "check", str(folder))
    assert code == 0, _ + err
    code, _, err = run(capsys, "publish", str(folder), "--db", db_url)
    assert code == 0, err
    kinds = [r["kind"] for r in history(capsys, db_url, ids[1])]
    assert kinds.count("migrated") == 1
    assert "migrated" not in [r["kind"] for r in history(capsys, db_url, ids[0])]


def test_a_renamed_field_carries_its_values(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    ids = add_clients(capsys, db_url, 2)
    renamed = {
        "card.yaml": [("- id: budget", "- id: budget_rub")],
        "stages.yaml": [
            ("field: budget", "field: budget_rub"),
            ("required_fields: [budget]", "required_fields: [budget_rub]"),
        ],
    }
    folder = edited(tmp_path, "fields", renamed, "migrate:\n  fields: {budget: budget_rub}\n")
    code, _, err = run(capsys, "publish", str(folder), "--db", db_url)
    assert code == 0, err
    _, shown, _ = run(capsys, "client", "show", str(ids[0]), "--db", db_url, "-f", "json")
    card = json.loads(shown)["card"]
    assert "budget" not in card and card["budget_rub"] == "1000"
    assert [r["data"]["field"] for r in history(capsys, db_url, ids[1]) if r["kind"] == "migrated"] == [
        ["budget", "budget_rub"]
    ]
