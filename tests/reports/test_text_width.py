"""A report as text fits the reader's width (the tester read ``report funnel`` at an 80-column
terminal: 150-column tables wrapped into garbage). Every report of every case in ``cases/``,
said at 40, 80 and 100 columns in both languages: no line wider, and every word of every cell
still there — wrapped inside its column, or stacked as «column: value» when the columns cannot
fit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.cli import main
from engine.model.regulation import Regulation
from engine.reports.grid import grid
from engine.reports.period import filters
from engine.reports.registry import REPORTS
from engine.reports.render import column, shown, text
from engine.reports.runner import run
from engine.store import migrate
from engine.store.database import Database
from tests.reports.history import moment, write

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
WIDTHS = (40, 80, 100)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_report_fits_the_width_and_keeps_every_word(
    path: Path, db_url: str, regulation: Regulation
) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    db = Database(db_url)
    migrate.ensure_ready(db)
    try:
        write(db, case)
        chosen = filters(moment(case["now"]), regulation.timezone, period="2026-11")
        for name in REPORTS:
            result = run(db, regulation, name, chosen)
            for lang in ("ru", "en"):
                words = _words(result, lang)
                for width in WIDTHS:
                    said = text(result, chosen, lang, width)
                    wide = [line for line in said.splitlines() if len(line) > width and " " in line.strip()]
                    assert not wide, (name, lang, width, wide)
                    kept = {w.rstrip(":") for w in said.split()}  # stacked: «column: value»
                    assert words <= kept, (name, lang, width, words - kept)
    finally:
        db.dispose()


def _words(result: Any, lang: str) -> set[str]:
    found: set[str] = set()
    for t in (t for t in result.tables if t.rows):  # an empty table says so, without its header
        found |= {w.rstrip(":") for c in t.columns for w in column(c, lang).split()}
        for row in t.rows:
            found |= {
                w
                for v, c in zip(row, t.columns, strict=True)
                for w in shown(v, lang, c, result.currency).split()
            }
    return found


HEAD = ["Stage", "Entered", "Went on"]
BODY = [["New lead", "3", "2"], ["Needs analysis and more", "1", "1"]]


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (80, ["  Stage                    Entered  Went on",
              "  New lead                 3        2",
              "  Needs analysis and more  1        1"]),
        (36, ["  Stage                Entered  Went",   # the header wraps first
              "                                on",
              "  New lead             3        2",
              "  Needs analysis and   1        1",
              "  more"]),
        (20, ["  Stage: New lead", "    Entered: 3", "    Went on: 2",
              "  Stage: Needs", "    analysis and", "    more", "    Entered: 1", "    Went on: 1"]),
        (40, ["  Stage                    Entered  Went",  # only the header wraps
              "                                    on",
              "  New lead                 3        2",
              "  Needs analysis and more  1        1"]),
    ],
)  # fmt: skip
def test_columns_then_wrapped_cells_then_stacked(width: int, expected: list[str]) -> None:
    assert grid(HEAD, BODY, width) == expected


def test_the_cli_fits_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """$COLUMNS (the terminal's width) is what ``report`` fits its tables into."""
    db = str(tmp_path / "d.sqlite")
    assert main(["demo", "--clients", "120", "--db", db, "--at", "2026-11-23T11:00+03:00", "-f", "json"]) == 0
    capsys.readouterr()
    for width in (80, 60):
        monkeypatch.setenv("COLUMNS", str(width))
        assert main(["report", "stuck", "--db", db, "--lang", "ru"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert max(len(line) for line in lines) <= width, lines
        assert any(re.search(r"\d", line) for line in lines)
