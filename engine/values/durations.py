"""Durations as regulations write them: ``3d``, ``12h``, ``30m``, ``2w``, ``1d 12h``."""

from __future__ import annotations

import re

from babel.lists import format_list
from babel.units import format_unit

_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
_WHOLE = re.compile(r"^\s*(?:\d{1,6}\s*[mhdw]\s*)+$")
_PART = re.compile(r"(\d{1,6})\s*([mhdw])")


def parse_duration(text: str) -> int | None:
    """Seconds, or None when ``text`` is not a duration."""
    if not _WHOLE.match(text):
        return None
    return sum(int(n) * _UNITS[unit] for n, unit in _PART.findall(text))


def format_duration(seconds: int, lang: str) -> str:
    """Exact words, as Babel says them: «45 дней», "2 weeks", «1 день 12 часов»."""
    if seconds and seconds % _UNITS["w"] == 0:
        return format_unit(seconds // _UNITS["w"], "duration-week", locale=lang)
    parts = []
    for unit, name in (("d", "day"), ("h", "hour"), ("m", "minute")):
        count, seconds = divmod(seconds, _UNITS[unit])
        if count:
            parts.append(format_unit(count, f"duration-{name}", locale=lang))
    if not parts:
        return format_unit(0, "duration-minute", locale=lang)
    return format_list(parts, style="unit", locale=lang)


def days(seconds: int) -> int:
    return seconds // 86400
