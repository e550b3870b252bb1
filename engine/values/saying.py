"""Stored card values in words, in the reader's language: one function per kind of value, used by
each field type's specification (:mod:`engine.values.fieldtypes`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from engine import i18n

# Babel is imported by each function that says a number, an amount or a date: reading a
# regulation and running its scenarios says none (#18).


class Saying(Protocol):
    """What saying a value needs beyond the value: the language, the currency, enum labels."""

    @property
    def lang(self) -> str: ...

    @property
    def currency(self) -> str: ...

    def label_of(self, value: str) -> str: ...


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def say_text(value: Any, ctx: Saying) -> str:
    return i18n.tr("words.quote", ctx.lang, text=str(value))


def say_number(value: Any, ctx: Saying) -> str:
    from babel.numbers import format_decimal

    amount = _decimal(value)
    return str(value) if amount is None else format_decimal(amount, locale=ctx.lang)


def _whole_pattern(lang: str) -> str:
    """The locale's currency pattern without the kopecks: «450 000 ₽», "RUB 450,000"."""
    from babel import Locale

    pattern: str = Locale.parse(lang).currency_formats["standard"].pattern
    return pattern.replace(".00", "").replace(",00", "")


def say_money(value: Any, ctx: Saying) -> str:
    amount = _decimal(value)
    return str(value) if amount is None else money(amount, ctx.currency, ctx.lang)


def money(amount: Decimal | float, currency: str, lang: str) -> str:
    """An amount as the reader writes money: «6 000 000 ₽», "RUB 6,000,000", kopecks only when
    there are some (Babel, CLDR's currency spacing)."""
    from babel.numbers import format_currency

    amount = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    pattern = None if amount != amount.to_integral_value() else _whole_pattern(lang)
    said = format_currency(
        amount, currency, format=pattern, locale=lang, currency_digits=False, decimal_quantization=False
    )
    return _currency_spaced(said, currency, lang)


def _currency_spaced(said: str, currency: str, lang: str) -> str:
    """A currency written in letters stands apart from the digits, as CLDR's currency spacing
    says (Babel leaves it out): "RUB 2,500,000", not "RUB2,500,000" (#14)."""
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(currency, locale=lang)
    if symbol.isalpha() and said.startswith(symbol) and said[len(symbol) : len(symbol) + 1].isdigit():
        return f"{symbol}\xa0{said[len(symbol) :]}"
    return said


def say_percent(value: Any, ctx: Saying) -> str:
    """A stored fraction as a percentage: «30 %», "30%", «30,5 %»."""
    from babel.numbers import format_percent

    amount = _decimal(value)
    if amount is None:
        return str(value)
    return format_percent(amount, locale=ctx.lang, decimal_quantization=False)


def say_date(value: Any, ctx: Saying) -> str:
    from babel.dates import format_date

    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return str(value)
    return format_date(value, format="long", locale=ctx.lang) if isinstance(value, date) else str(value)


def say_datetime(value: Any, ctx: Saying) -> str:
    from babel.dates import format_datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        return format_datetime(value, format="medium", locale=ctx.lang)
    return say_date(value, ctx)


def say_flag(value: Any, ctx: Saying) -> str:
    return i18n.tr("words.yes" if value in (True, "true") else "words.no", ctx.lang)


def say_label(value: Any, ctx: Saying) -> str:
    """A choice said as a value, in quotes: «Мелкий» (:func:`engine.i18n.unquote` takes them off
    where the value stands alone)."""
    return i18n.tr("words.quote", ctx.lang, text=ctx.label_of(str(value)))
