"""Card field types, one specification each: how what people type is read, the stored form and
its limits, the family conditions and columns treat it as, its schema, its words and a demo value.

Every layer reads these specifications (parsing, conditions, the queue's columns, the checker,
the guides, the demo, the API's schema); ``tests/values/test_fieldtypes.py`` fails when a type
lacks a part. Adding a type is a :class:`FieldType` member, one entry here, its words in the
locale files and its name in ``card.schema.json``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from stdnum.ru import inn as ru_inn

from engine.model.card import Field, FieldType
from engine.values import card as read
from engine.values.card import BadValue, ValueProblem
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
    stored: str = field(default="")
    """The stored form, said for the API's schema."""


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
    longer than four times the type's limit is refused before it is read at all."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    spec = FIELD_TYPES[field.type]
    try:
        if isinstance(raw, str) and len(raw) > 4 * (spec.limits.max_length or 1000):
            raise BadValue(ValueProblem.of("too_long", limit=spec.limits.max_length or 1000, length=len(raw)))
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


def phone(rng: random.Random) -> str:
    return f"+79{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"


def inn(rng: random.Random) -> str:
    base = f"{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"
    return base + str(ru_inn.calc_company_check_digit(base))


def _demo_number(field: Field, rng: random.Random, today: date) -> Any:
    low = field.min if field.min is not None else 0
    high = field.max if field.max is not None else 1000
    return max(int(low), rng.randint(int(low), int(min(high, low + 100))))


def _demo_day(field: Field, rng: random.Random, today: date) -> str:
    return (today - timedelta(days=rng.randint(0, 5))).isoformat()


def _demo_text(field: Field, rng: random.Random, today: date) -> str:
    return "Демо"[: field.max_length] if field.max_length else "Демо"


_TEXT = Limits(max_length=10_000)
_NUMBER = Limits(-BIG, BIG)
_STR = {"type": "string"}
_NUM = {"type": ["number", "string"]}


def _spec(kind: FieldType, family: Family, reader: Reader, limits: Limits, **parts: Any) -> FieldTypeSpec:
    return FieldTypeSpec(kind, family, reader, limits, **parts)


FIELD_TYPES: dict[FieldType, FieldTypeSpec] = {
    s.type: s
    for s in (
        _spec(
            FieldType.TEXT,
            Family.TEXT,
            read.read_text,
            _TEXT,
            schema=_STR,
            say=say_text,
            demo=_demo_text,
            stored="text",
        ),
        _spec(
            FieldType.INTEGER,
            Family.NUMBER,
            read.read_integer,
            _NUMBER,
            schema=_NUM,
            say=say_number,
            demo=_demo_number,
            stored="integer",
        ),
        _spec(
            FieldType.DECIMAL,
            Family.NUMBER,
            read.read_decimal,
            _NUMBER,
            schema=_NUM,
            say=say_number,
            demo=_demo_number,
            stored='decimal string, "1234.5"',
        ),
        _spec(
            FieldType.MONEY,
            Family.NUMBER,
            read.read_decimal,
            _NUMBER,
            schema=_NUM,
            say=say_money,
            demo=lambda f, rng, today: str(round(rng.lognormvariate(12.2, 0.9), -3) or 1000),
            stored='decimal string in the regulation\'s currency, "450000"',
        ),
        _spec(
            FieldType.PERCENT,
            Family.NUMBER,
            read.read_percent,
            Limits(-BIG, BIG),
            schema=_NUM,
            say=say_percent,
            demo=lambda f, rng, today: f"{rng.choice([0, 3, 5, 7, 10, 12, 15])}%",
            stored='a fraction as a decimal string: 30 % is "0.3" (typed as 30, "30%" or "30,5 %")',
        ),
        _spec(
            FieldType.DATE,
            Family.DATE,
            read.read_date,
            Limits(max_length=10),
            schema=_STR,
            say=say_date,
            demo=_demo_day,
            stored='"YYYY-MM-DD"',
        ),
        _spec(
            FieldType.DATETIME,
            Family.DATETIME,
            read.read_datetime,
            Limits(max_length=40),
            schema=_STR,
            say=say_datetime,
            demo=_demo_day,
            stored="ISO 8601 with offset",
        ),
        _spec(
            FieldType.BOOLEAN,
            Family.BOOLEAN,
            read.read_boolean,
            Limits(),
            schema={"type": "boolean"},
            say=say_flag,
            demo=lambda f, rng, today: rng.random() < 0.5,
            stored="true / false",
        ),
        _spec(
            FieldType.ENUM,
            Family.ENUM,
            read.read_enum,
            Limits(max_length=100),
            schema=_STR,
            say=say_label,
            demo=lambda f, rng, today: rng.choice(f.value_ids()) if f.values else None,
            stored="the value's id",
        ),
        _spec(
            FieldType.PHONE,
            Family.TEXT,
            read.read_phone,
            Limits(max_length=20),
            schema=_STR,
            say=say_text,
            demo=lambda f, rng, today: phone(rng),
            stored="E.164, +79123456789",
        ),
        _spec(
            FieldType.EMAIL,
            Family.TEXT,
            read.read_email,
            Limits(max_length=320),
            schema=_STR,
            say=say_text,
            demo=lambda f, rng, today: f"zakupki{rng.randint(1, 99)}@example.ru",
            stored="e-mail address",
        ),
        _spec(
            FieldType.INN,
            Family.TEXT,
            read.read_inn,
            Limits(max_length=12),
            schema=_STR,
            say=say_text,
            demo=lambda f, rng, today: inn(rng),
            stored="10 or 12 digits",
        ),
        _spec(
            FieldType.URL,
            Family.TEXT,
            read.read_url,
            Limits(max_length=2000),
            schema=_STR,
            say=say_text,
            demo=lambda f, rng, today: f"https://example-{rng.randint(100, 999)}.ru",
            stored="http(s) URL",
        ),
    )
}

NUMERIC = frozenset(t for t, s in FIELD_TYPES.items() if s.family is Family.NUMBER)
TEMPORAL = frozenset(t for t, s in FIELD_TYPES.items() if s.family in (Family.DATE, Family.DATETIME))
TEXTUAL = frozenset(t for t, s in FIELD_TYPES.items() if s.family is Family.TEXT)


def card_value_description() -> str:
    """Each type's stored form and limits, for the API's card value schema."""
    return "; ".join(f"{t.value}: {s.stored}, {s.limits.describe()}" for t, s in FIELD_TYPES.items())
