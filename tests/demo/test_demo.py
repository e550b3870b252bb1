"""The demo base is lived through the regulation: its histories obey it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.cli import main
from engine.demo import build_demo, default_anchor
from engine.model.funnel import StageKind
from engine.service.workspace import Workspace
from engine.store.clients import CLIENT
from engine.store.history import HISTORY
from engine.store.tables import Sale

ANCHOR = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def demo(ws: Workspace):  # type: ignore[no-untyped-def]
    return build_demo(ws, clients=160, seed=3, anchor=ANCHOR)


def test_every_recorded_move_is_one_the_regulation_allows(ws: Workspace, demo) -> None:  # type: ignore[no-untyped-def]
    funnel = ws.regulation.funnel
    allowed = {(t.trigger, s, t.dest) for t in funnel.transitions for s in funnel.sources_of(t)}
    with ws.db.read() as conn:
        moves = conn.execute(
            select(
                HISTORY.c.client_id,
                HISTORY.c.trigger,
                HISTORY.c.from_stage,
                HISTORY.c.to_stage,
                HISTORY.c.data,
                HISTORY.c.at,
            )
            .where(HISTORY.c.kind == "transition")
            .order_by(HISTORY.c.client_id, HISTORY.c.id)
        ).all()
        stages = dict(conn.execute(select(CLIENT.c.id, CLIENT.c.stage)).all())
    assert len(moves) > 300
    last: dict[int, str] = {}
    for client_id, trigger, source, dest, data, at in moves:
        assert (trigger, source, dest) in allowed
        assert last.get(client_id, funnel.entry) == source, "each move starts where the previous one ended"
        assert at <= ANCHOR
        if funnel.stage(dest).kind is StageKind.LOST:  # type: ignore[union-attr]
            assert data["reason"] in funnel.stage(source).refusal_reasons  # type: ignore[union-attr]
        last[client_id] = dest
    assert all(stages[c] == s for c, s in last.items())


def test_the_base_has_the_shape_a_demo_needs(ws: Workspace, demo) -> None:  # type: ignore[no-untyped-def]
    counts = demo.by_stage
    assert sum(counts.values()) == 160
    assert counts["customer"] > 20 and counts["lost"] > 10
    assert sum(counts[s] for s in ws.regulation.funnel.open_stage_ids()) > 40
    with ws.db.read() as conn:
        customers = set(conn.execute(select(CLIENT.c.id).where(CLIENT.c.stage == "customer")).scalars())
        buyers = set(conn.execute(select(Sale.client_id).distinct()).scalars())  # type: ignore[call-overload]
        due_today = conn.execute(select(CLIENT.c.id).where(CLIENT.c.next_due_date == ANCHOR.date())).all()
    assert buyers == customers, "sales history only for won clients, and for every one of them"
    assert len(due_today) > 5


def test_the_same_seed_builds_the_same_base(ws: Workspace, demo, tmp_path: Path, regulation) -> None:  # type: ignore[no-untyped-def]
    from engine.store import migrate
    from engine.store.database import Database

    other = Database(str(tmp_path / "again.sqlite"))
    migrate.ensure_ready(other)
    again = build_demo(Workspace(regulation, other), clients=160, seed=3, anchor=ANCHOR)
    assert again.by_stage == demo.by_stage and again.sales_lines == demo.sales_lines


def test_the_default_moment_is_a_working_day_at_eleven(ws: Workspace) -> None:
    saturday = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    moment = default_anchor(ws, saturday)
    assert moment.weekday() == 4 and moment.hour == 11


def test_cli_demo_replaces_an_earlier_demo_but_never_real_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.sqlite")
    argv = ["demo", "--clients", "40", "--db", db, "--at", "2026-11-23T11:00+03:00"]
    assert main([*argv, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Demo base: 40 clients" in out and "Customer" in out
    suggested = [line.split()[1:] for line in out.splitlines() if line.startswith("  reglament calls ")]
    assert suggested and "--at" in suggested[0] and db in suggested[0]
    assert main([*suggested[0], "--format", "json"]) == 0, "the suggested command works as printed"
    again = json.loads(capsys.readouterr().out)
    said = " ".join(out.split())
    assert f"Calls: {again['manager']} · November 23, 2026 11:00 AM · {again['total']} in the list" in said
    assert main(argv) == 0, "an earlier demo is replaced"
    assert main(["client", "add", "company_name=Реальный", "phone=+79120001122", "--db", db]) == 0
    assert main(argv) == 2
    assert "есть настоящие клиенты (1)" in capsys.readouterr().err
    assert main([*argv, "--lang", "en"]) == 2
    assert "real clients" in capsys.readouterr().err
