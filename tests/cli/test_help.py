"""Every command's ``--help`` in the reader's language (#14 point 2): texts from the catalogs
(one entry per command, with an example), no English word on a Russian page, 80 columns, and
the golden pages (regenerate: python -m tests.cli.golden_help)."""

from __future__ import annotations

import re

import pytest
import typer

from engine import i18n
from engine.cli import helps, load
from tests.cli.golden_help import golden, paths, render
from tests.i18n.latin import latin_words

TREE = list(helps.commands(typer.main.get_command(load())))
PATHS = paths()
COMMAND_NAMES = {word for path in PATHS for word in path.split()}


def english(page: str) -> list[str]:
    """The page's Latin words but the command names and the defaults (ids one types)."""
    page = re.sub(r"\[по\s+умолчанию:\s+[^\]]*\]", " ", page)
    return [w for w in latin_words(page) if w not in COMMAND_NAMES]


def test_the_tree_has_every_command() -> None:
    assert {"client add", "client move", "calls", "segment", "import clients", "guide"} <= set(PATHS)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize(("path", "command"), TREE, ids=[p or "reglament" for p, _ in TREE])
def test_every_command_is_said_by_the_catalog(path: str, command: typer.core.TyperCommand, lang: str) -> None:
    code = helps.command_code(path)
    assert i18n.has(f"{code}.text", lang), f"no {code}.text in {lang}.yaml"
    if not helps.is_group(command):
        assert i18n.has(f"{code}.example", lang), f"no {code}.example in {lang}.yaml"
        assert i18n.tr(f"{code}.example", lang).startswith(f"reglament {path}")
    for param in command.params:
        own, shared = helps.param_codes(path, param.name or "")
        assert i18n.has(own, lang) or i18n.has(shared, lang), f"no {own} or {shared} in {lang}.yaml"


@pytest.mark.parametrize("path", PATHS, ids=[p or "reglament" for p in PATHS])
def test_the_russian_help_page(path: str) -> None:
    page = render(path)
    assert not english(page), f"{path}: {english(page)}"
    too_long = [line for line in page.splitlines() if len(line) > 80]
    assert not too_long, too_long
    assert golden(path).read_text(encoding="utf-8") == page, "python -m tests.cli.golden_help"


def test_the_english_help_page_is_english() -> None:
    page = render("client add", "en")
    assert "Usage: reglament client add [OPTIONS]" in page and "Example:" in page
    assert "Show this help and exit." in page and "Создать" not in page


def test_no_page_keeps_the_words_of_the_code() -> None:
    """The docstrings in the code are for developers: the page says the catalog's text."""
    assert "Создать клиента на входном этапе" in render("client add")
