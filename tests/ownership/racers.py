"""Child-process bodies for the assignment races (spawned, so they import this module)."""

from __future__ import annotations

from datetime import date
from multiprocessing.synchronize import Barrier
from queue import Queue
from typing import Any

from engine.language.loader import load_regulation
from engine.service import moves
from engine.service.workspace import Workspace
from engine.store.database import Database
from engine.values.client import NextStep
from tests.answers import seen
from tests.conftest import BUNDLED

STEP = NextStep("Квалифицировать", date(2026, 12, 1))


def qualify_all(url: str, client_ids: list[int], barrier: Barrier, results: Queue[Any]) -> None:
    """Move each client to qualification (its rule wants a telemarketer); report who got each."""
    ws = Workspace(load_regulation(BUNDLED), Database(url))
    barrier.wait()
    got = []
    try:
        for client_id in client_ids:
            done = seen(
                moves.move(ws, "head", client_id, "qualify", card={"contact_person": "Анна"}, next_step=STEP)
            )
            got.append(done["assigned"]["manager"])
    finally:
        ws.close()
    results.put(got)
