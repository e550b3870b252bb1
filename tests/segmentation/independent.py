"""ABC-XYZ in plain Python, written from the rules' wording, to check the numpy version against.

No numpy, no shared code with engine.segmentation: loops and dictionaries only.
"""

from __future__ import annotations

import math
from collections import defaultdict


def classify(
    lines: list[tuple[int, int, float]],
    last: int,
    period: int,
    a: float,
    b: float,
    method: str,
    x: float,
    y: float,
    min_history: int,
    insufficient: str | None,
) -> dict[int, tuple[str, str | None]]:
    """lines: (client, period, amount) for all history; returns client → (abc, xyz)."""
    start_window = last - period + 1
    first: dict[int, int] = {}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for client, p, amount in lines:
        if p > last:
            continue
        first[client] = min(first.get(client, p), p)
        if p >= start_window:
            sums[client][p] = sums[client].get(p, 0.0) + amount
    totals = {c: sum(months.values()) for c, months in sums.items()}
    positive = {c: t for c, t in totals.items() if t > 0}
    whole = sum(positive.values())
    result: dict[int, tuple[str, str | None]] = {}
    for client, total in totals.items():
        if total <= 0:
            abc = "C"
        else:
            before = sum(t for t in positive.values() if t > total) / whole
            abc = "A" if before < a - 1e-9 else "B" if before < b - 1e-9 else "C"
        start = max(start_window, first[client])
        values = [max(sums[client].get(p, 0.0), 0.0) for p in range(start, last + 1)]
        result[client] = (abc, _xyz(values, method, x, y, min_history, insufficient))
    return result


def _xyz(
    values: list[float], method: str, x: float, y: float, min_history: int, insufficient: str | None
) -> str | None:
    n = len(values)
    if n < min_history:
        return insufficient
    mean = sum(values) / n
    if mean <= 0:
        return "Z"
    if method == "frequency":
        share = sum(1 for v in values if v > 0) / n
        return "X" if share >= x - 1e-9 else "Y" if share >= y - 1e-9 else "Z"
    cv = math.sqrt(sum((v - mean) ** 2 for v in values) / n) / mean
    return "X" if cv <= x + 1e-9 else "Y" if cv <= y + 1e-9 else "Z"
