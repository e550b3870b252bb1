"""The card: ranges, the potential's signs and thresholds, the deal size field."""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Words
from engine.language.suggest import suggestion
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.values.facts import FACTS
from engine.values.fieldtypes import NUMERIC


@check("card")
def field_ranges(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for field in reg.card.fields:
        if field.min is not None and field.max is not None and field.min > field.max:
            yield ctx.report(field.origin, "R504", "max", field=field.id, low=field.min, high=field.max)


def _numeric_field(
    reg: Regulation, ctx: CheckContext, name: str, origin: Origin, *path: str
) -> Iterator[Diagnostic]:
    field = reg.card.field(name)
    numeric = [f.id for f in reg.card.fields if f.type in NUMERIC]
    if field is None:
        yield ctx.report(origin, "R202", *path, ref=name, **suggestion(name, numeric, FACTS))
    elif field.type not in NUMERIC:
        yield ctx.report(origin, "R604", *path, field=name, type=Words((f"field_type.{field.type.value}",)))


@check("card")
def potential(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    pot = reg.card.potential
    if pot is None:
        return
    for sign in pot.direct:
        yield from _numeric_field(reg, ctx, sign.field, sign.origin, "field")
        if not sign.perspective > sign.medium:
            yield ctx.report(sign.origin, "R603", "perspective", low=sign.medium, high=sign.perspective)
    if pot.signs and not pot.perspective_points > pot.medium_points:
        yield ctx.report(
            pot.origin,
            "R603",
            "indirect",
            "perspective",
            low=pot.medium_points,
            high=pot.perspective_points,
        )


@check("card")
def deal_size(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    size = reg.card.deal_size
    if size is not None and size.field:
        yield from _numeric_field(reg, ctx, size.field, size.origin, "field")
