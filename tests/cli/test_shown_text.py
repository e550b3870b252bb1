"""Text views as a Russian reader sees them (#14 points 3 and 6): names keep their inner quotes,
the card and the history say one moment the same way, roles by label, shares with a comma."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import i18n
from engine.cli import main

NAME = "Стройбаза «Север»"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "shown.sqlite")
    code, _, err = run(
        capsys, "manager", "add", "ivanov", "--name", "Иван", "--role", "Менеджер по продажам", "--db", path
    )
    assert code == 0, err
    code, _, err = run(
        capsys,
        "client",
        "add",
        f"company_name={NAME}",
        "phone=8 912 345-67-89",
        "--owner",
        "ivanov",
        "--timezone",
        "Asia/Yekaterinburg",
        "--db",
        path,
    )
    assert code == 0, err
    return path


def test_the_card_keeps_the_closing_quote_of_a_name(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "client", "show", "1", "--db", db)
    assert f"Название компании: {NAME}\n" in out
    _, out, _ = run(capsys, "client", "history", "1", "--db", db)
    assert f"Название компании: {NAME};" in out


def test_the_card_and_the_history_say_the_same_moment(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, card, _ = run(capsys, "client", "show", "1", "--db", db)
    _, history, _ = run(capsys, "client", "history", "1", "--db", db)
    since = re.search(r"с (\d+\s\w+\s\d{4}\sг\.\s\d\d:\d\d) \(у клиента (\d\d:\d\d)\)", card)
    assert since, card
    assert history.startswith(since.group(1)), (card, history)
    assert not re.search(r"\d{4}-\d\d-\d\d", card + history), "ISO dates beside Babel dates"


def test_managers_are_listed_with_role_labels(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "manager", "list", "--db", db)
    assert "Менеджер по продажам" in out and "sales_manager" not in out


@pytest.mark.parametrize(("share", "lang", "shown"), [(0.4333, "ru", "43,3\xa0%"), (0.4333, "en", "43.3%")])
def test_shares_are_written_as_the_reader_writes_them(share: float, lang: str, shown: str) -> None:
    assert i18n.percent(share, lang) == shown


@pytest.mark.parametrize(
    ("text", "bare"),
    [("«Стройбаза «Север»»", "Стройбаза «Север»"), ("Стройбаза «Север»", "Стройбаза «Север»"), ("«»", "")],
)
def test_unquote_takes_one_outer_pair_only(text: str, bare: str) -> None:
    assert i18n.unquote(text) == bare
