"""Dates and moments as people type them, one convention everywhere a command takes one.

A date: ``2026-11-25`` (ISO), ``25.11.2026`` or ``25.11.26``, «сегодня» / today, «завтра» /
tomorrow, «послезавтра», «вчера» / yesterday, or a count from today: ``+3д`` / ``+3d`` (days),
``+2н`` / ``+2w`` (weeks), ``-1д``. A moment: any of those (meaning the start of that day), with
a time after a space (``25.11.2026 14:30``, «завтра 9:00»), «сейчас» / now, or ISO 8601 with
its offset. Without an offset a moment is in the zone given (the regulation's).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

_WORDS = {
    "сегодня": 0,
    "today": 0,
    "завтра": 1,
    "tomorrow": 1,
    "послезавтра": 2,
    "вчера": -1,
    "yesterday": -1,
}
_NOW = frozenset({"сейчас", "now"})
_COUNT = re.compile(r"^([+-])\s*(\d{1,4})\s*(д|дн|дня|дней|d|days?|н|нед|w|weeks?)$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class NotAWhen(ValueError):
    """Text that is not a date (or moment) in any accepted form."""

    def __init__(self, text: str, moment: bool = False) -> None:
        super().__init__(text)
        self.text, self.moment = text, moment


def parse_day(text: str, today: date) -> date:
    """The date ``text`` names, counting from ``today``."""
    word = text.strip().casefold()
    if word in _WORDS:
        return today + timedelta(days=_WORDS[word])
    count = _COUNT.match(word)
    if count:
        days = int(count.group(2)) * (7 if count.group(3)[0] in "нw" else 1)
        return today + timedelta(days=days if count.group(1) == "+" else -days)
    dotted = _DOTTED.match(word)
    try:
        if dotted:
            day, month, year = (int(g) for g in dotted.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        return date.fromisoformat(word)
    except ValueError:
        raise NotAWhen(text) from None


def parse_clock(text: str) -> time:
    """A time of day: ``14:30``, ``9:00``, ``14.30``."""
    found = _CLOCK.match(text.strip())
    try:
        if not found:
            raise ValueError(text)
        return time(int(found.group(1)), int(found.group(2)))
    except ValueError:
        raise NotAWhen(text) from None


def parse_moment(text: str, now: datetime, zone: tzinfo, day_start: time = time(0, 0)) -> datetime:
    """The moment ``text`` names; ``now`` (aware) anchors «сегодня», «+3д» and «сейчас»; a day
    named without a time of day is that day at ``day_start``."""
    word = text.strip()
    if word.casefold() in _NOW:
        return now
    try:
        iso = datetime.fromisoformat(word)
    except ValueError:
        iso = None
    if iso is not None and ("T" in word or ":" in word):
        return iso if iso.tzinfo else iso.replace(tzinfo=zone)
    day_part, _, clock_part = word.partition(" ")
    try:
        day = parse_day(day_part, now.astimezone(zone).date())
        clock = parse_clock(clock_part) if clock_part.strip() else day_start
    except NotAWhen:
        raise NotAWhen(text, moment=True) from None
    return datetime.combine(day, clock, tzinfo=zone)
