"""Every message a Russian reader can be shown is Russian (#14 point 2): each text of the Russian
catalog, in every plural form, holds no Latin word that is not an id, a unit or a name (the
allow-list: ``latin_allowed.txt``). The help pages are checked in ``tests/cli/test_help.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from engine import i18n
from tests.i18n.latin import latin_words


def texts() -> Iterator[tuple[str, str]]:
    for code, template in sorted(i18n.catalog("ru").items()):
        forms = template.values() if isinstance(template, dict) else [template]
        for form in forms:
            yield code, str(form)


CASES = list(texts())


def test_the_russian_catalog_is_large() -> None:
    assert len(CASES) > 500


@pytest.mark.parametrize(("code", "text"), CASES, ids=[c for c, _ in CASES])
def test_no_english_word_in_a_russian_message(code: str, text: str) -> None:
    assert not latin_words(text), f"{code}: {latin_words(text)} in «{text}»"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("нужно 800 (звонки)", []),
        ("да/нет (true/false)", []),
        ("the database did not answer", ["the", "database", "did", "not", "answer"]),
        ("укажите поле 'company_name' в stages.yaml: --db x.sqlite", []),
        ("Missing option «--role»", ["Missing", "option"]),
    ],
)
def test_the_check_tells_words_from_ids(text: str, found: list[str]) -> None:
    assert latin_words(text) == found
