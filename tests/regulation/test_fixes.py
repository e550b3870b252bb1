"""What hints tell to write: the value meant, read from the value written; Cyrillic letters
found in Latin words and named by their place."""

from __future__ import annotations

import pytest

from engine.language import fixes, lookalikes


@pytest.mark.parametrize(
    ("written", "share", "meant"),
    [
        ("30%", True, "0.3"),
        ("30 %", False, "30"),
        ("0,3", True, "0.3"),
        ("1 000 000", False, "1000000"),
        ("100000 руб", False, "100000"),
        ("100 000 ₽", False, "100000"),
        ("2 500,50", False, "2500.5"),
        ("$100", False, "100"),
        ("many", False, ""),
    ],
)
def test_a_number_is_read_from_what_people_write(written: str, share: bool, meant: str) -> None:
    assert fixes.number(written, share=share) == meant


@pytest.mark.parametrize(
    ("function", "written", "meant"),
    [
        (fixes.time_of_day, "9:00", '"09:00"'),
        (fixes.time_of_day, "18.30", '"18:30"'),
        (fixes.time_of_day, "25:00", ""),
        (fixes.currency, "руб", "RUB"),
        (fixes.currency, "usd", "USD"),
        (fixes.currency, "рубли", "RUB"),
        (fixes.duration, "14 days", "14d"),
        (fixes.duration, "2 недели 3 дня", "2w 3d"),
        (fixes.duration, "a month", "30d"),
        (fixes.duration, "1 год", "52w"),
        (fixes.duration, "soon", ""),
        (fixes.identifier, "First Contact", "first_contact"),
        (fixes.identifier, "Новый клиент", "novyj_klient"),
        (fixes.identifier, "2 этап", ""),
        (fixes.color, "серый", "grey"),
        (fixes.url, "www.example.ru/price", "https://www.example.ru/price"),
        (fixes.boolean, "да", "true"),
        (fixes.boolean, "Нет", "false"),
        (fixes.boolean, "maybe", ""),
        (fixes.quoted, 2026.11, '"2026.11"'),
    ],
)
def test_the_value_meant(function: object, written: object, meant: str) -> None:
    assert function(written) == meant  # type: ignore[operator]


@pytest.mark.parametrize(
    ("word", "twin", "en", "ru"),
    [
        ("ВZ", "BZ", "the first letter is Cyrillic", "первая буква — кириллица"),
        (
            "оffеr",
            "offer",
            "the first and fourth letters are Cyrillic",
            "первая и четвёртая буквы — кириллица",
        ),
        ("offer", None, "", ""),
    ],
)
def test_cyrillic_look_alikes_are_named_by_place(word: str, twin: str | None, en: str, ru: str) -> None:
    assert lookalikes.lookalike_of(word) == twin
    if twin:
        assert lookalikes.letters_words(word) == {"en": en, "ru": ru}


def test_a_cyrillic_letter_without_a_latin_twin_is_transliterated() -> None:
    assert lookalikes.lookalike_of("bиdget") is None
    assert lookalikes.is_mixed("bиdget")
    assert lookalikes.retyped("bиdget") == "bidget"
