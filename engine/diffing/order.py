"""The ABC-XYZ settings, the cells' policies and the call order compared."""

from __future__ import annotations

from engine.diffing.changes import Change, Duration, Said, change, shape
from engine.model.priorities import Bucket
from engine.model.regulation import Regulation
from engine.model.segments import CELLS, CellPolicy

SETTINGS = (
    "basis",
    "a",
    "b",
    "xyz_method",
    "x",
    "y",
    "step",
    "period",
    "min_history",
    "insufficient_history",
)


def cells(old: Regulation, new: Regulation) -> list[Change]:
    """The segment settings and each cell's policy: contact interval, owner role, name."""
    a, b = old.segments, new.segments
    if a is None or b is None:
        if a is b:
            return []
        was_at, now_at = (a.origin if a else None), (b.origin if b else None)
        action = "added" if b else "removed"
        return [change("segments", action, "segments", was_at, now_at, f"segments_{action}")]
    out = [
        change(
            "segments",
            "changed",
            name,
            a.origin,
            b.origin,
            "segments_setting",
            name=name,
            old=getattr(a, name),
            new=getattr(b, name),
        )
        for name in SETTINGS
        if getattr(a, name) != getattr(b, name)
    ]
    for cell in CELLS:
        was, now = a.policy(cell), b.policy(cell)
        if was is not None and now is not None:
            out += _cell(cell, was, now)
        elif was is not None or now is not None:
            action = "added" if now is not None else "removed"
            out.append(
                change(
                    "cell",
                    action,
                    cell,
                    was.origin if was else None,
                    now.origin if now else None,
                    f"cell_{action}",
                    cell=cell,
                )
            )
    return out


def _cell(cell: str, was: CellPolicy, now: CellPolicy) -> list[Change]:
    at = (was.origin, now.origin)
    out: list[Change] = []
    if was.contact_interval_seconds != now.contact_interval_seconds:
        out.append(
            change(
                "cell",
                "changed",
                cell,
                *at,
                "cell_interval",
                cell=cell,
                old=Duration(was.contact_interval_seconds),
                new=Duration(now.contact_interval_seconds),
            )
        )
    if was.owner_role != now.owner_role:
        out.append(
            change(
                "cell", "changed", cell, *at, "cell_owner", cell=cell, old=was.owner_role, new=now.owner_role
            )
        )
    rest = ("label", "price_terms", "goal", "guidance")
    if any(shape(getattr(was, n)) != shape(getattr(now, n)) for n in rest):
        out.append(change("cell", "changed", cell, *at, "cell_texts", cell=cell))
    return out


def call_order(old: Regulation, new: Regulation) -> list[Change]:
    """Buckets added, removed, moved in the order, and what changed in each."""
    if old.priorities is None or new.priorities is None:
        return []
    a, b = old.priorities, new.priorities
    out: list[Change] = []
    if shape(a.scope) != shape(b.scope):
        out.append(
            change(
                "order",
                "changed",
                "scope",
                a.origin,
                b.origin,
                "order_scope",
                old=Said(old, a.scope),
                new=Said(new, b.scope),
            )
        )
    if a.late_after_seconds != b.late_after_seconds:
        out.append(
            change(
                "order",
                "changed",
                "late_after",
                a.origin,
                b.origin,
                "order_late_after",
                old=Duration(a.late_after_seconds),
                new=Duration(b.late_after_seconds),
            )
        )
    before = {k.id: (n, k) for n, k in enumerate(a.buckets, 1)}
    after = {k.id: (n, k) for n, k in enumerate(b.buckets, 1)}
    kept_before = [i for i in before if i in after]
    kept_after = [i for i in after if i in before]
    for bid, (n, k) in after.items():
        if bid not in before:
            out.append(change("order", "added", bid, None, k.origin, "bucket_added", label=k.label, n=n))
    for bid, (n, k) in before.items():
        if bid not in after:
            out.append(change("order", "removed", bid, k.origin, None, "bucket_removed", label=k.label, n=n))
            continue
        m, now = after[bid]
        if kept_before.index(bid) != kept_after.index(bid):
            out.append(
                change(
                    "order", "moved", bid, k.origin, now.origin, "bucket_moved", label=now.label, old=n, new=m
                )
            )
        out += _bucket(old, new, k, now)
    return out


def _bucket(old: Regulation, new: Regulation, was: Bucket, now: Bucket) -> list[Change]:
    bid, at = now.id, (was.origin, now.origin)
    out: list[Change] = []
    if shape(was.when) != shape(now.when):
        out.append(
            change(
                "order",
                "changed",
                bid,
                (was.when or was).origin,
                (now.when or now).origin,
                "bucket_condition",
                label=now.label,
                old=Said(old, was.when),
                new=Said(new, now.when),
            )
        )
    if shape(was.sort) != shape(now.sort):
        out.append(
            change(
                "order", "changed", bid, *at, "bucket_sort", label=now.label, old=_sort(was), new=_sort(now)
            )
        )
    if was.color != now.color:
        out.append(
            change(
                "order", "changed", bid, *at, "bucket_color", label=now.label, old=was.color, new=now.color
            )
        )
    if shape(was.label) != shape(now.label) or shape(was.reason) != shape(now.reason):
        out.append(change("order", "changed", bid, *at, "bucket_texts", label=was.label))
    return out


def _sort(bucket: Bucket) -> str:
    return ", ".join(f"{k.by} {'↓' if k.descending else '↑'}" for k in bucket.sort) or "—"
