"""Events: what the outbox costs the write path, and how fast the worker delivers webhooks.

Run: python -m benchmarks.events [--db FILE] [--pg URL] [--clients 2000] [--rounds 5]

Write path: the same moves (one per transaction through the service, and 500 per batch) with
the outbox and without it (its history listener removed), interleaved block by block so the
shared machine's noise falls on both alike; the figures are medians over the blocks. Delivery: every event
written is delivered by one worker (8 requests in flight) to a local receiver in another
process that answers 200 at once; the figure is events delivered per second, fan-out included.
The database named by --pg is a scratch one: its schema is dropped and created again.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks.bench_runtime import fill, workspace
from engine.delivery.policy import Policy
from engine.delivery.worker import Worker
from engine.service import events, moves, webhooks
from engine.service.batch import MoveRequest, move_batch
from engine.service.workspace import Workspace
from engine.store.event_tables import DELIVERY, EVENT

FORTH, BACK = "send_proposal", "revise_needs"


def _moves(ws: Workspace, ids: list[int], trigger: str, batch: int) -> float:
    """Moves per second of ``ids`` by ``trigger``: one per transaction, or ``batch`` at once."""
    start = time.perf_counter()
    if batch == 1:
        for client_id in ids:
            moves.move(ws, "bench", client_id, trigger)
    else:
        for i in range(0, len(ids), batch):
            done = move_batch(ws, "bench", [MoveRequest(c, trigger) for c in ids[i : i + batch]])
            assert all(o.moved for o in done)
    return len(ids) / (time.perf_counter() - start)


def write_path(ws: Workspace, ids: list[int], rounds: int, batch: int) -> tuple[float, float, float]:
    """(moves/s with the outbox, without, slowdown): blocks of ``2 * block`` clients, the first
    half moved with the outbox and the second without, so the machine's noise falls on both."""
    block = max(batch, 50)
    with_outbox: list[float] = []
    without: list[float] = []
    for n in range(rounds):
        trigger = FORTH if n % 2 == 0 else BACK
        for i in range(0, len(ids) - 2 * block + 1, 2 * block):
            events.install()
            with_outbox.append(_seconds(ws, ids[i : i + block], trigger, batch))
            events.uninstall()
            without.append(_seconds(ws, ids[i + block : i + 2 * block], trigger, batch))
    events.install()
    on, off = statistics.median(with_outbox), statistics.median(without)
    return block / on, block / off, on / off - 1


def _seconds(ws: Workspace, ids: list[int], trigger: str, batch: int) -> float:
    return len(ids) / _moves(ws, ids, trigger, batch)


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()


def receiver() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def start_receiver() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.events", "--receiver"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, f"http://127.0.0.1:{int(process.stdout.readline())}/hook"


def delivery(ws: Workspace) -> tuple[int, float]:
    """Deliver every event written: (how many, events per second)."""
    with ws.db.read() as conn:
        total = int(conn.execute(select(func.count()).select_from(EVENT)).scalar_one())
    worker = Worker(ws.db, lambda: datetime.now(UTC), Policy(batch=200))
    delivered = select(func.count()).select_from(DELIVERY).where(DELIVERY.c.state == "delivered")
    start = time.perf_counter()
    try:
        while True:
            worker.once()
            with ws.db.read() as conn:
                if conn.execute(delivered).scalar_one() >= total:
                    break
    finally:
        worker.close()
    return total, total / (time.perf_counter() - start)


def run(url: str, clients: int, rounds: int) -> None:
    ws = workspace(url)
    name = "SQLite" if ws.db.is_sqlite else "PostgreSQL"
    process, hook = start_receiver()
    try:
        webhooks.create(ws.db, hook, ["*"], datetime.now(UTC))
        ids = fill(ws.db, clients)
        on, off, slower = write_path(ws, ids, rounds, 1)
        print(
            f"{name}: moves one per transaction: {on:,.0f}/s with the outbox, {off:,.0f}/s without: ", end=""
        )
        print(f"{slower:+.1%}")
        on, off, slower = write_path(ws, ids, rounds, 500)
        print(
            f"{name}: moves 500 per batch: {on:,.0f}/s with the outbox, {off:,.0f}/s without: {slower:+.1%}"
        )
        total, rate = delivery(ws)
        print(f"{name}: delivered {total:,} events to a local receiver: {rate:,.0f} events/s")
    finally:
        process.kill()
        process.wait()
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="SQLite file (default: a temporary one)")
    parser.add_argument("--pg", help="a scratch PostgreSQL database URL")
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--receiver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.receiver:
        receiver()
        return
    with tempfile.TemporaryDirectory() as scratch:
        run(args.db or str(Path(scratch) / "events.sqlite"), args.clients, args.rounds)
    if args.pg:
        run(args.pg, args.clients, args.rounds)


if __name__ == "__main__":
    main()
