"""Checks of ``targets:`` (regulation.yaml): activity norms name declared roles and contact kinds."""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic
from engine.language.suggest import suggestion
from engine.model.regulation import Regulation
from engine.model.text import Origin


@check("regulation")
def target_references(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    roles = [r.id for r in reg.roles]
    kinds = [k.id for k in reg.contact_kinds]
    told: set[str] = set()
    for norm in reg.targets.activity:
        if ctx.tainted(norm.origin):
            continue
        item = norm.origin.pointer.rsplit("/", 2)[0]
        if norm.role not in roles and item not in told:
            told.add(item)
            at = Origin(norm.origin.file, norm.origin.line, norm.origin.column, item)
            yield ctx.report(at, "R204", "role", ref=norm.role, **suggestion(norm.role, roles))
        if norm.kind not in kinds:
            yield ctx.report(norm.origin, "R901", key=True, ref=norm.kind, **suggestion(norm.kind, kinds))
