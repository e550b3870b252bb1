"""The delivery worker: makes deliveries from the outbox, claims due ones with a lease, sends
them (a client's events one at a time, in order) and records each outcome.

Several workers may run against PostgreSQL (claims use ``FOR UPDATE SKIP LOCKED``); on SQLite
run one. A worker killed mid-delivery loses nothing: its lease runs out and the delivery is sent
again with the same ``webhook-id``, so receivers de-duplicate by it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from engine.delivery import sending
from engine.delivery.policy import Policy
from engine.store import deliveries as store
from engine.store import webhooks as subscriptions
from engine.store.database import Database

log = logging.getLogger("reglament.delivery")
Clock = Callable[[], datetime]


@dataclass(slots=True)
class Tally:
    """What a worker did: deliveries made from the outbox, sent, delivered, retried, failed."""

    made: int = 0
    sent: int = 0
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    paused: list[int] = field(default_factory=list)


def _event(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["event_id"],
        "type": row["type"],
        "at": row["at"].isoformat(),
        "actor": row["actor"],
        "regulation": row["regulation"],
        "client_id": row["client_id"],
        "client_version": row["client_version"],
        "data": row["data"],
    }


class Worker:
    def __init__(
        self, db: Database, clock: Clock, policy: Policy | None = None, client: httpx.Client | None = None
    ) -> None:
        self.db = db
        self.clock = clock
        self.policy = policy or Policy()
        self.client = client or sending.client(self.policy.connect_timeout, self.policy.read_timeout)
        self._pool = ThreadPoolExecutor(max_workers=self.policy.concurrency, thread_name_prefix="deliver")

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self.client.close()

    def once(self, tally: Tally | None = None) -> Tally:
        """One round: make deliveries of new events, claim the due ones, send them, record."""
        tally = tally or Tally()
        now = self.clock()
        with self.db.write() as conn:
            tally.made += store.fan_out(conn, now, self.policy.batch * 10)
        with self.db.write() as conn:
            claimed = store.claim(conn, now, now + self.policy.lease, self.policy.batch)
        if not claimed:
            return tally
        outcomes = list(self._pool.map(self._send, claimed))
        self._record(claimed, outcomes, tally)
        return tally

    def _send(self, row: dict[str, Any]) -> sending.Outcome:
        return sending.send(self.client, row["url"], row["secret"], _event(row), datetime.now(UTC))

    def _record(self, claimed: list[dict[str, Any]], outcomes: list[sending.Outcome], tally: Tally) -> None:
        now = self.clock()
        finished = []
        with self.db.write() as conn:
            for row, outcome in zip(claimed, outcomes, strict=True):
                tally.sent += 1
                state, retry = self._judge(conn, row, outcome, now, tally)
                finished.append(
                    store.Finished(
                        row["id"], now, outcome.status, outcome.error, outcome.duration_ms, state, retry
                    )
                )
            store.finish(conn, finished)

    def _judge(
        self, conn: Any, row: dict[str, Any], outcome: sending.Outcome, now: datetime, tally: Tally
    ) -> tuple[str, datetime | None]:
        """The delivery's new state and, when pending, when to try again; pauses its webhook
        when the receiver is gone (410) or the delivery failed for good."""
        if outcome.ok:
            tally.delivered += 1
            return "delivered", None
        if outcome.gone:
            self._pause(conn, row, now, "the receiver answered 410 Gone", tally)
            tally.retried += 1
            return "pending", now
        retry = self.policy.next_attempt(row["attempts"], row["first_at"], now)
        if retry is None:
            tally.failed += 1
            self._pause(
                conn,
                row,
                now,
                f"event {row['event_id']} failed for good: {outcome.error or outcome.status}",
                tally,
            )
            return "failed", None
        tally.retried += 1
        return "pending", retry

    def _pause(self, conn: Any, row: dict[str, Any], now: datetime, why: str, tally: Tally) -> None:
        subscriptions.set_state(conn, row["webhook_id"], "paused", why, now)
        if row["webhook_id"] not in tally.paused:
            tally.paused.append(row["webhook_id"])
        log.warning("webhook %s paused: %s", row["webhook_id"], why)

    def run(
        self, stop: threading.Event, idle: float = 0.5, on_round: Callable[[Tally], None] | None = None
    ) -> Tally:
        """Deliver until ``stop`` is set; sleeps ``idle`` seconds when nothing is due."""
        total = Tally()
        while not stop.is_set():
            before = total.sent + total.made
            self.once(total)
            if on_round is not None:
                on_round(total)
            if total.sent + total.made == before:
                stop.wait(idle)
        return total
