"""Two processes moving different clients at once, each move dealing a telemarketer by
round-robin: the role's turn row serialises the dealing, so the turns stay exact — no
telemarketer gets more than the others plus one, and the turn counter saw every assignment."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from engine.service import clients
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from engine.store.ownership_tables import TURN
from tests.answers import seen
from tests.ownership import racers

SPAWN = multiprocessing.get_context("spawn")
PER_PROCESS = 20
TELEMARKETERS = ("tm1", "tm2", "tm3", "tm4", "tm5")


def race(url: str, batches: list[list[int]]) -> list[list[str]]:
    barrier = SPAWN.Barrier(len(batches))
    results: Any = SPAWN.Queue()
    processes = [SPAWN.Process(target=racers.qualify_all, args=(url, b, barrier, results)) for b in batches]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=180)
        assert p.exitcode == 0, f"a racer failed (exit {p.exitcode})"
    return [results.get(timeout=5) for _ in processes]


@pytest.mark.slow
def test_round_robin_stays_fair_under_two_processes(ws: Workspace, db_url: str) -> None:
    add_manager(ws, "sm1", "Продавец", "sales_manager")
    for login in TELEMARKETERS:
        add_manager(ws, login, login, "telemarketer")
    ids = [
        int(
            seen(
                clients.create(
                    ws, "head", {"company_name": f"К{i}", "phone": f"+7 912 000-{i:04d}"}, owner="sm1"
                )
            )["client"]["id"]
        )
        for i in range(2 * PER_PROCESS)
    ]
    got = race(db_url, [ids[0::2], ids[1::2]])
    dealt = Counter(login for batch in got for login in batch)
    assert sum(dealt.values()) == 2 * PER_PROCESS
    assert set(dealt) == set(TELEMARKETERS)
    assert max(dealt.values()) - min(dealt.values()) <= 1, dealt
    owners = Counter(seen(clients.show(ws, i))["owner"] for i in ids)
    assert owners == dealt
    with ws.db.read() as conn:
        turn = conn.execute(select(TURN.c.dealt).where(TURN.c.role == "telemarketer")).scalar_one()
    assert turn == 2 * PER_PROCESS
