"""The named colours of priority buckets, as print- and screen-safe hex values."""

from __future__ import annotations

COLORS = {
    "red": "#d32f2f",
    "orange": "#f57c00",
    "yellow": "#fbc02d",
    "green": "#388e3c",
    "blue": "#1976d2",
    "purple": "#7b1fa2",
    "grey": "#757575",
}


def hex_color(name: str) -> str:
    return COLORS.get(name, name)
