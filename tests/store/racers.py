"""Child-process bodies for the concurrency tests (spawned, so they import this module)."""

from __future__ import annotations

from datetime import date
from multiprocessing.synchronize import Barrier
from queue import Queue
from typing import Any

from engine.language.loader import load_regulation
from engine.service import clients, contacts
from engine.service.errors import Conflict
from engine.service.workspace import Workspace
from engine.store.database import Database
from engine.values.client import NextStep
from tests.answers import seen
from tests.conftest import BUNDLED


def _workspace(url: str) -> Workspace:
    return Workspace(load_regulation(BUNDLED), Database(url))


def set_city(url: str, client_id: int, city: str, barrier: Barrier, results: Queue[Any]) -> None:
    ws = _workspace(url)
    barrier.wait()
    try:
        seen(clients.update_card(ws, f"user_{city}", client_id, {"city": city}, expected_version=1))
        results.put(("won", city))
    except Conflict:
        results.put(("conflict", city))
    finally:
        ws.close()


def many_contacts(
    url: str, client_id: int, who: str, times: int, barrier: Barrier, results: Queue[Any]
) -> None:
    ws = _workspace(url)
    barrier.wait()
    done = 0
    for i in range(times):
        step = NextStep(f"{who} {i}", date(2026, 12, 1))
        seen(contacts.record(ws, who, client_id, kind="call", result="reached", next_step=step))
        done += 1
    results.put(done)
    ws.close()


def same_key(url: str, client_id: int, barrier: Barrier, results: Queue[Any]) -> None:
    ws = _workspace(url)
    barrier.wait()
    step = NextStep("Перезвонить", date(2026, 12, 1))
    data = seen(
        contacts.record(
            ws, "ivanov", client_id, kind="call", result="reached", next_step=step, key="retry-42"
        )
    )
    results.put(data["contact"])
    ws.close()


def first_write(url: str, name: str, barrier: Barrier, results: Queue[Any]) -> None:
    """A fresh process whose first write also records the regulation version."""
    ws = _workspace(url)
    barrier.wait()
    card = {"company_name": name, "phone": "+7 912 345-67-89"}
    try:
        results.put(seen(clients.create(ws, name, card))["client"]["id"])
    except Conflict as err:
        results.put(str(err))
    finally:
        ws.close()
