"""A queue with nobody in it (a new base, a manager without clients) is empty, not an error;
a manager who does not exist is an error, not an empty list."""

from __future__ import annotations

import pytest

from engine.queue import call_queue
from engine.service import clients
from engine.service.errors import InvalidInput
from engine.service.listing import add_manager
from engine.service.workspace import Workspace


def test_an_empty_queue(ws: Workspace) -> None:
    clients.create(ws, "test", {"company_name": "ООО «Ромашка»", "phone": "+7 912 345-67-89"})
    add_manager(ws, "idle", "Без клиентов", "sales_manager")
    idle = call_queue(ws, manager="idle")
    everyone = call_queue(ws)
    assert (idle.total, idle.rows, idle.by_bucket.get("new_leads", 0)) == (0, [], 0)
    assert everyone.total == 1
    with pytest.raises(InvalidInput) as refused:
        call_queue(ws, manager="nobody")
    assert refused.value.problems[0].field == "manager"
