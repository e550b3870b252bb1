"""Firing rates and memory of the runtime, next to raw `transitions` measured in the same run.

Run: python -m benchmarks.bench_runtime [--pg URL] [--million] [--events N] [--in-memory]

- raw `transitions`: the bundled regulation's states and transitions, a condition callable on
  each, one model fired back and forth (needs ⇄ proposal);
- engine in memory: the same moves through FunnelMachine.fire with every requirement checked
  (required fields, conditions, next step), for 1 client, 100,000 and 1,000,000 distinct
  clients (built 50,000 at a time outside the timing; --in-memory stops after these rows);
- persisted: one move per transaction (the CLI/API path) and 500 moves per transaction
  (move_batch), on a SQLite file and, with --pg, on PostgreSQL;
- --million: 1,000,000 clients in a SQLite file; the process's memory before and after
  moving 20,000 random ones, and `transitions` models' memory for comparison.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text
from transitions import Machine

from engine.language.loader import load_regulation
from engine.resources import bundled_regulations
from engine.runtime.facts import Runtime
from engine.runtime.machine import FunnelMachine
from engine.service import moves
from engine.service.batch import MoveRequest, move_batch
from engine.service.workspace import Workspace
from engine.store import migrate
from engine.store.clients import CLIENT
from engine.store.database import Database
from engine.values.client import ClientState, NextStep

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CARD = {
    "company_name": "Альфа",
    "phone": "+79120001122",
    "contact_role": "buyer",
    "industry": "retail",
    "needs_summary": "Кирпич",
    "decision_maker": "Петров",
    "proposal_amount": "100000",
    "proposal_date": "2026-11-20",
}
PLAN = NextStep("Позвонить", date(2026, 11, 30))
FORTH, BACK = ("send_proposal", "needs", "proposal"), ("revise_needs", "proposal", "needs")


def best(runs: list[float]) -> float:
    return statistics.median(runs)


def raw_trigger() -> Callable[[str], bool]:
    """``model.trigger`` of a raw `transitions` machine: the bundled regulation's states and
    transitions, a condition callable on each."""
    reg = load_regulation(bundled_regulations())
    funnel = reg.funnel
    specs = [
        {
            "trigger": t.trigger,
            "source": list(funnel.sources_of(t)),
            "dest": t.dest,
            "conditions": [lambda event: True],
        }
        for t in funnel.transitions
    ]

    class Model:
        pass

    machine = Machine(
        model=None,
        states=list(funnel.stage_ids()),
        transitions=specs,
        initial=funnel.entry,
        auto_transitions=False,
        send_event=True,
    )
    model = Model()
    machine.add_model(model, initial="needs")
    return model.trigger  # type: ignore[attr-defined,no-any-return]


def raw_seconds(fire: Callable[[str], bool], count: int) -> float:
    """Seconds for raw `transitions` to fire ``count`` rounds (needs → proposal and back)."""
    start = time.process_time()
    for _ in range(count):
        fire("send_proposal")
        fire("revise_needs")
    return time.process_time() - start


CHUNK = 50_000
"""Clients are built this many at a time, outside the timing, so that 10⁶ of them fit in memory."""


def engine_rate(
    fsm: FunnelMachine, raw: Callable[[str], bool], clients: int, events: int
) -> tuple[float, float]:
    """(events/s of the engine, of raw `transitions`) firing needs → proposal and back for
    ``clients`` distinct clients: each client fired at least once each way (with fewer clients
    than events, again in turn). Raw `transitions` fires as many events right before each chunk,
    so that both meet the same load on a shared machine. Both are timed in CPU seconds of this
    process (a busy machine takes the CPU away from either in wall time); each figure is the
    median of the runs."""
    base = ClientState(
        0,
        "Альфа",
        "needs",
        NOW - timedelta(days=3),
        NOW - timedelta(days=30),
        "Europe/Moscow",
        CARD,
        next_step=PLAN,
        potential="medium",
    )
    rounds = max(events // 2, clients)
    engine_runs, raw_runs = [], []
    for _ in range(5 if rounds <= 200_000 else 1):
        spent = anchor = 0.0
        for start in range(0, rounds, CHUNK):
            count = min(CHUNK, rounds - start)
            ids = range(start, start + count) if clients >= rounds else range(min(clients, count))
            pairs = [(replace(base, id=i), replace(base, id=i, stage="proposal")) for i in ids]
            gc.collect()  # the clients held by the benchmark are not the engine's to scan
            anchor += raw_seconds(raw, count)
            spent += fire_pairs(fsm, pairs, count)
        engine_runs.append(2 * rounds / spent)
        raw_runs.append(2 * rounds / anchor)
    return best(engine_runs), best(raw_runs)


def fire_pairs(fsm: FunnelMachine, pairs: list[tuple[ClientState, ClientState]], count: int) -> float:
    """Seconds to fire ``count`` rounds (there and back) over ``pairs`` in turn."""
    size = len(pairs)
    start = time.process_time()
    for i in range(count):
        at_needs, at_proposal = pairs[i % size]
        a = fsm.fire(at_needs, "send_proposal", NOW)
        b = fsm.fire(at_proposal, "revise_needs", NOW)
    spent = time.process_time() - start
    assert a.moved, a.reasons
    assert b.moved, b.reasons
    return spent


def machine_growth(fsm: FunnelMachine, clients: int) -> int:
    """Bytes the engine keeps after firing for ``clients`` distinct clients (they are dropped)."""
    base = ClientState(
        0, "Альфа", "needs", NOW, NOW, "Europe/Moscow", CARD, next_step=PLAN, potential="medium"
    )
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(clients):
        fsm.fire(replace(base, id=i), "send_proposal", NOW)
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return sum(s.size_diff for s in after.compare_to(before, "filename"))


def add_model_memory(models: int) -> float:
    reg = load_regulation(bundled_regulations())
    funnel = reg.funnel
    specs = [
        {"trigger": t.trigger, "source": list(funnel.sources_of(t)), "dest": t.dest}
        for t in funnel.transitions
    ]
    machine = Machine(
        model=None,
        states=list(funnel.stage_ids()),
        transitions=specs,
        initial=funnel.entry,
        auto_transitions=False,
    )

    class Model:
        pass

    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    for _ in range(models):
        machine.add_model(Model())
    used = tracemalloc.get_traced_memory()[0] - start
    tracemalloc.stop()
    return used / models


def fill(db: Database, count: int, stage: str = "needs") -> list[int]:
    """``count`` clients ready to move needs → proposal, inserted in bulk."""
    rows = [
        {
            "name": f"Клиент {i}",
            "stage": stage,
            "stage_since": NOW,
            "card": CARD,
            "potential": "medium",
            "timezone": "Europe/Moscow",
            "created_at": NOW,
            "updated_at": NOW,
            "version": 1,
            "contacts_count": 0,
            "next_action": PLAN.action,
            "next_due_date": PLAN.due_date,
        }
        for i in range(count)
    ]
    with db.write() as conn:
        for start in range(0, count, 20_000):
            conn.execute(insert(CLIENT), rows[start : start + 20_000])
        return list(conn.execute(select(CLIENT.c.id).order_by(CLIENT.c.id)).scalars())


def persisted(ws: Workspace, events: int, batch: int) -> tuple[float, float]:
    ids = fill(ws.db, events)
    start = time.perf_counter()
    for client_id in ids[: events // 4]:
        moves.move(ws, "bench", client_id, "send_proposal", at=NOW)
    single = (events // 4) / (time.perf_counter() - start)
    rest = ids[events // 4 :]
    start = time.perf_counter()
    for i in range(0, len(rest), batch):
        outcomes = move_batch(
            ws, "bench", [MoveRequest(c, "send_proposal") for c in rest[i : i + batch]], at=NOW
        )
        assert all(o.moved for o in outcomes)
    batched = len(rest) / (time.perf_counter() - start)
    return single, batched


def workspace(url: str) -> Workspace:
    db = Database(url)
    if db.is_sqlite:
        migrate.ensure_ready(db)
    else:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        migrate.ensure_ready(db)
    return Workspace(load_regulation(bundled_regulations()), db, lambda: NOW)


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


def million_child(path: str) -> None:
    """In a fresh process: memory before and after moving 20,000 random clients of the million."""
    gc.collect()
    before = rss_kb()
    ws = Workspace(load_regulation(bundled_regulations()), Database(path), lambda: NOW)
    opened = rss_kb()
    with ws.db.read() as conn:
        total = conn.execute(text("SELECT max(id) FROM client")).scalar_one()
    rng = random.Random(1)
    chosen = rng.sample(range(1, total + 1), 20_000)
    for i in range(0, len(chosen), 500):
        move_batch(ws, "bench", [MoveRequest(c, "send_proposal") for c in chosen[i : i + 500]], at=NOW)
    gc.collect()
    print(before, opened, rss_kb(), total)


def million(tmp: Path) -> None:
    path = str(tmp / "million.sqlite")
    ws = workspace(path)
    start = time.perf_counter()
    fill(ws.db, 1_000_000)
    filled = time.perf_counter() - start
    ws.close()
    size = sum(p.stat().st_size for p in tmp.glob("million.sqlite*"))
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_runtime", "--million-child", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    before, opened, after, total = map(int, out)
    print(
        f"\n1,000,000 clients in SQLite ({filled:.0f} s to insert, {size / 2**20:.0f} MB on disk, "
        f"{size / total:.0f} B per client)"
    )
    print(
        f"  process memory: {before / 1024:.0f} MB at start, {opened / 1024:.0f} MB with the workspace open, "
        f"{after / 1024:.0f} MB after moving 20,000 random clients"
    )
    print(
        f"  memory per client held by the engine: {(after - opened) * 1024 / total:.2f} B "
        f"(growth of the process memory ÷ clients in the database)"
    )
    per_model = add_model_memory(20_000)
    print(
        f"  for comparison, `transitions` add_model: {per_model / 1024:.1f} KB per model "
        f"→ {per_model * total / 2**30:.1f} GB for all of them"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--persisted", type=int, default=8_000)
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--million-child")
    parser.add_argument("--in-memory", action="store_true", help="only the in-memory rates")
    args = parser.parse_args()
    if args.million_child:
        million_child(args.million_child)
        return
    reg = load_regulation(bundled_regulations())
    fsm = FunnelMachine(Runtime(reg))
    raw = raw_trigger()
    print(f"{'work':58} {'events/s':>12} {'raw':>10} {'vs raw':>7}")
    for clients, label in ((1, "1 client"), (100_000, "100,000 clients"), (1_000_000, "1,000,000 clients")):
        rate, anchor = engine_rate(fsm, raw, clients, args.events)
        work = "engine in memory, all checked, " + label
        print(f"{work:58} {rate:12,.0f} {anchor:10,.0f} {rate / anchor:7.2f}")
    print("raw: `transitions` model.trigger with a condition on each, fired next to the engine; CPU time")
    if args.in_memory:
        return
    growth = machine_growth(fsm, 100_000)
    print(f"engine memory kept after firing for 100,000 clients: {growth / 1024:.1f} KB in total")
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite file (WAL)", f"sqlite:///{tmp}/bench.sqlite")]
        if args.pg:
            targets.append(("PostgreSQL", args.pg))
        for name, url in targets:
            ws = workspace(url)
            single, batched = persisted(ws, args.persisted, 500)
            ws.close()
            print(f"{'persisted, ' + name + ', one move per transaction':58} {single:12,.0f}")
            print(f"{'persisted, ' + name + ', 500 moves per transaction':58} {batched:12,.0f}")
        if args.million:
            million(Path(tmp))


if __name__ == "__main__":
    main()
