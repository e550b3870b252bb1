"""Ownership rules: the roles stages and hand-overs name exist, the fields they demand exist,
and every role that owns clients is wanted by some stage or cell."""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Severity
from engine.language.suggest import suggestion
from engine.model.ownership import Strategy
from engine.model.regulation import Regulation


@check("stages", "regulation")
def stage_owner_roles(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    known = [r.id for r in reg.roles]
    for stage in reg.funnel.stages:
        if stage.owner_role and stage.owner_role not in known:
            found = suggestion(stage.owner_role, known)
            yield ctx.report(stage.origin, "R204", "owner_role", ref=stage.owner_role, **found)


@check("regulation")
def handover_roles(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    known = [r.id for r in reg.roles]
    for rule in reg.handovers:
        for key, ref in (("from", rule.source), ("to", rule.dest)):
            if ref and ref not in known:
                yield ctx.report(rule.origin, "R204", key, ref=ref, **suggestion(ref, known))


@check("regulation", "card")
def ownership_fields(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    known = reg.card.field_ids()
    for rule in reg.handovers:
        for i, ref in enumerate(rule.required_fields):
            if ref not in known:
                yield ctx.report(rule.origin, "R202", "required_fields", i, ref=ref, **suggestion(ref, known))
    for role in reg.roles:
        assignment = role.assignment
        if assignment.origin is None:
            continue
        field = assignment.region_field
        if field and field not in known:
            yield ctx.report(assignment.origin, "R202", "region_field", ref=field, **suggestion(field, known))
        elif assignment.strategy is Strategy.BY_REGION and not field:
            yield ctx.report(assignment.origin, "R905", "strategy", role=role.id)


@check("stages", "segments", "regulation")
def unused_roles(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    wanted = {s.owner_role for s in reg.funnel.stages}
    if reg.segments is not None:
        wanted |= {p.owner_role for p in reg.segments.cells.values()}
    known = {r.id for r in reg.roles}
    if any(w and w not in known for w in wanted):
        return  # a misspelt role is its own finding; the role it meant would only look unused
    for role in reg.roles:
        if role.owns_clients and role.id not in wanted:
            yield ctx.report(role.origin, "W901", "id", severity=Severity.WARNING, role=role.id)
