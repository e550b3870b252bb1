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
from engine.values.card import BadValue, ValueProblem, parse_date, parse_number
from engine.values.fieldtypes import parse_value
from engine.values.formulas import unguarded

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
DAYS: dict[object, date] = {}
"""Dates as files write them, parsed once each (a file repeats a few hundred dates)."""


def text_of(cell: Any) -> str | None:
    """A cell as text: None when empty; integral floats without «.0»; neutralised formulas back."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return unguarded(str(cell).strip()) or None


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
    """A number as Russian files write it; raises BadValue. Plain numbers («1234,5», «-7»,
    «1e3») skip the full parser; both round the same decimal to the same float."""
    if type(cell) is str:
        text = cell.strip()
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            return float(parse_number(cell))
        if value - value == 0:  # finite: «inf» and «nan» go to the parser, which refuses them
            return value
        return float(parse_number(cell))
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    return float(parse_number(cell))


def day_of(cell: Any) -> date:
    """A date; raises BadValue (an empty cell too). Files repeat a few hundred dates: each is
    parsed once."""
    try:
        return DAYS[cell]
    except (KeyError, TypeError):
        pass
    if text_of(cell) is None:
        raise BadValue(ValueProblem.of("not_a_date", value=""))
    day = parse_date(cell.strip() if isinstance(cell, str) else cell)
    if isinstance(cell, str) and len(DAYS) < 100_000:
        DAYS[cell] = day
    return day


__all__ = ["BadValue", "day_of", "inn_of", "number_of", "text_of", "value_of", "was_number"]
