"""A cap on request bodies, so one oversized request cannot fill the server's memory.

The largest legitimate body is a card of 500 fields of 10,000 characters (about 5 MB) or a
regulation's five files; anything above :data:`MAX_BODY` is answered 413 before it is parsed:
at once when ``Content-Length`` says so, else as soon as the streamed bytes pass the limit.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from engine import i18n
from engine.api.problems import language, respond

MAX_BODY = 8 * 1024 * 1024


class BodyLimit:
    """Pure ASGI middleware: nothing is buffered here, the body still streams to the app."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen, over = 0, False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # the app stops reading as if the client had gone
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def unless_over(message: Message) -> None:
            if not over:
                await send(message)

        await self.app(scope, counted, unless_over)
        if over:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        lang = language(request)
        detail = i18n.tr("api.too_large", lang, limit=format_decimal(self.limit, locale=lang))
        answer = respond(request, "payload-too-large", detail, {"Connection": "close"})
        await answer(scope, receive, send)
