"""Requests per second firing triggers through the HTTP API, with one and several server processes.

Run: python -m benchmarks.bench_api --pg postgresql://postgres@127.0.0.1:5432/test [--workers 1,2,4]
     [--seconds 10] [--clients 4000] [--load 2] [--threads 8] [--sqlite]

The database named by --pg is a scratch one: its schema is dropped and created again for every
run. Each run starts `reglament serve --workers N`, fills it with clients at "needs", and load
processes (--load, each with --threads connections) move their own clients back and forth
(send_proposal ⇄ revise_needs) as a front-end would: POST /v1/clients/{id}/moves with the
ETag from the previous answer in If-Match and a fresh Idempotency-Key. Every answer must be 200;
anything else is counted and shown. Load generators run on the same machine as the servers,
so on a small machine they compete for the same cores — the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import text

from benchmarks.bench_runtime import fill
from engine.service import tokens
from engine.store import migrate
from engine.store.database import Database

ROOT = Path(__file__).resolve().parent.parent
FORTH, BACK = "send_proposal", "revise_needs"


def prepare(url: str, clients: int) -> tuple[list[int], str]:
    db = Database(url)
    if not db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.ensure_ready(db)
    ids = fill(db, clients)
    token = tokens.issue(db, "bench", "admin", None, datetime.now(UTC))
    db.dispose()
    return ids, token


def start_server(url: str, workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "engine",
        "serve",
        "--db",
        url,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    with log.open("w") as sink:
        server = subprocess.Popen(command, env=env, stderr=sink)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    ready = 0
    while ready < 20:  # several answers in a row: every worker process is up
        try:
            ready += httpx.get(base + "/v1/health", timeout=5).status_code == 200
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{log.read_text()}") from None
            time.sleep(0.2)
    return server, base


def drive(
    base: str, token: str, ids: list[int], seconds: float, threads_n: int, out: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    """One thread per slice of clients, each its own connection; report latencies and failures."""
    due = (date.today() + timedelta(days=7)).isoformat()
    step = {"action": "Позвонить", "due_date": due}
    latencies: list[float] = []
    failures: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(mine: list[int]) -> None:
        versions = dict.fromkeys(mine, 1)
        forth = dict.fromkeys(mine, True)
        local: list[float] = []
        bad: dict[int, int] = {}
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            i = 0
            while time.monotonic() < stop:
                client = mine[i % len(mine)]
                i += 1
                body = {"trigger": FORTH if forth[client] else BACK, "next_step": step}
                headers = {"If-Match": f'"{versions[client]}"', "Idempotency-Key": uuid.uuid4().hex}
                started = time.perf_counter()
                answer = http.post(f"/v1/clients/{client}/moves", json=body, headers=headers)
                local.append(time.perf_counter() - started)
                if answer.status_code == 200:
                    versions[client] = int(answer.headers["ETag"].strip('"'))
                    forth[client] = not forth[client]
                else:
                    bad[answer.status_code] = bad.get(answer.status_code, 0) + 1
                    if os.environ.get("BENCH_DEBUG"):
                        print(client, versions[client], body["trigger"], answer.text[:300], file=sys.stderr)
        with lock:
            latencies.extend(local)
            for code, n in bad.items():
                failures[code] = failures.get(code, 0) + n

    slices = [ids[k::threads_n] for k in range(threads_n)]
    threads = [threading.Thread(target=worker, args=(s,)) for s in slices if s]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((latencies, failures))


def measure(url: str, workers: int, args: argparse.Namespace, label: str) -> None:
    ids, token = prepare(url, args.clients)
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, workers, Path(tmp) / "serve.log")
        try:
            results: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
            parts = [ids[k :: args.load] for k in range(args.load)]
            procs = [
                multiprocessing.Process(
                    target=drive, args=(base, token, p, args.seconds, args.threads, results)
                )
                for p in parts
            ]
            started = time.perf_counter()
            for p in procs:
                p.start()
            collected = [results.get() for _ in procs]
            elapsed = time.perf_counter() - started
            for p in procs:
                p.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies = sorted(x for lat, _ in collected for x in lat)
    failures: dict[int, int] = {}
    for _, bad in collected:
        for code, n in bad.items():
            failures[code] = failures.get(code, 0) + n
    ok = len(latencies) - sum(failures.values())
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0.0
    print(
        f"{label:<34} {workers:>7} {ok / elapsed:>9,.0f} {statistics.median(latencies) * 1000:>9.1f} "
        f"{p95 * 1000:>9.1f}   {failures or 'none'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pg",
        default=os.environ.get("TEST_DATABASE_URL"),
        help="A scratch PostgreSQL database (its schema is reset).",
    )
    parser.add_argument("--workers", default="1,2,4", help="Server process counts to try.")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4000)
    parser.add_argument("--load", type=int, default=2, help="Load-generating processes.")
    parser.add_argument("--threads", type=int, default=8, help="Connections per load process.")
    parser.add_argument("--sqlite", action="store_true", help="Also one SQLite server process.")
    args = parser.parse_args()
    print(
        f"{os.cpu_count()} CPU cores; load: {args.load} processes × {args.threads} connections, "
        f"{args.seconds:.0f} s per run; every request is one move (If-Match + Idempotency-Key)"
    )
    print(f"{'database':<34} {'workers':>7} {'req/s':>9} {'p50 ms':>9} {'p95 ms':>9}   non-200")
    if args.sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            measure(f"sqlite:///{tmp}/bench.sqlite", 1, args, "SQLite file")
    if not args.pg:
        print("no PostgreSQL: pass --pg URL (or set TEST_DATABASE_URL) for the multi-process runs")
        return
    for workers in (int(w) for w in args.workers.split(",")):
        measure(args.pg, workers, args, "PostgreSQL")


if __name__ == "__main__":
    main()
