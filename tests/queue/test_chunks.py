"""The queue read a few clients at a time is the queue read at once: the same order, buckets,
owners, counts and rows, and the same explanation of an empty list."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest

from engine.demo import build_demo
from engine.queue import Queue, call_queue
from engine.queue.frame import read_frame
from engine.service.workspace import Workspace
from engine.store import queue_read

ANCHOR = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SUNDAY = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


def said(queue: Queue) -> dict[str, Any]:
    return {
        "order": queue.order.tolist(),
        "buckets": queue.buckets.tolist(),
        "owners": queue.owners.tolist(),
        "whole": queue.as_dict(),
    }


@pytest.mark.slow
def test_chunks_change_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    build_demo(ws, clients=120, seed=3, anchor=ANCHOR)
    whole = {at: said(call_queue(ws, at=at, limit=None)) for at in (ANCHOR, SUNDAY)}
    one = {at: said(call_queue(ws, manager="ivanov", at=at, limit=None)) for at in (ANCHOR, SUNDAY)}
    with ws.db.read() as conn:
        frame = read_frame(conn, ws.regulation, ["expected_deal"])
    monkeypatch.setattr(queue_read, "CHUNK", 7)
    assert whole[ANCHOR]["order"] and whole[SUNDAY]["whole"]["empty"]  # both paths are taken
    for at in (ANCHOR, SUNDAY):
        assert said(call_queue(ws, at=at, limit=None)) == whole[at]
        assert said(call_queue(ws, manager="ivanov", at=at, limit=None)) == one[at]
    with ws.db.read() as conn:
        chunked = read_frame(conn, ws.regulation, ["expected_deal"])
    assert chunked.ids.tolist() == frame.ids.tolist() == sorted(frame.ids.tolist())
    for name, column in frame.columns.items():
        assert np.array_equal(chunked.columns[name], column, equal_nan=column.dtype != object), name
