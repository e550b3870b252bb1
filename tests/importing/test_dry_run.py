"""A dry run tells how the file was read and what each column became, and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from tests.importing.test_corpus import snapshot

FILE = "Выгрузка из 1С\n\nКлиент;Дата;Сумма;Примечание\n1001;01.10.2026;100;x\n"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_dry_run_explains_and_writes_nothing(
    db_url: str, tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c.csv").write_text("Код;Клиент;Телефон\n1001;Альфа;+79120001122\n", encoding="cp1251")
    (tmp_path / "s.csv").write_bytes(FILE.encode("cp1251"))
    clients = ["import", "clients", str(tmp_path / "c.csv"), "--db", db_url, "--lang", lang]
    assert main([*clients, "--dry-run"]) == 0
    text = capsys.readouterr().out
    words = {
        "ru": [
            "кодировка cp1251",
            "Клиент → company_name (псевдоним из card.yaml)",
            "создано 1",
            "ничего не записано",
        ],
        "en": [
            "encoding cp1251",
            "Клиент → company_name (an alias in card.yaml)",
            "created 1",
            "nothing was written",
        ],
    }[lang]
    assert all(w in text for w in words), text
    before = snapshot(db_url)
    assert main(clients) == 0
    capsys.readouterr()
    assert snapshot(db_url) != before
    before = snapshot(db_url)
    sales = ["import", "sales", str(tmp_path / "s.csv"), "--db", db_url, "--lang", lang]
    assert main([*sales, "--dry-run", "--ignore", "Примечание", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["header_row"] == 3 and report["delimiter"] == ";" and report["added"] == 1
    columns = {c["column"]: (c["target"], c["why"]) for c in report["columns"]}
    assert columns == {
        "Клиент": ("client", "import_alias"),
        "Дата": ("day", "import_alias"),
        "Сумма": ("amount", "import_alias"),
        "Примечание": (None, "ignored"),
    }
    assert snapshot(db_url) == before
