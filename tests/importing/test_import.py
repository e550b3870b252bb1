"""Importing clients and sales as Russian companies export them (1C, Excel)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from engine.importing.clients import import_clients
from engine.importing.errors import MappingError
from engine.importing.readers import open_table
from engine.importing.sales import ReadOptions, import_sales
from engine.importing.words import report_text
from engine.service import clients
from engine.service.listing import add_manager, list_clients
from engine.service.workspace import Workspace
from engine.store.tables import Sale
from tests.answers import seen

HEADER_1C = "Код;Наименование;Телефон;ИНН;Сотрудников всего;Годовой объём закупок;Менеджер\n"


def opts(**values: object) -> ReadOptions:
    return ReadOptions(**values)  # type: ignore[arg-type]


def write_cp1251(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("cp1251"))
    return path


def sales_count(ws: Workspace) -> int:
    with ws.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(Sale.__table__)).scalar_one())  # type: ignore[attr-defined]


def test_a_1c_csv_with_a_broken_row_imports_nothing_and_reports_the_row(
    ws: Workspace, tmp_path: Path
) -> None:
    path = write_cp1251(
        tmp_path / "clients.csv",
        HEADER_1C
        + "1001;ООО «Ромашка»;8 (495) 123-45-67;7707083893;1 200;7 500 000,00;\n"
        + "1002;ИП Петров;+7 912 000-11-22;;15;;\n"
        + "1003;Сбой;не телефон;7707083893;много;;\n",
    )
    report = import_clients(ws, path, opts(), actor="import")
    assert (
        report.written is False
        and report.rows == 3
        and (report.layout.encoding, report.layout.delimiter) == ("cp1251", ";")
    )
    assert {(e.row, e.column, e.value) for e in report.errors} == {
        (4, "Телефон", "не телефон"),
        (4, "Сотрудников всего", "много"),
        (4, "ИНН", "7707083893"),  # the same INN as row 2
    }
    assert "строка 4" in report_text(report, "ru") and "Ничего не загружено" in report_text(report, "ru")
    assert "создано" not in report_text(report, "ru"), "no counts of clients a refused import did not write"
    assert list_clients(ws) == []


def test_skip_bad_imports_the_good_rows_with_typed_values(ws: Workspace, tmp_path: Path) -> None:
    add_manager(ws, "ivanov", "Иван Иванов", "sales_manager")
    path = write_cp1251(
        tmp_path / "clients.csv",
        HEADER_1C
        + "1001;ООО «Ромашка»;8 (495) 123-45-67;7707083893;1 200;7 500 000,00;ivanov\n"
        + "1003;Сбой;не телефон;;;;\n",
    )
    report = import_clients(ws, path, opts(skip_bad=True), actor="import")
    assert (report.counts["created"], report.bad_rows, report.complete) == (1, 1, True)
    [view] = seen(list_clients(ws))
    assert view["external_id"] == "1001" and view["owner"] == "ivanov"
    assert view["card"] == {
        "company_name": "ООО «Ромашка»",
        "phone": "+74951234567",
        "inn": "7707083893",
        "employees": 1200,
        "annual_purchase_volume": "7500000",
    }
    assert view["potential"]["id"] == "perspective"
    [entry] = clients.client_history(ws, view["id"])
    assert (entry["kind"], entry["data"]["file"], entry["data"]["row"]) == ("imported", "clients.csv", 2)


def test_utf8_comma_csv_with_an_explicit_mapping_and_stages(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text(
        "\ufeffid,company,tel,stage,contact,role,industry,next,due,at\n"
        'A1,"Альфа, ООО",+79120001122,Выявление потребностей,Пётр,buyer,retail,Позвонить,25.11.2026,14:30\n'
        "A2,Бета,+79120001123,needs,,,,,,\n",
        encoding="utf-8",
    )
    mapping = {
        "id": "external_id",
        "company": "company_name",
        "tel": "phone",
        "contact": "contact_person",
        "role": "contact_role",
        "next": "next_action",
        "due": "next_due",
        "at": "next_time",
    }
    report = import_clients(ws, path, opts(mapping=mapping), actor="import")
    assert [(e.row, e.column) for e in report.errors] == [(3, "role"), (3, "industry")]
    report = import_clients(ws, path, opts(mapping=mapping, skip_bad=True), actor="import")
    [view] = seen(list_clients(ws))
    assert view["stage"]["id"] == "needs" and view["name"] == "Альфа, ООО"
    assert view["next_step"] == {"action": "Позвонить", "due_date": "2026-11-25", "due_time": "14:30"}


def test_a_code_twice_in_the_file_is_refused_and_a_second_import_changes_nothing(
    ws: Workspace, tmp_path: Path
) -> None:
    path = write_cp1251(tmp_path / "c.csv", "Код;Наименование;Телефон\n7;А;+79120001122\n7;Б;+79120001123\n")
    report = import_clients(ws, path, opts(), actor="import")
    assert [(e.row, e.column) for e in report.errors] == [(3, "Код")]
    once = write_cp1251(tmp_path / "d.csv", "Код;Наименование;Телефон\n7;А;+79120001122\n")
    assert import_clients(ws, once, opts(), actor="import").counts == {"created": 1}
    again = import_clients(ws, once, opts(), actor="import")
    assert again.counts == {"unchanged": 1} and again.errors == [] and len(list_clients(ws)) == 1


def test_mapping_mistakes_are_named(ws: Workspace, tmp_path: Path) -> None:
    path = write_cp1251(tmp_path / "c.csv", "Фирма;Тел\nА;+79120001122\n")
    with pytest.raises(MappingError, match="unknown columns: «Фирма», «Тел»"):
        import_clients(ws, path, opts(), actor="import")
    with pytest.raises(MappingError, match="not a card field"):
        import_clients(ws, path, opts(mapping={"Фирма": "firm"}), actor="import")
    with pytest.raises(MappingError, match="no column 'Фирмa'"):
        import_clients(ws, path, opts(mapping={"Фирмa": "company_name"}), actor="import")


def test_xlsx_with_typed_cells(ws: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Код", "Наименование", "Телефон", "ИНН", "Дата коммерческого предложения", "Скидка, %"])
    sheet.append([10001, "Гранит", 79120001122, 7707083893, datetime(2026, 11, 2), 7.5])
    book.save(tmp_path / "c.xlsx")
    report = import_clients(ws, tmp_path / "c.xlsx", opts(), actor="import")
    assert report.errors == [] and report.counts["created"] == 1
    [view] = seen(list_clients(ws))
    assert view["external_id"] == "10001"
    assert view["card"]["phone"] == "+79120001122" and view["card"]["inn"] == "7707083893"
    assert view["card"]["proposal_date"] == "2026-11-02" and view["card"]["discount_pct"] == "7.5"


def test_sales_with_decimal_commas_dates_returns_and_inn_lookup(ws: Workspace, tmp_path: Path) -> None:
    import_clients(
        ws,
        write_cp1251(
            tmp_path / "c.csv",
            "Код;Наименование;Телефон;ИНН\n1001;А;+79120001122;7707083893\n1002;Б;+79120001123;\n",
        ),
        opts(),
        actor="import",
    )
    path = write_cp1251(
        tmp_path / "s.csv",
        "Клиент;ИНН;Дата;Сумма;Количество;Номенклатура\n"
        "1001;;01.10.2026;125 000,50;10;Кирпич\n"
        ";7707083893;2026-10-15;1 000;1;\n"
        "1002;;31.12.2025;-3 000,00;-1;Возврат\n",
    )
    report = import_sales(ws, path, opts())
    assert report.errors == [] and report.counts["added"] == 3
    with ws.db.read() as conn:
        rows = conn.execute(select(Sale.day, Sale.month, Sale.amount, Sale.quantity).order_by(Sale.day)).all()  # type: ignore[call-overload]
    assert rows == [
        (date(2025, 12, 31), 2025 * 12 + 11, -3000.0, -1.0),
        (date(2026, 10, 1), 2026 * 12 + 9, 125000.5, 10.0),
        (date(2026, 10, 15), 2026 * 12 + 9, 1000.0, 1.0),
    ]


def test_sales_with_an_unknown_client_or_bad_values_import_nothing(ws: Workspace, tmp_path: Path) -> None:
    import_clients(
        ws,
        write_cp1251(tmp_path / "c.csv", "Код;Наименование;Телефон\n1001;А;+79120001122\n"),
        opts(),
        actor="import",
    )
    path = write_cp1251(
        tmp_path / "s.csv",
        "Клиент;Дата;Сумма\n1001;01.10.2026;100\n9999;01.10.2026;1\n1001;32.10.2026;1\n1001;01.10.2026;сто\n",
    )
    report = import_sales(ws, path, opts())
    assert [(e.row, e.column) for e in report.errors] == [(3, "Клиент"), (4, "Дата"), (5, "Сумма")]
    assert not report.written and sales_count(ws) == 0


def test_reader_detects_encoding_and_delimiter(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes("a;b\n1,5;2\n".encode("cp1251"))
    (tmp_path / "b.csv").write_text('a,b\n"1,5",2\n', encoding="utf-8")
    (tmp_path / "c.csv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    tables = [open_table(p, lambda h: False) for p in sorted(tmp_path.glob("*.csv"))]
    assert [(t.layout.delimiter, next(t.rows()).cells) for t in tables] == [
        (";", ["1,5", "2"]),
        (",", ["1,5", "2"]),
        ("\t", ["1", "2"]),
    ]
