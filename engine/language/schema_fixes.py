"""What a schema error's hint tells to write: the value as it should be, or how to write it.

Each ``*_fix`` returns the hint variant (a key under ``diag.<code>`` in the catalogs) and the
suggested text (``""`` when there is none to offer).
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from typing import Any

from engine.language import fixes
from engine.language.diagnostics import Words
from engine.resources import SCHEMAS_DIR

_COLORS = ("red", "orange", "yellow", "green", "blue", "purple", "grey")


@cache
def _definitions() -> dict[str, Any]:
    common = json.loads((SCHEMAS_DIR / "common.schema.json").read_text(encoding="utf-8"))
    definitions: dict[str, Any] = common["definitions"]
    return definitions


def type_fix(value: object, expected: object, schema: dict[str, Any]) -> tuple[str, str]:
    names = [expected] if isinstance(expected, str) else list(expected)  # type: ignore[call-overload]
    if {"number", "integer"} & set(names) and isinstance(value, str):
        share = "%" in value and schema.get("maximum", 1) <= 1
        suggestion = fixes.number(value, share=share)
        return ("share" if share else "number", suggestion) if suggestion else ("hint", "")
    if "string" in names and isinstance(value, int | float) and not isinstance(value, bool):
        if schema == _definitions()["duration"] and isinstance(value, int):
            return "duration", f"{value}d"
        if "[0-5][0-9]$" in str(schema.get("pattern", "")):  # 9.30 read as a number: a time
            suggestion = fixes.time_of_day(f"{value:.2f}")
            return ("time", suggestion) if suggestion else ("hint", "")
        return "quote", fixes.quoted(value)
    if "boolean" in names:
        suggestion = fixes.boolean(value)
        return ("boolean", suggestion) if suggestion else ("hint", "")
    if "array" in names and isinstance(value, str | int | float):
        return "list", f"[{value}]"
    return "hint", ""


def range_fix(value: object, kind: str, limit: object) -> tuple[str, str]:
    percent = isinstance(value, int | float) and 1 < value <= 100 and (value >= 5 or value == int(value))
    if kind == "maximum" and limit == 1 and percent:
        return "share", fixes.number(f"{value}%", share=True)
    return kind, ""


_PATTERN_FIXES = (  # (a piece of the schema's pattern, the hint variant, the fix)
    ("[0-5][0-9]$", "time", fixes.time_of_day),
    ("^[A-Z]{3}$", "did_you_mean", fixes.currency),
    ("^[a-z][a-z0-9_]*$", "identifier", fixes.identifier),
    ("red|orange", "did_you_mean", lambda v: fixes.color(v) or closest(v, list(_COLORS))),
    ("^https?://", "did_you_mean", fixes.url),
)


def pattern_fix(value: object, pattern: str) -> tuple[str, str]:
    for piece, variant, fix in _PATTERN_FIXES:
        if piece in pattern:
            suggestion = fix(value)
            return (variant, suggestion) if suggestion else ("hint", "")
    return "hint", ""


def closest(value: object, allowed: list[Any]) -> str:
    matches = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    return matches[0] if matches else ""


def types(expected: object) -> Words:
    names = [expected] if isinstance(expected, str) else list(expected)  # type: ignore[call-overload]
    return Words(tuple(f"type.{n}" for n in names))


def about(schema: dict[str, Any]) -> dict[str, str]:
    """The schema's bilingual description ("ru\n\nen") as per-language text."""
    parts = str(schema.get("description", "")).split("\n\n", 1)
    return {"ru": parts[0], "en": parts[-1]}


def type_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def shown_after(value: object) -> str:
    """The value after its type's name: " 'yes'"; nothing for an empty value."""
    return "" if value is None or isinstance(value, dict | list) else " " + shown(value)


def shown(value: object) -> str:
    if isinstance(value, dict | list):
        return type_of(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
