"""``reglament report``: each report in text and JSON, files by suffix, the head's page, mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from engine.reports.names import NAMES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite")
    assert (
        run(capsys, "manager", "add", "ivanov", "--name", "Иван", "--role", "sales_manager", "--db", path)[0]
        == 0
    )
    code, _, err = run(
        capsys,
        "client",
        "add",
        "company_name=Ромашка",
        "phone=8 912 345-67-89",
        "--owner",
        "ivanov",
        "--db",
        path,
    )
    assert code == 0, err
    return path


@pytest.mark.parametrize("name", NAMES)
def test_every_report_in_text_and_json(name: str, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", name, "--db", db, "--lang", "en")
    assert code == 0, err
    code, out, err = run(capsys, "report", name, "--db", db, "--format", "json", "--lang", "ru")
    assert code == 0, err
    assert json.loads(out)["report"] == name


def test_a_new_client_counts_in_the_funnel(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "funnel", "--db", db, "--format", "json", "--manager", "ivanov")
    rows = json.loads(out)["tables"]["cohort"]["rows"]
    assert code == 0 and rows[0]["reached"] == 1


def test_files_by_suffix_and_the_page(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file, page_dir = tmp_path / "stuck.csv", tmp_path / "report"
    assert run(capsys, "report", "stuck", "--db", db, "-o", str(csv_file), "--lang", "en")[0] == 0
    assert csv_file.read_text(encoding="utf-8").startswith("\ufeffBy stage and manager")
    code, out, _ = run(capsys, "report", "all", "--db", db, "-o", str(page_dir), "--lang", "en")
    assert code == 0 and "index.html" in out
    assert "<svg" in (page_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("report", "funel"), "report: «funel» is not one of funnel, stuck"),
        (("report", "funnel", "--period", "2026-13"), "write the month as YYYY-MM"),
        (
            ("report", "funnel", "--from", "1 ноября"),
            "--from 1 ноября: write the date as 01.11.2026 or 2026-11-01",
        ),
        (("report", "funnel", "--last", "4w", "--period", "2026-11"), "Give the period one way"),
        (("report", "stuck", "--manager", "nobody"), "there is no manager 'nobody'"),
        (("report", "stuck", "--segment", "QQ"), "'QQ' is not an ABC-XYZ cell"),
    ],
)
def test_mistakes_are_said_without_a_traceback(
    argv: tuple[str, ...], said: str, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *argv, "--db", db, "--lang", "en")
    assert code == 2 and said in err and "Traceback" not in err


def test_a_period_takes_the_dates_people_write(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--from/--to take DD.MM.YYYY like every other date of the CLI (and ISO)."""
    common = ("report", "funnel", "--db", db, "--format", "json", "--at", "2026-12-01T09:00+03:00")
    dotted = run(capsys, *common, "--from", "01.11.2026", "--to", "30.11.2026")
    iso = run(capsys, *common, "--from", "2026-11-01", "--to", "2026-11-30")
    assert dotted[0] == 0, dotted[2]
    assert dotted[1] == iso[1]
