"""The message catalogs: the same keys in both languages, Russian plurals, every code present."""

from __future__ import annotations

import re
from pathlib import Path

from engine import i18n
from engine.resources import PACKAGE_DIR


def test_russian_and_english_catalogs_have_the_same_keys() -> None:
    assert set(i18n.catalog("ru")) == set(i18n.catalog("en"))


def test_russian_plurals_have_every_form() -> None:
    for key, value in i18n.catalog("ru").items():
        if isinstance(value, dict):
            assert set(value) >= {"one", "few", "many", "other"}, key


def test_plural_forms_follow_russian_rules() -> None:
    assert [i18n.tr("check.n_errors", "ru", n=n) for n in (1, 2, 5, 21)] == [
        "1 ошибка",
        "2 ошибки",
        "5 ошибок",
        "21 ошибка",
    ]
    assert i18n.tr("check.n_errors", "en", n=1) == "1 error"


def test_every_code_the_engine_emits_has_a_message_and_a_hint() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE_DIR.rglob("*.py"))
    codes = set(re.findall(r'"([YFSRW][0-9]{3})"', source))
    assert len(codes) > 40
    for code in codes:
        for lang in i18n.LANGUAGES:
            assert i18n.has(f"diag.{code}.message", lang), code
            assert i18n.has(f"diag.{code}.hint", lang), code


def test_fill_never_reaches_into_objects() -> None:
    assert i18n.fill("{a.__class__} {a} {b}", {"a": 1}) == "{a.__class__} 1 {b}"
    assert Path(__file__).exists()
