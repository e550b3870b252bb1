"""How long finding a client takes (`client list --search`, `GET /v1/clients?q=`) in a large base.

A search is a substring match, so a query that matches nothing reads every client; one that
matches many stops at the first page. Run: python -m benchmarks.bench_search [--clients N] [--pg URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, text

from engine.resources import bundled_regulations
from engine.service.listing import list_clients
from engine.service.workspace import Workspace
from engine.store.clients import CLIENT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NAMES = ("Ромашка", "Монолит", "Техноком", "Уралснаб", "Вектор", "Кровля", "Гранит", "Профиль")
QUERIES = {
    "a name part matching many (first page)": "монолит",
    "a name part matching one": f"{NAMES[777_777 % len(NAMES)]} 777777",
    "a name matching nothing (reads every client)": "Василёк",
    "a phone, 8 912 …, matching one": "8 912 077 77 77",
    "an external id": "1C-0777777",
}


def fill(ws: Workspace, count: int) -> None:
    rng = random.Random(7)
    rows = [
        {
            "name": f"{rng.choice(('', 'ООО ', 'ТД '))}{NAMES[i % len(NAMES)]} {i}",
            "external_id": f"1C-{i:07d}",
            "stage": "new",
            "stage_since": NOW,
            "card": {"company_name": f"Клиент {i}", "phone": f"+7912{i:07d}", "inn": "7707083893"},
            "timezone": "Europe/Moscow",
            "created_at": NOW,
            "updated_at": NOW,
            "version": 1,
            "contacts_count": 0,
        }
        for i in range(count)
    ]
    with ws.db.write() as conn:
        for start in range(0, count, 20_000):
            conn.execute(insert(CLIENT), rows[start : start + 20_000])


def timed(ws: Workspace, query: str) -> tuple[float, int]:
    runs, found = [], 0
    for _ in range(3):
        start = time.perf_counter()
        found = len(list_clients(ws, search=query))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--pg", help="PostgreSQL URL (its schema is replaced)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.pg or str(Path(tmp) / "search.sqlite")
        ws = Workspace.open(url, bundled_regulations())
        if args.pg:
            with ws.db.write() as conn:
                conn.execute(text("TRUNCATE client CASCADE"))
        started = time.perf_counter()
        fill(ws, args.clients)
        took = time.perf_counter() - started
        print(f"{args.clients:,} clients in {ws.db.describe()} ({took:.0f} s to insert)")
        print(f"{'search':50} {'time':>9} {'found':>6}")
        for label, query in QUERIES.items():
            seconds, found = timed(ws, query)
            print(f"{label:50} {seconds * 1000:7.0f} ms {found:6}")
        ws.close()


if __name__ == "__main__":
    main()
