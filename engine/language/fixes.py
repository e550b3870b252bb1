"""What to write instead: the value a person most likely meant, for hints that name the fix.

Each function takes the wrong value as written and returns the corrected text, or ``""`` when
it cannot tell. ``30%`` where a share is expected is ``0.3``; ``100 000 руб`` where a number is
expected is ``100000``; ``9:00`` where a time is expected is ``"09:00"``.
"""

from __future__ import annotations

import re
from typing import Any

from engine.language.diagnostics import Words
from engine.language.lookalikes import transliterate
from engine.values.fieldtypes import NUMERIC, TEXTUAL

_CURRENCY_WORDS = re.compile(
    r"(?i)\s*(?:руб(?:л[а-я]*)?\.?|р\.?(?![а-я])|₽|rub|rur|usd|eur|\$|€|долл[а-я]*\.?|евро)\s*"
)
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d+)?$")
_PERCENT = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.hч]\s*(\d{2})\s*$")
_CURRENCIES = {
    "руб": "RUB",
    "рубль": "RUB",
    "рубли": "RUB",
    "рублей": "RUB",
    "р": "RUB",
    "₽": "RUB",
    "rur": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "$": "USD",
    "доллар": "USD",
    "доллары": "USD",
    "€": "EUR",
    "евро": "EUR",
    "тенге": "KZT",
    "₸": "KZT",
    "грн": "UAH",
    "гривна": "UAH",
    "₴": "UAH",
    "юань": "CNY",
    "¥": "CNY",
}
_COLORS = {
    "gray": "grey",
    "красный": "red",
    "оранжевый": "orange",
    "жёлтый": "yellow",
    "желтый": "yellow",
    "зелёный": "green",
    "зеленый": "green",
    "синий": "blue",
    "голубой": "blue",
    "фиолетовый": "purple",
    "серый": "grey",
    "violet": "purple",
}


def number(value: object, share: bool = False) -> str:
    """``"30%"`` → ``0.3`` for a share (``30`` otherwise); ``"0,3"`` → ``0.3``;
    ``"1 000 000"`` → ``1000000``; ``"100000 руб"`` → ``100000``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _plain(value / 100) if share and 1 < abs(value) <= 100 else ""
    if not isinstance(value, str):
        return ""
    percent = _PERCENT.match(value)
    if percent:
        amount = float(percent.group(1).replace(",", "."))
        return _plain(amount / 100 if share else amount)
    text = _CURRENCY_WORDS.sub(" ", value).strip()
    if _GROUPED.match(text):
        text = re.sub(r"[ \u00a0\u202f']", "", text)
    text = text.replace(",", ".") if text.count(",") == 1 else text
    try:
        amount = float(text)
    except ValueError:
        return ""
    if share and 1 < amount <= 100:
        amount /= 100
    return _plain(amount)


def _plain(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:.6g}"


_UNIT_WORDS = (  # (unit, how many of it, the words people write)
    ("w", 52, r"y|yrs?|years?|год[а-я]*|лет"),
    ("d", 30, r"mo|months?|мес[а-я]*"),
    ("w", 1, r"w|wk|weeks?|нед[а-я]*"),
    ("d", 1, r"d|days?|дн[а-я]*|день|сут[а-я]*"),
    ("h", 1, r"h|hrs?|hours?|ч|час[а-я]*"),
    ("m", 1, r"m|min|mins|minutes?|мин[а-я]*"),
)
_DURATION_PART = re.compile(r"(\d{1,6})?\s*([^\d\s,.;]+)\.?")


def duration(value: object) -> str:
    """``14 days`` → ``14d``; ``2 недели 3 дня`` → ``2w 3d``; ``"3"`` → ``3d``."""
    if not isinstance(value, str):
        return ""
    if value.strip().isdigit():
        return value.strip() + "d"
    parts = []
    for count, word in _DURATION_PART.findall(value.lower()):
        if word in ("a", "an", "one", "один", "одна", "одну"):
            continue
        unit = next(((u, n) for u, n, words in _UNIT_WORDS if re.fullmatch(words, word)), None)
        if unit is None:
            return ""
        parts.append(f"{int(count or 1) * unit[1]}{unit[0]}")
    return " ".join(parts)


def time_of_day(value: object) -> str:
    """``9:00`` / ``9.00`` / ``9ч00`` → ``"09:00"`` (in quotes, as it must be written)."""
    m = _TIME.match(value) if isinstance(value, str) else None
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return ""
    return f'"{int(m.group(1)):02d}:{m.group(2)}"'


def currency(value: object) -> str:
    """``руб`` → ``RUB``, ``usd`` → ``USD``."""
    if not isinstance(value, str):
        return ""
    word = value.strip().strip(".").lower()
    if word in _CURRENCIES:
        return _CURRENCIES[word]
    return word.upper() if re.fullmatch(r"[a-z]{3}", word) else ""


def color(value: object) -> str:
    return _COLORS.get(value.strip().lower(), "") if isinstance(value, str) else ""


def url(value: object) -> str:
    """``www.site.ru`` → ``https://www.site.ru``."""
    if isinstance(value, str) and re.fullmatch(r"[\w.-]+\.[a-zа-я]{2,}(?:/\S*)?", value.strip()):
        return "https://" + value.strip()
    return ""


def identifier(value: object) -> str:
    """``First Contact`` → ``first_contact``; ``Новый`` → ``novyj``."""
    return transliterate(value) if isinstance(value, str) else ""


def boolean(value: object) -> str:
    """``да`` / ``yes`` → ``true``; ``нет`` / ``no`` → ``false``."""
    word = str(value).strip().lower()
    if word in ("да", "yes", "y", "on", "1", "истина", "правда"):
        return "true"
    if word in ("нет", "no", "n", "off", "0", "ложь"):
        return "false"
    return ""


def quoted(value: object) -> str:
    """A number or a boolean where a text is expected: the same written in quotes."""
    if isinstance(value, bool):
        return f'"{str(value).lower()}"'
    return f'"{value}"' if isinstance(value, int | float) else ""


_NUMERIC = frozenset(t.value for t in NUMERIC)
_TEXTUAL = frozenset(t.value for t in TEXTUAL)
SHARES = frozenset({"probability"})
"""Facts that are a fraction of 1, where ``30%`` means ``0.3`` (as in every percent field)."""
_RUSSIAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def for_field(field_type: str, value: object, field: str) -> dict[str, Any]:
    """Hint arguments for a value compared with a field of another type: the variant, the
    value to write instead, and an example of the field's type."""
    example = f"field_example.{field_type}"
    suggestion, variant = "", "hint"
    if field_type in _NUMERIC:
        share = field in SHARES or field_type == "percent"
        suggestion = number(value, share=share)
        variant = "share" if share and ("%" in str(value) or not isinstance(value, str)) else "number"
    elif field_type == "boolean":
        suggestion, variant = boolean(value), "boolean"
    elif field_type in ("date", "datetime"):
        m = _RUSSIAN_DATE.match(value) if isinstance(value, str) else None
        suggestion = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else ""
        variant = "date"
    elif field_type in _TEXTUAL:
        suggestion, variant = quoted(value), "quote"
    return {"hint": variant if suggestion else "hint", "suggestion": suggestion, "example": _words(example)}


def _words(key: str) -> Words:
    return Words((key,))
