"""Webhook subscriptions (administration): a URL, event types and a secret; pausing, resuming,
replaying and the delivery log. The worker that delivers is ``engine/delivery``."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from engine.service.errors import InvalidInput, NotFound, problem
from engine.service.events import TYPES
from engine.store import webhooks as store
from engine.store.database import Database

ALL = store.ALL


@dataclass(frozen=True, slots=True)
class Subscription:
    """A webhook subscription, without its secret."""

    id: int
    url: str
    types: list[str]
    """Event types sent; ``*`` for every type."""
    description: str
    state: str
    """active, or paused (by an administrator, or after a delivery failed for good)."""
    paused_reason: str | None
    pending: int
    """Deliveries waiting (due, or to be retried)."""
    failed: int
    """Deliveries given up after retrying."""
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Created:
    subscription: Subscription
    secret: str
    """The signing secret (``whsec_…``); shown only now."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One delivery attempt of the log."""

    id: int
    at: datetime
    event_id: int
    type: str | None
    status: int | None
    """The receiver's HTTP status, if it answered."""
    error: str | None
    """Why no answer came (time-out, connection refused or closed, redirect elsewhere)."""
    duration_ms: int
    state: str
    """The delivery's state now: pending, delivered or failed."""
    attempts: int


def check_url(url: str) -> str:
    """An http(s) URL with a host, else a clear refusal."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput([problem("url", "error.webhook_url_bad", url=url)])
    return url.strip()


def check_types(types: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(types)) or [ALL]
    unknown = [t for t in chosen if t not in TYPES and t != ALL]
    if unknown:
        raise InvalidInput(
            [problem("types", "error.event_type_unknown", types=", ".join(unknown), known=", ".join(TYPES))]
        )
    return chosen


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def create(
    db: Database,
    url: str,
    types: Sequence[str],
    at: datetime,
    description: str = "",
    secret: str | None = None,
) -> Created:
    key = secret or new_secret()
    row = {
        "url": check_url(url),
        "types": check_types(types),
        "secret": key,
        "description": description,
        "created_at": at,
        "updated_at": at,
    }
    with db.write() as conn:
        new_id = store.create(conn, row)
    return Created(show(db, new_id), key)


def _record(row: dict[str, Any]) -> Subscription:
    return Subscription(
        row["id"],
        row["url"],
        list(row["types"]),
        row["description"],
        row["state"],
        row["paused_reason"],
        int(row.get("pending") or 0),
        int(row.get("failed") or 0),
        row["created_at"],
    )


def listing(db: Database) -> list[Subscription]:
    with db.read() as conn:
        return [_record(r) for r in store.listing(conn)]


def show(db: Database, webhook_id: int) -> Subscription:
    found = next((s for s in listing(db) if s.id == webhook_id), None)
    if found is None:
        raise NotFound("webhook_not_found", webhook=webhook_id)
    return found


def pause(db: Database, webhook_id: int, at: datetime, reason: str = "paused") -> Subscription:
    with db.write() as conn:
        if not store.set_state(conn, webhook_id, "paused", reason, at):
            raise NotFound("webhook_not_found", webhook=webhook_id)
    return show(db, webhook_id)


def resume(db: Database, webhook_id: int, at: datetime) -> Subscription:
    """Deliver again: the deliveries that waited are sent, in order."""
    with db.write() as conn:
        if not store.set_state(conn, webhook_id, "active", None, at):
            raise NotFound("webhook_not_found", webhook=webhook_id)
    return show(db, webhook_id)


def remove(db: Database, webhook_id: int) -> None:
    with db.write() as conn:
        if not store.remove(conn, webhook_id):
            raise NotFound("webhook_not_found", webhook=webhook_id)


def replay(
    db: Database,
    webhook_id: int,
    at: datetime,
    *,
    event_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """Send again one event, or the subscription's events of a time range; returns how many."""
    if event_id is None and since is None and until is None:
        raise InvalidInput([problem("event", "error.webhook_replay_what")])
    with db.write() as conn:
        sub = store.get(conn, webhook_id)
        if sub is None:
            raise NotFound("webhook_not_found", webhook=webhook_id)
        types = sub["types"] if event_id is None else [ALL]
        return store.replay(conn, webhook_id, at, event_id=event_id, since=since, until=until, types=types)


def log(db: Database, webhook_id: int, limit: int = 100) -> list[Attempt]:
    with db.read() as conn:
        if store.get(conn, webhook_id) is None:
            raise NotFound("webhook_not_found", webhook=webhook_id)
        rows = store.log(conn, webhook_id, limit)
    return [Attempt(**{k: r[k] for k in Attempt.__slots__}) for r in rows]
