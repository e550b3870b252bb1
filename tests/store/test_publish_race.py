"""Publishing a regulation that drops a stage while moves onto that stage run in parallel: the
version in force is checked inside every write transaction, under the lock publishing takes, so
no client ever ends on a stage the regulation in force lacks. Each move either lands before the
publish (and the publish is refused) or is refused after it."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from datetime import date

import pytest

from engine.service import clients, moves
from engine.service.errors import InvalidInput, Refused, RegulationChanged
from engine.service.regulations import Regulations, folder_files
from engine.store import clients as store
from engine.store import migrate
from engine.store.database import Database
from engine.values.client import NextStep
from tests.conftest import MINIMAL

WRITERS = 6
ROUNDS = 8
STAGES = (MINIMAL / "stages.yaml").read_text(encoding="utf-8")
STEP = NextStep("Позвонить о предложении", date(2026, 12, 1))


def without_offer() -> dict[str, bytes]:
    """The minimal regulation without its «offer» stage: leads close straight to won."""
    stages = STAGES[: STAGES.index("  - id: offer")] + STAGES[STAGES.index("  - id: won") :]
    head, rest = stages.split("transitions:\n", 1)
    transitions = (
        "transitions:\n"
        "  - trigger: close\n    from: lead\n    to: won\n"
        "    label: {ru: Закрыть сделку, en: Close the deal}\n"
        '  - trigger: lose\n    from: "*"\n    to: lost\n    label: {ru: Отказ, en: Refusal}\n'
    )
    reasons = rest[rest.index("refusal_reasons:\n") :]
    return {**folder_files(MINIMAL), "stages.yaml": (head + transitions + reasons).encode("utf-8")}


@dataclass
class Round:
    moved: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    published: bool = False
    refusals: list[str] = field(default_factory=list)


def move_onto_offer(regs: Regulations, client_id: int, start: threading.Barrier, seen: Round) -> None:
    ws = regs.in_force().ws  # validated against the version in force when the request came in
    start.wait()
    time.sleep(random.random() * 0.15)  # a publish checks its files first: moves land around it
    for _attempt in range(2):  # the API's retry under the new version
        try:
            moves.move(ws, "ivanov", client_id, "send_offer", next_step=STEP)
        except RegulationChanged:
            ws = regs.in_force().ws
            continue
        except (Refused, InvalidInput):  # under the new version the move may not exist at all
            seen.refused.append(client_id)
            return
        seen.moved.append(client_id)
        return
    raise AssertionError("a second change of regulation within one request")


def publish_dropping_offer(regs: Regulations, start: threading.Barrier, seen: Round) -> None:
    start.wait()
    time.sleep(random.random() * 0.1)
    try:
        regs.publish(without_offer(), "head")
    except InvalidInput as err:
        seen.refusals = [p.code for p in err.problems]
        return
    seen.published = True


@pytest.mark.slow
def test_no_client_ends_on_a_stage_the_regulation_in_force_lacks(db_url: str) -> None:
    db = Database(db_url)
    migrate.ensure_ready(db)
    regs = Regulations(db, MINIMAL)
    with_offer = folder_files(MINIMAL)
    outcomes = []
    for _ in range(ROUNDS):
        regs.publish(with_offer, "head")  # every round starts with «offer» in force
        ids = [
            clients.create(regs.in_force().ws, "ivanov", {"name": f"Клиент {i}", "budget": "100"}).client.id
            for i in range(WRITERS)
        ]
        seen = Round()
        start = threading.Barrier(WRITERS + 1)
        threads = [
            threading.Thread(target=move_onto_offer, args=(regs, client_id, start, seen)) for client_id in ids
        ]
        threads.append(threading.Thread(target=publish_dropping_offer, args=(regs, start, seen)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        in_force = regs.in_force().ws.regulation.funnel.stage_ids()
        with db.read() as conn:
            assert set(store.stages_in_use(conn)) <= set(in_force), "a client stands on a dropped stage"
        assert sorted(seen.moved + seen.refused) == sorted(ids), "every move answered"
        if seen.published:
            assert seen.moved == [], "a move landed after the publish that dropped its stage"
        else:
            assert seen.refusals == ["error.stage_still_occupied"]
            assert seen.moved, "the publish was refused although no client stood on «offer»"
        outcomes.append(seen.published)
        for client_id in seen.moved:  # clear «offer» for the next round
            moves.move(regs.in_force().ws, "head", client_id, "lose", reason="no_need")
    regs.close()
