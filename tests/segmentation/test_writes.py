"""ABC-XYZ writes its classes set-based: each change's history entry and event say the same as
before (old and new cell, the new classes; the event without empty members), and a run that
fails half-way leaves the previous classes, history and events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from engine.cli import main
from engine.segmentation import run
from engine.segmentation.run import segment
from engine.service import events
from engine.service.workspace import Workspace
from engine.store.clients import CLIENT
from engine.store.event_tables import EVENT
from engine.store.tables import HISTORY, RUNS

CLIENTS = "Код;Наименование;Телефон\n1;А;+79120001122\n2;Б;+79120001123\n3;В;+79120001124\n"
SALES = "Клиент;Дата;Сумма\n1;15.01.2026;1000\n1;15.02.2026;1000\n2;20.02.2026;10\n"
FIRST = datetime(2026, 2, 28, tzinfo=UTC)
LATE = datetime(2027, 3, 10, tzinfo=UTC)  # no sales in the window: every class removed (forced)


@pytest.fixture
def sold(ws: Workspace, tmp_path: Path) -> Workspace:
    (tmp_path / "c.csv").write_text(CLIENTS, encoding="utf-8")
    (tmp_path / "s.csv").write_text(SALES, encoding="utf-8")
    assert main(["import", "clients", str(tmp_path / "c.csv"), "--db", ws.db.url]) == 0
    assert main(["import", "sales", str(tmp_path / "s.csv"), "--db", ws.db.url]) == 0
    return ws


def state(ws: Workspace) -> dict[str, Any]:
    with ws.db.read() as conn:
        clients = conn.execute(select(CLIENT.c.id, CLIENT.c.abc, CLIENT.c.xyz).order_by(CLIENT.c.id)).all()
        entries = conn.execute(
            select(HISTORY.c.client_id, HISTORY.c.data)
            .where(HISTORY.c.kind == "segment")
            .order_by(HISTORY.c.id)
        ).all()
        events = conn.execute(
            select(EVENT.c.client_id, EVENT.c.data)
            .where(EVENT.c.type == "segment.changed")
            .order_by(EVENT.c.id)
        ).all()
    return {
        "classes": {r.id: (r.abc, r.xyz) for r in clients},
        "entries": [(r.client_id, r.data) for r in entries],
        "events": [(r.client_id, r.data) for r in events],
    }


def test_each_change_has_its_entry_and_event(sold: Workspace) -> None:
    segment(sold, "test", FIRST)
    first = state(sold)
    buyers = {i: c for i, c in first["classes"].items() if c != (None, None)}
    assert sorted(buyers) == [1, 2]  # client 3 bought nothing: no class, no entry
    expected = [(i, {"from": None, "to": a + x, "abc": a, "xyz": x}) for i, (a, x) in buyers.items()]
    assert first["entries"] == expected
    assert first["events"] == [(i, {k: v for k, v in d.items() if v is not None}) for i, d in expected]
    assert segment(sold, "test", FIRST).changed == 0  # the same classes again: nothing logged
    assert state(sold)["entries"] == expected
    cleared = segment(sold, "test", LATE, force=True)
    assert (cleared.changed, cleared.cleared) == (2, 2)
    after = state(sold)
    assert after["classes"] == dict.fromkeys(first["classes"], (None, None))
    removed = [(i, {"from": a + x, "to": None, "abc": None, "xyz": None}) for i, (a, x) in buyers.items()]
    assert after["entries"] == expected + removed
    assert after["events"][2:] == [(i, {"from": d["from"]}) for i, d in removed]


def test_a_run_failing_half_way_leaves_everything_as_it_was(
    sold: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    segment(sold, "test", FIRST)
    before = state(sold)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("killed after the classes, history and events were written")

    monkeypatch.setattr(run.rules, "reassign", broken)
    with pytest.raises(RuntimeError):
        segment(sold, "test", LATE, force=True)
    assert state(sold) == before
    with sold.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(RUNS)).scalar_one() == 1  # the first run only


def test_the_set_based_events_are_those_the_history_announces(sold: Workspace) -> None:
    """The run writes its events in SQL; they are the ones ``events.from_history`` (the one
    owner of an event's shape) makes of each entry."""
    segment(sold, "test", FIRST)
    segment(sold, "test", LATE, force=True)  # removals too: members that are empty
    with sold.db.read() as conn:
        entries = conn.execute(
            select(HISTORY).where(HISTORY.c.kind == "segment").order_by(HISTORY.c.id)
        ).all()
        written = conn.execute(
            select(*(EVENT.c[c] for c in ("type", "at", "actor", "regulation", "client_id", "data")))
            .where(EVENT.c.type == "segment.changed")
            .order_by(EVENT.c.id)
        ).all()
    made = [event for entry in entries for event in events.from_history(dict(entry._mapping))]
    assert len(made) == len(entries) == 4
    assert [dict(e._mapping) for e in written] == made
