"""Card values: parsed from what people type (or 1C exports), validated, stored canonically.

Stored forms (JSON): text, phone (E.164), email, INN, url, enum id → string; integer → int;
decimal and money → a decimal string ("1234.50", exact); date → "YYYY-MM-DD"; datetime → ISO
8601 with offset; boolean → true/false. :func:`comparable` turns a stored value into what
conditions compare (float, date, datetime, bool, str).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as ru_inn

from engine.model.card import Field, FieldType

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"(₽|руб\.?|р\.|rub)$", re.IGNORECASE)
_TRUE = frozenset({"true", "да", "yes", "y", "д", "1", "истина", "+"})
_FALSE = frozenset({"false", "нет", "no", "n", "н", "0", "ложь", "-"})


@dataclass(frozen=True, slots=True)
class ValueProblem:
    """Why a value does not fit its field: a catalog code (``value.<code>``) and arguments."""

    code: str
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **args: object) -> ValueProblem:
        return cls(code, tuple((k, str(v)) for k, v in args.items()))


class BadValue(ValueError):
    """A value that does not fit; ``problem`` says why."""

    def __init__(self, problem: ValueProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


_Bad = BadValue


def parse_value(field: Field, raw: object, zone: tzinfo | None = None) -> tuple[Any, ValueProblem | None]:
    """(canonical value, None) or (None, the problem). Empty input clears the field."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    try:
        return _PARSERS[field.type](field, raw, zone or ZoneInfo("UTC")), None
    except _Bad as bad:
        return None, bad.problem


def parse_number(raw: object) -> Decimal:
    """A number as Russian spreadsheets write it: "1 234,50", "1234.5", "12 000 ₽"."""
    if isinstance(raw, bool):
        raise _Bad(ValueProblem.of("not_a_number", value=raw))
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = _CURRENCY.sub("", _SPACES.sub("", str(raw)).strip()).strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _Bad(ValueProblem.of("not_a_number", value=raw)) from None
    if not number.is_finite():
        raise _Bad(ValueProblem.of("not_a_number", value=raw))
    return number


def parse_date(raw: object) -> date:
    """A date: ISO "2026-11-23" or Russian "23.11.2026"; a datetime counts by its date."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _Bad(ValueProblem.of("not_a_date", value=raw))


def _text(field: Field, raw: object, zone: tzinfo) -> str:
    text = str(raw).strip()
    if field.max_length is not None and len(text) > field.max_length:
        raise _Bad(ValueProblem.of("too_long", limit=field.max_length, length=len(text)))
    return text


def _bounded(field: Field, number: Decimal) -> Decimal:
    if field.min is not None and number < Decimal(str(field.min)):
        raise _Bad(ValueProblem.of("below_min", value=number, limit=_plain(Decimal(str(field.min)))))
    if field.max is not None and number > Decimal(str(field.max)):
        raise _Bad(ValueProblem.of("above_max", value=number, limit=_plain(Decimal(str(field.max)))))
    return number


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")


def _integer(field: Field, raw: object, zone: tzinfo) -> int:
    number = _bounded(field, parse_number(raw))
    if number != number.to_integral_value():
        raise _Bad(ValueProblem.of("not_an_integer", value=raw))
    return int(number)


def _decimal(field: Field, raw: object, zone: tzinfo) -> str:
    return _plain(_bounded(field, parse_number(raw)))


def _date(field: Field, raw: object, zone: tzinfo) -> str:
    return parse_date(raw).isoformat()


def _datetime(field: Field, raw: object, zone: tzinfo) -> str:
    if isinstance(raw, datetime):
        moment = raw
    else:
        text = str(raw).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            try:
                moment = datetime.strptime(text, "%d.%m.%Y %H:%M")
            except ValueError:
                raise _Bad(ValueProblem.of("not_a_datetime", value=raw)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat(timespec="minutes")


def _boolean(field: Field, raw: object, zone: tzinfo) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _Bad(ValueProblem.of("not_a_boolean", value=raw))


def _enum(field: Field, raw: object, zone: tzinfo) -> str:
    word = str(raw).strip()
    for value in field.values:
        if word == value.id or word.lower() in {label.lower() for _, label in value.label.values}:
            return value.id
    raise _Bad(ValueProblem.of("not_in_values", value=word, allowed=", ".join(field.value_ids())))


def _phone(field: Field, raw: object, zone: tzinfo) -> str:
    try:
        number = phonenumbers.parse(str(raw), "RU")
    except phonenumbers.NumberParseException:
        raise _Bad(ValueProblem.of("bad_phone", value=raw)) from None
    if not phonenumbers.is_valid_number(number):
        raise _Bad(ValueProblem.of("bad_phone", value=raw))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(field: Field, raw: object, zone: tzinfo) -> str:
    try:
        return str(validate_email(str(raw).strip(), check_deliverability=False).normalized)
    except EmailNotValidError as err:
        raise _Bad(ValueProblem.of("bad_email", value=raw, detail=err)) from None


def _inn(field: Field, raw: object, zone: tzinfo) -> str:
    digits = _SPACES.sub("", str(raw))
    try:
        return str(ru_inn.validate(digits))
    except StdnumError:
        raise _Bad(ValueProblem.of("bad_inn", value=raw)) from None


def _url(field: Field, raw: object, zone: tzinfo) -> str:
    text = str(raw).strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
        raise _Bad(ValueProblem.of("bad_url", value=raw))
    return text


_PARSERS = {
    FieldType.TEXT: _text,
    FieldType.INTEGER: _integer,
    FieldType.DECIMAL: _decimal,
    FieldType.MONEY: _decimal,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.BOOLEAN: _boolean,
    FieldType.ENUM: _enum,
    FieldType.PHONE: _phone,
    FieldType.EMAIL: _email,
    FieldType.INN: _inn,
    FieldType.URL: _url,
}


def comparable(kind: FieldType, stored: Any) -> Any:
    """A stored value as conditions compare it."""
    if stored is None:
        return None
    try:
        if kind in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY):
            return float(stored)
        if kind is FieldType.DATE:
            return date.fromisoformat(stored)
        if kind is FieldType.DATETIME:
            return datetime.fromisoformat(stored)
    except (TypeError, ValueError):
        return None
    return stored
