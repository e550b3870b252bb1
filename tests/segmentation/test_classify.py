"""ABC-XYZ against hand computations: each case file shows its arithmetic.

Every case runs twice: through the pure numpy classification, and through the whole database
path (sales lines in SQLite or PostgreSQL, SQL aggregation, stored classes).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import insert, select

from engine.segmentation.classify import classify
from engine.segmentation.periods import period_of
from engine.segmentation.run import segment
from engine.service.workspace import Workspace
from engine.store.clients import CLIENT
from engine.store.tables import Sale
from tests.segmentation.cases import CASES, MOMENT, day_in, expected, lines, load, settings


def cell(abc: object, xyz: object) -> str | None:
    if abc is None:
        return None
    return f"{abc}{xyz}" if xyz is not None else str(abc)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_pure_classification_matches_the_hand_computation(path: Path, regulation) -> None:  # type: ignore[no-untyped-def]
    case = load(path)
    seg = settings(regulation.segments, case)
    last = period_of(seg.step, MOMENT.date())
    rows = lines(seg, case)
    window = {}
    first: dict[int, int] = {}
    for client, period, amount in rows:
        first[client] = min(first.get(client, period), period)
        if period >= last - seg.period + 1:
            window[(client, period)] = window.get((client, period), 0.0) + amount
    keys = sorted(window)
    classes = classify(
        seg,
        np.array([k[0] for k in keys]),
        np.array([k[1] for k in keys]),
        np.array([window[k] for k in keys]),
        first,
        last,
    )
    got = {int(c): cell(a, x) for c, a, x in zip(classes.client_ids, classes.abc, classes.xyz, strict=True)}
    wanted = {c: v for c, v in expected(case).items() if v is not None}
    assert got == wanted


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_database_path_gives_the_same_classes(path: Path, ws: Workspace) -> None:
    case = load(path)
    seg = settings(ws.regulation.segments, case)  # type: ignore[arg-type]
    ws = Workspace(replace(ws.regulation, segments=seg), ws.db, ws.clock)
    rows = lines(seg, case)
    clients = sorted({c for c, _, _ in rows} | set(expected(case)))
    with ws.db.write() as conn:
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
                    "day": day_in(seg, p),
                    "month": day_in(seg, p).year * 12 + day_in(seg, p).month - 1,
                    "amount": a,
                    "quantity": 1.0,
                    "margin": a / 4,
                }
                for c, p, a in rows
            ],
        )
    result = segment(ws, "test", MOMENT)
    with ws.db.read() as conn:
        stored = {
            r.id: cell(r.abc, r.xyz) for r in conn.execute(select(CLIENT.c.id, CLIENT.c.abc, CLIENT.c.xyz))
        }
    assert stored == expected(case)
    assert result.classified == sum(v is not None for v in expected(case).values())
