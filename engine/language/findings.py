"""The last step of a check: one report per mistake, with its source line, in reading order.

Layers see the same mistake from different sides: the schema finds ``оffer`` badly written,
the meaning checks find no stage of that name. Only the first layer's word on a spot is kept
(YAML, then schema, then meaning), and a reference to the Latin spelling of an id declared
with Cyrillic look-alikes is not "unknown": the declaration's report says all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from engine.language import lookalikes
from engine.language.diagnostics import Diagnostic, sort_diagnostics

_UNKNOWN_REFERENCE = frozenset({"R201", "R202", "R203", "R204", "R205", "R206"})
_TAKES_SUGGESTION = frozenset({"S110", "S105"})


def finish(
    found: Iterable[Diagnostic], sources: Mapping[str, bytes], order: Sequence[str]
) -> list[Diagnostic]:
    """``sources`` maps a displayed file name to its bytes; ``order`` is the reading order of
    file names (regulation.yaml, stages.yaml, …)."""
    kept = _drop_explained_references(_one_per_spot(set(found)))
    return sort_diagnostics(_with_excerpts(kept, sources), order)


def _layer(d: Diagnostic) -> int:
    return {"Y": 0, "F": 0, "S": 1}.get(d.code[:1], 2)


def _one_per_spot(found: set[Diagnostic]) -> list[Diagnostic]:
    spots: dict[tuple[str, int, int], list[Diagnostic]] = {}
    for d in sorted(found, key=lambda d: d.sort_key):
        spots.setdefault((d.file, d.line, d.column), []).append(d)
    kept: list[Diagnostic] = []
    for group in spots.values():
        first = min(_layer(d) for d in group)
        codes: set[str] = set()
        for d in group:
            if _layer(d) == first and d.code not in codes:
                codes.add(d.code)
                kept.append(_adopt_suggestion(d, [g for g in group if _layer(g) > first]))
    return kept


def _adopt_suggestion(d: Diagnostic, dropped: list[Diagnostic]) -> Diagnostic:
    """A badly written reference takes the did-you-mean of the meaning check it replaces:
    ``bиdget`` → ``budget`` (a field that exists), not a mere transliteration."""
    if d.code not in _TAKES_SUGGESTION:
        return d
    if d.code == "S110" and lookalikes.lookalike_of(dict(d.args).get("value", "")):
        return d  # the Latin twin is exactly what was meant
    better = next((s for r in dropped if (s := dict(r.args).get("suggestion"))), "")
    if not better:
        return d
    args = tuple((k, better if k == "suggestion" else v) for k, v in d.args)
    hint = d.hint_key if d.code == "S110" else "identifier"
    return dataclasses.replace(d, args=args, hint_key=hint)


def _drop_explained_references(found: list[Diagnostic]) -> list[Diagnostic]:
    meant: set[str] = set()
    for d in found:
        if d.code == "S110":
            args = dict(d.args)
            value = args.get("value", "")
            meant |= {lookalikes.latin(value), lookalikes.retyped(value), args.get("suggestion", "")}
    return [d for d in found if not (d.code in _UNKNOWN_REFERENCE and _named(d) & meant)]


def _named(d: Diagnostic) -> set[str]:
    args = dict(d.args)
    return {args.get("ref", ""), args.get("value", "")} - {""}


def _with_excerpts(found: list[Diagnostic], sources: Mapping[str, bytes]) -> list[Diagnostic]:
    lines: dict[str, list[str]] = {}
    out = []
    for d in found:
        if d.file in sources and d.file not in lines:
            text = sources[d.file].decode("utf-8-sig", errors="replace")
            lines[d.file] = text.split("\n")
        text_lines = lines.get(d.file, [])
        if 1 <= d.line <= len(text_lines):
            d = dataclasses.replace(d, excerpt=text_lines[d.line - 1].rstrip("\r"))
        out.append(d)
    return out
