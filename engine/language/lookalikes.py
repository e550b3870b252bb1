"""Cyrillic letters where Latin ones belong: ids, keys and codes typed on the wrong layout.

A head switching keyboard layouts writes ``ВZ`` for the cell ``BZ`` or ``оffer`` for the stage
``offer``: the words look the same and differ in bytes. Here such a word is told apart, its
Cyrillic letters named by their place, and the Latin word it was meant to be is spelt out.
"""

from __future__ import annotations

import re

from engine import i18n

_LOOKALIKE = str.maketrans("АВЕКМНОРСТХУаеорсухіјѕІЈЅԁԛԝ", "ABEKMHOPCTXYaeopcyxijsIJSdqw")
_TRANSLIT = {
    **dict(zip("абвгдезийклмнопрстуфхцы", "abvgdezijklmnoprstufhcy", strict=True)),
    "ё": "e",
    "ж": "zh",
    "ч": "ch",
    "ш": "sh",
    "щ": "sch",
    "ъ": "",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
}
_CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
_LATIN = re.compile(r"[A-Za-z]")


def cyrillic_places(text: str) -> list[int]:
    """1-based places of the Cyrillic letters of ``text``."""
    return [i + 1 for i, char in enumerate(text) if _CYRILLIC.match(char)]


def is_mixed(text: str) -> bool:
    """Latin and Cyrillic letters in one word: a layout slip, not a Russian word."""
    return bool(_CYRILLIC.search(text)) and bool(_LATIN.search(text))


def latin(text: str) -> str:
    """The word with every Cyrillic look-alike letter replaced by its Latin twin."""
    return text.translate(_LOOKALIKE)


def lookalike_of(text: str) -> str | None:
    """The all-Latin word ``text`` looks like, if Cyrillic look-alikes are all that is wrong."""
    if not _CYRILLIC.search(text):
        return None
    twin = latin(text)
    return None if _CYRILLIC.search(twin) else twin


def transliterate(text: str) -> str:
    """An id for a name: «Новый клиент» → ``novyj_klient`` (lower case, Russian letters
    transliterated, other runs of characters as ``_``); empty if it would not start with a letter."""
    spelt = "".join(_TRANSLIT.get(char, char) for char in text.lower())
    slug = re.sub(r"[^a-z0-9]+", "_", spelt).strip("_")
    return slug if slug[:1].isalpha() else ""


def retyped(text: str) -> str:
    """A mixed word in Latin: look-alikes replaced, other Cyrillic letters transliterated."""
    return transliterate(latin(text))


def letters_words(text: str) -> dict[str, str]:
    """ "the first letter is Cyrillic" in every language, as a message argument."""
    places = cyrillic_places(text)
    return {lang: _letters(places, lang) for lang in i18n.LANGUAGES}


def _letters(places: list[int], lang: str) -> str:
    names = [_ordinal(p, lang) for p in places[:5]]
    if len(places) > 5:
        names.append(i18n.tr("lookalike.more", lang, n=len(places) - 5))
    if len(places) == 1:
        return i18n.tr("lookalike.one", lang, ordinal=names[0])
    return i18n.tr("lookalike.many", lang, ordinals=i18n.join_words(names, lang))


def _ordinal(place: int, lang: str) -> str:
    key = f"lookalike.ordinal.{place}"
    return i18n.tr(key, lang) if i18n.has(key, lang) else i18n.tr("lookalike.ordinal.n", lang, n=place)
