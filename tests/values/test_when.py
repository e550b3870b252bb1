"""One convention for dates and moments wherever a command takes one (cases: when_cases.yaml)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from engine.values.when import NotAWhen, parse_day, parse_moment

CASES = yaml.safe_load((Path(__file__).parent / "when_cases.yaml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)
MOSCOW = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=MOSCOW)


@pytest.mark.parametrize(("text", "expected"), CASES["days"].items())
def test_days(text: str, expected: str) -> None:
    assert parse_day(text, TODAY) == date.fromisoformat(expected)


@pytest.mark.parametrize("text", CASES["not_days"])
def test_not_days(text: str) -> None:
    with pytest.raises(NotAWhen):
        parse_day(text, TODAY)


@pytest.mark.parametrize(("text", "expected"), CASES["moments"].items())
def test_moments(text: str, expected: str) -> None:
    assert parse_moment(text, NOW, MOSCOW) == datetime.fromisoformat(expected)


@pytest.mark.parametrize("text", CASES["not_moments"])
def test_not_moments(text: str) -> None:
    with pytest.raises(NotAWhen):
        parse_moment(text, NOW, MOSCOW)
