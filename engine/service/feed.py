"""The event feed for front-ends that pull: events after a cursor, in commit order, filtered by
type and — for a manager — by their own clients; and the outbox's retention.

A cursor is the id of the last event a reader has seen (``0``: from the oldest kept). A cursor
older than what pruning removed is refused (:class:`CursorTooOld`): the reader has missed events
and must start again from a fresh state.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from engine.service.errors import InvalidInput, ServiceError, problem
from engine.service.events import PUBLIC, TYPES
from engine.store import outbox
from engine.store.database import Database

MAX_LIMIT = 1000
MAX_WAIT = 60.0
POLL_SECONDS = 0.5
DEFAULT_RETENTION = timedelta(days=30)


class CursorTooOld(ServiceError):
    """The events after this cursor were pruned: read again from the start (``after=0``) after
    refreshing the state you keep."""

    kind = "cursor-too-old"


@dataclass(frozen=True, slots=True)
class Event:
    """One event: what happened, when, who did it, under which regulation, to which client."""

    id: int
    """The event's id; also the ``webhook-id`` of its deliveries and the feed's cursor."""
    type: str
    at: datetime
    actor: str
    """A manager's login, token:N for an API token, or a CLI user."""
    regulation: str
    """The tag of the regulation in force."""
    client_id: int | None
    client_version: int | None
    """The client's version after the change (for If-Match)."""
    data: dict[str, Any]
    """The change itself: the payload of its type."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "regulation": self.regulation,
            "client_id": self.client_id,
            "client_version": self.client_version,
            "data": self.data,
        }


@dataclass(frozen=True, slots=True)
class Feed:
    events: list[Event]
    next: int
    """The cursor to ask with next time (the last event's id, or the one given)."""


def check_types(types: Sequence[str]) -> list[str]:
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise InvalidInput(
            [problem("types", "error.event_type_unknown", types=", ".join(unknown), known=", ".join(TYPES))]
        )
    return list(types)


def read(
    db: Database, after: int, *, types: Sequence[str] = (), limit: int = 100, manager_id: int | None = None
) -> Feed:
    """The events after ``after``; ``manager_id``: only that manager's clients' events (and the
    types that name no client)."""
    if after < 0:
        raise InvalidInput([problem("after", "error.event_cursor_bad", after=after)])
    wanted = check_types(types)
    number(db)
    with db.read() as conn:
        page = outbox.page(
            conn, after, max(1, min(limit, MAX_LIMIT)), wanted, manager_id, public_types=PUBLIC
        )
    if after and after < page.pruned_through:
        raise CursorTooOld("event_cursor_too_old", after=after, oldest=page.pruned_through)
    found = [Event(**{k: row[k] for k in Event.__slots__}) for row in page.rows]
    return Feed(found, found[-1].id if found else after)


def number(db: Database) -> None:
    """Give committed events their numbers (a short write, only when some wait for one)."""
    with db.read() as conn:
        waiting = outbox.unsequenced(conn)
    if waiting:
        with db.write() as conn:
            outbox.sequence(conn)


def latest(db: Database) -> int:
    """The cursor of "now": the newest event's id."""
    number(db)
    with db.read() as conn:
        return outbox.last_id(conn)


def follow(
    db: Database,
    after: int,
    wait: float,
    *,
    types: Sequence[str] = (),
    limit: int = 100,
    manager_id: int | None = None,
) -> Feed:
    """:func:`read`, waiting up to ``wait`` seconds for the first event (a long poll)."""
    deadline = time.monotonic() + max(0.0, min(wait, MAX_WAIT))
    while True:
        feed = read(db, after, types=types, limit=limit, manager_id=manager_id)
        if feed.events or time.monotonic() >= deadline:
            return feed
        time.sleep(POLL_SECONDS)


def prune(db: Database, older_than: timedelta, at: datetime) -> int:
    """Delete events older than ``older_than`` that no delivery still waits for; returns how many."""
    with db.write() as conn:
        return outbox.prune(conn, at - older_than, at)
