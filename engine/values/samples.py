"""A plausible typed value of each card field type, for the demo base: what a person would type.
Each field type's specification (:mod:`engine.values.fieldtypes`) names its own."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from engine.model.card import Field


def phone(rng: random.Random) -> str:
    return f"+79{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"


def inn(rng: random.Random) -> str:
    from stdnum.ru import inn as ru_inn  # here: only the demo makes INNs (#18)

    base = f"{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"
    return base + str(ru_inn.calc_company_check_digit(base))


def text(field: Field, rng: random.Random, today: date) -> str:
    return "Демо"[: field.max_length] if field.max_length else "Демо"


def number(field: Field, rng: random.Random, today: date) -> Any:
    low = field.min if field.min is not None else 0
    high = field.max if field.max is not None else 1000
    return max(int(low), rng.randint(int(low), int(min(high, low + 100))))


def money(field: Field, rng: random.Random, today: date) -> str:
    return str(round(rng.lognormvariate(12.2, 0.9), -3) or 1000)


def percent(field: Field, rng: random.Random, today: date) -> str:
    return f"{rng.choice([0, 3, 5, 7, 10, 12, 15])}%"


def day(field: Field, rng: random.Random, today: date) -> str:
    return (today - timedelta(days=rng.randint(0, 5))).isoformat()


def flag(field: Field, rng: random.Random, today: date) -> bool:
    return rng.random() < 0.5


def choice(field: Field, rng: random.Random, today: date) -> str | None:
    return rng.choice(field.value_ids()) if field.values else None


def phone_of(field: Field, rng: random.Random, today: date) -> str:
    return phone(rng)


def email(field: Field, rng: random.Random, today: date) -> str:
    return f"zakupki{rng.randint(1, 99)}@example.ru"


def inn_of(field: Field, rng: random.Random, today: date) -> str:
    return inn(rng)


def url(field: Field, rng: random.Random, today: date) -> str:
    return f"https://example-{rng.randint(100, 999)}.ru"
