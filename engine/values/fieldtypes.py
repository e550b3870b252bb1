"""Card field types, one specification each: how what people type is read, the stored form and
its limits, the family conditions and columns treat it as, its schema, its words, a demo value
and its cell in exports.

Every layer reads these specifications (parsing, conditions, the queue's columns, the checker,
the guides, the demo, the API's schema); ``tests/values/test_fieldtypes.py`` fails when a type
lacks a part. Adding a type is a :class:`FieldType` member, one entry here, its words in the
locale files and its name in ``card.schema.json``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from engine.model.card import Field, FieldType
from engine.values import card as read
from engine.values import exported as out
from engine.values import samples as demo
from engine.values.card import BadValue, ValueProblem
from engine.values.exported import Cell
from engine.values.saying import (
    Saying,
    say_date,
    say_datetime,
    say_flag,
    say_label,
    say_money,
    say_number,
    say_percent,
    say_text,
)


class Family(StrEnum):
    """How conditions, columns and sorting treat a type's values."""

    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    ENUM = "enum"
    TEXT = "text"


class Reader(Protocol):
    def __call__(self, field: Field, raw: object, zone: tzinfo, /) -> Any: ...


BIG = Decimal(10) ** 15
"""The range of every number a card holds (and the API's JSON numbers): ±10^15."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What a stored value of the type may be, whatever the field's own min / max say."""

    low: Decimal | None = None
    high: Decimal | None = None
    max_length: int | None = None

    def describe(self) -> str:
        if self.max_length is not None:
            return f"at most {self.max_length} characters"
        return f"from {self.low:g} to {self.high:g}" if self.high is not None else "no limit"


@dataclass(frozen=True, slots=True)
class FieldTypeSpec:
    type: FieldType
    family: Family
    read: Reader
    """What people type → the canonical stored form (raises :class:`BadValue`)."""
    limits: Limits
    schema: Mapping[str, Any]
    """The JSON schema of what a caller sends for the type (the API's card values)."""
    say: Callable[[Any, Saying], str]
    """A stored value in words, in the reader's language."""
    demo: Callable[[Field, random.Random, date], Any]
    """A plausible typed value for the demo base (as a person would type it)."""
    stored: str
    """The stored form, said for the API's schema."""
    cell: Callable[[Any, Saying], Cell]
    """A stored value as a spreadsheet cell the reader takes back (exports)."""


def _within(spec: FieldTypeSpec, value: Any) -> Any:
    limits = spec.limits
    if limits.max_length is not None and isinstance(value, str) and len(value) > limits.max_length:
        raise BadValue(ValueProblem.of("too_long", limit=limits.max_length, length=len(value)))
    if limits.high is not None and not isinstance(value, bool):
        number, shown = Decimal(str(value)), read.plain(Decimal(str(value)))
        if limits.low is not None and number < limits.low:
            raise BadValue(ValueProblem.of("below_min", value=shown, limit=read.plain(limits.low)))
        if number > limits.high:
            raise BadValue(ValueProblem.of("above_max", value=shown, limit=read.plain(limits.high)))
    return value


def parse_value(field: Field, raw: object, zone: tzinfo | None = None) -> tuple[Any, ValueProblem | None]:
    """(canonical value, None) or (None, the problem). Empty input clears the field; a text
    longer than four times its type's longest is refused before it is read at all (numbers are
    bounded by :func:`engine.values.card.parse_number`)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    spec = FIELD_TYPES[field.type]
    try:
        longest = spec.limits.max_length
        if longest is not None and isinstance(raw, str) and len(raw) > 4 * longest:
            raise BadValue(ValueProblem.of("too_long", limit=longest, length=len(raw)))
        return _within(spec, spec.read(field, raw, zone or ZoneInfo("UTC"))), None
    except BadValue as bad:
        return None, bad.problem


def comparable(kind: FieldType, stored: Any) -> Any:
    """A stored value as conditions compare it (float, date, datetime, bool, str)."""
    if stored is None:
        return None
    family = FIELD_TYPES[kind].family
    try:
        if family is Family.NUMBER:
            return float(stored)
        if family is Family.DATE:
            return date.fromisoformat(stored)
        if family is Family.DATETIME:
            return datetime.fromisoformat(stored)
    except (TypeError, ValueError):
        return None
    return stored


_TEXT = Limits(max_length=10_000)
_NUMBER = Limits(-BIG, BIG)
_STR = {"type": "string"}
_NUM = {"type": ["number", "string"]}
_FLAG = {"type": "boolean"}
_T, _N, _D, _M = Family.TEXT, Family.NUMBER, Family.DATE, Family.DATETIME
_PERCENT_STORED = 'a fraction as a decimal string: 30 % is "0.3" (typed as 30, "30%" or "30,5 %")'

FIELD_TYPES: dict[FieldType, FieldTypeSpec] = {
    s.type: s
    for s in (
        FieldTypeSpec(FieldType.TEXT, _T, read.read_text, _TEXT, _STR, say_text, demo.text, "text",
                      out.as_text),
        FieldTypeSpec(FieldType.INTEGER, _N, read.read_integer, _NUMBER, _NUM, say_number, demo.number,
                      "integer", out.as_integer),
        FieldTypeSpec(FieldType.DECIMAL, _N, read.read_decimal, _NUMBER, _NUM, say_number, demo.number,
                      'decimal string, "1234.5"', out.as_number),
        FieldTypeSpec(FieldType.MONEY, _N, read.read_decimal, _NUMBER, _NUM, say_money, demo.money,
                      "decimal string in the regulation's currency, \"450000\"", out.as_number),
        FieldTypeSpec(FieldType.PERCENT, _N, read.read_percent, _NUMBER, _NUM, say_percent, demo.percent,
                      _PERCENT_STORED, out.as_percent),
        FieldTypeSpec(FieldType.DATE, _D, read.read_date, Limits(max_length=10), _STR, say_date, demo.day,
                      '"YYYY-MM-DD"', out.as_date),
        FieldTypeSpec(FieldType.DATETIME, _M, read.read_datetime, Limits(max_length=40), _STR, say_datetime,
                      demo.day, "ISO 8601 with offset", out.as_text),
        FieldTypeSpec(FieldType.BOOLEAN, Family.BOOLEAN, read.read_boolean, Limits(), _FLAG, say_flag,
                      demo.flag, "true / false", out.as_flag),
        FieldTypeSpec(FieldType.ENUM, Family.ENUM, read.read_enum, Limits(max_length=100), _STR, say_label,
                      demo.choice, "the value's id", out.as_label),
        FieldTypeSpec(FieldType.PHONE, _T, read.read_phone, Limits(max_length=20), _STR, say_text,
                      demo.phone_of, "E.164, +79123456789", out.as_text),
        FieldTypeSpec(FieldType.EMAIL, _T, read.read_email, Limits(max_length=320), _STR, say_text,
                      demo.email, "e-mail address", out.as_text),
        FieldTypeSpec(FieldType.INN, _T, read.read_inn, Limits(max_length=12), _STR, say_text, demo.inn_of,
                      "10 or 12 digits", out.as_text),
        FieldTypeSpec(FieldType.URL, _T, read.read_url, Limits(max_length=2000), _STR, say_text, demo.url,
                      "http(s) URL", out.as_text),
    )
}  # fmt: skip

NUMERIC = frozenset(t for t, s in FIELD_TYPES.items() if s.family is Family.NUMBER)
TEMPORAL = frozenset(t for t, s in FIELD_TYPES.items() if s.family in (Family.DATE, Family.DATETIME))
TEXTUAL = frozenset(t for t, s in FIELD_TYPES.items() if s.family is Family.TEXT)


def card_value_description() -> str:
    """Each type's stored form and limits, for the API's card value schema."""
    return "; ".join(f"{t.value}: {s.stored}, {s.limits.describe()}" for t, s in FIELD_TYPES.items())
