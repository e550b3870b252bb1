"""Webhook delivery against a local receiver that answers 200, 500, hangs or closes the
connection: every event arrives at least once, in order per client, signed (checked with the
standardwebhooks package), retries carry the same id; failing for good pauses the subscription."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, time, timedelta
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook

from engine.delivery.policy import Policy
from engine.delivery.worker import Worker
from engine.service import clients, contacts, webhooks
from engine.service.errors import InvalidInput
from engine.service.workspace import Workspace
from engine.values.client import NextStep
from tests.answers import seen
from tests.dbfixtures import Clock
from tests.events.receiver import CLOSE, FAIL, HANG, OK, receiving

CARD = {"company_name": "Стройбаза Север", "phone": "8 (495) 123-45-67"}
STEP = NextStep("Позвонить закупщику", date(2026, 11, 25), time(14, 0))
FAST = Policy(first_delay=1.0, connect_timeout=0.5, read_timeout=0.5, grace=1.0, batch=20)
PATIENT = Policy(first_delay=1.0, connect_timeout=10.0, read_timeout=10.0, grace=1.0, batch=20)
"""For tests where every request must succeed on the first try, however busy the machine: the
clock stands still there, so a retry would never come due."""


def make_events(ws: Workspace, n_clients: int = 3, changes: int = 3) -> list[int]:
    ids = []
    for i in range(n_clients):
        client_id = int(seen(clients.create(ws, "ivanov", {**CARD, "city": f"Город {i}"}))["client"]["id"])
        for j in range(changes):
            seen(clients.update_card(ws, "ivanov", client_id, {"city": f"Город {i}.{j}"}))
        seen(contacts.record(ws, "ivanov", client_id, kind="call", result="no_answer", next_step=STEP))
        ids.append(client_id)
    return ids


def deliver_all(
    worker: Worker, clock: Clock, rounds: int = 60, step: timedelta = timedelta(minutes=10)
) -> None:
    for _ in range(rounds):
        worker.once()
        clock.advance(seconds=step.total_seconds())


def event_of(body: bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(body)["data"]
    return data


@pytest.fixture
def worker(ws: Workspace, clock: Clock) -> Iterator[Worker]:
    w = Worker(ws.db, clock, FAST)
    yield w
    w.close()


def first_attempt_mixed(receiver_tries: dict[int, int]) -> Any:
    """Each event's first attempt is answered by turns 500, closed, hung, 200; later ones 200."""

    def script(_n: int, body: bytes) -> str:
        event_id = event_of(body)["id"]
        tries = receiver_tries[event_id]
        receiver_tries[event_id] += 1
        return [FAIL, CLOSE, HANG, OK][event_id % 4] if tries == 0 else OK

    return script


def test_every_event_arrives_signed_in_order_per_client_and_retries_keep_the_id(
    ws: Workspace, clock: Clock, worker: Worker
) -> None:
    tries: dict[int, int] = defaultdict(int)
    with receiving(first_attempt_mixed(tries), hang_seconds=1.5) as receiver:
        made = webhooks.create(ws.db, receiver.url, ["*"], clock())
        make_events(ws)
        deliver_all(worker, clock)
        received = receiver.bodies()
    verifier = Webhook(made.secret)
    for got in received:
        verifier.verify(got.body, got.headers)  # raises unless the signature is valid
    events = [event_of(r.body) for r in received]
    delivered = {e["id"] for e, r in zip(events, received, strict=True) if r.answered == OK}
    with ws.db.read() as conn:
        from engine.store.outbox import page

        all_ids = {row["id"] for row in page(conn, 0, 1000).rows}
    assert delivered == all_ids and len(all_ids) == 3 * 5
    assert any(r.answered != OK for r in received), "the receiver failed some first attempts"
    for got, event in zip(received, events, strict=True):
        assert got.headers["webhook-id"] == f"evt_{event['id']}"
    per_client: dict[int, list[int]] = defaultdict(list)
    for event in events:
        per_client[event["client_id"]].append(event["id"])
    for sent in per_client.values():
        assert sent == sorted(sent), "a client's events are sent one after another, in order"
    assert {s.state for s in webhooks.listing(ws.db)} == {"active"}


def test_a_receiver_failing_for_a_day_parks_the_delivery_and_pauses_the_subscription(
    ws: Workspace, clock: Clock, worker: Worker
) -> None:
    with receiving(lambda _n, _b: FAIL) as receiver:
        made = webhooks.create(ws.db, receiver.url, ["client.created"], clock())
        make_events(ws, n_clients=1, changes=0)
        start = clock()
        deliver_all(worker, clock, rounds=40, step=timedelta(hours=1))
        calls = receiver.bodies()
    [sub] = webhooks.listing(ws.db)
    assert sub.state == "paused" and sub.failed == 1 and "failed for good" in (sub.paused_reason or "")
    log = webhooks.log(ws.db, made.subscription.id)
    assert {a.status for a in log} == {500} and all(a.state == "failed" for a in log)
    assert len(calls) == len(log) >= 5
    assert log[0].at - start >= timedelta(hours=24), "retried for at least 24 hours"
    assert webhooks.resume(ws.db, sub.id, clock()).state == "active"


def test_replay_sends_one_event_again_with_the_same_id(ws: Workspace, clock: Clock, worker: Worker) -> None:
    with receiving(lambda _n, _b: OK) as receiver:
        made = webhooks.create(ws.db, receiver.url, ["*"], clock())
        make_events(ws, n_clients=1, changes=1)
        deliver_all(worker, clock, rounds=3)
        first = receiver.bodies()
        target = event_of(first[1].body)["id"]
        assert webhooks.replay(ws.db, made.subscription.id, clock(), event_id=target) == 1
        deliver_all(worker, clock, rounds=2)
        assert webhooks.replay(ws.db, made.subscription.id, clock(), since=clock() - timedelta(days=1)) == 3
        deliver_all(worker, clock, rounds=4)
        again = receiver.bodies()
    assert len(first) == 3 and len(again) == 3 + 1 + 3
    assert again[3].headers["webhook-id"] == f"evt_{target}"


def test_redirects_to_another_host_are_not_followed(ws: Workspace, clock: Clock, worker: Worker) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("location", "http://example.invalid/elsewhere")
            self.send_header("content-length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        made = webhooks.create(ws.db, f"http://127.0.0.1:{server.server_address[1]}/", ["*"], clock())
        make_events(ws, n_clients=1, changes=0)
        worker.once()
    finally:
        server.shutdown()
        server.server_close()
    [attempt, *_] = webhooks.log(ws.db, made.subscription.id)
    assert attempt.status == 307 and "another host" in (attempt.error or "") and attempt.state == "pending"


@pytest.mark.parametrize(
    "url", ["ftp://example.com/hook", "file:///etc/passwd", "example.com/hook", "http://"]
)
def test_only_http_urls_are_accepted(ws: Workspace, clock: Clock, url: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        webhooks.create(ws.db, url, ["*"], clock())
    assert "http" in caught.value.message("en") and "http" in caught.value.message("ru")


def test_unknown_event_types_are_refused_naming_the_known_ones(ws: Workspace, clock: Clock) -> None:
    with pytest.raises(InvalidInput) as caught:
        webhooks.create(ws.db, "https://crm.example/hook", ["client.moved", "client.deleted"], clock())
    assert "client.deleted" in caught.value.message("en") and "client.created" in caught.value.message("en")


def test_two_workers_deliver_each_event_once_in_order_per_client(ws: Workspace, clock: Clock) -> None:
    with receiving(lambda _n, _b: OK) as receiver:
        webhooks.create(ws.db, receiver.url, ["*"], clock())
        make_events(ws, n_clients=6, changes=2)
        workers = [Worker(ws.db, clock, PATIENT) for _ in range(2)]
        if ws.db.is_sqlite:
            workers = workers[:1]  # SQLite: one worker
        threads = [threading.Thread(target=lambda w=w: [w.once() for _ in range(15)]) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for w in workers:
            w.close()
        received = receiver.bodies()
    ids = [event_of(r.body)["id"] for r in received]
    assert len(ids) == len(set(ids)) == 6 * 4
    per_client: dict[int, list[int]] = defaultdict(list)
    for r in received:
        event = event_of(r.body)
        per_client[event["client_id"]].append(event["id"])
    assert all(sent == sorted(sent) for sent in per_client.values())


def test_pruning_keeps_events_a_delivery_still_waits_for(ws: Workspace, clock: Clock, worker: Worker) -> None:
    from engine.service import feed

    with receiving(lambda _n, _b: OK) as receiver:
        made = webhooks.create(ws.db, receiver.url, ["client.created"], clock())
        make_events(ws, n_clients=2, changes=0)
        worker.once()  # the first client's creation is delivered, the second one's too
        webhooks.pause(ws.db, made.subscription.id, clock())
        make_events(ws, n_clients=1, changes=0)  # waits: the subscription is paused
        worker.once()
        clock.advance(days=40)
        pruned = feed.prune(ws.db, timedelta(days=30), clock())
        webhooks.resume(ws.db, made.subscription.id, clock())
        worker.once()
        got = receiver.bodies()
    assert pruned == 5, "every event but the one a delivery waits for"
    assert [event_of(r.body)["type"] for r in got] == ["client.created"] * 3, "the waiting one came too"
