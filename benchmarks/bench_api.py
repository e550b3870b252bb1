"""Requests per second firing triggers through the HTTP API, with one and several server processes.

Run: python -m benchmarks.bench_api --pg postgresql://postgres@127.0.0.1:5432/test [--workers 1,2,4]
     [--seconds 10] [--clients 4000] [--load 2] [--threads 8] [--sqlite]

The database named by --pg is a scratch one: its schema is dropped and created again for every
run. Each run starts `reglament serve --workers N`, fills it with clients at "needs", and load
processes (--load, each with --threads connections) move their own clients back and forth
(send_proposal ⇄ revise_needs) as a front-end would: POST /v1/clients/{id}/moves with the
ETag from the previous answer in If-Match and a fresh Idempotency-Key, or read them (GET
/v1/clients/{id}). Every answer must be 200; anything else is counted and shown. Each is set
against its anchor in the same run: bare FastAPI endpoints on the same paths doing no work
(``benchmarks/bare_api.py``), served by uvicorn with the same worker count; and the server's CPU
(user + system of every server process, from /proc) per request is printed for both. Load
generators run on the same machine as the servers, so on a small machine they compete for the
same cores — the figures are a floor, not a ceiling.
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


def start_server(
    url: str, workers: int, log: Path, bare: bool = False
) -> tuple[subprocess.Popen[bytes], str]:
    """``reglament serve``, or (``bare``) the anchor's bare endpoints on uvicorn the same way."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    served = ["engine", "serve", "--db", url]
    if bare:
        served = ["uvicorn", "benchmarks.bare_api:build", "--factory"]
    command = [sys.executable, "-m", *served, "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning"]
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
    base: str,
    token: str,
    ids: list[int],
    seconds: float,
    threads_n: int,
    out: multiprocessing.Queue,  # type: ignore[type-arg]
    get: bool,
) -> None:
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
                if get:
                    answer = http.get(f"/v1/clients/{client}")
                else:
                    answer = http.post(f"/v1/clients/{client}/moves", json=body, headers=headers)
                local.append(time.perf_counter() - started)
                if get:
                    if answer.status_code != 200:
                        bad[answer.status_code] = bad.get(answer.status_code, 0) + 1
                elif answer.status_code == 200:
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants (uvicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += cpu_seconds(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


def warm(base: str, token: str, ids: list[int]) -> None:
    """Reads before the measure: each worker builds its routes' handlers on its first requests."""
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        for client in ids:
            http.get(f"/v1/clients/{client}")


def run_load(
    url: str, workers: int, args: argparse.Namespace, get: bool, bare: bool
) -> tuple[float, list[float], dict[int, int], float]:
    """Requests per second (200s), their latencies, non-200 counts, server CPU ms per request."""
    ids, token = prepare(url, args.clients) if not bare else (list(range(1, args.clients + 1)), "bare")
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(url, workers, Path(tmp) / "serve.log", bare)
        try:
            results: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
            parts = [ids[k :: args.load] for k in range(args.load)]
            procs = [
                multiprocessing.Process(
                    target=drive, args=(base, token, p, args.seconds, args.threads, results, get)
                )
                for p in parts
            ]
            warm(base, token, ids[: 20 * workers])
            cpu = cpu_seconds(server.pid)
            started = time.perf_counter()
            for p in procs:
                p.start()
            collected = [results.get() for _ in procs]
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds(server.pid) - cpu
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
    return ok / elapsed, latencies, failures, cpu * 1000 / max(ok, 1)


def measure(url: str, workers: int, args: argparse.Namespace, label: str) -> None:
    """GET client and POST move against the bare endpoints served the same way, one after the other."""
    for name, get in (("GET client", True), ("POST move", False)):
        rate, latencies, failures, cpu_ms = run_load(url, workers, args, get, bare=False)
        anchor, _, _, anchor_ms = run_load(url, workers, args, get, bare=True)
        p50 = statistics.median(latencies) * 1000 if latencies else 0.0
        p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0
        print(
            f"{label:<12} {name:<10} {workers:>7} {rate:>9,.0f} {anchor:>9,.0f} {rate / anchor:>6.2f} "
            f"{cpu_ms:>7.2f} {anchor_ms:>7.2f} {p50:>8.1f} {p99:>8.1f}   {failures or 'none'}"
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
    print(
        f"{'database':<12} {'request':<10} {'workers':>7} {'req/s':>9} {'bare':>9} {'ratio':>6} "
        f"{'CPU ms':>7} {'bare ms':>7} {'p50 ms':>8} {'p99 ms':>8}   non-200"
    )
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
