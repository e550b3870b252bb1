"""How fast `reglament demo` builds its base (#18, point 8: 200,000 clients in ≤ 60 s).

Run: python -m benchmarks.bench_demo [--clients N] [--cli]

- the build (``engine.demo.build_demo``, what the command does before segmenting) of N clients
  into a fresh SQLite file: seconds, clients/s, the time 200,000 clients would take at that rate,
  and where the CPU goes (living the clients through the machine / writing them);
- the anchor, in the same run: the rows the build wrote (clients, history, events, contacts,
  tasks, sales) read back and written again into an empty copy of the schema with raw
  ``sqlite3`` ``executemany``, one transaction per table — the floor of writing them from Python;
- --cli: the whole command (`python -m engine demo --clients N`, segmenting and the call list
  included) as a child process, wall seconds.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from engine import demo as demo_module
from engine.demo import build_demo
from engine.demo.life import Simulator
from engine.language.loader import load_regulation
from engine.resources import bundled_regulations
from engine.service.workspace import Workspace
from engine.store import migrate
from engine.store.database import Database

ANCHOR = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
TABLES = ("client", "history", "event", "contact", "task", "sale")
TARGET = 200_000


def fresh(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    migrate.ensure_ready(db)
    return db


def build(path: Path, clients: int) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds living, CPU seconds in all) of building ``clients`` clients."""
    ws = Workspace(load_regulation(bundled_regulations()), fresh(path), lambda: ANCHOR)
    living = 0.0
    live = Simulator.live

    def timed(self: Simulator, number: int) -> demo_module.life.Life:
        nonlocal living
        start = time.process_time()
        life = live(self, number)
        living += time.process_time() - start
        return life

    Simulator.live = timed  # type: ignore[method-assign]
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        build_demo(ws, clients=clients, seed=7, anchor=ANCHOR)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        Simulator.live = live  # type: ignore[method-assign]
        ws.close()
    return wall, living, cpu


def raw_rewrite(built: Path, empty: Path) -> tuple[float, int]:
    """(seconds, rows) to write the built rows again with raw sqlite3, one transaction per table."""
    fresh(empty).dispose()
    source, target = sqlite3.connect(built), sqlite3.connect(empty)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=NORMAL")
    spent, rows = 0.0, 0
    for table in TABLES:
        data = source.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        marks = ", ".join("?" * len(data[0])) if data else ""
        start = time.perf_counter()
        with target:
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
        spent += time.perf_counter() - start
        rows += len(data)
    source.close()
    target.close()
    return spent, rows


def whole_command(folder: Path, clients: int) -> float:
    path = folder / "cli.sqlite"
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "engine",
            "demo",
            "--clients",
            str(clients),
            "--db",
            str(path),
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5_000)
    parser.add_argument("--cli", action="store_true", help="also time the whole command")
    args = parser.parse_args()
    n = args.clients
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wall, living, cpu = build(folder / "demo.sqlite", n)
        raw, rows = raw_rewrite(folder / "demo.sqlite", folder / "raw.sqlite")
        print(f"demo build, {n:,} clients, SQLite file: {wall:.1f} s wall, {n / wall:,.0f} clients/s")
        print(f"  at that rate {TARGET:,} clients take {TARGET / n * wall:.0f} s (target 60 s)")
        print(
            f"  CPU {cpu:.1f} s: living the clients through the machine {living:.1f} s "
            f"({living / n * 1000:.2f} ms per client), the rest (writing) {cpu - living:.1f} s"
        )
        print(
            f"  rows written: {rows:,} ({rows / n:.0f} per client); anchor, the same rows by raw "
            f"sqlite3 executemany: {raw:.1f} s ({rows / raw:,.0f} rows/s) — the build takes "
            f"{wall / raw:.1f}× that"
        )
        if args.cli:
            seconds = whole_command(folder, n)
            print(f"`reglament demo --clients {n}` as a whole process: {seconds:.1f} s wall")


if __name__ == "__main__":
    main()
