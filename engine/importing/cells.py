"""Cells as files carry them, turned into what the import works with.

Spreadsheets hand numbers as floats: a code or an INN typed as a number (10001) comes as
10001.0 and is taken in its integer form, never «10001.0»; Excel drops leading zeros, which is
told as a warning, and a 9- or 11-digit INN that becomes valid with its zero back is read so.
A cell an export neutralised against formulas ('=…) loses the apostrophe again.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from engine.model.card import Field
from engine.values.card import BadValue, parse_date, parse_number, parse_value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_DATES: dict[object, date] = {}


def text_of(cell: Any) -> str | None:
    """A cell as text: None when empty; integral floats without «.0»; neutralised formulas back."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, bool):
        return "true" if cell else "false"
    text = str(cell).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text or None


def value_of(cell: Any) -> Any:
    """A cell for the card's parsers: typed cells kept (dates, numbers; integral floats as int),
    text as :func:`text_of` gives it, None when empty."""
    if isinstance(cell, str) or cell is None:
        return text_of(cell)
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def was_number(cell: Any) -> bool:
    """A spreadsheet kept this code as a number: leading zeros, if any, are gone."""
    return isinstance(cell, int | float) and not isinstance(cell, bool)


def inn_of(cell: Any, field: Field) -> tuple[str | None, str | None]:
    """(INN, problem code): the INN checked by the card's INN field, a lost leading zero put back."""
    text = text_of(cell)
    if text is None:
        return None, None
    value, trouble = parse_value(field, text)
    if trouble is None:
        return str(value), None
    digits = _SPACES.sub("", text)
    if was_number(cell) and digits.isdigit() and len(digits) in (9, 11):
        fixed, again = parse_value(field, "0" + digits)
        if again is None:
            return str(fixed), "import.inn_zero"
    return None, f"value.{trouble.code}"


def number_of(cell: Any) -> float:
    """A number as Russian files write it; raises BadValue. Plain numbers skip the full parser."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = str(cell).strip()
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    return float(parse_number(cell))


def day_of(cell: Any) -> date:
    """A date; raises BadValue. Files repeat a few hundred dates: each is parsed once."""
    try:
        return _DATES[cell]
    except (KeyError, TypeError):
        pass
    day = parse_date(cell)
    if isinstance(cell, str) and len(_DATES) < 100_000:
        _DATES[cell] = day
    return day


__all__ = ["BadValue", "day_of", "inn_of", "number_of", "text_of", "value_of", "was_number"]
