"""`reglament diff OLD NEW` on folders and on versions published on the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from tests.diff.golden import CASES
from tests.paths import MINIMAL
from tests.regulation.overlay import overlay


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def renamed(tmp_path: Path) -> Path:
    folder = overlay(CASES / "stage_renamed" / "new", tmp_path / "renamed")
    (folder / ".keep").unlink()
    return folder


def test_two_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(MINIMAL), str(renamed(tmp_path)), "--lang", "en")
    assert code == 1
    assert "stage «Lead» renamed: lead → first_call" in out and "1 change" in out
    assert "stages.yaml:3 →" in out
    code, out, _ = run(capsys, "diff", str(MINIMAL), str(MINIMAL))
    assert code == 0 and "ничего не изменилось" in out


def test_two_folders_each_clause_from_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = overlay(CASES / "labels_and_both_sides" / "new", tmp_path / "reg")
    code, out, _ = run(capsys, "diff", str(MINIMAL), str(new))
    assert code == 1
    lines = out.splitlines()
    said = lines.index("  ~ этап «КП отправлено» теперь требует поле «Масштаб»")
    before, after = lines[said + 1].strip().split(" → ")
    assert before.endswith("minimal/stages.yaml:11") and after.endswith("/reg/stages.yaml:19")
    assert "  ~ этап «Предложение» (offer) теперь называется «КП отправлено»" in lines


def test_versions_in_the_database(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "publish", str(MINIMAL), "--db", db_url)[0] == 0
    assert run(capsys, "publish", str(renamed(tmp_path)), "--db", db_url)[0] == 0
    code, out, err = run(capsys, "diff", "1", "2", "--db", db_url, "-f", "json", "--lang", "en")
    assert code == 1, err
    body = json.loads(out)
    assert body["old"].startswith("#1 (") and body["new"].startswith("#2 (")
    assert [(c["concept"], c["action"], c["subject"]) for c in body["changes"]] == [
        ("stage", "renamed", "first_call")
    ]
    code, out, _ = run(capsys, "diff", str(MINIMAL), "1", "--db", db_url)
    assert code == 0, out
    code, _, err = run(capsys, "diff", "1", "nowhere", "--db", db_url, "--lang", "en")
    assert code == 2 and "neither a regulation folder nor a published version" in err


def test_markdown_and_html_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = renamed(tmp_path)
    target = tmp_path / "changes.html"
    code, out, _ = run(capsys, "diff", str(MINIMAL), str(new), "-f", "html", "-o", str(target))
    assert code == 1 and out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "«Лид» переименован: lead → first_call" in page
    code, out, _ = run(capsys, "diff", str(MINIMAL), str(new), "-f", "markdown", "--lang", "en")
    assert out.startswith("# Changes from") and "## Stages" in out


def test_a_broken_side_is_refused_with_its_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = overlay(CASES / "stage_renamed" / "new", tmp_path / "broken")
    (broken / "stages.yaml").write_text("stages: [\n", encoding="utf-8")
    code, _, err = run(capsys, "diff", str(MINIMAL), str(broken))
    assert code == 1 and "stages.yaml:" in err
    code, _, err = run(capsys, "diff", str(MINIMAL), str(MINIMAL), "-f", "pdf")
    assert code == 2 and "markdown" in err
