"""The write path against its raw anchor (#18 point 3), measured in the same run.

Run: python -m benchmarks.bench_write [--pg URL] [--moves N]

The engine's persisted move (the CLI/API path: read the client, check every requirement, a
versioned update, the history entry, one transaction) against the same writes done by hand:
- SQLite: raw `sqlite3` on the same file layout (WAL, synchronous=NORMAL), `BEGIN IMMEDIATE`,
  SELECT the client, UPDATE … WHERE version = ?, INSERT the history row, COMMIT;
- PostgreSQL (--pg): raw psycopg with the same statements (prepared by psycopg), one
  transaction each.
Both one move per transaction and 500 per transaction, engine and raw taking turns in blocks
on fresh clients of the same base (so the shared machine's load falls on both alike). Targets:
each ratio ≥ 0.5.
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

from benchmarks.bench_runtime import NOW, fill, workspace
from engine.service import moves
from engine.service.batch import MoveRequest, move_batch
from engine.service.workspace import Workspace

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


class RawSqlite:
    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")

    def __call__(self, ids: list[int], batch: int) -> float:
        """Seconds to move ``ids``, ``batch`` per transaction."""
        cur = self.conn.cursor()
        start = time.perf_counter()
        for i in range(0, len(ids), batch):
            cur.execute("BEGIN IMMEDIATE")
            raw_moves(cur, "?", ids[i : i + batch])
            cur.execute("COMMIT")
        return time.perf_counter() - start


class RawPostgres:
    def __init__(self, url: str) -> None:
        import psycopg

        # prepare_threshold=0: every statement prepared on the server from its first use
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        self.conn = psycopg.connect(plain, prepare_threshold=0)

    def __call__(self, ids: list[int], batch: int) -> float:
        cur = self.conn.cursor()
        start = time.perf_counter()
        for i in range(0, len(ids), batch):
            with self.conn.transaction():
                raw_moves(cur, "%s", ids[i : i + batch])
        return time.perf_counter() - start


def engine_moves(ws: Workspace, ids: list[int], batch: int) -> float:
    """Seconds for the engine to move ``ids`` (needs → proposal), ``batch`` per transaction
    (1: the single move of the CLI and the API, else ``move_batch``)."""
    start = time.perf_counter()
    if batch == 1:
        for client_id in ids:
            moves.move(ws, "bench", client_id, "send_proposal", at=NOW)
    else:
        for i in range(0, len(ids), batch):
            chunk = [MoveRequest(c, "send_proposal") for c in ids[i : i + batch]]
            assert all(o.moved for o in move_batch(ws, "bench", chunk, at=NOW))
    return time.perf_counter() - start


def measure(name: str, url: str, moves_: int, raw: Callable[[list[int], int], float]) -> None:
    """Engine and raw take turns in blocks on the same base (fresh clients each), so a change
    of the machine's load falls on both; each rate is its moves over the sum of its blocks."""
    ws = workspace(url)
    for label, batch, block in (("one move per transaction", 1, 500), ("500 per transaction", 500, 2_000)):
        ids = fill(ws.db, 2 * moves_)[-2 * moves_ :]
        engine_ids, raw_ids = ids[:moves_], ids[moves_:]
        engine_moves(ws, engine_ids[:block], batch)  # warm: statements compiled, caches filled
        raw(raw_ids[:block], batch)
        spent = [0.0, 0.0]
        for i in range(block, moves_, block):
            spent[0] += engine_moves(ws, engine_ids[i : i + block], batch)
            spent[1] += raw(raw_ids[i : i + block], batch)
        done = moves_ - block
        engine, anchor = done / spent[0], done / spent[1]
        print(f"{name + ', ' + label:46} {engine:10,.0f} {anchor:10,.0f} {engine / anchor:7.2f}")
    ws.close()


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
            RawSqlite(path),
        )
    if args.pg:
        measure("PostgreSQL", args.pg, args.moves, RawPostgres(args.pg))


if __name__ == "__main__":
    main()
