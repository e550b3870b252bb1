"""Read a hand-computed ABC-XYZ case: settings, sales lines per period, expected classes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from engine.model.segments import Segments
from engine.segmentation.periods import period_of, period_start

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
MOMENT = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def settings(base: Segments, case: dict[str, Any]) -> Segments:
    s = case["segments"]
    return replace(
        base,
        basis=s.get("basis", "revenue"),
        a=s.get("a", 0.8),
        b=s.get("b", 0.95),
        xyz_method=s["method"],
        x=s["x"],
        y=s["y"],
        step=s.get("step", "month"),
        period=s["period"],
        min_history=s.get("min_history", 1),
        insufficient_history=s.get("insufficient", "Z"),
    )


def lines(seg: Segments, case: dict[str, Any]) -> list[tuple[int, int, float]]:
    """(client, period, amount) of every sales line, including purchases before the window."""
    last = period_of(seg.step, MOMENT.date())
    first = last - seg.period + 1
    out = []
    for client, amounts in case["sales"].items():
        for offset, amount in enumerate(amounts):
            for value in amount if isinstance(amount, list) else [amount]:
                if value:
                    out.append((int(client), first + offset, float(value)))
    for client in case.get("bought_before_window", []):
        out.append((int(client), first - 3, 1.0))
    return out


def day_in(seg: Segments, period: int) -> date:
    return period_start(seg.step, period) + timedelta(days=2)


def expected(case: dict[str, Any]) -> dict[int, str | None]:
    return {int(k): v for k, v in case["expect"].items()}
