"""Checks of a stage's ``objections:`` (stages.yaml): every objection and every answer says
something in each language it is written in."""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic
from engine.model.regulation import Regulation


@check("stages")
def blank_objections(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    """An objection without words, or one left without an answer, prints as an empty line on
    the cheat-sheet; the schema catches an empty string, this catches one of blanks only."""
    for stage in reg.funnel.stages:
        if ctx.tainted(stage.origin):
            continue
        for i, item in enumerate(stage.objections):
            for part in ("objection", "answer"):
                for lang, value in getattr(item, part).values:
                    if not value.strip():
                        yield ctx.report(stage.origin, "R803", "objections", i, part, lang, number=i + 1)
