"""A Russian-speaking head and manager through the daily verbs with Russian labels and
DD.MM.YYYY dates only (#14, «done when»): every answer is Russian — no English word beyond ids,
units and names (``tests/i18n/latin_allowed.txt``) — and nothing ends in a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.daysheet_case import cli
from tests.i18n.latin import latin_words

CSV = (
    "Код;Название компании;Телефон;Город\n"
    "K-1;Ромашка;8 912 000-11-22;Пермь\n"
    "K-2;Гранит;8 916 777-22-74;Казань\n"
)


def session(db: str, folder: Path) -> list[tuple[list[str], int, str]]:
    (folder / "клиенты.csv").write_text(CSV, encoding="utf-8")
    steps = [
        ["manager", "add", "ivanov", "--name", "Иван Иванов", "--role", "Менеджер по продажам"],
        ["client", "add", "Название компании=Стройбаза «Север»", "Телефон=8 912 345-67-89",
         "--owner", "ivanov", "--next", "Позвонить", "--due", "27.11.2026", "--time", "10:00"],
        ["client", "possible", "1"],
        ["client", "move", "1", "Начать квалификацию"],  # refused: what is missing, in Russian
        ["client", "move", "1", "начать КВАЛИФИКАЦИЮ", "Контактное лицо=Пётр", "Должность контакта=Закупщик",
         "--next", "Отправить прайс", "--due", "28.11.2026"],
        ["client", "contact", "1", "--kind", "Звонок", "--result", "Не дозвонились", "--next", "Перезвонить",
         "--due", "+3д"],
        ["client", "show", "1"],
        ["client", "history", "1"],
        ["calls", "--at", "27.11.2026 11:00"],
        ["calls", "--at", "28.11.2026 11:00"],
        ["segment", "--at", "30.11.2026"],  # refused without sales: says why in Russian
        ["segment", "--at", "30.11.2026", "--force"],
        ["import", "clients", str(folder / "клиенты.csv")],
        ["client", "list"],
        ["client", "move", "1", "Подписать что-то"],  # an unknown move: bad input, the actions by label
        ["calls", "--limit", "ноль"],  # Typer's own complaint, in Russian
    ]  # fmt: skip
    said = []
    for argv in steps:
        code, out, err = cli(*argv, "--db", db)
        said.append((argv, code, out + err))
    return said


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[str], int, str]]:
    folder = tmp_path_factory.mktemp("session")
    return session(str(folder / "база.sqlite"), folder)


def test_the_session_runs_through(said: list[tuple[list[str], int, str]]) -> None:
    codes = [code for _, code, _ in said]
    assert codes == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 2], list(
        zip(codes, [a for a, _, _ in said], strict=True)
    )
    assert "Квалификация" in said[4][2] and "Закупщик" in said[6][2]
    assert "Ромашка" in said[13][2] and "Гранит" in said[13][2]


@pytest.mark.parametrize("step", range(16))
def test_every_answer_is_russian(said: list[tuple[list[str], int, str]], step: int) -> None:
    argv, _, text = said[step]
    assert "Traceback" not in text
    english = [w for w in latin_words(text) if w not in ("ivanov", "cli", "root")]  # logins
    assert not english, (argv, english, text)
