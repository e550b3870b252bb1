"""The API served by a real uvicorn on a free port, over a real SQLite file (or PostgreSQL)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from engine.api import create_app
from engine.service import listing, tokens
from tests.dbfixtures import Clock
from tests.paths import BUNDLED

ROLES = ("manager", "head", "admin")


@dataclass
class Server:
    """A running API with a token per role; ``other`` is a second manager's token."""

    url: str
    app: FastAPI
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, role: str | None = "admin", lang: str = "en") -> httpx.Client:
        headers = {"Accept-Language": lang}
        if role is not None:
            headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def serve(app: FastAPI) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def staffed(app: FastAPI) -> dict[str, str]:
    """Two managers and a token for each role (``manager`` is ivanov, ``other`` is petrov)."""
    api = app.state.api
    ws = api.folder
    for login, name in (("ivanov", "Иван Иванов"), ("petrov", "Пётр Петров")):
        listing.add_manager(ws, login, name, "sales_manager")
    now = api.clock()
    return {
        "manager": tokens.issue(api.db, "ivanov-phone", "manager", "ivanov", now),
        "other": tokens.issue(api.db, "petrov-phone", "manager", "petrov", now),
        "head": tokens.issue(api.db, "head", "head", None, now),
        "admin": tokens.issue(api.db, "admin", "admin", None, now),
    }


@pytest.fixture
def server(db_url: str, clock: Clock) -> Iterator[Server]:
    app = create_app(db_url, BUNDLED, clock)
    issued = staffed(app)
    for url in serve(app):
        yield Server(url, app, issued)


def new_client(http: httpx.Client, **card: Any) -> dict[str, Any]:
    """Create a client with the card the regulation requires (plus ``card``); returns it."""
    body = {"card": {"company_name": "ООО «Ромашка»", "phone": "+7 912 345-67-89", **card}}
    answer = http.post("/v1/clients", json=body)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created
