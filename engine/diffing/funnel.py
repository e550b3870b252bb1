"""Stages, moves and refusal reasons compared: added, removed, renamed, and what changed in each
(names, kinds, SLAs, required fields, routes, conditions said in words)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from engine.diffing.changes import Change, Duration, change, listed, renamed, renames, shape
from engine.model.funnel import Stage, Transition
from engine.model.labels import Thing, label_text
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
            out.append(renamed("stage", sid, was, now))
            out += _stage(was, now, fields, (old, new))
        elif sid not in after:
            out.append(
                change("stage", "removed", sid, s.origin, None, "stage_removed", id=sid, label=s.label)
            )
        else:
            out += _stage(s, after[sid], fields, (old, new))
    if moved.get(old.funnel.entry, old.funnel.entry) != new.funnel.entry:
        out.append(
            change(
                "stage",
                "changed",
                new.funnel.entry,
                old.funnel.origin,
                new.funnel.origin,
                "entry",
                old=listed((old.funnel.entry,), old.funnel.stage),
                new=listed((new.funnel.entry,), new.funnel.stage),
            )
        )
    return out


_STAGE_VALUES: tuple[tuple[str, str, Callable[[Any], object]], ...] = (
    ("kind", "stage_kind", lambda kind: kind.value),
    ("sla_seconds", "stage_sla", Duration),
    ("probability", "stage_probability", lambda share: f"{share:.0%}"),
)
"""A stage's plain values compared one by one: the attribute, the change's code, how it is shown."""


def _stage(
    was: Stage, now: Stage, fields: dict[str, str], regs: tuple[Regulation, Regulation]
) -> list[Change]:
    sid, at = now.id, (was.origin, now.origin)
    out: list[Change] = []
    if shape(was.label) != shape(now.label):
        out.append(
            change("stage", "changed", sid, *at, "stage_label", id=was.id, old=was.label, new=now.label)
        )
    for attr, code, shown in _STAGE_VALUES:
        before, after = getattr(was, attr), getattr(now, attr)
        if before != after:
            values = {"old": shown(before), "new": shown(after)}
            out.append(change("stage", "changed", sid, *at, code, label=now.label, **values))
    if was.next_step_required != now.next_step_required:
        code = "stage_next_step_required" if now.next_step_required else "stage_next_step_optional"
        out.append(change("stage", "changed", sid, *at, code, label=now.label))
    out += required_changes("stage", sid, now.label, was, now, fields, regs)
    if set(was.refusal_reasons) != set(now.refusal_reasons):
        listed_reasons = {
            "old": listed(was.refusal_reasons, regs[0].funnel.reason),
            "new": listed(now.refusal_reasons, regs[1].funnel.reason),
        }
        out.append(change("stage", "changed", sid, *at, "stage_reasons", label=now.label, **listed_reasons))
    return out


def required_changes(
    concept: str,
    sid: str,
    label: object,
    was: Stage | Transition,
    now: Stage | Transition,
    fields: dict[str, str],
    regs: tuple[Regulation, Regulation],
) -> list[Change]:
    """Fields a stage or move now requires, or no longer does (renamed fields are the same).
    Each side's clause comes from its own version, each field is named by its label in the
    version that has it (the old label for a field no longer required)."""
    before = {fields.get(f, f): (f, at) for f, at in zip(was.required_fields, was.required_at, strict=False)}
    is_ = dict(zip(now.required_fields, now.required_at, strict=False))

    def said(f: str, reg: Regulation, old: Origin, new: Origin, code: str) -> Change:
        field = label_text(reg, Thing.FIELD, f)
        return change(concept, "changed", sid, old, new, f"{concept}_{code}", label=label, field=field)

    gained = [said(f, regs[1], was.origin, at, "requires") for f, at in is_.items() if f not in before]
    return gained + [
        said(old_id, regs[0], at, now.origin, "no_longer_requires")
        for f, (old_id, at) in before.items()
        if f not in is_
    ]
