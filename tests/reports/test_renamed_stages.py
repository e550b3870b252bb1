"""A stage renamed by migration maps over two published versions (proposal → offer_sent →
kp_sent): the history keeps each old id, and the reports count all of it as the stage in force,
whole — not split, not lost. The migration's own history entries are no stage entries."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from engine.language.loader import load_regulation
from engine.reports.period import filters
from engine.reports.registry import REPORTS
from engine.reports.render import plain
from engine.reports.runner import run
from engine.service.regulations import Regulations, folder_files
from engine.store import migrate
from engine.store.database import Database
from tests.paths import BUNDLED
from tests.reports.history import write

T = "transition"
BEFORE = {  # written while the first version is in force: the stage is still "proposal"
    "managers": [{"login": "ivanov", "role": "sales_manager"}],
    "clients": [
        {"name": "A", "owner": "ivanov", "stage": "proposal", "since": "2026-11-16T09:00:00Z"},
        {"name": "B", "owner": "ivanov", "stage": "negotiation", "since": "2026-11-08T09:00:00Z"},
    ],
    "history": [
        {"client": "A", "at": "2026-11-02T09:00:00Z", "kind": "created", "to": "new"},
        {"client": "B", "at": "2026-11-02T09:00:00Z", "kind": "created", "to": "new"},
        {"client": "B", "at": "2026-11-03T09:00:00Z", "kind": T, "from": "new", "to": "proposal"},
        {"client": "B", "at": "2026-11-08T09:00:00Z", "kind": T, "from": "proposal", "to": "negotiation"},
        {"client": "A", "at": "2026-11-16T09:00:00Z", "kind": T, "from": "new", "to": "proposal"},
    ],
}
BETWEEN = {  # written under the second version: the stage is "offer_sent"
    "clients": [{"name": "C", "stage": "offer_sent", "since": "2026-11-21T09:00:00Z"}],
    "history": [
        {"client": "C", "at": "2026-11-21T08:00:00Z", "kind": "created", "to": "new"},
        {"client": "C", "at": "2026-11-21T09:00:00Z", "kind": T, "from": "new", "to": "offer_sent"},
    ],
}


def renamed(source: Path, target: Path, old: str, new: str) -> Path:
    """``source`` with the stage ``old`` called ``new`` and the migration map line for it."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("tests"))
    for name in ("stages.yaml", "priorities.yaml", "segments.yaml"):
        path = target / name
        path.write_text(re.sub(rf"\b{old}\b(?!_)", new, path.read_text(encoding="utf-8")), encoding="utf-8")
    main = target / "regulation.yaml"
    text = re.sub(r"\nmigrate:\n.*\n", "\n", main.read_text(encoding="utf-8"))
    main.write_text(text + f"\nmigrate:\n  stages: {{{old}: {new}}}\n", encoding="utf-8")
    return target


def publish(db: Database, folder: Path, at: datetime) -> None:
    Regulations(db, BUNDLED, lambda: at).publish(folder_files(folder), "head")


def funnel(db: Database, folder: Path) -> dict[str, Any]:
    reg = load_regulation(folder)
    chosen = filters(datetime(2026, 11, 30, 9, tzinfo=UTC), reg.timezone, period="2026-11")
    return plain(run(db, reg, "funnel", chosen), chosen, "en")["tables"]


def test_a_stage_renamed_twice_keeps_its_whole_history_in_the_reports(db_url: str, tmp_path: Path) -> None:
    second = renamed(BUNDLED, tmp_path / "v2", "proposal", "offer_sent")
    third = renamed(second, tmp_path / "v3", "offer_sent", "kp_sent")
    db = Database(db_url)
    try:
        migrate.ensure_ready(db)
        publish(db, BUNDLED, datetime(2026, 11, 1, tzinfo=UTC))
        write(db, BEFORE)
        publish(db, second, datetime(2026, 11, 20, tzinfo=UTC))  # carries A over: a "migrated" entry
        write(db, BETWEEN)
        publish(db, third, datetime(2026, 11, 22, tzinfo=UTC))  # carries A and C over
        tables = funnel(db, third)
        stages = {row["stage"]: row for row in tables["stages"]["rows"]}
        kp = stages["Proposal"]
        # A (16 Nov), B (3 Nov) under "proposal", C (21 Nov) under "offer_sent"; B went on
        assert (kp["entered"], kp["went_on"]) == (3, 1), kp
        assert stages["New lead"]["entered"] == 3 and stages["Negotiation"]["entered"] == 1
        assert sum(r["entered"] for r in tables["stages"]["rows"]) == 7  # every stage entry, once
        cohort = {row["stage"]: row["reached"] for row in tables["cohort"]["rows"]}
        assert cohort["Proposal"] == 3
    finally:
        db.dispose()


READS_RENAMES = ("funnel", "forecast", "refusals", "managers")
"""The reports that count history by stage, so that a renamed stage's history must count whole."""


def test_each_report_reads_the_renames_once(db_url: str, tmp_path: Path) -> None:
    """The ``stage_alias`` table is read once per report and given to each of its statements —
    not once per statement (the forecast reads one pipeline per month of the period)."""
    second = renamed(BUNDLED, tmp_path / "v2", "proposal", "offer_sent")
    db = Database(db_url)
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        seen.append(statement)

    try:
        migrate.ensure_ready(db)
        publish(db, BUNDLED, datetime(2026, 11, 1, tzinfo=UTC))
        write(db, BEFORE)
        publish(db, second, datetime(2026, 11, 20, tzinfo=UTC))
        reg = load_regulation(second)
        now = datetime(2026, 11, 30, 9, tzinfo=UTC)
        chosen = filters(now, reg.timezone, start=date(2026, 1, 1), end=date(2026, 11, 29))  # 11 months
        event.listen(db.engine, "before_cursor_execute", record)
        for name in REPORTS:
            seen.clear()
            run(db, reg, name, chosen)
            reads = sum("stage_alias" in statement for statement in seen)
            assert reads == (1 if name in READS_RENAMES else 0), (name, reads)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
        db.dispose()
