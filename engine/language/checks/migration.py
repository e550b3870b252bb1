"""The ``migrate`` map: every target is declared in this version, and no source still is (a map
line renames what is gone; an id still declared would leave its clients where they are)."""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Words
from engine.language.suggest import suggestion
from engine.model.migration import KINDS
from engine.model.regulation import Regulation


def declared(reg: Regulation, kind: str) -> tuple[str, ...]:
    """The ids of ``kind`` (a section of ``migrate``) this version declares."""
    if kind == "stages":
        return reg.funnel.stage_ids()
    if kind == "fields":
        return reg.card.field_ids()
    if kind == "triggers":
        return tuple(t.trigger for t in reg.funnel.transitions)
    return tuple(r.id for r in reg.funnel.refusal_reasons)


@check("regulation", "stages", "card")
def migration_map(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    for kind in KINDS:
        known = declared(reg, kind)
        what = Words((f"migrate.kind_{kind}",))
        for r in reg.migration.of(kind):
            if ctx.tainted(r.origin):
                continue
            if r.new not in known:
                yield ctx.report(
                    r.origin, "R911", what=what, old=r.old, new=r.new, **suggestion(r.new, known)
                )
            if r.old in known:
                yield ctx.report(r.origin, "R912", key=True, what=what, old=r.old)
