"""ABC-XYZ settings: thresholds in order, all 9 cells, known owner roles."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from engine.language import lookalikes
from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic
from engine.language.suggest import suggestion
from engine.model.regulation import Regulation
from engine.model.segments import CELLS
from engine.model.text import Origin


@check("segments")
def thresholds(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    seg = reg.segments
    if seg is None:
        return

    def checked(part: str) -> bool:  # a threshold the schema found wrong is its finding alone
        return not ctx.tainted(Origin(seg.origin.file, 1, 1, f"/{part}/thresholds"))

    if checked("abc") and not seg.a < seg.b:
        yield ctx.report(seg.origin, "R601", "abc", "thresholds", "b", hint="abc", low=seg.a, high=seg.b)
    if not checked("xyz"):
        return
    if seg.xyz_method == "cv" and not seg.x < seg.y:
        yield ctx.report(seg.origin, "R601", "xyz", "thresholds", "y", hint="cv", low=seg.x, high=seg.y)
    if seg.xyz_method == "frequency" and not seg.x > seg.y:
        yield ctx.report(
            seg.origin, "R601", "xyz", "thresholds", "y", hint="frequency", low=seg.y, high=seg.x
        )
    if seg.xyz_method == "frequency" and seg.x > 1:
        yield ctx.report(seg.origin, "R601", "xyz", "thresholds", "x", hint="share", low=seg.x, high=1)


@check("segments")
def cells(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    seg = reg.segments
    if seg is None:
        return
    meant = _misspelt_cells(seg.origin.file, ctx)
    missing = [c for c in CELLS if c not in seg.cells and c not in meant]
    if missing:
        yield ctx.report(seg.origin, "R602", "cells", key=True, cells=", ".join(missing))


def _misspelt_cells(file: str, ctx: CheckContext) -> set[str]:
    """Cells written under a wrong key (``ВZ``, ``BXX``): already reported as unknown keys."""
    keys = [p.removeprefix("/cells/") for f, p in ctx.invalid if f == file and p.startswith("/cells/")]
    keys = [k for k in keys if "/" not in k]
    meant = {lookalikes.latin(k) for k in keys}
    meant |= {m for k in keys for m in difflib.get_close_matches(k, CELLS, n=1, cutoff=0.5)}
    return meant


@check("segments", "regulation")
def owner_roles(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.segments is None:
        return
    known = [r.id for r in reg.roles]
    for policy in reg.segments.cells.values():
        if policy.owner_role and policy.owner_role not in known:
            yield ctx.report(
                policy.origin,
                "R204",
                "owner_role",
                ref=policy.owner_role,
                **suggestion(policy.owner_role, known),
            )
