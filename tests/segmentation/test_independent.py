"""The engine's ABC-XYZ agrees with an independent computation on histories of realistic shape."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from engine.segmentation.classify import classify
from engine.segmentation.periods import period_of
from engine.segmentation.run import segment
from engine.service.workspace import Workspace
from engine.store.clients import CLIENT
from engine.store.tables import Sale
from tests.segmentation import independent
from tests.segmentation.cases import MOMENT

LAST = period_of("month", MOMENT.date())


def history(seed: int, clients: int = 400, months: int = 30) -> list[tuple[int, int, float]]:
    """Skewed sizes, seasonality, gaps, returns, late starters and clients who stopped buying."""
    rng = random.Random(seed)
    lines = []
    for client in range(1, clients + 1):
        size = rng.lognormvariate(10, 1.5)
        regularity = rng.choice([0.95, 0.8, 0.6, 0.4, 0.2, 0.05])
        start = LAST - months + 1 + (rng.randint(0, months - 1) if rng.random() < 0.3 else 0)
        stop = LAST - rng.randint(1, 14) if rng.random() < 0.1 else LAST
        for month in range(start, stop + 1):
            season = 1 + 0.4 * math.sin(2 * math.pi * (month % 12) / 12)
            if rng.random() < regularity:
                for _ in range(rng.randint(1, 3)):
                    lines.append((client, month, round(size * season * rng.lognormvariate(0, 0.4), 2)))
            if rng.random() < 0.04:
                lines.append((client, month, -round(size * rng.uniform(0.1, 1.5), 2)))
    return lines


def pure(seg, lines: list[tuple[int, int, float]]):  # type: ignore[no-untyped-def]
    window: dict[tuple[int, int], float] = {}
    first: dict[int, int] = {}
    for c, p, a in lines:
        first[c] = min(first.get(c, p), p)
        if LAST - seg.period + 1 <= p <= LAST:
            window[(c, p)] = window.get((c, p), 0.0) + a
    keys = sorted(window)
    return classify(
        seg,
        np.array([k[0] for k in keys]),
        np.array([k[1] for k in keys]),
        np.array([window[k] for k in keys]),
        first,
        LAST,
    )


@pytest.mark.parametrize("method", ["cv", "frequency"])
def test_a_realistic_history_through_the_database_matches_the_independent_computation(
    ws: Workspace, method: str
) -> None:
    thresholds = {"cv": (0.25, 0.5), "frequency": (0.75, 0.33)}[method]
    seg = replace(
        ws.regulation.segments,
        xyz_method=method,
        x=thresholds[0],
        y=thresholds[1],
        period=12,  # type: ignore[arg-type]
        min_history=3,
        insufficient_history="Z",
    )
    ws = Workspace(replace(ws.regulation, segments=seg), ws.db, ws.clock)
    lines = history(seed=11)
    with ws.db.write() as conn:
        clients = sorted({c for c, _, _ in lines})
        conn.execute(
            insert(CLIENT),
            [
                {
                    "id": c,
                    "name": f"c{c}",
                    "stage": "customer",
                    "stage_since": MOMENT,
                    "card": {},
                    "timezone": "Europe/Moscow",
                    "created_at": MOMENT,
                    "updated_at": MOMENT,
                    "version": 1,
                    "contacts_count": 0,
                }
                for c in clients
            ],
        )
        conn.execute(
            insert(Sale.__table__),
            [  # type: ignore[attr-defined]
                {
                    "client_id": c,
                    "day": date(p // 12, p % 12 + 1, 10),
                    "month": p,
                    "amount": a,
                    "quantity": 1.0,
                }
                for c, p, a in lines
            ],
        )
    segment(ws, "test", MOMENT)
    with ws.db.read() as conn:
        stored = {
            r.id: (r.abc, r.xyz)
            for r in conn.execute(select(CLIENT.c.id, CLIENT.c.abc, CLIENT.c.xyz))
            if r.abc is not None
        }
    truth = independent.classify(lines, LAST, 12, 0.8, 0.95, method, *thresholds, 3, "Z")
    assert stored == truth
    cells = {a + (x or "") for a, x in truth.values()}
    assert len(cells) >= 7, f"the history should exercise most cells, got {sorted(cells)}"


amounts = st.one_of(st.integers(-50, 400).map(float), st.just(0.0))
histories = st.lists(
    st.tuples(st.integers(1, 12), st.integers(LAST - 14, LAST), amounts), min_size=1, max_size=120
)


@given(
    lines=histories,
    method=st.sampled_from(["cv", "frequency"]),
    min_history=st.integers(1, 6),
    insufficient=st.sampled_from(["Z", "Y", "none"]),
)
@settings(max_examples=300, deadline=None)
def test_random_histories_agree_with_the_independent_computation(
    lines, method, min_history, insufficient, regulation
) -> None:  # type: ignore[no-untyped-def]
    lines = [(c, p, a) for c, p, a in lines if a != 0]
    thresholds = {"cv": (0.25, 0.5), "frequency": (0.75, 0.33)}[method]
    seg = replace(
        regulation.segments,
        xyz_method=method,
        x=thresholds[0],
        y=thresholds[1],
        period=6,
        min_history=min_history,
        insufficient_history=insufficient,
    )
    got = pure(seg, lines)
    engine = {
        int(c): (str(a), None if x is None else str(x))
        for c, a, x in zip(got.client_ids, got.abc, got.xyz, strict=True)
    }
    truth = independent.classify(
        lines,
        LAST,
        6,
        0.8,
        0.95,
        method,
        *thresholds,
        min_history,
        None if insufficient == "none" else insufficient,
    )
    assert engine == truth
