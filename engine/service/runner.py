"""Running a command: one write transaction, an optional idempotency key, clean conflicts."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from engine.service import stored
from engine.service.actors import Actor, as_actor
from engine.service.errors import Conflict, KeyReusedError
from engine.service.workspace import Workspace
from engine.store import Duplicate, Tx, idempotency
from engine.store.clients import StaleWrite

T = TypeVar("T")
Body = Callable[[Tx, datetime], T]


def run(
    ws: Workspace,
    actor: Actor | str,
    body: Body[T],
    *,
    answer: type[T],
    key: str | None = None,
    payload: Any = None,
    at: datetime | None = None,
) -> T:
    """Run ``body`` in one write transaction and return its answer (a record of type ``answer``).

    With ``key``: a request seen before is answered from storage and not applied again; the
    same key with a different request is refused. A stale write becomes :class:`Conflict`;
    nothing of the command is then stored.
    """
    digest = idempotency.request_hash(payload) if key else ""
    moment = at or ws.now()
    scope = as_actor(actor).scope
    try:
        with ws.db.write() as conn:
            if key:
                replay = idempotency.claim(conn, key, scope, digest, moment)
                if replay is not None:
                    return _revive(answer, replay.response, key)
            ws.register(conn)
            response = body(conn, moment)
            if key:
                idempotency.complete(conn, key, scope, 200, stored.keep(response))
            return response
    except idempotency.KeyReused:
        raise KeyReusedError("key_reused", key=key) from None
    except StaleWrite as stale:
        raise Conflict(
            "conflict",
            client=stale.client_id,
            expected=stale.expected,
            actual=stale.actual if stale.actual is not None else "—",
        ) from None
    except Duplicate:
        if key is None:
            raise Conflict("concurrent_duplicate") from None
        with ws.db.read() as conn:  # the same key committed meanwhile by a concurrent request
            replay = idempotency.find(conn, key, scope, digest)
        if replay is None:
            raise Conflict("concurrent_duplicate") from None
        return _revive(answer, replay.response, key)


def _revive(answer: type[T], response: Any, key: str) -> T:
    try:
        return stored.revive(answer, response)
    except stored.NotReplayable:
        raise KeyReusedError("key_from_older_engine", key=key) from None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic collector off while a batch is decided and written: its thousands of
    short-lived rows are freed by their reference counts, yet they would trigger collections
    that walk every older object (the regulation, the machine, SQLAlchemy's caches)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
