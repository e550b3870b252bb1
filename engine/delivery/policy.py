"""When to try a delivery again: exponential back-off with jitter, for at least ``retry_for``;
then the delivery is parked as failed (and its subscription paused)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Policy:
    first_delay: float = 5.0
    """Seconds before the first retry; each next one waits twice as long…"""
    max_delay: float = 3600.0
    """…up to this many seconds."""
    jitter: float = 0.25
    """Each delay is varied by up to this fraction either way, so failed receivers are not hit
    by every retry at once."""
    retry_for: timedelta = timedelta(hours=24)
    """How long a delivery is retried before it is parked as failed."""
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    grace: float = 30.0
    """Seconds a claimed delivery is held beyond its request's time-outs."""
    batch: int = 100
    """Deliveries claimed at once (at most one per client and subscription)."""
    concurrency: int = 8
    """Requests in flight at once."""

    @property
    def lease(self) -> timedelta:
        """How long a claimed delivery is held: past it, a worker that died is presumed gone and
        the delivery is sent again (with the same ``webhook-id``)."""
        return timedelta(seconds=2 * (self.connect_timeout + self.read_timeout) + self.grace)

    def next_attempt(self, attempts: int, first_at: datetime, now: datetime) -> datetime | None:
        """When to try again after ``attempts`` failed ones; None: give up."""
        give_up_at = first_at + self.retry_for
        if now >= give_up_at:
            return None
        delay = min(self.max_delay, self.first_delay * 2 ** max(0, attempts - 1))
        delay *= 1 + random.uniform(-self.jitter, self.jitter)
        return min(now + timedelta(seconds=delay), give_up_at)
