"""A refused command says where the problem is in the reader's words (the Russian tester's
report): the option typed (``--result``), a catalog word for an argument («действие»), a card
field by its label once — never the API's parameter or field id (``result:``, ``inn:``), and a
refusal reason by its label, not its id. One case a file in ``where/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import i18n
from engine.cli.problems import OPTIONS, WORDS, where
from engine.language.loader import load_regulation
from engine.model.labels import Thing, labelled
from tests.cli.daysheet_case import cli
from tests.cli.said_case import run_case
from tests.i18n.latin import latin_words
from tests.paths import BUNDLED, ROOT

CASES = sorted((Path(__file__).parent / "where").glob("*.yaml"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The manager ivanov and client #1 on the entry stage."""
    path = str(tmp_path_factory.mktemp("where") / "база.sqlite")
    steps = [
        ["manager", "add", "ivanov", "--name", "Иван Иванов", "--role", "Менеджер по продажам"],
        ["client", "add", "Название компании=Ромашка", "Телефон=8 912 345-67-89", "--owner", "ivanov",
         "--next", "Позвонить", "--due", "27.11.2026"],
    ]  # fmt: skip
    for argv in steps:
        code, _, err = cli(*argv, "--db", path, "--lang", "ru")
        assert code == 0, err
    return path


def regulation_ids() -> set[str]:
    """Every id of the bundled regulation a refusal could be tempted to show, and the names the
    service gives its parameters."""
    reg = load_regulation(BUNDLED)
    ids = {thing_id for thing in Thing for thing_id, _ in labelled(reg, thing)}
    return ids | set(OPTIONS) | WORDS


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_refusal_says_where_in_russian(path: Path, db: str) -> None:
    case, said = run_case(path, db)
    typed = {word for arg in case["argv"] for word in re.findall(r"\w+", arg)}
    bare = re.sub(r"\S*/\S*", " ", said)  # the clause's file:line
    shown_ids = set(re.findall(r"[A-Za-z_]\w*", bare)) & regulation_ids() - typed
    assert not shown_ids, said
    assert latin_words(said) == [], said


def test_every_parameter_the_service_names_has_a_rendering() -> None:
    """A parameter a new service check names must get its option or catalog word here."""
    patterns = (
        r"\bproblem\(\s*\"([^\"]+)\"",
        r"\bProblem\(\s*\"([^\"]+)\"",
        r"\.(?:require|resolve)\([^,()]+,\s*\"([^\"]+)\"\)",
    )
    named: set[str] = set()
    for source in (ROOT / "engine").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        if "engine.service.errors import" not in text or {"api", "cli"} & set(source.parts):
            continue  # not the service's problems; the API's own; the CLI's are options
        named |= {name for pattern in patterns for name in re.findall(pattern, text)}
    assert {"result", "next_step", "trigger", "role", "manager", "stage", "reason"} <= named
    unrendered = sorted(n for n in named if n not in OPTIONS and n not in WORDS)
    assert not unrendered, f"add these to engine/cli/problems.py: {unrendered}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_catalog_word_is_in_the_catalog(lang: str) -> None:
    missing = [name for name in sorted(WORDS) if where(name, lang) in ("", f"cli.where.{name}")]
    assert not missing, (lang, missing)
