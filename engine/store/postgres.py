"""PostgreSQL connections: libpq's settings, and a pooled connection the server closed replaced
before use."""

from __future__ import annotations

import select
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

if TYPE_CHECKING:
    from engine.store.database import Timeouts


def postgres_args(timeouts: Timeouts) -> dict[str, Any]:
    """libpq settings: give up connecting after ``connect`` seconds; the server cancels a
    statement after ``statement`` seconds; keepalives notice a peer that vanished."""
    ms = int(timeouts.statement * 1000)
    return {
        "connect_timeout": max(1, round(timeouts.connect)),
        "options": f"-c statement_timeout={ms} -c idle_in_transaction_session_timeout={ms}",
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 3,
        "keepalives_count": 3,
        "tcp_user_timeout": int(timeouts.connect * 1000) + 10_000,
    }


def postgres_setup(engine: Engine) -> None:
    """A pooled connection the server has closed (restarted, or its process ended) is replaced
    when it is taken from the pool, without a round trip (``pool_pre_ping`` costs one per
    checkout): the server says goodbye before closing, so an idle connection with anything to
    read, or a closed socket, is gone. (A statement that meets a dead connection anyway fails,
    and SQLAlchemy then replaces the pool's older connections.)"""

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if _dropped(dbapi_connection):
            raise DisconnectionError("the server closed the connection")


def _dropped(dbapi_connection: Any) -> bool:
    if dbapi_connection.closed:
        return True
    try:
        readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)
