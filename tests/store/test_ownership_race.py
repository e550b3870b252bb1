"""A hand-over closes the old owner out at once: a manager's writes still in flight when a head
hands the client to another manager are refused, because the owner is checked under the same
row lock as the write (not in a read before it)."""

from __future__ import annotations

import random
import threading
import time
from datetime import date

import pytest

from engine.service import clients, contacts, owners
from engine.service.actors import Actor
from engine.service.errors import NotFound
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from engine.values.client import NextStep
from tests.store.test_commands import CARD

IVANOV = Actor("ivanov", "manager:1", "ivanov")
WRITERS = 6
ROUNDS = 5


def contact_as_ivanov(ws: Workspace, client_id: int, start: threading.Barrier, refused: list[int]) -> None:
    start.wait()
    time.sleep(random.random() * 0.05)
    step = NextStep("Перезвонить", date(2026, 12, 1))
    try:  # If-Match: * — the manager does not pin a version, only the rule of ownership holds
        contacts.record(ws, IVANOV, client_id, kind="call", result="no_answer", next_step=step)
    except NotFound:
        refused.append(client_id)


def hand_over(ws: Workspace, client_id: int, start: threading.Barrier) -> None:
    start.wait()
    time.sleep(random.random() * 0.05)
    owners.assign(ws, "head", client_id, "petrov")


@pytest.mark.slow
def test_the_old_owner_writes_nothing_after_the_hand_over(ws: Workspace) -> None:
    add_manager(ws, "ivanov", "Иван Иванов", "sales_manager")
    add_manager(ws, "petrov", "Пётр Петров", "sales_manager")
    for _ in range(ROUNDS):
        client_id = clients.create(ws, "head", CARD, owner="ivanov").client.id
        refused: list[int] = []
        start = threading.Barrier(WRITERS + 1)
        threads = [
            threading.Thread(target=contact_as_ivanov, args=(ws, client_id, start, refused))
            for _ in range(WRITERS)
        ]
        threads.append(threading.Thread(target=hand_over, args=(ws, client_id, start)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        history = clients.client_history(ws, client_id)
        kinds = [(row["kind"], row["actor"]) for row in history]
        handed = kinds.index(("owner", "head"))
        late = [k for k in kinds[handed:] if k == ("contact", "ivanov")]
        assert late == [], f"ivanov wrote after the hand-over: {kinds}"
        assert len([k for k in kinds if k == ("contact", "ivanov")]) + len(refused) == WRITERS
