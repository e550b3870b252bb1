"""Checks of the regulation's own dates: ``effective_from`` (regulation.yaml) is a calendar day."""

from __future__ import annotations

from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.checks.translations import manifest_at
from engine.language.diagnostics import Diagnostic
from engine.model.regulation import Regulation


@check("regulation")
def effective_day(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    """The schema lets through only the shapes 2026-12-01 and 01.12.2026; this catches a shape
    that names no day, such as 2026-02-30, which the footers could not print."""
    where = manifest_at(ctx, "/effective_from")
    if reg.effective_from_text and reg.effective_from is None and not ctx.tainted(where):
        yield ctx.report(where, "R804", value=reg.effective_from_text)
