"""Text a spreadsheet would run as a formula: exports neutralise it, imports take the guard off."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
"""Put before such text in CSV: spreadsheets then show the text instead of running it."""


def neutral(text: str) -> str:
    return GUARD + text if text.startswith(FORMULA_START) else text


def unguarded(text: str) -> str:
    """The text as it was before :func:`neutral`."""
    return text[1:] if len(text) > 1 and text[0] == GUARD and text[1] in FORMULA_START else text
