"""The report period from ``--from/--to``, ``--period 2026-11`` or ``--last 4w``."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from engine.i18n import Message
from engine.reports.spec import Filters

_LAST = re.compile(r"^\s*(\d{1,4})\s*([dwmднм])\s*$", re.IGNORECASE)
_UNIT = {"д": "d", "н": "w", "м": "m"}
"""The Russian unit letters: дни, недели, месяцы."""
FIRST_YEAR, LAST_YEAR = 1970, 2199
_CELL = re.compile(r"[ABCabc][XYZxyz]")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})\.(\d{4})$")
"""The month as Russians write it: 11.2026."""


class PeriodError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


def resolve(
    today: date,
    timezone: str,
    *,
    start: date | None = None,
    end: date | None = None,
    period: str | None = None,
    last: str | None = None,
) -> tuple[datetime, datetime]:
    """``[start, end)`` as aware UTC moments (days are the regulation's local days); by default
    the last four weeks up to and including today."""
    given = [x for x in ((start or end), period, last) if x is not None]
    if len(given) > 1:
        raise PeriodError(Message.of("report.period_conflict"))
    if period:
        first, after = _month(period)
    elif last:
        first, after = _last(last, today)
    else:
        after = (end + timedelta(days=1)) if end else today + timedelta(days=1)
        first = start or after - timedelta(days=28)
    for day in (first, after):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise PeriodError(Message.of("report.out_of_range", day=day.isoformat()))
    if first >= after:
        raise PeriodError(Message.of("report.period_empty", start=first.isoformat(), end=after.isoformat()))
    zone = ZoneInfo(timezone)
    return _utc(first, zone), _utc(after, zone)


def _utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def _month(text: str) -> tuple[date, date]:
    iso, dotted = _MONTH.match(text.strip()), _MONTH_FIRST.match(text.strip())
    year, month = (
        (int(iso[1]), int(iso[2])) if iso else (int(dotted[2]), int(dotted[1])) if dotted else (0, 0)
    )
    if not 1 <= month <= 12:
        raise PeriodError(Message.of("report.bad_period", value=text))
    after = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), after


def _last(text: str, today: date) -> tuple[date, date]:
    found = _LAST.match(text)
    if not found or int(found[1]) == 0:
        raise PeriodError(Message.of("report.bad_last", value=text))
    n, unit = int(found[1]), found[2].lower()
    unit = _UNIT.get(unit, unit)
    after = today + timedelta(days=1)
    if unit == "m":
        return _months_before(after, n), after
    return after - timedelta(days=n * {"d": 1, "w": 7}[unit]), after


def _months_before(day: date, n: int) -> date:
    """The same day of the month ``n`` calendar months earlier (the month's last day when it is
    shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - n, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def filters(
    now: datetime,
    timezone: str,
    *,
    start: date | None = None,
    end: date | None = None,
    period: str | None = None,
    last: str | None = None,
    manager: str | None = None,
    segment: str | None = None,
    source: str | None = None,
) -> Filters:
    """The filters of a report asked for at ``now``: the period read in the regulation's zone."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    if segment and not _CELL.fullmatch(segment):
        raise PeriodError(Message.of("report.bad_segment", value=segment))
    zone = ZoneInfo(timezone)
    first, after = resolve(today, timezone, start=start, end=end, period=period, last=last)
    return Filters(
        first,
        after,
        first.astimezone(zone).date(),
        after.astimezone(zone).date(),
        manager or None,
        segment.upper() if segment else None,
        source or None,
        now=now,
        today=today,
    )
