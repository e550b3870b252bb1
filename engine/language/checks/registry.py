"""Values that must exist in a registry outside the regulation: the time zone (IANA) and the
currency (ISO 4217, in use today); the languages of texts are checked in ``translations.py``.

The runtime hands these to ``zoneinfo`` and Babel; a value they do not know would stop the
first ``client add`` or ``segment`` with a traceback, so it is an error here, with the name
the head most likely meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from engine.language.checks import CheckContext, check
from engine.language.checks.translations import manifest_at
from engine.language.diagnostics import Diagnostic
from engine.model.regulation import Regulation

_COMMON_CURRENCIES = frozenset({"RUB", "USD", "EUR", "KZT", "BYN", "UAH", "CNY", "UZS", "AMD", "GEL"})


def is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone_suggestion(name: str) -> str:
    """``Europe/Moskow`` → ``Europe/Moscow``; ``moscow`` → ``Europe/Moscow``."""
    zones = sorted(available_timezones())
    by_city = {z.rsplit("/", 1)[-1].lower(): z for z in zones}
    by_lower = {z.lower(): z for z in zones}
    key = name.strip().lower().replace(" ", "_")
    if key in by_lower or key in by_city:
        return by_lower.get(key) or by_city[key]
    close = difflib.get_close_matches(key, list(by_lower), n=1, cutoff=0.75)
    return by_lower[close[0]] if close else ""


@cache
def _currencies() -> tuple[frozenset[str], dict[str, str]]:
    """The currencies in use, and for each withdrawn one its successor: the one in use now in
    the country its code names (RUR → RU → RUB), else wherever it was used."""
    from babel.core import get_global  # here: a regulation in a common currency loads no Babel (#18)

    table = get_global("territory_currencies")
    current = {
        country: [code for code, _start, end, tender in history if end is None and tender]
        for country, history in table.items()
    }
    active = frozenset(code for codes in current.values() for code in codes)
    successor: dict[str, str] = {}
    for country, history in table.items():
        for code, _start, end, _tender in history:
            if end is not None and current[country]:
                home = code[:2]  # ISO 4217 codes start with their country's code
                named = home in current and current[home] and any(c == code for c, *_ in table[home])
                if named or code not in successor:
                    successor[code] = (current[home] if named else current[country])[0]
    return active, successor


@check("regulation")
def time_zone(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    origin = manifest_at(ctx)
    if ctx.tainted(manifest_at(ctx, "/timezone")) or is_time_zone(reg.timezone):
        return
    found = zone_suggestion(reg.timezone)
    yield ctx.report(
        origin,
        "R505",
        "timezone",
        hint="did_you_mean" if found else "hint",
        value=reg.timezone,
        suggestion=found,
    )


@check("regulation")
def currency(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    code = reg.currency
    origin = manifest_at(ctx)
    if code in _COMMON_CURRENCIES or ctx.tainted(manifest_at(ctx, "/currency")):
        return
    active, successor = _currencies()
    if code in active:
        return
    if code in successor:
        yield ctx.report(origin, "R506", "currency", hint="withdrawn", value=code, suggestion=successor[code])
        return
    close = difflib.get_close_matches(code, sorted(active), n=1, cutoff=0.6)
    hint = "did_you_mean" if close else "hint"
    yield ctx.report(origin, "R506", "currency", hint=hint, value=code, suggestion=close[0] if close else "")
