"""No request waits for ever: past its deadline a request is answered 503 with Retry-After.

The database has its own connect and statement time-outs; this covers what they cannot, such as
a database that accepts the connection and then never answers. The work still running in its
thread is left to finish or fail on its own; the caller gets an answer now.
"""

from __future__ import annotations

import os

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from engine import i18n
from engine.api.problems import language, respond

DEFAULT_SECONDS = 180.0


def request_timeout() -> float:
    """``$REGLAMENT_REQUEST_TIMEOUT`` seconds (default 180: a segmentation of a million clients
    or a printed handbook fit in it)."""
    raw = os.environ.get("REGLAMENT_REQUEST_TIMEOUT", "")
    try:
        return float(raw) if raw else DEFAULT_SECONDS
    except ValueError:
        return DEFAULT_SECONDS


class Deadline:
    """Pure ASGI middleware: cancels waiting for the app after ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float | None = None) -> None:
        self.app = app
        self.seconds = seconds if seconds is not None else request_timeout()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        with anyio.move_on_after(self.seconds) as waited:
            await self.app(scope, receive, tracked)
        if waited.cancelled_caught and not started:
            request = Request(scope, receive)
            detail = i18n.tr("api.timeout", language(request))
            answer = respond(request, "timeout", detail, {"Retry-After": "5", "Connection": "close"})
            await answer(scope, receive, send)
