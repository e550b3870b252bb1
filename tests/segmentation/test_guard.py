"""ABC-XYZ refuses a moment or a window without sales instead of silently clearing every class."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.cli import main
from engine.segmentation.guard import SegmentationRefused
from engine.segmentation.run import segment
from engine.service.workspace import Workspace
from engine.store.clients import CLIENT

CLIENTS = "Код;Наименование;Телефон\n1;А;+79120001122\n2;Б;+79120001123\n"
SALES = "Клиент;Дата;Сумма\n1;15.01.2026;1000\n1;15.02.2026;1000\n2;20.02.2026;10\n"
CASES = {
    # name: (moment, refused with this code or None, classes cleared when forced)
    "a month after the last sale": (datetime(2026, 3, 10, tzinfo=UTC), None, 0),
    "a year typed wrong": (datetime(2027, 3, 10, tzinfo=UTC), "segment_after_sales", 2),
    "two steps after the last sale": (datetime(2026, 4, 2, tzinfo=UTC), "segment_after_sales", 0),
    "before the first sale": (datetime(2024, 3, 10, tzinfo=UTC), "segment_empty_window", 2),
}


@pytest.fixture
def sold(ws: Workspace, tmp_path: Path) -> Workspace:
    (tmp_path / "c.csv").write_text(CLIENTS, encoding="utf-8")
    (tmp_path / "s.csv").write_text(SALES, encoding="utf-8")
    assert main(["import", "clients", str(tmp_path / "c.csv"), "--db", ws.db.url]) == 0
    assert main(["import", "sales", str(tmp_path / "s.csv"), "--db", ws.db.url]) == 0
    return ws


def classes(ws: Workspace) -> dict[int, tuple[str | None, str | None]]:
    with ws.db.read() as conn:
        return {r.id: (r.abc, r.xyz) for r in conn.execute(select(CLIENT.c.id, CLIENT.c.abc, CLIENT.c.xyz))}


@pytest.mark.parametrize("case", sorted(CASES))
def test_moments(case: str, sold: Workspace) -> None:
    moment, refused, cleared = CASES[case]
    first = segment(sold, "test", datetime(2026, 2, 28, tzinfo=UTC))
    assert first.classified == 2
    before = classes(sold)
    if refused is None:
        assert segment(sold, "test", moment).cleared == 0
        return
    with pytest.raises(SegmentationRefused) as caught:
        segment(sold, "test", moment)
    assert caught.value.code == refused and "--force" in caught.value.message("en")
    assert classes(sold) == before
    assert segment(sold, "test", moment, force=True).cleared == cleared


def test_no_sales_at_all_is_refused(ws: Workspace) -> None:
    with pytest.raises(SegmentationRefused, match="no sales lines"):
        segment(ws, "test", datetime(2026, 3, 1, tzinfo=UTC))


def test_the_cli_says_why_and_changes_nothing(sold: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["segment", "--db", sold.db.url, "--no-plan"]
    assert main([*argv, "--at", "2026-02-28T12:00"]) == 0
    before = classes(sold)
    capsys.readouterr()
    assert main([*argv, "--at", "2062-02-28T12:00", "--lang", "ru"]) == 1
    err = capsys.readouterr().err
    assert "позже последней продажи (20.02.2026)" in err and "--force" in err
    assert classes(sold) == before
    assert main([*argv, "--at", "2062-02-28T12:00", "--force", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Classes removed from 2 clients" in out and "of revenue" in out
