"""`reglament guide` prints the regulation in force on the database, not the bundled folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.cli import main
from tests.paths import MINIMAL


def test_the_guide_is_the_published_regulation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./reglament.sqlite here
    monkeypatch.delenv("REGLAMENT_DB", raising=False)
    folder = tmp_path / "mine"
    shutil.copytree(MINIMAL, folder)
    stages = folder / "stages.yaml"
    text = stages.read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if "label:" in line and "ru:" in line)
    stages.write_text(text.replace(label, label.replace("ru: ", "ru: Особый этап ", 1), 1), encoding="utf-8")
    db = str(tmp_path / "base.sqlite")
    assert main(["publish", str(folder), "--db", db]) == 0
    capsys.readouterr()
    assert main(["guide", "--db", db, "-f", "md", "--lang", "ru"]) == 0
    assert "Особый этап" in capsys.readouterr().out
    assert main(["guide", "-f", "md", "--lang", "ru"]) == 0, "without a database: the bundled regulation"
    assert "Особый этап" not in capsys.readouterr().out
