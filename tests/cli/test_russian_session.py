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
    demo = str(folder / "демо.sqlite")  # the README's first command, then the head's verbs on it
    for argv in HEAD:
        code, out, err = cli(*argv, "--db", demo)
        said.append((argv, code, out + err))
    return said


HEAD = [
    ["demo", "--clients", "60", "--at", "27.11.2026 11:00"],
    ["assign", "--apply-rules"],
    ["handovers", "--from", "01.11.2026", "--until", "27.11.2026"],
    ["client", "history", "5"],
    ["report", "managers", "--at", "27.11.2026"],
    ["report", "forecast", "--at", "27.11.2026"],
    ["report", "retention", "--at", "27.11.2026"],
    ["report", "stuck", "--at", "27.11.2026"],
    ["compliance", "--at", "27.11.2026"],
    ["token", "list"],
]
"""The demo's managers' logins are names, not English words."""
LOGINS = {"ivanov", "cli", "root", "demo", "orlova", "sokolov", "petrova", "smirnov", "kuznetsova"}
LOGINS |= {"fedorov", "lebedeva", "belova", "volkov"}


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[str], int, str]]:
    folder = tmp_path_factory.mktemp("session")
    return session(str(folder / "база.sqlite"), folder)


def test_the_session_runs_through(said: list[tuple[list[str], int, str]]) -> None:
    codes = [code for _, code, _ in said]
    assert codes == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 2, *[0] * len(HEAD)], list(
        zip(codes, [a for a, _, _ in said], strict=True)
    )
    assert "Квалификация" in said[4][2] and "Закупщик" in said[6][2]
    assert "Ромашка" in said[13][2] and "Гранит" in said[13][2]


def test_the_head_reads_labels_and_roubles(said: list[tuple[list[str], int, str]]) -> None:
    """The demo's team by role, the reports' kinds of contact and money with «₽», the
    assignments' rules in words — never ids."""
    demo, assign, _, _, managers, forecast = (text for _, _, text in said[16:22])
    assert "Менеджер по продажам:" in demo and "(sales_manager)" not in demo
    assert "по правилу этапа «" in assign and "stage:" not in assign
    assert "Звонок" in managers and " call " not in managers
    assert "\xa0₽" in forecast


@pytest.mark.parametrize("step", range(16 + len(HEAD)))
def test_every_answer_is_russian(said: list[tuple[list[str], int, str]], step: int) -> None:
    argv, _, text = said[step]
    assert "Traceback" not in text
    english = [w for w in latin_words(text) if w not in LOGINS]
    assert not english, (argv, english, text)
