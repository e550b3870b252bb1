"""Card values: the parsers of what people type (or 1C exports) into canonical stored forms.

Which parser a field type uses, its stored form, limits and words are its specification in
:mod:`engine.values.fieldtypes`; the parsers here receive the type's limits from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the model is loaded by whoever has a field to read for
    from engine.model.card import Field

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"(₽|руб\.?|р\.|rub)$", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?")
MAX_NUMBER_TEXT = 40
"""The longest number written as text that is read at all (digits, sign, point, exponent)."""
MAX_EXPONENT = 30
"""Numbers beyond 10^±30 are refused before any arithmetic: no card holds them, and
``Decimal`` would otherwise expand "1e999999" into a million digits."""
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


def parse_number(raw: object) -> Decimal:
    """A number as Russian spreadsheets write it: "1 234,50", "1234.5", "12 000 ₽"."""
    if isinstance(raw, bool):
        raise _Bad(ValueProblem.of("not_a_number", value=raw))
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw)) if not isinstance(raw, int) or abs(raw) < 10**MAX_EXPONENT else None
        if number is None or not number.is_finite() or abs(number.adjusted()) > MAX_EXPONENT:
            raise _Bad(ValueProblem.of("not_a_number", value=_shown(raw)))
        return number
    text = _CURRENCY.sub("", _SPACES.sub("", str(raw)[: MAX_NUMBER_TEXT * 4]).strip()).strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if len(text) > MAX_NUMBER_TEXT or not _NUMBER.fullmatch(text):
        raise _Bad(ValueProblem.of("not_a_number", value=_shown(raw)))
    number = Decimal(text)
    if abs(number.adjusted()) > MAX_EXPONENT:
        raise _Bad(ValueProblem.of("not_a_number", value=_shown(raw)))
    return number


def _shown(raw: object) -> str:
    """A value as a message quotes it: long input cut, so a problem never echoes megabytes."""
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "…"


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


def read_text(field: Field, raw: object, zone: tzinfo) -> str:
    text = str(raw).strip()
    if field.max_length is not None and len(text) > field.max_length:
        raise _Bad(ValueProblem.of("too_long", limit=field.max_length, length=len(text)))
    return text


def _bounded(field: Field, number: Decimal) -> Decimal:
    if field.min is not None and number < Decimal(str(field.min)):
        raise _Bad(ValueProblem.of("below_min", value=number, limit=plain(Decimal(str(field.min)))))
    if field.max is not None and number > Decimal(str(field.max)):
        raise _Bad(ValueProblem.of("above_max", value=number, limit=plain(Decimal(str(field.max)))))
    return number


def plain(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")


def read_integer(field: Field, raw: object, zone: tzinfo) -> int:
    number = _bounded(field, parse_number(raw))
    if number != number.to_integral_value():
        raise _Bad(ValueProblem.of("not_an_integer", value=raw))
    return int(number)


def read_decimal(field: Field, raw: object, zone: tzinfo) -> str:
    return plain(_bounded(field, parse_number(raw)))


def read_date(field: Field, raw: object, zone: tzinfo) -> str:
    return parse_date(raw).isoformat()


def read_datetime(field: Field, raw: object, zone: tzinfo) -> str:
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


def read_boolean(field: Field, raw: object, zone: tzinfo) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise _Bad(ValueProblem.of("not_a_boolean", value=raw))


def read_enum(field: Field, raw: object, zone: tzinfo) -> str:
    word = str(raw).strip()
    for value in field.values:
        if word == value.id or word.lower() in {label.lower() for _, label in value.label.values}:
            return value.id
    raise _Bad(ValueProblem.of("not_in_values", value=word, allowed=", ".join(field.value_ids())))


def read_phone(field: Field, raw: object, zone: tzinfo) -> str:
    import phonenumbers  # here: a command that reads no phone does not load it (#18)

    try:
        number = phonenumbers.parse(str(raw), "RU")
    except phonenumbers.NumberParseException:
        raise _Bad(ValueProblem.of("bad_phone", value=raw)) from None
    if not phonenumbers.is_valid_number(number):
        raise _Bad(ValueProblem.of("bad_phone", value=raw))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def read_email(field: Field, raw: object, zone: tzinfo) -> str:
    from email_validator import EmailNotValidError, validate_email  # only when an e-mail is read

    try:
        return str(validate_email(str(raw).strip(), check_deliverability=False).normalized)
    except EmailNotValidError as err:
        raise _Bad(ValueProblem.of("bad_email", value=raw, detail=err)) from None


def read_inn(field: Field, raw: object, zone: tzinfo) -> str:
    from stdnum.exceptions import ValidationError as StdnumError  # only when an INN is read
    from stdnum.ru import inn as ru_inn

    digits = _SPACES.sub("", str(raw))
    try:
        return str(ru_inn.validate(digits))
    except StdnumError:
        raise _Bad(ValueProblem.of("bad_inn", value=raw)) from None


def read_url(field: Field, raw: object, zone: tzinfo) -> str:
    text = str(raw).strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
        raise _Bad(ValueProblem.of("bad_url", value=raw))
    return text


def read_percent(field: Field, raw: object, zone: tzinfo) -> str:
    """A percentage as people type it (30, "30%", "30,5 %") stored as a fraction: "0.3"."""
    text = str(raw).strip().removesuffix("%").strip() if isinstance(raw, str) else raw
    return plain(_bounded(field, parse_number(text) / 100))
