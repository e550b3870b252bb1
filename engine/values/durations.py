"""Durations as regulations write them: ``3d``, ``12h``, ``30m``, ``2w``, ``1d 12h``."""

from __future__ import annotations

import re

from engine import i18n

_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
_WHOLE = re.compile(r"^\s*(?:\d{1,6}\s*[mhdw]\s*)+$")
_PART = re.compile(r"(\d{1,6})\s*([mhdw])")


def parse_duration(text: str) -> int | None:
    """Seconds, or None when ``text`` is not a duration."""
    if not _WHOLE.match(text):
        return None
    return sum(int(n) * _UNITS[unit] for n, unit in _PART.findall(text))


def format_duration(seconds: int, lang: str, length: str = "long") -> str:
    """Exact words, as Babel says them: «45 дней», "2 weeks", «1 день 12 часов»; ``length``
    ``short`` for a list read at a glance: «7 ч 30 мин»."""
    from babel.lists import format_list  # here: only a duration said in words loads Babel (#18)
    from babel.units import format_unit

    style = "unit-short" if length == "short" else "unit"
    if seconds and seconds % _UNITS["w"] == 0:
        return format_unit(seconds // _UNITS["w"], "duration-week", length=length, locale=lang)  # type: ignore[arg-type]
    parts = []
    for unit, name in (("d", "day"), ("h", "hour"), ("m", "minute")):
        count, seconds = divmod(seconds, _UNITS[unit])
        if count:
            parts.append(format_unit(count, f"duration-{name}", length=length, locale=lang))  # type: ignore[arg-type]
    if not parts:
        return format_unit(0, "duration-minute", length=length, locale=lang)  # type: ignore[arg-type]
    return format_list(parts, style=style, locale=lang)  # type: ignore[arg-type]


_NAMES = (("w", "week"), ("d", "day"), ("h", "hour"), ("m", "minute"))


def every(seconds: int, lang: str) -> str:
    """A repeating interval in natural words: «раз в неделю», «каждые 7 дней», «каждый 31 день»,
    "every week", "every 31 days" — in the largest unit that divides it."""
    for unit, name in _NAMES:
        if seconds and seconds % _UNITS[unit] == 0:
            count = seconds // _UNITS[unit]
            if count == 1:
                return i18n.tr(f"shown.every_one.{name}", lang)
            return i18n.tr(f"shown.every.{name}", lang, n=count)
    return i18n.tr("shown.every.any", lang, duration=format_duration(seconds, lang))


def days(seconds: int) -> int:
    return seconds // 86400
