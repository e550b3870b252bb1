"""The call list for people (#14 point 4): two lines per client at 80 columns with the phone,
lateness in words, a plan said as a plan; an empty list says why and when calls are next due;
the printable day sheet (golden file; one A4 page when WeasyPrint and pdftoppm are here)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.daysheet_case import AT, GOLDEN, build, cli, day_sheet


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "day.sqlite")
    build(path)
    return path


def test_each_client_in_two_lines_of_80_columns(db: str) -> None:
    code, out, err = cli("calls", "--manager", "ivanov", "--at", AT, "--db", db)
    assert code == 0, err
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    assert lines[0].startswith("Звонки: Иван Иванов (ivanov) · 27 ноября 2026")  # whom a name chose
    first = next(i for i, line in enumerate(lines) if "Стройбаза «Север» · #1" in line)
    assert lines[first].rstrip().endswith("+7 912 345-67-89")
    assert "обещали в 10:00 · опоздание 7 ч 30 мин" in lines[first + 1]
    assert "450" not in out and "мин." not in out
    assert "просрочено на 1 день" in out


def test_the_phone_and_the_reason_in_json(db: str) -> None:
    code, out, _ = cli("calls", "--manager", "ivanov", "--at", AT, "--db", db, "--format", "json")
    rows = json.loads(out)["rows"]
    assert code == 0 and {r["phone"] for r in rows} >= {"+79123456789"}
    assert json.loads(out)["empty"] is None


@pytest.mark.parametrize(
    ("at", "says"),
    [
        (
            "28.11.2026 11:00",
            "Сегодня выходной — звонков нет. Следующие звонки — 30 ноября 2026\u202fг. 09:00: в очереди 3.",
        ),
        (
            "27.11.2026 21:00",
            "Сейчас нерабочее время у всех клиентов — звонков нет. Следующие звонки — 30 ноября",
        ),
    ],
)
def test_an_empty_list_says_why_and_when(db: str, at: str, says: str) -> None:
    code, out, _ = cli("calls", "--manager", "ivanov", "--at", at, "--db", db)
    assert code == 0 and says in out, out
    code, out, _ = cli("calls", "--manager", "ivanov", "--at", at, "--db", db, "--format", "json")
    empty = json.loads(out)["empty"]
    assert empty["why"] in ("day_off", "after_hours") and empty["next_total"] == 3
    assert empty["next_at"].startswith("2026-11-30T09:00")


def test_nobody_to_call(tmp_path: Path) -> None:
    db = str(tmp_path / "none.sqlite")
    code, out, _ = cli("calls", "--at", AT, "--db", db)
    assert code == 0 and "Звонить некому: нет клиентов в работе." in out


def test_the_day_sheet_is_golden(db: str) -> None:
    sheet = day_sheet(db)
    assert "☐" in sheet and "Итог и заметки" in sheet and "+7 912 345-67-89" in sheet
    assert GOLDEN.read_text(encoding="utf-8") == sheet, "python -m tests.cli.daysheet_case"


def test_a_pdf_day_sheet_is_one_a4_page(db: str, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "sheet.pdf"
    code, _, err = cli(
        "calls", "--manager", "ivanov", "--at", AT, "--format", "pdf", "-o", str(pdf), "--db", db
    )
    assert code == 0, err
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1, pages


def test_a_pdf_needs_a_file(db: str) -> None:
    code, _, err = cli("calls", "--format", "pdf", "--db", db)
    assert code == 2 and "для PDF укажите файл" in err


def test_a_manager_named_by_surname_is_shown_by_name_and_login(db: str) -> None:
    """The outside tester typed a surname and could not see whom it chose: the header said a login."""
    code, out, err = cli("calls", "--manager", "иванов", "--at", AT, "--db", db)
    assert code == 0, err
    assert out.splitlines()[0].startswith("Звонки: Иван Иванов (ivanov) · ")
