"""«завтра», «+3д» count from the regulation's calendar, not the server's (UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from engine.cli.common import next_step, today_of
from engine.language.loader import load_regulation
from engine.service.workspace import Workspace
from engine.store.database import Database
from tests.paths import BUNDLED


def test_tomorrow_is_counted_in_the_regulations_zone(tmp_path: Path) -> None:
    late_utc = datetime(2026, 11, 29, 23, 34, tzinfo=UTC)  # 02:34 on 30.11 in Moscow
    ws = Workspace(load_regulation(BUNDLED), Database(f"sqlite:///{tmp_path / 'x.sqlite'}"), lambda: late_utc)
    assert ws.regulation.timezone == "Europe/Moscow"
    assert today_of(ws) == date(2026, 11, 30)
    step = next_step("Позвонить", "завтра", None, today_of(ws))
    assert step is not None and step.due_date == date(2026, 12, 1)
    ws.close()
