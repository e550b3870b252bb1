"""One webhook request: the Standard Webhooks body and signature, sent with time-outs, following
redirects only within the same host."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from standardwebhooks.webhooks import Webhook

MAX_REDIRECTS = 3
ERROR_CHARS = 300


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        """The receiver says the endpoint is gone for good (410): stop sending to it."""
        return self.status == 410


def message_id(event_id: int) -> str:
    """The ``webhook-id``: the same for every attempt and replay of one event."""
    return f"evt_{event_id}"


def body(event: dict[str, Any]) -> str:
    """The payload: ``type``, ``timestamp`` and the event as ``data``."""
    return json.dumps(
        {"type": event["type"], "timestamp": event["at"], "data": event},
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )


def headers(secret: str, event_id: int, payload: str, now: datetime) -> dict[str, str]:
    msg_id = message_id(event_id)
    signature = Webhook(secret).sign(msg_id, now.astimezone(UTC), payload)
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
        "user-agent": "Reglament-Webhooks/1",
    }


def send(client: httpx.Client, url: str, secret: str, event: dict[str, Any], now: datetime) -> Outcome:
    """POST one event; the outcome is the status code, or why there was none."""
    payload = body(event)
    sent_headers = headers(secret, event["id"], payload, now)
    started = time.monotonic()
    target = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            response = client.post(target, content=payload.encode(), headers=sent_headers)
            if not response.is_redirect:
                return Outcome(response.status_code, None, _ms(started))
            location = urljoin(target, response.headers.get("location", ""))
            if not _same_host(target, location):
                error = f"redirect to another host not followed: {location}"
                return Outcome(response.status_code, error[:ERROR_CHARS], _ms(started))
            target = location
        return Outcome(None, "too many redirects", _ms(started))
    except httpx.TimeoutException as err:
        return Outcome(None, f"timed out ({type(err).__name__})", _ms(started))
    except httpx.HTTPError as err:
        return Outcome(None, f"{type(err).__name__}: {err}"[:ERROR_CHARS], _ms(started))


def _same_host(a: str, b: str) -> bool:
    left, right = urlsplit(a), urlsplit(b)
    return (left.scheme, left.hostname, left.port) == (right.scheme, right.hostname, right.port)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def client(connect_timeout: float, read_timeout: float) -> httpx.Client:
    """An HTTP client that never follows redirects by itself and never waits without end."""
    timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
    return httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)
