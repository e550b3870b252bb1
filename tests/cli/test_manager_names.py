"""Wherever a command takes a manager (``calls``/``report``/``export --manager``, ``client
add|list --owner``, ``client assign``, ``manager deactivate|activate|away``, ``token add
--manager``) it takes the login or the manager's name: the full name, a word of it or its start
(«Петрова», «семен»), case-insensitive, «ё» as «е» — the tester's ``calls --manager Петрова`` was
refused. Several managers matching are refused with their names; none, with a did-you-mean. One
case a file in ``manager_names/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.service.errors import InvalidInput
from engine.service.names import manager_login
from tests.cli.daysheet_case import cli
from tests.cli.said_case import run_case

CASES = sorted((Path(__file__).parent / "manager_names").glob("*.yaml"))
TEAM = [("petrova", "Анна Петрова"), ("petrov", "Павел Петров"), ("semenov", "Игорь Семёнов")]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Three managers, two of them Петров-; Семёнов owns clients #1 and #2."""
    path = str(tmp_path_factory.mktemp("names") / "база.sqlite")
    steps = [
        ["manager", "add", login, "--name", name, "--role", "Менеджер по продажам"] for login, name in TEAM
    ]
    for name, phone in (("Ромашка", "8 912 345-67-89"), ("Василёк", "8 912 345-67-88")):
        steps.append(["client", "add", f"Название компании={name}", f"Телефон={phone}", "--owner", "semenov"])
    for argv in steps:
        code, _, err = cli(*argv, "--db", path, "--lang", "ru")
        assert code == 0, err
    return path


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_manager_is_named_by_login_or_name(path: Path, db: str) -> None:
    run_case(path, db)


PEOPLE = dict(TEAM)


@pytest.mark.parametrize(
    ("given", "login"),
    [("petrova", "petrova"), ("PETROV", "petrov"), ("Анна Петрова", "petrova"),
     ("петрова анна", "petrova"), ("Петрова", "petrova"), ("Петров", "petrov"), ("пав", "petrov"),
     ("Семенов", "semenov"), ("сем", "semenov")],
)  # fmt: skip
def test_the_name_resolves_to_one_login(given: str, login: str) -> None:
    assert manager_login(given, PEOPLE, "manager") == login


@pytest.mark.parametrize(
    ("given", "code"),
    [("Петр", "names.ambiguous_manager"), ("п", "names.ambiguous_manager"),
     ("Сидоров", "names.unknown_manager"), ("", "names.unknown_manager")],
)  # fmt: skip
def test_no_guess_when_none_or_several_match(given: str, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        manager_login(given, PEOPLE, "manager")
    assert refused.value.problems[0].message.code == code


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_refusals_are_said_in_both_languages(lang: str, db: str) -> None:
    for who in ("Петр", "Петрава"):
        code, _, err = cli("calls", "--manager", who, "--db", db, "--lang", lang)
        assert code == 2 and "names." not in err and "Петрова" in err, err
