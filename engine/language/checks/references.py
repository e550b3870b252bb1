"""Unknown references and duplicate ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Words
from engine.language.suggest import suggestion
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.values.facts import FACTS

_Item = tuple[str, Origin]


def duplicates(items: Iterable[_Item], ctx: CheckContext, what: str) -> Iterator[Diagnostic]:
    first: dict[str, Origin] = {}
    for item_id, origin in items:
        if item_id in first:
            yield ctx.report(
                origin,
                "R301",
                "id",
                id=item_id,
                what=Words((f"what.{what}",)),
                first_line=first[item_id].line,
            )
        else:
            first[item_id] = origin


@check("regulation")
def duplicate_manifest_ids(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    yield from duplicates(((r.id, r.origin) for r in reg.roles), ctx, "role")
    yield from duplicates(((k.id, k.origin) for k in reg.contact_kinds), ctx, "contact_kind")
    yield from duplicates(((r.id, r.origin) for r in reg.contact_results), ctx, "contact_result")


@check("stages")
def duplicate_funnel_ids(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    yield from duplicates(((s.id, s.origin) for s in reg.funnel.stages), ctx, "stage")
    yield from duplicates(((r.id, r.origin) for r in reg.funnel.refusal_reasons), ctx, "refusal_reason")


@check("card")
def duplicate_card_ids(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    yield from duplicates(((f.id, f.origin) for f in reg.card.fields), ctx, "field")
    for field in reg.card.fields:
        yield from duplicates(((v.id, v.origin) for v in field.values), ctx, "enum_value")


@check("card")
def reserved_field_ids(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for field in reg.card.fields:
        if field.id in FACTS:
            yield ctx.report(field.origin, "R303", "id", id=field.id)


RESERVED_TRIGGERS = frozenset({"state", "trigger"})
"""Names the state machine gives its model (``transitions``: the state attribute and the
firing method); a trigger of that name would stop the machine from being built."""


@check("stages")
def reserved_triggers(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for t in reg.funnel.transitions:
        if t.trigger in RESERVED_TRIGGERS:
            yield ctx.report(t.origin, "R304", "trigger", trigger=t.trigger)


@check("stages")
def stage_references(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    funnel = reg.funnel
    known = funnel.stage_ids()

    def unknown(ref: str, origin: Origin, *path: str | int) -> Diagnostic:
        return ctx.report(origin, "R201", *path, ref=ref, **suggestion(ref, known))

    if funnel.entry and funnel.entry not in known:
        yield unknown(funnel.entry, funnel.origin, "entry")
    for t in funnel.transitions:
        if not t.from_any_open:
            many = len(t.sources) > 1 or _from_is_list(t.origin, ctx)
            for i, source in enumerate(t.sources):
                if source not in known:
                    yield unknown(source, t.origin, "from", *([i] if many else []))
        if t.dest and t.dest not in known:
            yield unknown(t.dest, t.origin, "to")
    for norm in funnel.conversion_norms:
        if norm.stage and norm.stage not in known:
            yield unknown(norm.stage, norm.origin, "stage")


def _from_is_list(origin: Origin, ctx: CheckContext) -> bool:
    source_map = ctx.source_maps.get(origin.file)
    return source_map is not None and f"{origin.pointer}/from/0" in source_map.values


@check("stages", "card")
def field_references(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    known = reg.card.field_ids()
    for stage in reg.funnel.stages:
        for i, ref in enumerate(stage.required_fields):
            if ref not in known:
                yield ctx.report(
                    stage.origin, "R202", "required_fields", i, ref=ref, **suggestion(ref, known, FACTS)
                )
    for t in reg.funnel.transitions:
        for i, ref in enumerate(t.required_fields):
            if ref not in known:
                found = suggestion(ref, known, FACTS)
                yield ctx.report(t.origin, "R202", "required_fields", i, ref=ref, **found)


@check("stages")
def reason_references(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    known = [r.id for r in reg.funnel.refusal_reasons]
    for stage in reg.funnel.stages:
        for i, ref in enumerate(stage.refusal_reasons):
            if ref not in known:
                yield ctx.report(
                    stage.origin, "R203", "refusal_reasons", i, ref=ref, **suggestion(ref, known)
                )
