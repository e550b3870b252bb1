"""Codes and INNs typed as numbers in Excel stay text; leading zeros Excel dropped are told."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from engine.cli import main
from engine.service.listing import list_clients
from engine.service.workspace import Workspace
from tests.answers import seen


def book(path: Path, *rows: list[object]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_numbers_in_code_and_inn_columns(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = book(
        tmp_path / "c.xlsx",
        ["Код", "Наименование", "Телефон", "ИНН"],
        [17, "Альфа", 79120001122, 7707083893],
        [18.0, "Бета", 79120001123, 105012349],  # a 9-digit INN: Excel dropped the zero of 0105012349
    )
    assert main(["import", "clients", str(path), "--db", ws.db.url, "--format", "json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created"] == 2
    warnings = {(w["row"], w["column"]): w["message"] for w in report["warnings"]}
    assert "leading zeros" in warnings[(2, "Код")]
    assert "read as 0105012349" in warnings[(3, "ИНН")]
    clients = {c["external_id"]: c for c in seen(list_clients(ws))}
    assert set(clients) == {"17", "18"}  # never «17.0»
    assert clients["18"]["card"]["inn"] == "0105012349"


def test_sales_with_numeric_codes_find_their_clients(ws: Workspace, tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("Код;Наименование;Телефон\n17;Альфа;+79120001122\n", encoding="utf-8")
    assert main(["import", "clients", str(tmp_path / "c.csv"), "--db", ws.db.url]) == 0
    path = book(tmp_path / "s.xlsx", ["Клиент", "Дата", "Сумма"], [17.0, "01.10.2026", 100.5])
    assert main(["import", "sales", str(path), "--db", ws.db.url]) == 0
