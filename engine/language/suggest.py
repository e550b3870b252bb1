"""Did-you-mean: the closest known name to a mistyped one, as message arguments.

Three cases give three hint variants: the name is a known one written with Cyrillic
look-alike letters (``lookalike``), the name is reserved and cannot be declared where the
message would send the reader (``reserved``), or it is merely close to a known one
(``did_you_mean``); otherwise the plain ``hint`` lists what is known.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from typing import Any

from engine.language import lookalikes


def suggestion(value: str, known: Iterable[str], reserved: Collection[str] = ()) -> dict[str, Any]:
    """Message arguments for a did-you-mean hint: ``hint`` variant, ``suggestion``, ``known``
    (and ``letters`` for a look-alike)."""
    names = sorted(set(known))
    shown = ", ".join(names) if len(names) <= 40 else ", ".join(names[:40]) + ", …"
    twin = lookalikes.lookalike_of(value)
    if twin is not None and twin in names:
        return {"hint": "lookalike", "suggestion": twin, "known": shown, **_letters(value)}
    if value in reserved:
        return {"hint": "reserved", "suggestion": "", "known": shown}
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = "did_you_mean" if close else "hint"
    return {"hint": hint, "suggestion": close[0] if close else "", "known": shown}


def _letters(value: str) -> dict[str, Any]:
    return {"letters": lookalikes.letters_words(value)}
