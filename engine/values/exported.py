"""A stored card value as a spreadsheet cell the card's reader takes back (exports to 1C and
Excel): one function per kind, named by each field type's specification
(:mod:`engine.values.fieldtypes`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from engine.values.card import plain
from engine.values.saying import Saying

Cell = str | int | float | date | None

_WORDS = {"ru": ("да", "нет"), "en": ("yes", "no")}


def as_text(value: Any, ctx: Saying) -> Cell:
    return str(value)


def as_integer(value: Any, ctx: Saying) -> Cell:
    return int(value)


def as_number(value: Any, ctx: Saying) -> Cell:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return int(number) if number == number.to_integral_value() else float(number)


def as_percent(value: Any, ctx: Saying) -> Cell:
    """A fraction as people type a percentage: "0.305" → "30.5%"."""
    try:
        return f"{plain((Decimal(str(value)) * 100).normalize())}%"
    except InvalidOperation:
        return str(value)


def as_date(value: Any, ctx: Saying) -> Cell:
    return date.fromisoformat(str(value))


def as_flag(value: Any, ctx: Saying) -> Cell:
    return _WORDS.get(ctx.lang, _WORDS["en"])[0 if value else 1]


def as_label(value: Any, ctx: Saying) -> Cell:
    return ctx.label_of(str(value))
