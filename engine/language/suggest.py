"""Did-you-mean: the closest known name to a mistyped one, as message arguments."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def suggestion(value: str, known: Iterable[str]) -> dict[str, Any]:
    """Message arguments for a did-you-mean hint: ``hint`` variant, ``suggestion``, ``known``."""
    names = sorted(set(known))
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    return {
        "hint": "did_you_mean" if close else "hint",
        "suggestion": close[0] if close else "",
        "known": ", ".join(names) if len(names) <= 40 else ", ".join(names[:40]) + ", …",
    }
