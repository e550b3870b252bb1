"""A file or mapping the import cannot use is told in the reader's language, with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main

CASES = {
    # name: (file name, file bytes, extra arguments, Russian words, English words)
    "empty": ("c.csv", b"\n\n", (), "файл пуст", "the file is empty"),
    "missing": ("none.csv", None, (), "такого файла нет", "no such file"),
    "not xlsx": ("c.xlsx", b"Name;Phone\n", (), "не читается как таблица", "not a readable spreadsheet"),
    "encoding": ("c.csv", b"a\n1\n", ("--encoding", "koi9"), "--encoding cp1251", "--encoding cp1251"),
    "unknown columns": ("c.csv", b"a;b\n1;2\n", (), "неизвестные столбцы: «a»", "unknown columns: «a», «b»"),
    "bad pair": ("c.csv", b"a;b\n1;2\n", ("--map", "a"), "СТОЛБЕЦ=ПОЛЕ", "COLUMN=TARGET"),
    "bad target": ("c.csv", b"a;b\n1;2\n", ("--map", "a=firm"), "не поле карточки", "not a card field"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_file_problems(case: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, data, extra, ru, en = CASES[case]
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    db = str(tmp_path / "i.sqlite")
    code = main(["import", "clients", str(path), *extra, "--db", db, "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and (ru if lang == "ru" else en) in err and "Traceback" not in err


def test_a_broken_mapping_file_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "c.csv").write_text("Фирма;Тел\nА;+79120001122\n", encoding="utf-8")
    (tmp_path / "map.yaml").write_text("Фирма: company_name\nТел: [phone\n", encoding="utf-8")
    argv = ["import", "clients", str(tmp_path / "c.csv"), "--mapping", str(tmp_path / "map.yaml")]
    code = main([*argv, "--db", str(tmp_path / "i.sqlite"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "map.yaml: not a YAML mapping (line 3, column 1" in err
