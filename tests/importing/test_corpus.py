"""The corpus of damaged 1C and Excel exports: one file per case (in cp1251 and in UTF-8 with a
BOM), its expected outcome beside it in ``<case>.yaml``. A new case is a new pair of files.

Every case also checks the two promises of the import: a refused import stores nothing, and
repeating an import that was stored changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from engine.cli import main
from engine.store import migrate
from engine.store.database import Database

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.stem for p in CORPUS.glob("*.yaml"))
VARIANTS = {"cp1251": "ru", "utf8bom": "en"}


def expectation(case: str) -> dict[str, Any]:
    data = yaml.safe_load((CORPUS / f"{case}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def file_of(case: str, expect: dict[str, Any], encoding: str) -> Path:
    name = expect.get("file", case)
    return CORPUS / name if name.startswith("base/") else CORPUS / f"{name}.{encoding}.csv"


def snapshot(url: str) -> tuple[Any, ...]:
    with Database(url) as db, db.read() as conn:
        counts = tuple(
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("client", "sale", "history", "task")
        )
        sums = conn.execute(text("SELECT coalesce(sum(amount), 0) FROM sale")).scalar_one()
        versions = conn.execute(text("SELECT id, version, stage, card FROM client ORDER BY id")).all()
    return counts, round(float(sums), 2), [tuple(map(str, v)) for v in versions]


def run(kind: str, path: Path, db: str, *args: str) -> int:
    who = ["--as", "corpus"] if kind == "clients" else []
    return main(["import", kind, str(path), "--db", db, *who, *args])


def test_every_case_has_its_files() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        expect = expectation(case)
        for encoding in VARIANTS:
            assert file_of(case, expect, encoding).is_file(), (case, encoding)
        if "file" not in expect:
            ru = (CORPUS / f"{case}.cp1251.csv").read_bytes().decode("cp1251")
            assert (CORPUS / f"{case}.utf8bom.csv").read_bytes().decode("utf-8-sig") == ru, case


@pytest.mark.parametrize("encoding", sorted(VARIANTS))
@pytest.mark.parametrize("case", CASES)
def test_case(case: str, encoding: str, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    expect, lang = expectation(case), VARIANTS[encoding]
    with Database(db_url) as db:
        migrate.ensure_ready(db)
    for base in expect.get("base", []):
        assert run("sales" if base.startswith("sales") else "clients", CORPUS / "base" / base, db_url) == 0
    before = snapshot(db_url)
    capsys.readouterr()
    argv = [*expect.get("args", []), "--format", "json", "--lang", lang]
    code = run(expect["kind"], file_of(case, expect, encoding), db_url, *argv)
    out, err = capsys.readouterr()
    assert code == expect["exit"], out + err
    if code == 2:
        assert expect["message"][lang] in err and "Traceback" not in err
        assert snapshot(db_url) == before
        return
    report = json.loads(out)
    _errors_as_expected(report, expect.get("errors", []), lang)
    for name, value in expect.get("counts", {}).items():
        assert report["bad_rows" if name == "refused" else name] == value, name
    _stages_as_expected(db_url, expect.get("stages", {}))
    if not report["written"]:
        assert snapshot(db_url) == before, "a refused import stored something"
        return
    stored = snapshot(db_url)
    assert run(expect["kind"], file_of(case, expect, encoding), db_url, *argv) == 0
    assert snapshot(db_url) == stored, "importing the same file again changed the base"


def _errors_as_expected(report: dict[str, Any], wanted: list[dict[str, Any]], lang: str) -> None:
    found = {(e["row"], e["column"]): e["message"] for e in report["errors"]}
    assert set(found) == {(w["row"], w["column"]) for w in wanted}, report["errors"]
    for w in wanted:
        assert w[lang] in found[(w["row"], w["column"])]


def _stages_as_expected(url: str, stages: dict[str, str]) -> None:
    if not stages:
        return
    with Database(url) as db, db.read() as conn:
        stored = dict(conn.execute(text("SELECT external_id, stage FROM client")).all())
    assert {code: stored.get(code) for code in stages} == stages
