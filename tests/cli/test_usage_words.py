"""Typer's and Click's own complaints in the reader's language (#14 point 2): a missing option,
an unknown command or option, a value of the wrong type — each in Russian with no English word,
the usage line and where to read more, exit 2 and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main
from tests.i18n.latin import latin_words

CASES = [
    (["manager", "add", "ivanov", "--role", "sales_manager"], "нужен параметр «--name»"),
    (["clint"], "нет команды «clint». Может быть: 'client'"),
    (["calls", "--bogus"], "нет параметра --bogus"),
    (["calls", "--limit", "abc"], "«--limit»: напишите целое число"),
    (["calls", "--limit", "0"], "«--limit»: напишите число не меньше 1"),
    (["client", "show"], "не указан аргумент «НОМЕР»"),
    (["client", "show", "1", "2"], "лишние аргументы: 2"),
    (["calls", "--db"], "параметру --db нужно значение"),
    (["calls", "--lang", "de"], "--lang: «de» — не из списка: ru, en"),
    (["calls", "--format", "xml"], "--format: «xml» — не из списка: text, json"),
    (["guide", "-o", "{file}"], "— файл, а нужна папка"),
    (["check", "{missing}"], "такой папки нет"),
    (["client", "move", "1", "nonsense"], "нет действия «nonsense»"),
]


@pytest.mark.parametrize(("argv", "says"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_usage_mistake_in_russian(
    argv: list[str],
    says: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGLAMENT_LANG", "ru")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    where = {"file": str(tmp_path / "file"), "missing": str(tmp_path / "missing")}
    db = ["--db", str(tmp_path / "u.sqlite")] if argv[0] in ("calls", "client", "manager") else []
    if argv[:2] == ["client", "move"]:
        main(["client", "add", "company_name=Ромашка", "phone=+79123456789", *db])
        capsys.readouterr()
    code = main([a.format(**where) for a in argv] + (db if "--db" not in argv else []))
    err = capsys.readouterr().err
    assert code in (1, 2) and says in err, err
    assert "Traceback" not in err and "Error" not in err and "Usage" not in err
    assert not [w for w in latin_words(err) if w not in ("nonsense", "clint", "bogus", "de", "abc", "xml")], (
        err
    )


def test_the_same_mistake_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manager", "add", "ivanov", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Usage: reglament manager add [OPTIONS] {LOGIN}" in err
    assert "Error: the option «--name» is required." in err


def test_an_unknown_reglament_lang_is_said_in_both_languages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGLAMENT_LANG", "de")
    assert main(["calls"]) == 2
    err = capsys.readouterr().err
    assert "Reglament speaks ru and en" in err and "Регламент говорит на языках" in err
