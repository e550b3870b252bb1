"""Plant one mistake of a kind people make into a bundled file, and say where it is.

Each generator yields (description, new text, line of the mistake, acceptable codes).
Candidates are every line of the right shape; a stride keeps the suite fast while still
touching every part of every file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Mutation = tuple[str, str, int, frozenset[str]]

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?(?P<key>[a-z_]+): (?P<value>\S.*)$")
_REFERENCE = re.compile(
    r"^(?P<head>\s*(?:- )?(?:entry|to|from|stage|field|owner_role|by): )"
    r"(?P<id>[a-z_]{4,})(?P<tail>.*)$"
)
_NUMBER = re.compile(r"^(?P<head>\s*(?:- )?[a-z_]+: )(?P<value>-?\d+(?:\.\d+)?)\s*$")
_BOOL = re.compile(r"^(?P<head>\s*(?:- )?[a-z_]+: )(?P<value>true|false)\s*$")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


def misspelt_ids(text: str, stride: int) -> Iterator[Mutation]:
    lines = _lines(text)
    for i, line in list(enumerate(lines))[::stride]:
        m = _REFERENCE.match(line)
        if not m:
            continue
        word = m["id"]
        wrong = word[:1] + word[2] + word[1] + word[3:] if word[1] != word[2] else word + "x"
        changed = lines.copy()
        changed[i] = m["head"] + wrong + m["tail"]
        yield (
            f"line {i + 1}: {word} → {wrong}",
            _join(changed),
            i + 1,
            frozenset({"R201", "R202", "R204", "R206"}),
        )


def duplicated_keys(text: str, stride: int) -> Iterator[Mutation]:
    lines = _lines(text)
    for i, line in list(enumerate(lines))[::stride]:
        m = _KEY_LINE.match(line)
        if not m or line.rstrip().endswith(":"):
            continue
        indent = m["indent"] + ("  " if m["dash"] else "")
        changed = lines.copy()
        changed.insert(i + 1, f"{indent}{m['key']}: {m['value']}")
        yield f"line {i + 2}: second '{m['key']}'", _join(changed), i + 2, frozenset({"Y002"})


def broken_indentation(text: str, stride: int) -> Iterator[Mutation]:
    lines = _lines(text)
    for i, line in list(enumerate(lines))[1::stride]:
        m, before = _KEY_LINE.match(line), _KEY_LINE.match(lines[i - 1])
        if not m or not before or m["dash"] or line.rstrip().endswith(":"):
            continue
        same_level = len(before["indent"]) + (2 if before["dash"] else 0) == len(m["indent"])
        if not same_level or lines[i - 1].rstrip().endswith(":"):
            continue
        changed = lines.copy()
        changed[i] = " " + line
        yield f"line {i + 1}: one space too many", _join(changed), i + 1, frozenset({"Y001"})


def wrong_types(text: str, stride: int) -> Iterator[Mutation]:
    lines = _lines(text)
    for i, line in list(enumerate(lines))[::stride]:
        m = _NUMBER.match(line) or _BOOL.match(line)
        if not m:
            continue
        changed = lines.copy()
        changed[i] = m["head"] + "sometimes"
        yield (
            f"line {i + 1}: {m['value']} → sometimes",
            _join(changed),
            i + 1,
            frozenset({"S101", "R501"}),
        )


KINDS = {
    "misspelt_id": misspelt_ids,
    "duplicated_key": duplicated_keys,
    "broken_indentation": broken_indentation,
    "wrong_type": wrong_types,
}
