"""Each case file is a hand-built history and the figures a person computed from it by hand.

Every report of a case runs on SQLite and PostgreSQL and is said in Russian and English: the
figures must match in both (labels are checked in English, as the case writes them).
Add a case: a new file in ``cases/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.model.regulation import Regulation
from engine.reports.period import filters
from engine.reports.registry import REPORTS
from engine.reports.render import plain
from engine.reports.runner import run
from engine.store import migrate
from engine.store.database import Database
from tests.reports.history import day, moment, write

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return case


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, db_url: str, regulation: Regulation) -> None:
    case = _load(path)
    db = Database(db_url)
    migrate.ensure_ready(db)
    try:
        write(db, case)
        asked = case.get("ask", {})
        chosen = filters(
            moment(case["now"]),
            regulation.timezone,
            start=day(asked["from"]) if "from" in asked else None,
            end=day(asked["to"]) if "to" in asked else None,
            period=asked.get("period"),
            last=asked.get("last"),
            manager=asked.get("manager"),
            segment=asked.get("segment"),
            source=asked.get("source"),
        )
        for name, tables in case["expected"].items():
            assert name in REPORTS, f"{path.name}: no report '{name}'"
            result = run(db, regulation, name, chosen)
            said = {lang: plain(result, chosen, lang) for lang in ("en", "ru")}
            assert said["ru"]["title"] != said["en"]["title"]
            for key, expected in tables.items():
                if key == "figures":
                    assert _subset(said["en"]["figures"], expected), (name, said["en"]["figures"])
                    continue
                _compare(path.stem, name, key, expected, said)
    finally:
        db.dispose()


def _compare(case: str, name: str, key: str, expected: list[dict[str, Any]], said: dict[str, Any]) -> None:
    rows = {lang: said[lang]["tables"][key]["rows"] for lang in said}
    where = f"{case}: {name}.{key}"
    assert len(rows["en"]) == len(expected), (
        f"{where}: {len(rows['en'])} rows, expected {len(expected)}: {rows['en']}"
    )
    for i, want in enumerate(expected):
        got_en, got_ru = rows["en"][i], rows["ru"][i]
        for column, value in want.items():
            assert _same(got_en[column], value), f"{where} row {i} {column}: {got_en[column]!r} != {value!r}"
            if not isinstance(value, str):
                assert _same(got_ru[column], value), f"{where} row {i} {column} (ru): {got_ru[column]!r}"


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, float) and isinstance(got, int | float):
        return abs(got - want) < 1e-3
    return bool(got == want)


def _subset(got: dict[str, Any], want: dict[str, Any]) -> bool:
    return all(_same(got.get(k), v) for k, v in want.items())
