"""A delivery worker killed (SIGKILL) in the middle of a delivery loses nothing: after its lease
the event is delivered by another worker, with the same webhook-id; then the next one, in order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from engine.delivery.policy import Policy
from engine.delivery.worker import Worker
from engine.service import clients, webhooks
from engine.service.workspace import Workspace
from engine.store.event_tables import ATTEMPT, DELIVERY
from tests.answers import seen
from tests.dbfixtures import Clock
from tests.events.receiver import HANG, OK, receiving
from tests.paths import ROOT

CARD = {"company_name": "Стройбаза Север", "phone": "8 (495) 123-45-67"}


def test_a_worker_killed_mid_delivery_loses_nothing(ws: Workspace, clock: Clock) -> None:
    with receiving(lambda n, _b: HANG if n == 0 else OK, hang_seconds=60) as receiver:
        made = webhooks.create(ws.db, receiver.url, ["*"], clock())
        client_id = int(seen(clients.create(ws, "ivanov", dict(CARD)))["client"]["id"])
        seen(clients.update_card(ws, "ivanov", client_id, {"city": "Пермь"}))
        worker = subprocess.Popen(
            [sys.executable, "-m", "engine", "deliver", "--db", ws.db.url, "--timeout", "30"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while not receiver.bodies() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert receiver.bodies(), "the worker sent the first event"
        finally:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        with ws.db.read() as conn:
            states = conn.execute(
                select(DELIVERY.c.state, DELIVERY.c.attempts).order_by(DELIVERY.c.event_id)
            ).all()
            logged = conn.execute(select(ATTEMPT)).all()
        assert [tuple(s) for s in states] == [("pending", 1), ("pending", 0)] and logged == []

        later = Clock(datetime.now(UTC) + timedelta(minutes=5))  # past the dead worker's lease
        survivor = Worker(ws.db, later, Policy(read_timeout=5.0))
        try:
            for _ in range(4):
                survivor.once()
                later.advance(minutes=1)
        finally:
            survivor.close()
        got = receiver.bodies()
    ids = [r.headers["webhook-id"] for r in got]
    first, second = (f"evt_{json.loads(r.body)['data']['id']}" for r in got[1:])
    assert ids == [first, first, second], "the interrupted event again, with the same id, then the next"
    assert [r.answered for r in got] == [HANG, OK, OK]
    for r in got:
        Webhook(made.secret).verify(r.body, r.headers)
    assert {s.pending for s in webhooks.listing(ws.db)} == {0}
