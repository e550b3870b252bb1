"""Next steps and tasks in a demo client's life: when managers call, what they promise, and
the open step a working day finds at the demo moment (due now, late, overdue, later, none)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from engine.runtime.facts import zone as time_zone
from engine.store.tasks import opened
from engine.values.client import NextStep

ACTIONS = [
    "Позвонить",
    "Отправить КП",
    "Уточнить потребность",
    "Встреча",
    "Согласовать условия",
    "Напомнить о себе",
]


def next_step(rng: random.Random, moment: datetime, zone: str) -> NextStep:
    """A step a manager sets after a contact: within a week, sometimes at a set time."""
    local = moment.astimezone(time_zone(zone))
    due = local.date() + timedelta(days=rng.randint(1, 7))
    at = time(rng.choice([10, 11, 12, 14, 15, 16]), rng.choice([0, 30])) if rng.random() < 0.4 else None
    return NextStep(rng.choice(ACTIONS), due, at)


def step_at_anchor(rng: random.Random, anchor: datetime, zone: str) -> NextStep | None:
    """The open step at the demo moment, in the mix the call queue's buckets need."""
    local = anchor.astimezone(time_zone(zone))
    today, minutes = local.date(), local.hour * 60 + local.minute
    roll = rng.random()
    if roll >= 0.88:
        return None
    action = rng.choice(ACTIONS)  # drawn after the roll, as the demo base has always been built
    if roll < 0.12:
        return NextStep(action, today, _clock(minutes - rng.randint(0, 12)))
    if roll < 0.22:
        return NextStep(action, today, _clock(minutes - rng.randint(20, 150)))
    if roll < 0.30:
        return NextStep(action, today)
    if roll < 0.50:
        return NextStep(action, today - timedelta(days=rng.choice([1, 1, 2, 3, 7, 14, 30])))
    if roll < 0.58:
        return NextStep(action, today, _clock(minutes + rng.randint(30, 300)))
    return NextStep(action, today + timedelta(days=rng.randint(1, 14)))


def open_task(tasks: list[dict[str, Any]], step: NextStep, moment: datetime, by: str) -> None:
    tasks.append(opened(step, moment, by))


def close_tasks(tasks: list[dict[str, Any]], moment: datetime, status: str) -> None:
    for task in tasks:
        if task["status"] == "open":
            task["status"], task["closed_at"] = status, max(moment, task["created_at"])


def working_time(moment: datetime, zone_name: str, rng: random.Random) -> datetime:
    """The same or the next working day, between 9:00 and 18:00 in the client's time zone."""
    local = moment.astimezone(time_zone(zone_name))
    while local.weekday() >= 5:
        local += timedelta(days=1)
    hour = rng.randint(9, 17)
    return local.replace(hour=hour, minute=rng.randint(0, 59), second=0, microsecond=0)


def _clock(minutes: int) -> time:
    minutes = max(9 * 60, min(minutes, 18 * 60 + 50))
    return time(minutes // 60, minutes % 60)
