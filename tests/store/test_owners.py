"""A head hands a client to another manager: versioned, in the history, and the calls follow."""

from __future__ import annotations

import pytest

from engine.queue import call_queue
from engine.service import clients, owners
from engine.service.errors import Conflict, InvalidInput
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from tests.answers import seen

CARD = {"company_name": "ООО «Ромашка»", "phone": "+7 912 345-67-89"}


@pytest.fixture
def client_id(ws: Workspace) -> int:
    add_manager(ws, "ivanov", "Иван Иванов", "sales_manager")
    add_manager(ws, "petrova", "Ольга Петрова", "sales_manager")
    return int(seen(clients.create(ws, "head", CARD, owner="ivanov"))["client"]["id"])


def test_the_client_and_its_calls_move_to_the_new_owner(ws: Workspace, client_id: int) -> None:
    assert client_id in call_queue(ws, manager="ivanov").order
    done = seen(owners.assign(ws, "orlova", client_id, "petrova", expected_version=1))
    assert done["changed"] and done["client"]["owner"] == "petrova" and done["client"]["version"] == 2
    assert client_id in call_queue(ws, manager="petrova").order
    assert client_id not in call_queue(ws, manager="ivanov").order
    last = clients.client_history(ws, client_id)[-1]
    assert (last["kind"], last["actor"], last["data"]) == (
        "owner",
        "orlova",
        {"from": "ivanov", "to": "petrova"},
    )


def test_the_same_owner_again_changes_nothing(ws: Workspace, client_id: int) -> None:
    done = seen(owners.assign(ws, "orlova", client_id, "ivanov"))
    assert not done["changed"] and done["client"]["version"] == 1
    assert [r["kind"] for r in clients.client_history(ws, client_id)] == ["created"]


def test_mistakes_are_refused_and_nothing_changes(ws: Workspace, client_id: int) -> None:
    with pytest.raises(InvalidInput) as unknown:
        seen(owners.assign(ws, "orlova", client_id, "sidorov"))
    assert unknown.value.problems[0].field == "owner"
    seen(owners.assign(ws, "orlova", client_id, "petrova", expected_version=1))
    with pytest.raises(Conflict):
        seen(owners.assign(ws, "orlova", client_id, "ivanov", expected_version=1))
    assert seen(clients.show(ws, client_id))["owner"] == "petrova"
