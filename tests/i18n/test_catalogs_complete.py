"""Both catalogs are complete (#14, «done when»): the same codes, every text written in each
language (no empty text where the other has one, every plural form), and no English text left
in Russian — Cyrillic in an English text only where it quotes what a Russian user types."""

from __future__ import annotations

import re

from engine import i18n

RU, EN = i18n.catalog("ru"), i18n.catalog("en")

QUOTES_RUSSIAN = {
    "value.not_a_boolean",  # «да/нет» are accepted as written
    "diag.W205.hint",  # an example of a label written in both languages
    "scenario.bad_order",  # example clients' names
    "scenario.bad_others",
}
"""English texts that quote Russian words a user may write."""

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _texts(value: object) -> list[str]:
    return [str(v) for v in value.values()] if isinstance(value, dict) else [str(value)]


def test_both_catalogs_hold_the_same_codes() -> None:
    assert set(RU) == set(EN), sorted(set(RU) ^ set(EN))


def gaps(ru: dict[str, object], en: dict[str, object]) -> list[str]:
    """Each code whose text is missing, empty in one language only, short of plural forms, or
    left in Russian in the English catalog."""
    found = []
    for code in sorted(ru):
        said_ru, said_en = _texts(ru[code]), _texts(en.get(code, ""))
        if all(t.strip() for t in said_ru) != all(t.strip() for t in said_en):
            found.append(f"{code}: written in one language only")
        if isinstance(en.get(code), dict) and not {"one", "other"} <= set(en[code]):  # type: ignore[arg-type]
            found.append(f"{code}: English plurals need one and other")
        if code not in QUOTES_RUSSIAN and any(_CYRILLIC.search(t) for t in said_en):
            found.append(f"{code}: Russian left in English: {said_en}")
    return found


def test_every_text_is_written_in_both_languages() -> None:
    assert not gaps(dict(RU), dict(EN))


def test_the_check_finds_a_gap() -> None:
    ru = {
        "a": "Связаться",
        "b": "текст",
        "c": {"one": "{n} день", "few": "{n} дня", "many": "{n} дней", "other": "{n} дня"},
    }
    en = {"a": "Связаться", "b": "", "c": {"other": "{n} days"}}
    assert gaps(ru, en) == [
        "a: Russian left in English: ['Связаться']",
        "b: written in one language only",
        "c: English plurals need one and other",
    ]
