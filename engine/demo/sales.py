"""Sales lines of a realistic shape: skewed sizes, seasonality, gaps, returns."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from typing import Any

PRODUCTS = [
    "Кирпич М150",
    "Блок газобетонный",
    "Смесь сухая ЦПС",
    "Утеплитель 100 мм",
    "Профнастил С8",
    "Саморез кровельный",
    "Арматура 12 мм",
    "Плитка керамогранит",
    "Клей плиточный",
    "Грунтовка",
]

REGULAR = [0.95, 0.85, 0.7, 0.5, 0.35, 0.2, 0.08]
ONE_OFF = [0.5, 0.35, 0.2, 0.08, 0.08, 0.05, 0.05]
"""How often a client buys in a month: most clients, and the campaign's one-off buyers."""


def sales_lines(
    rng: random.Random, won_at: datetime, anchor: datetime, scale: float, first_amount: float | None
) -> list[dict[str, Any]]:
    """Lines from the first order to the anchor; the client's regularity and size are drawn once."""
    regularity = rng.choice(ONE_OFF if _campaign(won_at, anchor) else REGULAR)
    size = rng.lognormvariate(10.4, 1.45) * scale
    lines = [_line(won_at.date(), first_amount or size * 1.5, rng)]
    day = _first_of_next_month(won_at.date())
    end = anchor.date()
    while day <= end:
        season = 1 + 0.35 * math.sin(2 * math.pi * (day.month - 4) / 12)
        if rng.random() < regularity:
            for _ in range(rng.randint(1, 3)):
                when = min(day + timedelta(days=rng.randint(0, 27)), end)
                lines.append(_line(when, size * season * rng.lognormvariate(0, 0.35), rng))
        if rng.random() < 0.03:
            when = min(day + timedelta(days=rng.randint(0, 27)), end)
            lines.append(_line(when, -size * rng.uniform(0.05, 0.3), rng))
        day = _first_of_next_month(day)
    return lines


def _campaign(won_at: datetime, anchor: datetime) -> bool:
    """First orders four to five months before the anchor came from a discount campaign: buyers
    of one order, so that cohort's retention falls below the target (the reports show it)."""
    return 120 <= (anchor - won_at).days < 180


def _line(day: date, amount: float, rng: random.Random) -> dict[str, Any]:
    quantity = max(1.0, round(abs(amount) / rng.uniform(800, 4000)))
    return {
        "day": day,
        "month": day.year * 12 + day.month - 1,
        "product": rng.choice(PRODUCTS),
        "quantity": quantity if amount > 0 else -quantity,
        "amount": round(amount, 2),
        "margin": round(amount * rng.uniform(0.15, 0.3), 2),
        "document": f"РН-{rng.randint(1, 99999):05d}",
    }


def _first_of_next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)
