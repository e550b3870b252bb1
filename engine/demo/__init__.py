"""``reglament demo``: a realistic synthetic client base driven through the engine.

Managers for every role of the regulation; clients created over the last two years who move
through the funnel by the machine's own rules (fields filled as the regulation demands,
refusal reasons, next steps); sales history for the won ones; open next steps spread around
the demo moment (due now, late, overdue, later) so the call queue has something to order.
"""

from __future__ import annotations

import gc
import random
import time as clock
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from engine.demo.life import Simulator
from engine.demo.sales import sales_lines
from engine.demo.writer import write
from engine.runtime.facts import zone
from engine.service.workspace import Workspace
from engine.store import Tx, managers

TEAM = [
    ("orlova", "Орлова Марина"),
    ("sokolov", "Соколов Андрей"),
    ("ivanov", "Иванов Сергей"),
    ("petrova", "Петрова Ольга"),
    ("smirnov", "Смирнов Дмитрий"),
    ("kuznetsova", "Кузнецова Анна"),
    ("fedorov", "Фёдоров Павел"),
    ("lebedeva", "Лебедева Ирина"),
    ("belova", "Белова Юлия"),
    ("volkov", "Волков Игорь"),
]
BATCH = 2000


@dataclass(slots=True)
class DemoSummary:
    clients: int
    anchor: datetime
    by_stage: Counter[str] = field(default_factory=Counter)
    managers: list[tuple[str, str]] = field(default_factory=list)
    sales_lines: int = 0
    seconds: float = 0.0


def default_anchor(ws: Workspace, now: datetime | None = None) -> datetime:
    """The latest working-day 11:00 (regulation time zone) not after ``now``."""
    local = (now or ws.now()).astimezone(zone(ws.regulation.timezone))
    day = local.date() if local.time() >= time(11, 0) else local.date() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, time(11, 0), tzinfo=local.tzinfo)


def build_demo(
    ws: Workspace,
    clients: int = 2000,
    seed: int = 7,
    anchor: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    started = clock.perf_counter()
    rng = random.Random(seed)
    moment = anchor or default_anchor(ws)
    summary = DemoSummary(clients, moment)
    with ws.db.write() as conn:
        ws.register(conn)
        summary.managers = _team(ws, conn, moment)
        owner_ids = managers.ids_by_login(conn)
    owners = [login for login, role in summary.managers if role != ws.regulation.roles[0].id] or [
        summary.managers[0][0]
    ]
    simulator = Simulator(ws, rng, moment, owners)
    with collections_per_batch() as collect:
        for start in range(0, clients, BATCH):
            _batch(ws, simulator, summary, range(start, min(start + BATCH, clients)), owner_ids)
            collect()
            if progress:
                progress(min(start + BATCH, clients), clients)
    summary.seconds = clock.perf_counter() - started
    return summary


def _batch(
    ws: Workspace, simulator: Simulator, summary: DemoSummary, numbers: range, owner_ids: dict[str, int]
) -> None:
    """Live the clients ``numbers`` and write them in one transaction."""
    rng, moment = simulator.rng, summary.anchor
    batch = []
    for number in numbers:
        life = simulator.live(number + 1)
        lines = []
        if life.won_at is not None:
            amount = life.client.card.get("first_order_amount")
            lines = sales_lines(rng, life.won_at, moment, 1.0, float(amount) if amount else None)
        summary.by_stage[life.client.stage] += 1
        summary.sales_lines += len(lines)
        batch.append((life, lines))
    with ws.db.write() as conn:
        write(conn, batch, owner_ids)


@contextmanager
def collections_per_batch() -> Iterator[Callable[[], object]]:
    """Python's cyclic collector off while the base is built, its young generations collected once
    per batch instead: the build allocates millions of objects, most freed at once by their
    reference counts, yet they trigger automatic collections, the full ones walking everything
    older as well (the regulation, the machine, SQLAlchemy's caches, the batch being built)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield lambda: gc.collect(1)
    finally:
        if enabled:
            gc.enable()


def _team(ws: Workspace, conn: Tx, at: datetime) -> list[tuple[str, str]]:
    """Managers for the regulation's roles: one for the first (the head), the rest shared out."""
    roles = [r.id for r in ws.regulation.roles]
    others = roles[1:] or roles
    team: list[dict[str, Any]] = []
    for i, (login, name) in enumerate(TEAM):
        role = roles[0] if i == 0 else others[(i - 1) % len(others)]
        team.append(
            {"login": login, "name": name, "role": role, "timezone": ws.regulation.timezone, "created_at": at}
        )
    managers.add_many(conn, team)
    return [(str(m["login"]), str(m["role"])) for m in team]


__all__ = ["DemoSummary", "build_demo", "default_anchor"]
