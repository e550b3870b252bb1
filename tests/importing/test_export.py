"""Exports to 1C and Excel: what goes out imports back unchanged; formula cells are neutralised."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from engine.cli import main
from engine.service.workspace import Workspace
from tests.importing.test_corpus import snapshot

CLIENTS = (
    "Код;Наименование;Телефон;ИНН;Дата коммерческого предложения;Скидка, %;Отрасль;Есть своя ИТ-служба\n"
    "00017;ООО «Ромашка»;+7 912 000-11-22;7707083893;02.11.2026;7,5;Розничная торговля;да\n"
    '1002;"=HYPERLINK(""http://evil"",""x"")";+7 912 000-11-23;;;;;\n'
    "1003;@SUM(1+1);+7 912 000-11-24;7736050003;;;;нет\n"
)
SALES = (
    "Клиент;Дата;Документ;Номер строки;Номенклатура;Количество;Сумма;Маржа\n"
    "00017;01.10.2026;РН-1;1;Кирпич;10;125 000,50;25 000\n"
    "00017;01.10.2026;РН-1;2;-Скидка;1;-1 000;\n"
    "1002;31.12.2025;;;Блок;1;0,1;\n"
    "1002;31.12.2025;;;Блок;1;0,1;\n"
)


@pytest.fixture
def base(ws: Workspace, tmp_path: Path) -> str:
    url = ws.db.url
    (tmp_path / "c.csv").write_bytes(CLIENTS.encode("cp1251"))
    (tmp_path / "s.csv").write_bytes(SALES.encode("cp1251"))
    assert main(["import", "clients", str(tmp_path / "c.csv"), "--db", url]) == 0
    assert main(["import", "sales", str(tmp_path / "s.csv"), "--db", url]) == 0
    return url


@pytest.mark.parametrize("name", ["c.csv", "c.cp1251.csv", "c.xlsx"])
@pytest.mark.parametrize("kind", ["clients", "sales"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_export_imports_back_without_a_change(
    base: str, tmp_path: Path, kind: str, name: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(base)
    encoding = ["--encoding", "cp1251"] if "cp1251" in name else []
    out = tmp_path / name
    assert main(["export", kind, "-o", str(out), "--db", base, "--lang", lang, *encoding]) == 0
    capsys.readouterr()
    assert main(["import", kind, str(out), "--db", base, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    expected = {"clients": ("unchanged", 3), "sales": ("present", 4)}[kind]
    assert report[expected[0]] == expected[1] and report["errors"] == [] and report["written"]
    assert snapshot(base) == before


def test_formula_cells_are_neutralised_in_csv(base: str, tmp_path: Path) -> None:
    assert main(["export", "clients", "-o", str(tmp_path / "c.csv"), "--db", base]) == 0
    text = (tmp_path / "c.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    assert names == ["ООО «Ромашка»", '\'=HYPERLINK("http://evil","x")', "'@SUM(1+1)"]
    assert rows[1][0] == "00017"  # codes stay text
    assert "7,5" in rows[1] and "02.11.2026" in rows[1]  # decimal comma, Russian date
    assert main(["export", "sales", "-o", str(tmp_path / "s.csv"), "--db", base]) == 0
    sales = (tmp_path / "s.csv").read_bytes().decode("utf-8-sig")
    assert "'-Скидка" in sales and ";-1000;" in sales and "125000,5" in sales


def test_formula_cells_are_text_in_xlsx(base: str, tmp_path: Path) -> None:
    assert main(["export", "clients", "-o", str(tmp_path / "c.xlsx"), "--db", base]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert sheet is not None
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells][1:] == [
        ('=HYPERLINK("http://evil","x")', "s"),
        ("@SUM(1+1)", "s"),
    ]
    assert sheet.cell(2, 1).value == "00017" and sheet.cell(2, 1).data_type == "s"


def test_cp1251_refuses_what_it_cannot_write_and_writes_nothing(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c.csv").write_text("Код;Наименование;Телефон\n1;Кафе «😀»;+79120001122\n", encoding="utf-8")
    assert main(["import", "clients", str(tmp_path / "c.csv"), "--db", ws.db.url]) == 0
    code = main(
        ["export", "clients", "-o", str(tmp_path / "out.csv"), "--encoding", "cp1251", "--db", ws.db.url]
    )
    assert code == 2 and "UTF-8" in capsys.readouterr().err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".export", "out"))]


@pytest.mark.parametrize("name", ["x.csv", "x.xlsx"])
def test_calls_and_classes_export(base: str, tmp_path: Path, name: str) -> None:
    assert main(["segment", "--db", base, "--at", "2026-10-15T12:00", "--no-plan"]) == 0
    for kind, header in (("classes", "ABC"), ("calls", "Почему")):
        out = tmp_path / f"{kind}-{name}"
        assert main(["export", kind, "-o", str(out), "--db", base, "--at", "2026-10-15T12:00"]) == 0
        if name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
        else:
            sheet = openpyxl.load_workbook(out).active
            assert sheet is not None
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert header in rows[0] and len(rows) >= 2, rows


def test_a_percentage_is_exported_as_people_type_it_and_read_back() -> None:
    from engine.exporting.tables import card_cell
    from engine.model.card import Field, FieldType
    from engine.model.text import Origin, Text
    from engine.values.fieldtypes import parse_value

    field = Field("share", Text.of(ru="Доля", en="Share"), FieldType.PERCENT, Origin("card.yaml", 1, 1, ""))
    for stored, cell in (("0.305", "30.5%"), ("0.3", "30%"), ("1", "100%"), ("0", "0%")):
        assert card_cell(field, stored, "ru") == cell
        assert parse_value(field, cell) == (stored, None)
