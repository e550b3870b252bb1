"""The write path against its raw anchor (#18 point 3), measured in the same run.

Run: python -m benchmarks.bench_write [--pg URL] [--moves N]

The engine's persisted move (the CLI/API path: read the client, check every requirement, a
versioned update, the history entry, one transaction) against the same writes done by hand:
- SQLite: raw `sqlite3` on the same file layout (WAL, synchronous=NORMAL), `BEGIN IMMEDIATE`,
  SELECT the client, UPDATE … WHERE version = ?, INSERT the history row, COMMIT;
- PostgreSQL (--pg): raw psycopg with the same statements (prepared by psycopg), one
  transaction each.
Both one move per transaction and 500 per transaction. Targets: each ratio ≥ 0.5.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from typing import Any

from benchmarks.bench_runtime import NOW, fill, persisted, workspace

SELECT = "SELECT id, stage, version, card FROM client WHERE id = {p}"
UPDATE = (
    "UPDATE client SET stage = {p}, stage_since = {p}, updated_at = {p}, version = version + 1 "
    "WHERE id = {p} AND version = {p}"
)
HISTORY = (
    "INSERT INTO history (client_id, at, actor, kind, trigger, from_stage, to_stage, regulation, data) "
    "VALUES ({p}, {p}, {p}, 'moved', 'send_proposal', {p}, 'proposal', 'bench', {p})"
)


def statements(mark: str) -> tuple[str, str, str]:
    return SELECT.format(p=mark), UPDATE.format(p=mark), HISTORY.format(p=mark)


def raw_moves(cur: Any, mark: str, ids: list[int]) -> None:
    """One move: three statements. Several: the clients read in one query, then the updates and
    the history rows each as one ``executemany`` (psycopg pipelines it: one round trip)."""
    select, update, history = statements(mark)
    stamp = NOW.isoformat(sep=" ") if mark == "?" else NOW
    if len(ids) == 1:
        cur.execute(select, (ids[0],))
        rows = [cur.fetchone()]
    else:
        many = ",".join([mark] * len(ids))
        cur.execute(select.replace(f"id = {mark}", f"id IN ({many})"), tuple(ids))
        rows = cur.fetchall()
    cur.executemany(update, [("proposal", stamp, stamp, row[0], row[2]) for row in rows])
    cur.executemany(
        history, [(row[0], stamp, "bench", row[1], json.dumps({"version": row[2] + 1})) for row in rows]
    )


def raw_sqlite(path: str, ids: list[int], batch: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    cur = conn.cursor()
    start = time.perf_counter()
    for i in range(0, len(ids), batch):
        cur.execute("BEGIN IMMEDIATE")
        raw_moves(cur, "?", ids[i : i + batch])
        cur.execute("COMMIT")
    rate = len(ids) / (time.perf_counter() - start)
    conn.close()
    return rate


def raw_pg(url: str, ids: list[int], batch: int) -> float:
    import psycopg

    # prepare_threshold=0: every statement prepared on the server from its first use
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), prepare_threshold=0) as conn:
        cur = conn.cursor()
        start = time.perf_counter()
        for i in range(0, len(ids), batch):
            with conn.transaction():
                raw_moves(cur, "%s", ids[i : i + batch])
        return len(ids) / (time.perf_counter() - start)


def measure(name: str, url: str, moves: int, raw: Callable[[list[int], int], float]) -> None:
    ws = workspace(url)
    single, batched = persisted(ws, moves, 500)
    ids = fill(ws.db, moves)
    ws.close()
    raw_single = raw(ids[: moves // 4], 1)
    raw_batched = raw(ids[moves // 4 :], 500)
    for label, engine, anchor in (
        ("one move per transaction", single, raw_single),
        ("500 per transaction", batched, raw_batched),
    ):
        print(f"{name + ', ' + label:46} {engine:10,.0f} {anchor:10,.0f} {engine / anchor:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--moves", type=int, default=8_000)
    args = parser.parse_args()
    print(f"{'moves/s':46} {'engine':>10} {'raw':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bench.sqlite"
        measure(
            "SQLite file (WAL)",
            f"sqlite:///{path}",
            args.moves,
            lambda ids, batch: raw_sqlite(path, ids, batch),
        )
    if args.pg:
        measure("PostgreSQL", args.pg, args.moves, lambda ids, batch: raw_pg(args.pg, ids, batch))


if __name__ == "__main__":
    main()
