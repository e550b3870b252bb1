"""Values that are well formed but leave the runtime nothing to work with.

A working day that ends before it starts, an enum field with no values, a history longer than
the period it is counted in, a potential without signs: each checks by the schema, and each
makes a part of the engine silently do nothing (or refuse every client).
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.checks.translations import manifest_at
from engine.language.diagnostics import Diagnostic
from engine.model.card import FieldType
from engine.model.regulation import Regulation


@check("regulation")
def work_hours(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    hours = reg.work_hours
    origin = manifest_at(ctx)
    if hours is None or ctx.tainted(manifest_at(ctx, "/work_hours")):
        return
    start, end = hours
    if start and end and end <= start:  # both "HH:MM", so text order is time order
        yield ctx.report(origin, "R509", "work_hours", "end", start=start, end=end)


@check("card")
def enum_values(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for field in reg.card.fields:
        if field.type is FieldType.ENUM and not field.values and not ctx.tainted(field.origin):
            yield ctx.report(field.origin, "R510", "type", field=field.id)


@check("card")
def potential_signs(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    pot = reg.card.potential
    if pot is not None and not pot.direct and not pot.signs and not ctx.tainted(pot.origin):
        yield ctx.report(pot.origin, "R512", key=True)


@check("segments")
def history_within_period(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    seg = reg.segments
    if seg is None or seg.min_history <= seg.period or ctx.tainted(seg.origin):
        return
    source_map = ctx.source_maps.get(seg.origin.file)
    written = source_map is not None and "/min_history" in source_map.values
    yield ctx.report(
        seg.origin,
        "R511",
        "min_history" if written else "period",
        hint="hint" if written else "default",
        min_history=seg.min_history,
        period=seg.period,
    )
