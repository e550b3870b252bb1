"""The report period: --from/--to, --period, --last, in the regulation's days; mistakes said."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from engine.reports.period import PeriodError, filters, resolve

ZONE = "Europe/Moscow"
TODAY = date(2026, 11, 30)


def test_a_month_is_its_local_days() -> None:
    start, end = resolve(TODAY, ZONE, period="2026-11")
    assert start == datetime(2026, 10, 31, 21, tzinfo=UTC)
    assert end == datetime(2026, 11, 30, 21, tzinfo=UTC)


def test_december_ends_in_january() -> None:
    assert resolve(TODAY, ZONE, period="2026-12")[1] == datetime(2026, 12, 31, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last", "days"),
    [("4w", 28), ("30d", 30), ("3m", 91), (" 1 d ", 1), ("4н", 28), ("30Д", 30), ("12м", 365), ("12m", 365)],
)
def test_last_ends_with_today(last: str, days: int) -> None:
    start, end = resolve(TODAY, ZONE, last=last)
    assert (end - start).days == days
    assert end == datetime(2026, 11, 30, 21, tzinfo=UTC)


def test_from_to_includes_the_last_day() -> None:
    chosen = filters(
        datetime(2026, 11, 30, 9, tzinfo=UTC), ZONE, start=date(2026, 11, 2), end=date(2026, 11, 8)
    )
    assert (chosen.first_day, chosen.after_day) == (date(2026, 11, 2), date(2026, 11, 9))


def test_default_is_four_weeks() -> None:
    chosen = filters(datetime(2026, 11, 30, 9, tzinfo=UTC), ZONE)
    assert chosen.after_day - chosen.first_day == date(2026, 1, 29) - date(2026, 1, 1)
    assert chosen.today == TODAY


def test_a_segment_is_a_cell() -> None:
    assert filters(datetime(2026, 11, 30, 9, tzinfo=UTC), ZONE, segment="ax").segment == "AX"
    with pytest.raises(PeriodError) as caught:
        filters(datetime(2026, 11, 30, 9, tzinfo=UTC), ZONE, segment="AQ")
    assert caught.value.message.code == "report.bad_segment"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"period": "2026-13"}, "report.bad_period"),
        ({"period": "ноябрь"}, "report.bad_period"),
        ({"last": "4 weeks"}, "report.bad_last"),
        ({"last": "0d"}, "report.bad_last"),
        ({"period": "2026-11", "last": "4w"}, "report.period_conflict"),
        ({"start": date(2026, 11, 5), "end": date(2026, 11, 1)}, "report.period_empty"),
        ({"start": date(1, 1, 1)}, "report.out_of_range"),
    ],
)
def test_mistakes_are_said(given: dict[str, object], code: str) -> None:
    with pytest.raises(PeriodError) as caught:
        resolve(TODAY, ZONE, **given)  # type: ignore[arg-type]
    assert caught.value.message.code == code


@pytest.mark.parametrize(
    ("today", "months", "first"),
    [
        (date(2026, 3, 31), 1, date(2026, 3, 1)),
        (date(2026, 5, 30), 3, date(2026, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 16)),
    ],
)
def test_months_are_calendar_months(today: date, months: int, first: date) -> None:
    start, _end = resolve(today, "UTC", last=f"{months}m")
    assert start.date() == first


@pytest.mark.parametrize("period", ["2026-11", "11.2026", "11.2026 "])
def test_a_month_is_written_either_way(period: str) -> None:
    assert resolve(TODAY, ZONE, period=period) == resolve(TODAY, ZONE, period="2026-11")
