"""A filter naming nothing is said, not answered with an empty list."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main


def test_an_unknown_stage_is_refused_with_the_stages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.sqlite")
    assert main(["client", "list", "--stage", "foo", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "нет этапа «foo»" in err and "Переговоры" in err
    assert main(["client", "list", "--stage", "Переговоры", "--db", db]) == 0, "a label names a stage"


def test_an_unknown_contact_result_lists_the_results_by_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.sqlite")
    card = ["Название компании=Ромашка", "Телефон=8 912 345-67-89"]
    assert main(["client", "add", *card, "--db", db]) == 0
    capsys.readouterr()
    assert main(["client", "contact", "1", "--result", "Дозвонились", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "Не дозвонились" in err and "no_answer" not in err, err


def test_a_list_cut_by_its_limit_says_there_are_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.sqlite")
    for n in range(3):
        assert (
            main(
                [
                    "client",
                    "add",
                    f"Название компании=Ромашка {n}",
                    "Телефон=8 912 345-67-8" + str(n),
                    "--db",
                    db,
                ]
            )
            == 0
        )
    capsys.readouterr()
    assert main(["client", "list", "--limit", "2", "--db", db]) == 0
    assert "есть ещё" in capsys.readouterr().out
    assert main(["client", "list", "--limit", "3", "--db", db]) == 0
    assert "есть ещё" not in capsys.readouterr().out
