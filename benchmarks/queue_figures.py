"""The call queue's anchors for ``bench_day``, measured in the same run as the engine.

- the raw read: ``sqlite3`` fetching the same columns with the same conversions the engine's
  read asks of SQLite, into a plain list, nothing else;
- the peak RSS of ``reglament calls`` as a whole process (its VmHWM);
- the other approach the issue names: a compact per-client summary (numbers and codes only,
  clustered by owner) kept current on every write — its read, and what keeping it costs a write.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

E = "2440587.5"
COLUMNS = (
    f"id, stage, owner_id, timezone, potential, abc, xyz, average_sale, (julianday(created_at)-{E})*86400.0, "
    f"(julianday(last_contact_at)-{E})*86400.0, julianday(next_due_date)-{E}, "
    "CAST(substr(next_due_time,1,2) AS INTEGER)*60+CAST(substr(next_due_time,4,2) AS INTEGER), "
    f"(julianday(handed_over_at)-{E})*86400.0, CAST(json_extract(card, '$.expected_deal') AS REAL)"
)
SUMMARY = f"""
CREATE TABLE bench_queue_summary (owner_id INTEGER, id INTEGER, stage INTEGER, zone INTEGER,
    potential INTEGER, abc INTEGER, xyz INTEGER, average_sale REAL, created REAL, last_contact REAL,
    due_day REAL, due_minute INTEGER, handed_over REAL, deal REAL, PRIMARY KEY (owner_id, id)) WITHOUT ROWID;
INSERT INTO bench_queue_summary SELECT coalesce(owner_id, 0), id, unicode(stage), unicode(timezone),
    unicode(potential), unicode(abc), unicode(xyz), average_sale, (julianday(created_at)-{E})*86400.0,
    (julianday(last_contact_at)-{E})*86400.0, julianday(next_due_date)-{E},
    CAST(substr(next_due_time,1,2) AS INTEGER)*60+CAST(substr(next_due_time,4,2) AS INTEGER),
    (julianday(handed_over_at)-{E})*86400.0, CAST(json_extract(card, '$.expected_deal') AS REAL) FROM client;
"""
"""Texts as codes (here a character's code point stands in for a dictionary, enough to time it)."""


def raw_read(path: Path, owner: int | None) -> float:
    """Seconds to fetch the queue's columns with plain ``sqlite3``."""
    where = "stage <> 'lost'" + (f" AND owner_id = {owner}" if owner else "")
    with sqlite3.connect(path) as conn:
        start = time.perf_counter()
        conn.execute(f"SELECT {COLUMNS} FROM client WHERE {where}").fetchall()
        return time.perf_counter() - start


PEAK = """
import atexit, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM")), file=sys.stderr)
atexit.register(peak)
sys.argv = ["reglament", *sys.argv[1:]]
runpy.run_module("engine", run_name="__main__")
"""
"""The command, reporting its own peak RSS (kB) at exit: VmHWM counts only this program's
memory, where the child's ``ru_maxrss`` would count the benchmark's own pages it forked with."""


def peak_rss(path: Path, at: datetime, manager: str | None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``reglament calls`` as a whole process."""
    args = [sys.executable, "-c", PEAK, "calls", "--db", str(path), "--at", at.isoformat()]
    args += ["--limit", "50", "--format", "json"] + (["--manager", manager] if manager else [])
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return time.perf_counter() - start, int(done.stderr.split()[-1]) / 1024


def summary_read(path: Path, owner: int | None) -> float:
    """Seconds to read the compact summary into numpy columns (building it once, kept)."""
    with sqlite3.connect(path) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'bench_queue_summary'").fetchone():
            conn.executescript(SUMMARY)
        where = f"WHERE owner_id = {owner}" if owner else ""
        start = time.perf_counter()
        cursor = conn.execute(f"SELECT * FROM bench_queue_summary {where}")
        layout = np.dtype([(f"c{i}", np.float64) for i in range(14)])
        while rows := cursor.fetchmany(65_536):
            records = np.array(rows, dtype=layout)
            _ = [np.ascontiguousarray(records[name]) for name in layout.names or ()]
        return time.perf_counter() - start


def summary_write_cost(path: Path, moves: int = 600, rounds: int = 4) -> tuple[float, float]:
    """Moves per second, one per transaction (WAL, synchronous=NORMAL), updating the client row
    alone and then also its summary row: blocks of each in turn after a warm-up, so the pages
    the first touches do not favour the second."""
    seconds = [0.0, 0.0]
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA synchronous=NORMAL")
        ids = np.random.default_rng(7).integers(1, 100_000, moves).tolist()
        _moves(conn, ids, with_summary=True)  # warm-up: both tables' pages in the cache
        for _ in range(rounds):
            for with_summary in (False, True):
                start = time.perf_counter()
                _moves(conn, ids, with_summary)
                seconds[with_summary] += time.perf_counter() - start
    return moves * rounds / seconds[0], moves * rounds / seconds[1]


def _moves(conn: sqlite3.Connection, ids: list[int], with_summary: bool) -> None:
    for i in ids:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE client SET version = version + 1 WHERE id = ?", (i,))
        if with_summary:
            conn.execute(
                "UPDATE bench_queue_summary SET stage = stage, created = created "
                "WHERE owner_id = (SELECT coalesce(owner_id, 0) FROM client WHERE id = ?) AND id = ?",
                (i, i),
            )
        conn.execute("COMMIT")


def queue_on_postgres(path: Path, url: str, ws: Any, at: datetime) -> None:
    """The call queue on PostgreSQL (the SQLite base copied there by DuckDB once): columns and
    numpy against the buckets and the first rows in SQL, interleaved, medians of 3."""
    from sqlalchemy import text

    from engine.queue import call_queue
    from engine.store import migrate

    migrate.ensure_ready(ws.db)
    with ws.db.read() as conn:
        have = conn.execute(text("SELECT count(*) FROM client")).scalar_one()
    if not have:
        copy_to_postgres(path, url)
    for name, manager in (("everyone", None), ("one manager", "m001")):
        columns, sql = [], []
        for _ in range(3):
            started = time.perf_counter()
            whole = call_queue(ws, manager=manager, at=at, limit=50)
            columns.append(time.perf_counter() - started)
            started = time.perf_counter()
            first = call_queue(ws, manager=manager, at=at, limit=50, whole=False, in_sql=True)
            sql.append(time.perf_counter() - started)
        same = [r.client_id for r in first.rows] == [r.client_id for r in whole.rows]
        a, b = statistics.median(columns), statistics.median(sql)
        print(f"\ncall queue for {name} on PostgreSQL: {whole.total:,} queued")
        print(f"  {'engine: columns + numpy, top 50 explained':52} {a:7.3f} s")
        print(
            f"  {'engine: buckets and top 50 in SQL':52} {b:7.3f} s   "
            f"(SQL / columns: {b / a:.2f}; same: {same})"
        )


def copy_to_postgres(path: Path, url: str) -> None:
    """The managers and clients of the SQLite base into the (migrated, empty) PostgreSQL one."""
    from sqlalchemy.engine import make_url

    from benchmarks.segment_data import duckdb_connection

    target = make_url(url)
    conn = duckdb_connection()
    conn.execute("SET sqlite_all_varchar=true")
    conn.execute(f"ATTACH '{path}' AS sq (TYPE sqlite, READ_ONLY)")
    dsn = f"dbname={target.database} host={target.host} port={target.port or 5432} user={target.username}"
    conn.execute(f"ATTACH '{dsn}' AS pg (TYPE postgres)")
    conn.execute(
        "INSERT INTO pg.manager (id, login, name, role, created_at, active) "
        "SELECT CAST(id AS INT), login, name, role, CAST(created_at AS TIMESTAMPTZ), true FROM sq.manager"
    )
    moment = "CAST({0} || '+00' AS TIMESTAMPTZ)"
    conn.execute(
        "INSERT INTO pg.client (id, name, stage, stage_since, owner_id, card, timezone, created_at, "
        "updated_at, version, last_contact_at, contacts_count, next_action, next_due_date, next_due_time) "
        f"SELECT CAST(id AS BIGINT), name, stage, {moment.format('stage_since')}, CAST(owner_id AS INT), "
        f"card, timezone, {moment.format('created_at')}, {moment.format('updated_at')}, 1, "
        f"{moment.format('last_contact_at')}, 1, next_action, CAST(next_due_date AS DATE), "
        "CAST(next_due_time AS TIME) FROM sq.client"
    )
