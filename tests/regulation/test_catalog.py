"""The message catalogs: the same keys in both languages, Russian plurals, every code present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import i18n
from engine.language.slips import SLIPS
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


FIX_WORDS = {
    "en": frozenset(
        {
            "write",
            "add",
            "remove",
            "rename",
            "replace",
            "put",
            "move",
            "use",
            "declare",
            "set",
            "save",
            "swap",
            "shorten",
            "choose",
            "close",
            "delete",
            "retype",
            "indent",
            "start",
            "give",
            "list",
            "make",
            "sort",
            "lengthen",
            "mark",
            "change",
            "separate",
            "quote",
        }
    ),
    "ru": frozenset(
        {
            "напишите",
            "запишите",
            "добавьте",
            "удалите",
            "уберите",
            "переименуйте",
            "замените",
            "поставьте",
            "перенесите",
            "используйте",
            "объявите",
            "укажите",
            "сохраните",
            "поменяйте",
            "сократите",
            "выберите",
            "закройте",
            "наберите",
            "сдвиньте",
            "начните",
            "дайте",
            "перечислите",
            "сделайте",
            "возьмите",
            "удлините",
            "отметьте",
            "измените",
            "поднимите",
            "сортируйте",
            "разделите",
        }
    ),
}
"""The imperatives a hint may start its instruction with."""
_EXAMPLE = re.compile(r"'[^']+'|\"[^\"]+\"|«[^»]+»|\be\.g\.|например|\{[a-z_]+: ")
_PLACEHOLDER = re.compile(r"\{(?!suggestion\})[a-z_][a-z0-9_]*\}")


def _hints(lang: str) -> list[tuple[str, str, str]]:
    """(key, hint, message) for every hint and hint variant of every diagnostic code."""
    catalog = i18n.catalog(lang)
    found = []
    for key, text in catalog.items():
        parts = key.split(".")
        if parts[0] == "diag" and len(parts) == 3 and parts[2] != "message":
            found.append((key, str(text), str(catalog[f"diag.{parts[1]}.message"])))
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_hint_names_the_fix_not_only_the_problem(lang: str) -> None:
    """A hint says what to write where: it differs from its message, and beyond the words it
    fills in (a value, a list of names, a schema's description) it holds an instruction (an
    imperative from FIX_WORDS) or a concrete example in quotes; a suggested value counts."""
    weak = []
    for key, hint, message in _hints(lang):
        own = _PLACEHOLDER.sub("", hint)
        words = set(re.findall(r"\w+", own.lower()))
        names_fix = bool(words & FIX_WORDS[lang]) or bool(_EXAMPLE.search(own))
        if not hint.strip() or hint == message or not names_fix:
            weak.append(f"{key}: {hint}")
    assert not weak, "hints that do not name the fix:\n" + "\n".join(weak)


def test_the_hint_audit_catches_a_hint_that_restates_the_problem() -> None:
    own = _PLACEHOLDER.sub("", "Check the thresholds. {about}")
    assert not set(re.findall(r"\w+", own.lower())) & FIX_WORDS["en"]
    assert not _EXAMPLE.search(own)


def test_codes_with_did_you_mean_have_every_variant() -> None:
    """``suggest.suggestion`` picks one of these variants for every code that uses it."""
    for code in ("R201", "R202", "R203", "R204", "R205", "R206", "R207"):
        for variant in ("hint", "did_you_mean", "lookalike"):
            for lang in i18n.LANGUAGES:
                assert i18n.has(f"diag.{code}.{variant}", lang), (code, variant, lang)
    assert all(i18n.has("diag.R202.reserved", lang) for lang in i18n.LANGUAGES)


def test_every_syntax_slip_has_a_message_and_a_hint() -> None:
    for slip in (*SLIPS, "hint"):
        for lang in i18n.LANGUAGES:
            assert i18n.has(f"yaml_problem.{slip}", lang), (slip, lang)
            assert i18n.has(f"diag.Y001.{slip}", lang), (slip, lang)
