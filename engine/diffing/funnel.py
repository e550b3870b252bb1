"""Stages, moves and refusal reasons compared: added, removed, renamed, and what changed in each
(names, kinds, SLAs, required fields, routes, conditions said in words)."""

from __future__ import annotations

from dataclasses import replace

from engine.diffing.changes import Change, Duration, Route, Said, change, listed, renames, shape
from engine.model.funnel import Stage, Transition
from engine.model.regulation import Regulation
from engine.model.text import Origin


def stage_renames(old: Regulation, new: Regulation) -> dict[str, str]:
    def same(a: Stage, b: Stage) -> bool:
        return bool(shape(replace(a, id="", label=b.label)) == shape(replace(b, id="")))

    return renames({s.id: s for s in old.funnel.stages}, {s.id: s for s in new.funnel.stages}, same)


def stages(old: Regulation, new: Regulation, moved: dict[str, str], fields: dict[str, str]) -> list[Change]:
    """Stages added, removed, renamed (``moved``: old id → new id) and changed."""
    before = {s.id: s for s in old.funnel.stages}
    after = {s.id: s for s in new.funnel.stages}
    out: list[Change] = []
    for sid, s in after.items():
        if sid not in before and sid not in moved.values():
            out.append(change("stage", "added", sid, None, s.origin, "stage_added", id=sid, label=s.label))
    for sid, s in before.items():
        if sid in moved:
            was, now = s, after[moved[sid]]
            out.append(
                change(
                    "stage",
                    "renamed",
                    now.id,
                    was.origin,
                    now.origin,
                    "stage_renamed",
                    old=sid,
                    new=now.id,
                    label=now.label,
                )
            )
            out += _stage(was, now, fields, new)
        elif sid not in after:
            out.append(
                change("stage", "removed", sid, s.origin, None, "stage_removed", id=sid, label=s.label)
            )
        else:
            out += _stage(s, after[sid], fields, new)
    if moved.get(old.funnel.entry, old.funnel.entry) != new.funnel.entry:
        out.append(
            change(
                "stage",
                "changed",
                new.funnel.entry,
                old.funnel.origin,
                new.funnel.origin,
                "entry",
                old=old.funnel.entry,
                new=new.funnel.entry,
            )
        )
    return out


def _stage(was: Stage, now: Stage, fields: dict[str, str], reg: Regulation) -> list[Change]:
    sid, at = now.id, (was.origin, now.origin)
    out: list[Change] = []
    if shape(was.label) != shape(now.label):
        out.append(change("stage", "changed", sid, *at, "stage_label", id=sid, old=was.label, new=now.label))
    if was.kind is not now.kind:
        out.append(
            change(
                "stage",
                "changed",
                sid,
                *at,
                "stage_kind",
                label=now.label,
                old=was.kind.value,
                new=now.kind.value,
            )
        )
    if was.sla_seconds != now.sla_seconds:
        out.append(
            change(
                "stage",
                "changed",
                sid,
                *at,
                "stage_sla",
                label=now.label,
                old=Duration(was.sla_seconds),
                new=Duration(now.sla_seconds),
            )
        )
    if was.probability != now.probability:
        out.append(
            change(
                "stage",
                "changed",
                sid,
                *at,
                "stage_probability",
                label=now.label,
                old=f"{was.probability:.0%}",
                new=f"{now.probability:.0%}",
            )
        )
    if was.next_step_required != now.next_step_required:
        code = "stage_next_step_required" if now.next_step_required else "stage_next_step_optional"
        out.append(change("stage", "changed", sid, *at, code, label=now.label))
    out += _required(
        "stage", sid, now.label, was.required_fields, was.required_at, was.origin, now, fields, reg
    )
    if set(was.refusal_reasons) != set(now.refusal_reasons):
        reasons = reg.funnel.reason
        out.append(
            change(
                "stage",
                "changed",
                sid,
                *at,
                "stage_reasons",
                label=now.label,
                old=listed(was.refusal_reasons, reasons),
                new=listed(now.refusal_reasons, reasons),
            )
        )
    return out


def _required(
    concept: str,
    sid: str,
    label: object,
    old_ids: tuple[str, ...],
    old_at: tuple[Origin, ...],
    was_at: Origin,
    now: Stage | Transition,
    fields: dict[str, str],
    reg: Regulation,
) -> list[Change]:
    """Fields a stage or move now requires, or no longer does (renamed fields are the same)."""
    was = {fields.get(f, f): at for f, at in zip(old_ids, old_at, strict=False)}
    is_ = dict(zip(now.required_fields, now.required_at, strict=False))
    out: list[Change] = []
    for f, at in is_.items():
        if f not in was:
            field = reg.card.field(f)
            out.append(
                change(
                    concept,
                    "changed",
                    sid,
                    now.origin,
                    at,
                    f"{concept}_requires",
                    label=label,
                    field=field.label if field else f,
                )
            )
    for f, at in was.items():
        if f not in is_:
            field = reg.card.field(f)
            out.append(
                change(
                    concept,
                    "changed",
                    sid,
                    at,
                    now.origin,
                    f"{concept}_no_longer_requires",
                    label=label,
                    field=field.label if field else f,
                )
            )
    return out


def transitions(
    old: Regulation, new: Regulation, moved: dict[str, str], fields: dict[str, str]
) -> list[Change]:
    """Moves (by trigger) added, removed and changed: route, required fields, condition."""
    before = {t.trigger: t for t in old.funnel.transitions}
    after = {t.trigger: t for t in new.funnel.transitions}
    out: list[Change] = []
    for tid, t in after.items():
        if tid not in before:
            out.append(
                change(
                    "transition",
                    "added",
                    tid,
                    None,
                    t.origin,
                    "transition_added",
                    label=t.label,
                    route=_route(new, t.sources, t.dest),
                )
            )
    for tid, was in before.items():
        now = after.get(tid)
        if now is None:
            out.append(
                change(
                    "transition",
                    "removed",
                    tid,
                    was.origin,
                    None,
                    "transition_removed",
                    label=was.label,
                    route=_route(old, was.sources, was.dest),
                )
            )
            continue
        at = (was.origin, now.origin)
        sources = tuple(moved.get(s, s) for s in was.sources)
        if sources != now.sources or moved.get(was.dest, was.dest) != now.dest:
            out.append(
                change(
                    "transition",
                    "changed",
                    tid,
                    *at,
                    "transition_route",
                    label=now.label,
                    old=_route(old, was.sources, was.dest),
                    new=_route(new, now.sources, now.dest),
                )
            )
        if shape(was.when) != shape(now.when):
            out.append(
                change(
                    "transition",
                    "changed",
                    tid,
                    _at(was),
                    _at(now),
                    "transition_condition",
                    label=now.label,
                    old=Said(old, was.when),
                    new=Said(new, now.when),
                )
            )
        if was.reason_required != now.reason_required:
            code = "transition_reason_required" if now.reason_required else "transition_reason_optional"
            out.append(change("transition", "changed", tid, *at, code, label=now.label))
        out += _required(
            "transition", tid, now.label, was.required_fields, was.required_at, was.origin, now, fields, new
        )
    return out


def _at(t: Transition) -> Origin:
    return t.when.origin if t.when is not None else t.origin


def _route(reg: Regulation, sources: tuple[str, ...], dest: str) -> Route:
    return Route(listed(sources, reg.funnel.stage), listed((dest,), reg.funnel.stage))


def reasons(old: Regulation, new: Regulation) -> list[Change]:
    before = {r.id: r for r in old.funnel.refusal_reasons}
    after = {r.id: r for r in new.funnel.refusal_reasons}
    out: list[Change] = []
    for rid, r in after.items():
        if rid not in before:
            out.append(change("reason", "added", rid, None, r.origin, "reason_added", id=rid, label=r.label))
        elif shape(before[rid].label) != shape(r.label):
            out.append(
                change(
                    "reason",
                    "changed",
                    rid,
                    before[rid].origin,
                    r.origin,
                    "reason_label",
                    id=rid,
                    old=before[rid].label,
                    new=r.label,
                )
            )
    for rid, r in before.items():
        if rid not in after:
            out.append(
                change("reason", "removed", rid, r.origin, None, "reason_removed", id=rid, label=r.label)
            )
    return out
