"""`reglament publish DIR` puts a regulation in force for every command; a folder on a database
that has a published regulation runs only as a labelled draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.cli import main
from tests.paths import BUNDLED


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def renamed(tmp_path: Path, label: str) -> Path:
    """The bundled regulation with the entry stage's Russian label changed."""
    folder = tmp_path / label
    shutil.copytree(BUNDLED, folder)
    stages = folder / "stages.yaml"
    text = stages.read_text(encoding="utf-8")
    assert "Новый клиент" in text
    stages.write_text(text.replace("Новый клиент", label, 1), encoding="utf-8")
    return folder


def add_client(capsys: pytest.CaptureFixture[str], db_url: str, *extra: str) -> tuple[int, str, str]:
    card = ("company_name=Ромашка", "phone=8 912 345-67-80")
    return run(capsys, "client", "add", *card, "--db", db_url, *extra)


def test_every_command_runs_the_published_regulation(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = renamed(tmp_path, "Свежий лид")
    code, out, err = run(capsys, "publish", str(folder), "--db", db_url)
    assert code == 0, err
    assert "Опубликован регламент" in out
    code, out, err = add_client(capsys, db_url)
    assert code == 0, err
    assert "Свежий лид" in out and err == ""


def test_a_different_folder_needs_draft_and_is_labelled(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "publish", str(renamed(tmp_path, "Свежий лид")), "--db", db_url)[0] == 0
    other = renamed(tmp_path, "Черновой лид")
    code, out, err = add_client(capsys, db_url, "-r", str(other), "--lang", "en")
    assert code == 2 and out == "", "a folder given where it cannot run is a usage mistake"
    assert "runs only as a draft" in err and "--draft" in err
    code, out, err = add_client(capsys, db_url, "-r", str(other), "--draft")
    assert code == 0, err
    assert "Черновой лид" in out
    assert err.startswith("Черновик:")


def test_the_published_folder_itself_runs_without_draft(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = renamed(tmp_path, "Свежий лид")
    assert run(capsys, "publish", str(folder), "--db", db_url)[0] == 0
    code, _out, err = add_client(capsys, db_url, "-r", str(folder))
    assert code == 0 and err == ""


def test_a_broken_regulation_is_not_published(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = renamed(tmp_path, "Свежий лид")
    (folder / "stages.yaml").write_text("stages: [", encoding="utf-8")
    code, out, err = run(capsys, "publish", str(folder), "--db", db_url)
    assert code == 1 and "stages.yaml:" in err
    code, out, err = add_client(capsys, db_url)
    assert code == 0 and "Новый клиент" in out


def test_a_publish_that_drops_an_occupied_stage_is_refused(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add_client(capsys, db_url)[0] == 0
    folder = tmp_path / "renamed_id"
    shutil.copytree(BUNDLED, folder)
    for name in ("stages.yaml", "priorities.yaml", "segments.yaml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("new", "fresh"), encoding="utf-8")
    shutil.rmtree(folder / "tests")  # the bundled scenarios speak of 'new': they would refuse it first
    code, _out, err = run(capsys, "publish", str(folder), "--db", db_url, "--lang", "en")
    assert code == 2
    assert "'new'" in err and "1" in err
