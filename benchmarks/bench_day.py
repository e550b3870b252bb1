"""ABC-XYZ over 10M sales lines and the call queue over 1M clients, next to simpler alternatives.

Run: python -m benchmarks.bench_day [--clients 1000000] [--lines 10000000] [--db PATH]

Builds a SQLite file (kept with --db, reused if it already has the data) with 1M clients (200
managers, 5 time zones, stages, next steps around the moment) and 10M sales lines over 24 months.
Then, in the same run:

- ABC-XYZ (revenue, CV of monthly sums, 80/95 and 10/25 %, 12 months): the engine (SQL
  aggregation to client × month, columns to numpy, changed classes written back) vs pandas
  (every line read into a DataFrame, then groupby) and, with --with-sql, plain SQL (window
  functions; minutes);
- the call queue for everyone and for one manager (5,000 clients): the engine (columns and
  numpy) vs a raw ``sqlite3`` read of the same columns (the anchor) and, unless --no-plain, the
  straightforward way (each client's snapshot and facts, one by one, sorted); the peak RSS of
  ``reglament calls`` as a whole process; and the other approach, a compact per-client summary
  kept current on every write (:mod:`benchmarks.queue_figures`): its read and its cost to a write.

--queue-only skips ABC-XYZ (build with --lines 0 for a queue-only database). An existing
database made by an older schema is upgraded first.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks import queue_figures as figures
from engine.conditions import compile_condition
from engine.language.loader import load_regulation
from engine.queue import call_queue
from engine.resources import bundled_regulations
from engine.segmentation.periods import period_of
from engine.segmentation.run import segment
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.store import migrate
from engine.store.database import Database

AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ZONES = ["Europe/Moscow", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Europe/Samara"]


def stamp(values: np.ndarray) -> list[str]:
    """Epoch seconds → the text SQLAlchemy stores in SQLite for aware UTC datetimes."""
    return [str(v).replace("T", " ") for v in values.astype("datetime64[us]")]


def build(path: Path, clients: int, lines: int) -> None:
    db = Database(str(path))
    migrate.ensure_ready(db)
    db.dispose()
    rng = np.random.default_rng(42)
    reg = load_regulation(bundled_regulations())
    stages = np.array([s.id for s in reg.funnel.stages])
    weights = np.array([0.08, 0.08, 0.1, 0.06, 0.04, 0.03, 0.03, 0.35, 0.2, 0.03])[: len(stages)]
    weights /= weights.sum()
    now = AT.timestamp()
    created = now - rng.uniform(1, 730, clients) * 86400
    has_task = rng.random(clients) < 0.45
    due = (AT.date() + timedelta(days=0)).toordinal() + rng.integers(-40, 15, clients)
    due[rng.random(clients) < 0.25] = AT.date().toordinal()
    minutes = rng.integers(9 * 60, 18 * 60, clients)
    has_time = rng.random(clients) < 0.35
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executemany(
            "INSERT INTO manager (id, login, name, role, created_at) VALUES (?, ?, ?, 'sales_manager', ?)",
            [(i, f"m{i:03d}", f"Менеджер {i}", "2026-01-01 00:00:00.000000") for i in range(1, 201)],
        )
        rows = []
        stage = rng.choice(stages, clients, p=weights)
        owner = rng.integers(1, 201, clients)
        zone = rng.choice(ZONES, clients)
        deal = np.round(rng.lognormal(12, 1, clients), -3)
        created_text = stamp(created * 1_000_000)
        last = now - rng.uniform(0, 120, clients) * 86400
        last_text = stamp(last * 1_000_000)
        for i in range(clients):
            task = bool(has_task[i])
            rows.append(
                (
                    i + 1,
                    f"Клиент {i + 1}",
                    str(stage[i]),
                    created_text[i],
                    int(owner[i]),
                    json.dumps(
                        {
                            "company_name": f"Клиент {i + 1}",
                            "phone": "+79120001122",
                            "expected_deal": str(int(deal[i])),
                        }
                    ),
                    str(zone[i]),
                    created_text[i],
                    created_text[i],
                    last_text[i],
                    "Позвонить" if task else None,
                    date.fromordinal(int(due[i])).isoformat() if task else None,
                    f"{minutes[i] // 60:02d}:{minutes[i] % 60:02d}:00.000000"
                    if task and has_time[i]
                    else None,
                )
            )
        conn.executemany(
            "INSERT INTO client (id, name, stage, stage_since, owner_id, card, timezone, created_at, "
            "updated_at, last_contact_at, next_action, next_due_date, next_due_time, version, "
            "contacts_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)",
            rows,
        )
        del rows
        last_month = AT.year * 12 + AT.month - 1
        weight = rng.lognormal(0, 1.3, clients)  # every client buys; a few buy a lot
        weight /= weight.sum()
        for start in range(0, lines, 1_000_000):
            n = min(1_000_000, lines - start)
            client = rng.choice(clients, n, p=weight) + 1
            month = last_month - rng.integers(0, 24, n)
            day = rng.integers(1, 28, n)
            amount = np.round(rng.lognormal(9, 1.2, n) * np.where(rng.random(n) < 0.02, -0.5, 1.0), 2)
            conn.executemany(
                "INSERT INTO sale (client_id, day, month, amount, quantity) VALUES (?, ?, ?, ?, 1)",
                (
                    (int(c), f"{m // 12}-{m % 12 + 1:02d}-{d:02d}", int(m), float(a))
                    for c, m, d, a in zip(client, month, day, amount, strict=True)
                ),
            )
        conn.execute("ANALYZE")


def timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def with_pandas(path: Path, first: int, last: int) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        lines = pd.read_sql_query(f"SELECT client_id, month, amount FROM sale WHERE month <= {last}", conn)
    firsts = lines.groupby("client_id")["month"].min()
    window = lines[lines["month"] >= first]
    per = window.groupby(["client_id", "month"])["amount"].sum().reset_index()
    total = per.groupby("client_id")["amount"].sum()
    positive = total[total > 0].sort_values(ascending=False)
    larger = positive.cumsum() - positive
    larger = larger.groupby(positive.values).transform("min")  # ties: the share of strictly larger clients
    share = larger / positive.sum()
    abc = pd.Series("C", index=total.index)
    abc[share.index] = np.where(share < 0.8, "A", np.where(share < 0.95, "B", "C"))
    clipped = per.assign(amount=per["amount"].clip(lower=0))
    stats = clipped.groupby("client_id")["amount"].agg(["sum", lambda v: (v * v).sum()])
    stats.columns = ["s", "q"]
    start = np.maximum(firsts.reindex(stats.index).to_numpy(), first)
    n = last - start + 1
    mean = stats["s"] / n
    var = (stats["q"] / n - mean * mean).clip(lower=0)
    cv = np.sqrt(var) / mean.where(mean > 0)
    xyz = pd.Series(np.where(cv <= 0.1, "X", np.where(cv <= 0.25, "Y", "Z")), index=stats.index)
    return {str(k): int(v) for k, v in (abc + xyz).value_counts().items()}


PLAIN_SQL = """
WITH per AS (SELECT client_id, month, SUM(amount) AS v FROM sale WHERE month BETWEEN :first AND :last
             GROUP BY client_id, month),
     firsts AS (SELECT client_id, MIN(month) AS f FROM sale WHERE month <= :last GROUP BY client_id),
     tot AS (SELECT p.client_id, SUM(v) AS total, SUM(MAX(v, 0)) AS s, SUM(MAX(v, 0) * MAX(v, 0)) AS q,
                    :last - MAX(:first, f.f) + 1 AS n
             FROM per p JOIN firsts f ON f.client_id = p.client_id GROUP BY p.client_id),
     ranked AS (SELECT *, SUM(CASE WHEN total > 0 THEN total END) OVER (ORDER BY total DESC
                    RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS larger,
                    SUM(CASE WHEN total > 0 THEN total END) OVER () AS whole FROM tot)
SELECT CASE WHEN total <= 0 THEN 'C' WHEN COALESCE(larger, 0) / whole < 0.8 THEN 'A'
            WHEN COALESCE(larger, 0) / whole < 0.95 THEN 'B' ELSE 'C' END
    || CASE WHEN s <= 0 THEN 'Z'
            WHEN q / n - (s / n) * (s / n) <= 0.01 * (s / n) * (s / n) THEN 'X'
            WHEN q / n - (s / n) * (s / n) <= 0.0625 * (s / n) * (s / n) THEN 'Y' ELSE 'Z' END AS cell,
       COUNT(*) FROM ranked GROUP BY cell
"""


def with_sql(path: Path, first: int, last: int) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute(PLAIN_SQL, {"first": first, "last": last}).fetchall())


def queue_one_by_one(ws: Workspace, manager: str | None) -> int:
    """The straightforward queue: every client's snapshot and facts, the buckets in turn, sort."""
    prio = ws.regulation.priorities
    assert prio is not None
    scope = compile_condition(prio.scope)
    tests = [compile_condition(b.when) for b in prio.buckets]
    order = []
    with ws.db.read() as conn:
        statement = store._select().where(store.CLIENT.c.stage != "lost")
        if manager:
            statement = statement.where(store.MANAGER.c.login == manager)
        for row in conn.execute(statement):
            client = store.to_state(row)
            facts = ws.runtime.facts(client, AT)
            if not scope(facts):
                continue
            for index, test in enumerate(tests):
                if test(facts):
                    keys = tuple(_key(facts[k.by], k.descending) for k in prio.buckets[index].sort)
                    order.append((index, *keys, client.id))
                    break
    order.sort()
    return len(order)


def _key(value: object, descending: bool) -> float:
    if value is None:
        return float("inf")
    number = float(value)  # type: ignore[arg-type]
    return -number if descending else number


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--db")
    parser.add_argument(
        "--with-sql", action="store_true", help="also the plain-SQL alternative (slow: minutes)"
    )
    parser.add_argument("--queue-only", action="store_true", help="skip ABC-XYZ")
    parser.add_argument("--no-plain", action="store_true", help="skip the one-by-one queue (slow)")
    parser.add_argument("--pg", help="also the call queue on this PostgreSQL database (built from --db)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "day.sqlite"
        if not path.exists():
            seconds, _ = timed(lambda: build(path, args.clients, args.lines))
            print(
                f"built {args.clients:,} clients and {args.lines:,} sales lines in {seconds:.0f} s "
                f"({path.stat().st_size / 2**30:.1f} GB)"
            )
        migrate.upgrade(Database(str(path)))
        reg = load_regulation(bundled_regulations())
        cv = replace(reg.segments, xyz_method="cv", x=0.1, y=0.25, period=12, min_history=1)  # type: ignore[arg-type]
        ws = Workspace(replace(reg, segments=cv), Database(str(path)), lambda: AT)
        if not args.queue_only:
            abc_xyz(ws, path, args)
        for name, manager in (("everyone", None), ("one manager", "m001")):
            queue_part(ws, path, name, manager, plain=not args.no_plain)
        ws.close()
        if args.pg:
            figures.queue_on_postgres(
                path, args.pg, Workspace(ws.regulation, Database(args.pg), lambda: AT), AT
            )


def abc_xyz(ws: Workspace, path: Path, args: argparse.Namespace) -> None:
    last = period_of("month", AT.date())
    first = last - 11
    engine_s, result = timed(lambda: segment(ws, "bench", AT))
    pandas_s, by_pandas = timed(lambda: with_pandas(path, first, last))
    sql_s, by_sql = timed(lambda: with_sql(path, first, last)) if args.with_sql else (0.0, None)
    engine = {k: v for k, v in result.matrix.clients.items() if v}
    print(f"\nABC-XYZ of {args.lines:,} lines, {result.classified:,} buyers in the window")
    print(
        f"  {'engine: SQL aggregation + numpy + write classes':52} {engine_s:7.1f} s   "
        + ", ".join(f"{k} {v:.1f}" for k, v in result.seconds.items())
    )
    print(f"  {'pandas: read every line, groupby':52} {pandas_s:7.1f} s")
    if by_sql is not None:
        print(f"  {'plain SQL: window functions':52} {sql_s:7.1f} s")
    agree = f"engine = pandas: {engine == by_pandas}" + (
        f"; engine = SQL: {engine == by_sql}" if by_sql else ""
    )
    print(f"  cells agree: {agree}")


def queue_part(ws: Workspace, path: Path, name: str, manager: str | None, plain: bool) -> None:
    owner = int(manager[1:]) if manager else None  # the built managers: m001 has id 1
    runs, anchors, picks = [], [], []
    for _ in range(3):  # interleaved, medians: the machine's load moves
        runs.append(timed(lambda: call_queue(ws, manager=manager, at=AT, limit=50)))
        anchors.append(figures.raw_read(path, owner))
        picks.append(
            timed(lambda: call_queue(ws, manager=manager, at=AT, limit=50, whole=False, in_sql=True))
        )
    engine_s, raw_s = statistics.median(r[0] for r in runs), statistics.median(anchors)
    queue = runs[0][1]
    print(f"\ncall queue for {name}: {queue.total:,} queued")
    print(
        f"  {'engine: columns + numpy, top 50 explained':52} {engine_s:7.3f} s   "
        + ", ".join(f"{k} {v:.3f}" for k, v in queue.seconds.items())
    )
    ratio = engine_s / raw_s
    print(f"  {'anchor: raw sqlite3, the same columns':52} {raw_s:7.3f} s   (engine / raw: {ratio:.2f})")
    sql_s, picked = statistics.median(r[0] for r in picks), picks[0][1]
    same = [r.client_id for r in picked.rows] == [
        r.client_id for r in queue.rows
    ] and picked.total == queue.total
    print(
        f"  {'engine: buckets and top 50 in SQL (counts + top-N)':52} {sql_s:7.3f} s   "
        f"(SQL / raw: {sql_s / raw_s:.2f}; SQL / columns: {sql_s / engine_s:.2f}; same rows: {same})"
    )
    if plain:
        plain_s, count = timed(lambda: queue_one_by_one(ws, manager))
        same = count == queue.total
        print(f"  {'one by one: snapshots + scalar facts + sort':52} {plain_s:7.2f} s   (same count: {same})")
    wall, rss = figures.peak_rss(path, AT, manager)
    print(f"  {'reglament calls, whole process: wall / peak RSS':52} {wall:7.2f} s   {rss:.0f} MB")
    summary_s = statistics.median(figures.summary_read(path, owner) for _ in range(3))
    print(
        f"  {'a compact summary instead: its read into numpy':52} {summary_s:7.3f} s   "
        f"(summary / raw read of the client rows: {summary_s / raw_s:.2f})"
    )
    if manager is None:
        alone, kept = figures.summary_write_cost(path)
        print(
            f"  {'... its cost to a write (moves/s, one per transaction)':52} {alone:7.0f} alone, "
            f"{kept:.0f} keeping the summary ({kept / alone:.2f})"
        )


if __name__ == "__main__":
    main()
