"""A queue with nobody in it (a new base, a manager without clients) is empty, not an error."""

from __future__ import annotations

from engine.queue import call_queue
from engine.service import clients
from engine.service.workspace import Workspace


def test_an_empty_queue(ws: Workspace) -> None:
    clients.create(ws, "test", {"company_name": "ООО «Ромашка»", "phone": "+7 912 345-67-89"})
    nobody = call_queue(ws, manager="nobody")
    everyone = call_queue(ws)
    assert (nobody.total, nobody.rows, nobody.by_bucket.get("new_leads", 0)) == (0, [], 0)
    assert everyone.total == 1
