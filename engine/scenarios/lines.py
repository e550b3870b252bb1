"""What a scenario gives beyond the client: sales lines (for its cell) and a contact (for
``when: contact``), each mistake at its place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine.scenarios.model import OWN, Contact, SaleLine
from engine.values.card import BadValue, parse_number
from engine.values.client import NextStep
from engine.values.when import NotAWhen, parse_day

SALE_KEYS = frozenset({"date", "amount", "margin", "quantity", "client"})
CONTACT_KEYS = frozenset({"kind", "result", "next_step", "reason"})


class Bad(Exception):
    """A scenario that cannot be read: the place (a JSON pointer), the code and its arguments."""

    def __init__(self, pointer: str, code: str, **args: object) -> None:
        super().__init__(code)
        self.pointer, self.code, self.args_ = pointer, code, args


def sales(value: Any, pointer: str, today: date) -> tuple[SaleLine, ...]:
    """``sales:`` — a list of ``{date, amount, margin?, quantity?, client?}``; a line without
    ``client`` is the scenario's own client's."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Bad(pointer, "scenario.bad_sales")
    return tuple(_sale(line, f"{pointer}/{i}", today) for i, line in enumerate(value))


def _sale(line: Any, pointer: str, today: date) -> SaleLine:
    if not isinstance(line, dict) or "date" not in line or "amount" not in line:
        raise Bad(pointer, "scenario.bad_sales")
    for key in line:
        if key not in SALE_KEYS:
            raise Bad(f"{pointer}/{key}", "scenario.unknown_key", key=key, known=", ".join(sorted(SALE_KEYS)))
    try:
        day = parse_day(str(line["date"]), today)
    except (NotAWhen, OverflowError):
        raise Bad(f"{pointer}/date", "scenario.bad_moment", given=line["date"]) from None
    amount = _number(line["amount"], f"{pointer}/amount")
    client = line.get("client")
    return SaleLine(
        client=OWN if client is None else f"{client}",
        day=day,
        amount=amount,
        margin=_number(line.get("margin", 0), f"{pointer}/margin"),
        quantity=_number(line.get("quantity", 1), f"{pointer}/quantity"),
    )


def _number(raw: Any, pointer: str) -> float:
    try:
        return float(parse_number(raw))
    except BadValue:
        raise Bad(pointer, "scenario.bad_number", given=raw) from None


def contact(
    value: Any, pointer: str, at: datetime, step: Callable[[Any, str, datetime], NextStep | None]
) -> Contact:
    """``when: {contact: {kind, result, next_step?, reason?}}``."""
    if not isinstance(value, dict) or not isinstance(value.get("result"), str):
        raise Bad(pointer, "scenario.bad_contact")
    for key in value:
        if key not in CONTACT_KEYS:
            raise Bad(
                f"{pointer}/{key}", "scenario.unknown_key", key=key, known=", ".join(sorted(CONTACT_KEYS))
            )
    reason = value.get("reason")
    return Contact(
        kind=str(value.get("kind") or "call"),
        result=value["result"],
        next_step=step(value.get("next_step"), f"{pointer}/next_step", at),
        reason=None if reason is None else str(reason),
    )


def zone_of(value: Any, pointer: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise Bad(pointer, "scenario.bad_timezone", given=value) from None


def count_of(value: Any, pointer: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Bad(pointer, "scenario.bad_count", given=value)
    return value
