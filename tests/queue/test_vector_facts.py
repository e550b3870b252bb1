"""Every fact computed for the whole base at once equals the one-client computation."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from engine.demo import build_demo
from engine.queue import facts as vector_facts
from engine.queue.frame import read_frame
from engine.segmentation.run import segment
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.values.facts import FACTS

ANCHOR = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
MOMENTS = [
    ANCHOR,
    datetime(2026, 11, 23, 14, 37, tzinfo=UTC),
    datetime(2026, 11, 28, 6, 0, tzinfo=UTC),
    datetime(2026, 12, 31, 21, 59, tzinfo=UTC),
]


def same(vector: object, scalar: object) -> bool:
    if scalar is None:
        return vector is None or (isinstance(vector, float) and math.isnan(vector))
    if isinstance(scalar, bool):
        return float(vector) == float(scalar)  # type: ignore[arg-type]
    if isinstance(scalar, float | int):
        return math.isclose(float(vector), float(scalar), rel_tol=1e-9, abs_tol=1e-6)  # type: ignore[arg-type]
    if isinstance(scalar, datetime):  # a moment fact: epoch seconds in the vector (SQLite: to ~10 µs)
        return math.isclose(float(vector), scalar.timestamp(), rel_tol=0, abs_tol=1e-3)  # type: ignore[arg-type]
    return vector == scalar


@pytest.mark.slow
def test_vector_facts_equal_scalar_facts(ws: Workspace) -> None:
    build_demo(ws, clients=150, seed=5, anchor=ANCHOR)
    segment(ws, "test", ANCHOR)
    with ws.db.read() as conn:
        frame = read_frame(conn, ws.regulation, ["expected_deal"])
        states = store.load_many(conn, [int(i) for i in frame.ids])
    for moment in MOMENTS:
        data = vector_facts.compute(ws.runtime, frame, moment)
        for row, client_id in enumerate(frame.ids):
            scalar = ws.runtime.facts(states[int(client_id)], moment)
            for name in FACTS:
                assert same(data[name][row], scalar[name]), (
                    moment,
                    int(client_id),
                    name,
                    data[name][row],
                    scalar[name],
                )
