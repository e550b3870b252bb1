"""Every duration of the regulation, in one place: it parses, it is not zero, it is not absurd.

Durations are written in four places — a stage's SLA, a cell's contact interval, the queue's
``late_after``, and ``within`` / ``older_than`` in conditions. A zero there silently means
"never" or "always" to the runtime, and a duration of thousands of years overflows the
calendar the moment it is subtracted from today.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Shape
from engine.language import fixes
from engine.language.checks import CheckContext, check
from engine.language.checks.conditions import all_conditions
from engine.language.diagnostics import Diagnostic
from engine.model.condition import comparisons
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.values.durations import parse_duration

MAX_SECONDS = 100 * 365 * 86400
"""A hundred years: anything longer is a typo (and 2,000 years overflow the calendar)."""
_LIMIT_TEXT = "5200w"


def _report(
    ctx: CheckContext, text: str, seconds: int | None, origin: Origin, key: str, zero: str
) -> Iterator[Diagnostic]:
    if ctx.tainted(Origin(origin.file, origin.line, origin.column, f"{origin.pointer}/{key}")):
        return
    if seconds is None:
        fixed = fixes.duration(text)
        yield ctx.report(
            origin, "R503", key, hint="did_you_mean" if fixed else "hint", value=text, suggestion=fixed
        )
    elif seconds == 0:
        yield ctx.report(origin, "R507", key, hint=zero)
    elif seconds > MAX_SECONDS:
        yield ctx.report(origin, "R508", key, value=text, limit=_LIMIT_TEXT)


def _written(ctx: CheckContext, text: str, origin: Origin, key: str) -> Iterator[Diagnostic]:
    if text:
        yield from _report(ctx, text, parse_duration(text), origin, key, zero=key)


@check("stages")
def stage_slas(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for stage in reg.funnel.stages:
        yield from _written(ctx, stage.sla_text, stage.origin, "sla")


@check("segments")
def contact_intervals(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for policy in reg.segments.cells.values() if reg.segments else ():
        yield from _written(ctx, policy.contact_interval_text, policy.origin, "contact_interval")


@check("priorities")
def late_after(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.priorities is not None:
        yield from _written(ctx, reg.priorities.late_after_text, reg.priorities.origin, "late_after")


@check("card", "stages")
def condition_durations(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    """``within: 0d`` never holds and ``older_than: 0d`` is ``filled: true``; an unparsed
    duration in a condition is reported with the condition's other findings (R503)."""
    for condition, kind in all_conditions(reg):
        if kind in ctx.broken:
            continue
        for cmp in comparisons(condition):
            if OPERATORS[cmp.op].shape is Shape.DURATION and isinstance(cmp.value, int):
                text = _compact(cmp.value)
                yield from _report(ctx, text, cmp.value, cmp.origin, cmp.op.value, cmp.op.value)


def _compact(seconds: int) -> str:
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds // 60}m"
