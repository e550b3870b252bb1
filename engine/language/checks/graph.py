"""The funnel as a graph: reachability, dead ends, terminal stages, duplicate triggers."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Severity
from engine.model.funnel import Funnel, StageKind
from engine.model.regulation import Regulation
from engine.model.text import Origin


def _uncertain(reg: Regulation, ctx: CheckContext) -> bool:
    """The graph is not known for sure: a stage or transition is already reported wrong, or a
    transition names an unknown stage. Graph findings would then only echo those reports."""
    funnel = reg.funnel
    known = set(funnel.stage_ids())
    refs = {t.dest for t in funnel.transitions} | {
        s for t in funnel.transitions if not t.from_any_open for s in t.sources
    }
    return (
        bool(refs - known)
        or any(ctx.tainted(s.origin) for s in funnel.stages)
        or ctx.tainted(Origin(funnel.origin.file, 1, 1, "/transitions"))  # also those not built
    )


def _edges(funnel: Funnel) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {s.id: set() for s in funnel.stages}
    for t in funnel.transitions:
        for source in funnel.sources_of(t):
            if source in edges and t.dest in edges:
                edges[source].add(t.dest)
    return edges


def _reached(entry: str, edges: dict[str, set[str]]) -> set[str]:
    reached = {entry}
    queue = deque([entry])
    while queue:
        for dest in edges.get(queue.popleft(), set()) - reached:
            reached.add(dest)
            queue.append(dest)
    return reached


@check("stages")
def duplicate_triggers(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], int] = {}
    for t in reg.funnel.transitions:
        for source in reg.funnel.sources_of(t):
            key = (source, t.trigger)
            if key in seen:
                yield ctx.report(
                    t.origin,
                    "R302",
                    "trigger",
                    trigger=t.trigger,
                    stage=source,
                    first_line=seen[key],
                )
                break
            seen[key] = t.origin.line


@check("stages")
def entry_stage(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    funnel = reg.funnel
    entry = funnel.stage(funnel.entry)
    if entry is not None and entry.kind is not StageKind.OPEN:
        open_ids = ", ".join(s.id for s in funnel.ordered_stages() if s.kind is StageKind.OPEN)
        yield ctx.report(funnel.origin, "R404", "entry", stage=entry.id, open=open_ids)
    if any(ctx.tainted(s.origin) for s in funnel.stages):
        return
    kinds = {s.kind for s in funnel.stages}
    for kind in (StageKind.WON, StageKind.LOST):
        if funnel.stages and kind not in kinds:
            yield ctx.report(funnel.origin, "R405", "stages", key=True, kind=kind.value)


@check("stages")
def unreachable_stages(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    funnel = reg.funnel
    entry = funnel.stage(funnel.entry)
    if entry is None or entry.terminal or _uncertain(reg, ctx):
        return  # a final entry stage is R404's finding: every stage would be "unreachable"
    reached = _reached(funnel.entry, _edges(funnel))
    for stage in funnel.stages:
        if stage.id not in reached:
            yield ctx.report(stage.origin, "R401", "id", stage=stage.id, entry=funnel.entry)


@check("stages")
def dead_ends(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if _uncertain(reg, ctx):
        return
    edges = _edges(reg.funnel)
    for stage in reg.funnel.stages:
        if stage.kind is StageKind.OPEN and not edges[stage.id] - {stage.id}:
            yield ctx.report(stage.origin, "R402", "id", stage=stage.id)


@check("stages")
def no_way_to_win(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    """An open stage from which every path ends in a refusal: its clients can only be lost."""
    funnel = reg.funnel
    won = {s.id for s in funnel.stages if s.kind is StageKind.WON}
    if not won or _uncertain(reg, ctx):
        return
    edges = _edges(funnel)
    winning = set(won)
    grew = True
    while grew:
        before = len(winning)
        winning |= {stage for stage, dests in edges.items() if dests & winning}
        grew = len(winning) > before
    reached = _reached(funnel.entry, edges)
    for stage in funnel.stages:
        dead_end = not edges[stage.id] - {stage.id}  # R402's finding
        if stage.kind is StageKind.OPEN and stage.id in reached - winning and not dead_end:
            yield ctx.report(stage.origin, "W402", "id", severity=Severity.WARNING, stage=stage.id)


@check("stages")
def terminal_exits(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    funnel = reg.funnel
    for t in funnel.transitions:
        if t.from_any_open:
            continue
        for source in t.sources:
            stage = funnel.stage(source)
            if stage is not None and stage.terminal and not ctx.tainted(stage.origin):
                yield ctx.report(
                    t.origin, "R403", "from", stage=source, kind=stage.kind.value, trigger=t.trigger
                )


@check("stages")
def refusals_possible(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    """A move that needs a refusal reason must start from stages that declare some."""
    funnel = reg.funnel
    for t in funnel.transitions:
        dest = funnel.stage(t.dest)
        needs_reason = (
            t.reason_required
            if t.reason_required is not None
            else (dest is not None and dest.kind is StageKind.LOST)
        )
        if not needs_reason:
            continue
        if ctx.tainted(t.origin):
            continue
        for source in funnel.sources_of(t):
            stage = funnel.stage(source)
            if stage is None or ctx.tainted(stage.origin):
                continue
            if not stage.terminal and not stage.refusal_reasons:
                yield ctx.report(t.origin, "R406", "from", trigger=t.trigger, stage=source)
