"""Moves (transitions by trigger) and refusal reasons compared between two regulations."""

from __future__ import annotations

from engine.diffing.changes import Change, Route, Said, change, listed, shape
from engine.diffing.funnel import required_changes
from engine.model.funnel import Transition
from engine.model.regulation import Regulation
from engine.model.text import Origin


def transitions(
    old: Regulation, new: Regulation, moved: dict[str, str], fields: dict[str, str]
) -> list[Change]:
    """Moves (by trigger) added, removed and changed: route, required fields, condition."""
    before = {t.trigger: t for t in old.funnel.transitions}
    after = {t.trigger: t for t in new.funnel.transitions}
    out = [_one("added", new, t, None, t.origin) for tid, t in after.items() if tid not in before]
    for tid, was in before.items():
        now = after.get(tid)
        if now is None:
            out.append(_one("removed", old, was, was.origin, None))
        else:
            out += _changed(old, new, was, now, moved, fields)
    return out


def _one(what: str, reg: Regulation, t: Transition, was: Origin | None, now: Origin | None) -> Change:
    route = _route(reg, t.sources, t.dest)
    return change("transition", what, t.trigger, was, now, f"transition_{what}", label=t.label, route=route)


def _changed(
    old: Regulation,
    new: Regulation,
    was: Transition,
    now: Transition,
    moved: dict[str, str],
    fields: dict[str, str],
) -> list[Change]:
    tid, at = now.trigger, (was.origin, now.origin)
    out: list[Change] = []
    sources = tuple(moved.get(s, s) for s in was.sources)
    if sources != now.sources or moved.get(was.dest, was.dest) != now.dest:
        route = {"old": _route(old, was.sources, was.dest), "new": _route(new, now.sources, now.dest)}
        out.append(change("transition", "changed", tid, *at, "transition_route", label=now.label, **route))
    if shape(was.when) != shape(now.when):
        said = {"old": Said(old, was.when), "new": Said(new, now.when)}
        out.append(
            change(
                "transition",
                "changed",
                tid,
                _at(was),
                _at(now),
                "transition_condition",
                label=now.label,
                **said,
            )
        )
    if was.reason_required != now.reason_required:
        code = "transition_reason_required" if now.reason_required else "transition_reason_optional"
        out.append(change("transition", "changed", tid, *at, code, label=now.label))
    out += required_changes("transition", tid, now.label, was, now, fields, (old, new))
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
