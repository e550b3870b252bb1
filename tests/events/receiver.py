"""A local webhook receiver for tests: answers 200, 500, hangs, or closes the connection, as told
per request, and keeps what it received (headers and body)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OK, FAIL, HANG, CLOSE, GONE = "200", "500", "hang", "close", "410"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    answered: str


@dataclass
class Receiver:
    url: str
    script: Callable[[int, bytes], str]
    """Given the request number (from 0) and the body: how to answer."""
    received: list[Received] = field(default_factory=list)
    hang_seconds: float = 3.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bodies(self, answered: str | None = None) -> list[Received]:
        with self.lock:
            return [r for r in self.received if answered is None or r.answered == answered]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            with receiver.lock:
                n = len(receiver.received)
                answer = receiver.script(n, body)
                receiver.received.append(Received(dict(self.headers.items()), body, answer))
            if answer == HANG:
                time.sleep(receiver.hang_seconds)
                return
            if answer == CLOSE:
                self.close_connection = True
                self.connection.close()
                return
            self.send_response(int(answer))
            self.send_header("content-length", "0")
            self.end_headers()

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    """Room for every worker's connections at once: with the default backlog of 5, a busy
    machine drops connection attempts and the client's short connect time-out fails them."""


@contextmanager
def receiving(script: Callable[[int, bytes], str], hang_seconds: float = 3.0) -> Iterator[Receiver]:
    server = _Server(("127.0.0.1", 0), _handler(Receiver("", script)))
    receiver = Receiver(
        f"http://127.0.0.1:{server.server_address[1]}/hook", script, hang_seconds=hang_seconds
    )
    server.RequestHandlerClass = _handler(receiver)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
