"""``reglament segment``, ``calls`` and ``compliance`` on a demo base, as JSON and as text."""

from __future__ import annotations

import json

import pytest

from engine.cli import main

AT = "2026-11-23T11:00+03:00"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("day") / "day.sqlite")
    assert main(["demo", "--clients", "300", "--db", path, "--at", AT, "--format", "json"]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_segment_prints_the_matrix_and_plans_nothing_twice(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "segment", "--db", db, "--at", AT, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["changed"] == 0 and data["planned_contacts"] == 0, "the demo segmented already"
    assert sum(data["matrix"]["clients"].values()) == data["classified"] > 0
    assert abs(sum(data["matrix"]["share"].values()) - 1) < 0.01
    code, out = run(capsys, "segment", "--db", db, "--at", AT, "--lang", "en")
    assert code == 0 and "ABC-XYZ" in out and "Classes changed: 0" in out


def test_calls_of_a_manager_in_order_with_reasons(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(
        capsys, "calls", "--manager", "ivanov", "--db", db, "--at", AT, "--limit", "100", "--format", "json"
    )
    data = json.loads(out)
    assert (code == 0 and data["manager"] == "ivanov" and data["total"] == len(data["rows"])) or data[
        "total"
    ] > 100
    order = [
        "new_handovers",
        "promised_now",
        "promised_today_late",
        "promised_today",
        "overdue",
        "hot_new",
        "regular",
        "late_stage",
        "rest",
        "later_today",
    ]
    ranks = [order.index(r["bucket"]) for r in data["rows"]]
    assert ranks == sorted(ranks) and all(r["reason"] for r in data["rows"])
    code, out = run(capsys, "calls", "--manager", "ivanov", "--db", db, "--at", AT, "--limit", "5")
    assert code == 0 and "ivanov" in out


def test_compliance_by_manager_and_cell(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "compliance", "--db", db, "--at", AT, "--format", "json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"at", "by_manager", "by_cell"} and data["by_cell"]
    assert all(t["total"] == t["on_time"] + t["late"] + t["never"] for t in data["by_manager"].values())


def test_a_bad_moment_is_a_usage_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calls", "--db", db, "--at", "вчерашний день"]) == 2
    assert "27.11.2026 14:30" in capsys.readouterr().err, "the message shows how to write one"


def test_a_moment_is_written_as_people_write_it(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    for at in ("27.11.2026 14:30", "вчера", "+1д", "2026-11-27T14:30"):
        assert main(["calls", "--db", db, "--at", at, "--format", "json"]) == 0, at
        capsys.readouterr()


@pytest.mark.parametrize(
    ("at", "moment"),
    [
        ("2026-11-27", "2026-11-27T09:00:00+03:00"),  # the tester's finding: midnight before
        ("27.11.2026", "2026-11-27T09:00:00+03:00"),
        ("27.11.2026 14:30", "2026-11-27T14:30:00+03:00"),
        ("27.11.2026 0:00", "2026-11-27T00:00:00+03:00"),  # midnight asked for is midnight
        ("2026-11-27T00:00", "2026-11-27T00:00:00+03:00"),
        ("2026-11-27T14:30+05:00", "2026-11-27T12:30:00+03:00"),
    ],
)
def test_a_day_alone_is_the_start_of_its_working_day(
    at: str, moment: str, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled regulation's work_hours start at 09:00 in Moscow."""
    code, out = run(capsys, "calls", "--db", db, "--at", at, "--format", "json")
    assert code == 0 and json.loads(out)["at"] == moment


@pytest.mark.parametrize(("at", "days"), [("завтра", 1), ("вчера", -1), ("+3д", 3), ("сегодня", 0)])
def test_a_relative_day_alone_is_the_start_of_its_working_day(
    at: str, days: int, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The outside tester's finding: «завтра» and «+1д» were read as midnight (the day was counted
    from the moment itself instead of from today)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    def expected() -> str:
        day = datetime.now(ZoneInfo("Europe/Moscow")).date() + timedelta(days=days)
        return f"{day.isoformat()}T09:00:00+03:00"

    before = expected()
    code, out = run(capsys, "calls", "--db", db, "--at", at, "--format", "json")
    assert code == 0 and json.loads(out)["at"] in {before, expected()}
