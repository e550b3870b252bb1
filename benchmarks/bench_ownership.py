"""Ownership at scale: the compliance scan, reassigning every misfit, and moves that deal a
least-loaded manager, on a SQLite file (or PostgreSQL with --pg).

Run: python -m benchmarks.bench_ownership [--clients 100000] [--managers 20] [--moves 500] [--pg URL]

The database is a scratch one (a temporary SQLite file, or --pg's schema dropped first).
N clients stand at "needs" (the bundled rule wants a sales manager) with no owner; the scan
lists them, ``apply_rules`` deals them all (least loaded by open clients), then clients owned by
a telemarketer are moved needs → proposal one per transaction, each move dealing a sales
manager whose load the database counts under the role's turn lock.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import text, update

from benchmarks.bench_runtime import NOW, fill
from engine.language.loader import load_regulation
from engine.resources import bundled_regulations
from engine.service import moves
from engine.service.listing import add_manager
from engine.service.ownership import apply_rules, compliance
from engine.service.workspace import Workspace
from engine.store import migrate
from engine.store.database import Database
from engine.store.tables import CLIENT


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--managers", type=int, default=20)
    parser.add_argument("--moves", type=int, default=500)
    parser.add_argument("--pg")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.pg or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        db = Database(url)
        if args.pg:
            with db.write() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        migrate.ensure_ready(db)
        ws = Workspace(load_regulation(bundled_regulations()), db, lambda: NOW)
        run(ws, args)
        ws.close()


def run(ws: Workspace, args: argparse.Namespace) -> None:
    for i in range(args.managers):
        add_manager(ws, f"sm{i}", f"Продавец {i}", "sales_manager")
    add_manager(ws, "tm", "Оператор", "telemarketer")
    ids = fill(ws.db, args.clients)
    start = time.perf_counter()
    found = compliance(ws)
    scan = time.perf_counter() - start
    start = time.perf_counter()
    done = apply_rules(ws, "bench", apply=True)
    applied = time.perf_counter() - start
    print(f"{args.clients:,} clients at needs, no owner; {args.managers} sales managers ({ws.db.describe()})")
    print(f"compliance scan: {len(found):,} misfits in {scan:.2f} s")
    rate = done.reassigned / applied
    print(f"apply rules: {done.reassigned:,} reassigned in {applied:.2f} s ({rate:,.0f} per s)")
    chosen = ids[: args.moves]
    with ws.db.write() as conn:
        tm = conn.execute(text("SELECT id FROM manager WHERE login = 'tm'")).scalar_one()
        conn.execute(update(CLIENT).where(CLIENT.c.id.in_(chosen)).values(owner_id=tm))
    if ws.db.url.startswith("postgresql"):  # the steady state: statistics and visibility map fresh
        with ws.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE client"))
    start = time.perf_counter()
    for client_id in chosen:
        moves.move(
            ws, "bench", client_id, "send_proposal", at=NOW, card={"contact_person": "Анна"}, note="КП"
        )
    per = (time.perf_counter() - start) / len(chosen)
    print(f"moves that deal a least-loaded sales manager: {per * 1000:.1f} ms each ({1 / per:,.0f} per s)")


if __name__ == "__main__":
    main()
