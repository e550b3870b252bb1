"""A client on a stage the regulation in force does not have (an older database) breaks nothing:
it is shown, listed and planned; every command answers in words; it can be lost, handed over
and contacted."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from engine.queue import call_queue
from engine.service import clients, contacts, moves, owners
from engine.service.errors import Refused
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from engine.values.client import NextStep
from tests.answers import seen
from tests.store.test_commands import CARD


@pytest.fixture
def stranded(ws: Workspace) -> int:
    add_manager(ws, "ivanov", "Иван Иванов", "sales_manager")
    add_manager(ws, "petrov", "Пётр Петров", "sales_manager")
    client_id = clients.create(ws, "head", CARD, owner="ivanov").client.id
    with ws.db.write() as conn:
        conn.execute(text("UPDATE client SET stage = 'archive' WHERE id = :id"), {"id": client_id})
    return client_id


def test_it_is_shown_with_a_label_that_says_the_stage_is_gone(ws: Workspace, stranded: int) -> None:
    shown = seen(clients.show(ws, stranded), "en")
    assert shown["stage"]["id"] == "archive"
    assert shown["stage"]["label"] == "archive (not in the regulation)"


def test_only_the_ways_out_from_any_stage_are_possible(ws: Workspace, stranded: int) -> None:
    possible = seen(moves.possible(ws, stranded))
    assert [m["trigger"] for m in possible["moves"]] == ["lose"]
    with pytest.raises(Refused) as caught:
        moves.move(ws, "ivanov", stranded, "qualify")
    assert "archive" in caught.value.message("ru")
    assert [r.code for r in caught.value.reasons][:1] == ["not_from_stage"]


def test_it_can_be_contacted_handed_over_and_lost(ws: Workspace, stranded: int) -> None:
    step = NextStep("Перезвонить", date(2026, 12, 1))
    done = seen(contacts.record(ws, "ivanov", stranded, kind="call", result="no_answer", next_step=step))
    assert done["client"]["contacts_count"] == 1
    assert seen(owners.assign(ws, "head", stranded, "petrov"))["client"]["owner"] == "petrov"
    lost = seen(moves.move(ws, "petrov", stranded, "lose", reason="no_need"))
    assert lost["outcome"]["moved"] and lost["client"]["stage"]["id"] == "lost"


def test_the_call_list_treats_it_like_any_open_client(ws: Workspace, stranded: int) -> None:
    step = NextStep("Перезвонить", ws.now().date())
    peer = clients.create(ws, "head", {**CARD, "company_name": "ООО «Сосед»"}, owner="ivanov").client.id
    for client_id in (stranded, peer):
        contacts.record(ws, "ivanov", client_id, kind="call", result="no_answer", next_step=step)
    queued = {row.client_id for row in call_queue(ws, manager="ivanov", at=ws.now(), limit=None).rows}
    assert queued == {stranded, peer}
