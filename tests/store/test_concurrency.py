"""Several processes writing to one client at once: nothing is lost, nothing applies twice."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from engine.service import clients, contacts
from engine.service.errors import InvalidInput, KeyReusedError
from engine.service.workspace import Workspace
from engine.store.clients import insert_client
from engine.store.tables import VERSIONS, Contact, HistoryEntry
from engine.values.client import NextStep
from tests.answers import seen
from tests.store import racers
from tests.store.test_commands import CARD, count

SPAWN = multiprocessing.get_context("spawn")


def race(target: Callable[..., None], args: list[tuple[Any, ...]]) -> list[Any]:
    barrier = SPAWN.Barrier(len(args))
    results = SPAWN.Queue()
    processes = [SPAWN.Process(target=target, args=(*a, barrier, results)) for a in args]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
        assert p.exitcode == 0, f"a racer failed (exit {p.exitcode})"
    return [results.get(timeout=5) for _ in processes]


@pytest.mark.slow
def test_two_writers_one_wins_one_conflicts_history_holds_the_winner(ws: Workspace, db_url: str) -> None:
    client_id = seen(clients.create(ws, "ivanov", CARD))["client"]["id"]
    outcomes = race(racers.set_city, [(db_url, client_id, "Пермь"), (db_url, client_id, "Казань")])
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "won"]
    winner = next(city for kind, city in outcomes if kind == "won")
    view = seen(clients.show(ws, client_id))
    assert view["card"]["city"] == winner and view["version"] == 2
    card_rows = [r for r in clients.client_history(ws, client_id) if r["kind"] == "card"]
    assert len(card_rows) == 1
    assert card_rows[0]["data"]["changes"]["city"] == [None, winner]
    assert card_rows[0]["actor"] == f"user_{winner}"


@pytest.mark.slow
def test_many_writers_without_versions_lose_no_update(ws: Workspace, db_url: str) -> None:
    client_id = seen(clients.create(ws, "ivanov", CARD))["client"]["id"]
    done = race(racers.many_contacts, [(db_url, client_id, f"m{i}", 5) for i in range(4)])
    assert sum(done) == 20
    view = seen(clients.show(ws, client_id))
    assert view["contacts_count"] == 20 and view["version"] == 21
    assert count(ws, Contact, client_id=client_id) == 20
    assert count(ws, HistoryEntry, client_id=client_id, kind="contact") == 20


@pytest.mark.slow
def test_the_same_request_racing_with_one_key_applies_once(ws: Workspace, db_url: str) -> None:
    client_id = seen(clients.create(ws, "ivanov", CARD))["client"]["id"]
    contact_ids = race(racers.same_key, [(db_url, client_id), (db_url, client_id)])
    assert contact_ids[0] == contact_ids[1]
    assert count(ws, Contact, client_id=client_id) == 1
    assert seen(clients.show(ws, client_id))["contacts_count"] == 1


def test_a_retried_command_replays_the_stored_answer(ws: Workspace) -> None:
    client_id = seen(clients.create(ws, "ivanov", CARD))["client"]["id"]
    step = NextStep("Перезвонить", date(2026, 12, 1))
    first = seen(
        contacts.record(ws, "ivanov", client_id, kind="call", result="reached", next_step=step, key="k-1")
    )
    again = seen(
        contacts.record(ws, "ivanov", client_id, kind="call", result="reached", next_step=step, key="k-1")
    )
    assert again == first
    assert count(ws, Contact, client_id=client_id) == 1
    with pytest.raises(KeyReusedError):
        seen(
            contacts.record(
                ws, "ivanov", client_id, kind="call", result="no_answer", next_step=step, key="k-1"
            )
        )


def test_a_retried_create_makes_one_client(ws: Workspace) -> None:
    first = seen(clients.create(ws, "ivanov", CARD, key="create-1"))
    again = seen(clients.create(ws, "ivanov", CARD, key="create-1"))
    assert again == first
    assert len([r for r in clients.client_history(ws, first["client"]["id"]) if r["kind"] == "created"]) == 1


def test_a_key_belongs_to_its_sender(ws: Workspace) -> None:
    """Two senders (API tokens, CLI users) choosing the same key do not meet."""
    mine = seen(clients.create(ws, "crm", CARD, key="1"))
    theirs = seen(clients.create(ws, "telephony", {**CARD, "company_name": "ООО «Другое»"}, key="1"))
    assert mine["client"]["id"] != theirs["client"]["id"]
    assert seen(clients.create(ws, "crm", CARD, key="1")) == mine
    assert seen(clients.create(ws, "telephony", {**CARD, "company_name": "ООО «Другое»"}, key="1")) == theirs
    with pytest.raises(KeyReusedError):
        seen(clients.create(ws, "crm", {**CARD, "company_name": "ООО «Другое»"}, key="1"))


@pytest.mark.slow
def test_server_processes_writing_first_at_once_all_succeed(ws: Workspace, db_url: str) -> None:
    """Each process records the regulation version with its first write; they must not collide."""
    created = race(racers.first_write, [(db_url, f"ООО «Процесс {i}»") for i in range(4)])
    assert all(isinstance(c, int) for c in created), created
    with ws.db.read() as conn:
        versions = conn.execute(select(func.count()).select_from(VERSIONS)).scalar()
    assert versions == 1


def test_a_version_recorded_by_a_rolled_back_write_is_recorded_again(ws: Workspace) -> None:
    now = ws.now()
    with ws.db.write() as conn:  # a client from an import, before this version ever wrote
        client_id = insert_client(
            conn,
            {
                "name": "Ромашка",
                "stage": "new",
                "stage_since": now,
                "card": CARD,
                "timezone": "Europe/Moscow",
                "created_at": now,
                "updated_at": now,
            },
        )
    with pytest.raises(InvalidInput):  # refused inside the transaction: rolled back
        seen(contacts.record(ws, "ivanov", client_id, kind="telegraph", result="reached"))
    seen(
        contacts.record(
            ws,
            "ivanov",
            client_id,
            kind="call",
            result="reached",
            next_step=NextStep("Перезвонить", date(2026, 12, 1)),
        )
    )
    with ws.db.read() as conn:
        tags = conn.execute(select(VERSIONS.c.tag)).scalars().all()
    assert tags == [ws.tag]
