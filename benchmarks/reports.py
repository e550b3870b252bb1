"""Each report's time over a generated base, on SQLite and PostgreSQL.

Run: python -m benchmarks.reports [--clients 100000] [--db URL] [--keep]
     python -m benchmarks.reports --big          # 10^6 clients, about 10^7 history rows (long)

The base: 200 managers; clients spread over the funnel's stages with their paths through it
(one history row per stage entry, one per contact, refusals), about ten history rows a client;
contacts; sales lines for the buyers. Then every report runs for the last four weeks and for
one month, for everyone and for one manager, and the page (all reports in one transaction).
Prints the seconds of each (the best of three).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, text

from engine.language.loader import load_regulation
from engine.reports.names import NAMES
from engine.reports.period import filters
from engine.reports.runner import run, run_all
from engine.resources import bundled_regulations
from engine.store import migrate
from engine.store.database import Database
from engine.store.tables import CLIENT, CONTACT, HISTORY, MANAGER, SALE

NOW = datetime(2026, 11, 27, 9, tzinfo=UTC)
PATH = ["new", "qualification", "needs", "proposal", "negotiation", "contract", "first_order", "customer"]
SOURCES = ["website", "search_ads", "inbound_call", "referral", "exhibition", "cold_call", None]
KINDS = ["call", "call", "call", "letter", "meeting", "messenger"]
RESULTS = ["reached", "no_answer", "callback", "sent"]
CHUNK = 50_000


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def build(db: Database, clients: int, seed: int = 42) -> int:
    """Fill an empty base; returns the number of history rows written."""
    rng = np.random.default_rng(seed)
    with db.write() as conn:
        conn.execute(
            insert(MANAGER),
            [
                {"login": f"m{i:03d}", "name": f"M{i}", "role": "sales_manager", "created_at": NOW}
                for i in range(200)
            ],
        )
    depth = rng.choice(len(PATH), clients, p=[0.2, 0.16, 0.16, 0.12, 0.08, 0.06, 0.04, 0.18])
    lost = rng.random(clients) < 0.15
    born = NOW - timedelta(days=1) * rng.uniform(1, 540, clients)
    owner = rng.integers(1, 201, clients)
    source = rng.choice(len(SOURCES), clients)
    deal = np.round(rng.lognormal(12, 1, clients), -3)
    history = 0
    with db.write() as conn:
        for batch in _chunks(_clients(clients, depth, lost, born, owner, source, deal, rng)):
            conn.execute(insert(CLIENT), batch)
        for batch in _chunks(_history(clients, depth, lost, born, rng)):
            history += len(batch)
            conn.execute(insert(HISTORY), batch)
        for batch in _chunks(_contacts(clients, born, owner, rng)):
            conn.execute(insert(CONTACT), batch)
        for batch in _chunks(_sales(clients, depth, lost, born, rng)):
            conn.execute(insert(SALE), batch)
        conn.execute(text("ANALYZE"))
    return history


def _span(start: datetime, steps: int, rng: np.random.Generator) -> list[datetime]:
    gaps = rng.exponential(9, steps).clip(0.2, 120)
    moments, at = [], start
    for gap in gaps:
        at = min(at + timedelta(days=float(gap)), NOW - timedelta(hours=1))
        moments.append(at)
    return moments


def _clients(
    n: int, depth: Any, lost: Any, born: Any, owner: Any, source: Any, deal: Any, rng: Any
) -> Iterator[dict[str, Any]]:
    cells = [a + x for a in "ABC" for x in "XYZ"]
    for i in range(n):
        stage = "lost" if lost[i] else PATH[depth[i]]
        card: dict[str, Any] = {"company_name": f"Клиент {i}"}
        if SOURCES[source[i]]:
            card["source"] = SOURCES[source[i]]
        if rng.random() < 0.5:
            card["expected_deal"] = float(deal[i])
        task = stage not in ("lost", "customer") and rng.random() < 0.8
        yield {
            "name": f"Клиент {i}",
            "stage": stage,
            "stage_since": born[i] + timedelta(days=float(depth[i]) * 7),
            "owner_id": int(owner[i]),
            "card": card,
            "timezone": "Europe/Moscow",
            "created_at": born[i],
            "updated_at": born[i],
            "next_action": "Позвонить" if task else None,
            "next_due_date": (NOW.date() + timedelta(days=int(rng.integers(-30, 20)))) if task else None,
            "abc": cells[i % 9][0] if depth[i] >= 6 else None,
            "xyz": cells[i % 9][1] if depth[i] >= 6 else None,
        }


def _history(n: int, depth: Any, lost: Any, born: Any, rng: Any) -> Iterator[dict[str, Any]]:
    for i in range(n):
        client = i + 1
        path = PATH[: depth[i] + 1] + (["lost"] if lost[i] else [])
        moments = [born[i], *_span(born[i], len(path) - 1, rng)]
        base = {"client_id": client, "actor": "m001", "regulation": "bench", "trigger": None}
        for k, (stage, at) in enumerate(zip(path, moments, strict=True)):
            kind = "created" if k == 0 else "transition"
            data = {"reason": "price"} if stage == "lost" and rng.random() < 0.8 else {}
            yield {
                **base,
                "at": at,
                "kind": kind,
                "from_stage": path[k - 1] if k else None,
                "to_stage": stage,
                "data": data,
            }
        for at in _span(born[i], int(rng.integers(2, 10)), rng):
            yield {**base, "at": at, "kind": "contact", "from_stage": path[-1], "to_stage": None, "data": {}}


def _contacts(n: int, born: Any, owner: Any, rng: Any) -> Iterator[dict[str, Any]]:
    for i in range(n):
        for at in _span(born[i], int(rng.integers(1, 8)), rng):
            yield {
                "client_id": i + 1,
                "manager": f"m{int(owner[i]) - 1:03d}",
                "kind": KINDS[int(rng.integers(0, len(KINDS)))],
                "result": RESULTS[int(rng.integers(0, len(RESULTS)))],
                "at": at,
                "stage": "new",
            }


def _sales(n: int, depth: Any, lost: Any, born: Any, rng: Any) -> Iterator[dict[str, Any]]:
    key = 0
    for i in range(n):
        if PATH[depth[i]] != "customer" or lost[i]:
            continue
        for at in _span(born[i] + timedelta(days=40), int(rng.integers(1, 12)), rng):
            day: date = at.date()
            key += 1
            yield {
                "client_id": i + 1,
                "day": day,
                "month": day.year * 12 + day.month - 1,
                "amount": float(rng.lognormal(11, 1)),
                "line_key": key,
                "line_seq": 0,
            }


def best(work: Callable[[], Any], times: int = 3) -> float:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        work()
        spent.append(time.perf_counter() - start)
    return min(spent)


def measure(db: Database) -> None:
    reg = load_regulation(bundled_regulations())
    asks = {
        "last 4w": filters(NOW, reg.timezone, last="4w"),
        "2026-10": filters(NOW, reg.timezone, period="2026-10"),
        "last 4w, one manager": filters(NOW, reg.timezone, last="4w", manager="m007"),
    }
    print(f"{'report':<12}" + "".join(f"{k:>24}" for k in asks))
    for name in NAMES:
        cells = [best(lambda f=f, n=name: run(db, reg, n, f)) for f in asks.values()]  # type: ignore[misc]
        print(f"{name:<12}" + "".join(f"{c:>23.3f}s" for c in cells))
    cells = [best(lambda f=f: run_all(db, reg, f), times=1) for f in asks.values()]  # type: ignore[misc]
    print(f"{'all (page)':<12}" + "".join(f"{c:>23.3f}s" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--big", action="store_true", help="10^6 clients (about 10^7 history rows)")
    parser.add_argument("--db", help="database URL (default: a new SQLite file); kept and reused")
    parser.add_argument("--fresh", action="store_true", help="PostgreSQL: empty the database first")
    args = parser.parse_args()
    clients = 1_000_000 if args.big else args.clients
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'reports.sqlite'}"
        db = Database(url)
        if db.engine.dialect.name == "postgresql" and args.fresh:
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        migrate.ensure_ready(db)
        start = time.perf_counter()
        with db.read() as conn:
            rows = conn.execute(text("SELECT count(*) FROM history")).scalar_one()
        if not rows:  # a kept --db is measured again as it is
            rows = build(db, clients)
        built = time.perf_counter() - start
        print(
            f"{db.engine.dialect.name}: {clients} clients, {rows} history rows, ready in {built:.0f} s",
            flush=True,
        )
        measure(db)
        db.dispose()


if __name__ == "__main__":
    main()
