"""Card fields compared: added, removed, renamed; type, required, the values of a list, limits."""

from __future__ import annotations

from dataclasses import replace

from engine.diffing.changes import Change, Ids, change, renamed, renames, shape
from engine.model.card import Field
from engine.model.regulation import Regulation


def field_renames(old: Regulation, new: Regulation) -> dict[str, str]:
    def same(a: Field, b: Field) -> bool:
        return bool(
            shape(replace(a, id="", label=b.label, aliases=())) == shape(replace(b, id="", aliases=()))
        )

    return renames({f.id: f for f in old.card.fields}, {f.id: f for f in new.card.fields}, same)


def fields(old: Regulation, new: Regulation, moved: dict[str, str]) -> list[Change]:
    before = {f.id: f for f in old.card.fields}
    after = {f.id: f for f in new.card.fields}
    out: list[Change] = []
    for fid, f in after.items():
        if fid not in before and fid not in moved.values():
            out.append(
                change(
                    "field",
                    "added",
                    fid,
                    None,
                    f.origin,
                    "field_added",
                    id=fid,
                    label=f.label,
                    type=f.type.value,
                )
            )
    for fid, was in before.items():
        if fid in moved:
            now = after[moved[fid]]
            out.append(renamed("field", fid, was, now))
            out += _field(was, now)
        elif fid not in after:
            out.append(
                change("field", "removed", fid, was.origin, None, "field_removed", id=fid, label=was.label)
            )
        else:
            out += _field(was, after[fid])
    return out


def _field(was: Field, now: Field) -> list[Change]:
    fid, at = now.id, (was.origin, now.origin)
    out: list[Change] = []
    if shape(was.label) != shape(now.label):
        out.append(
            change("field", "changed", fid, *at, "field_label", id=was.id, old=was.label, new=now.label)
        )
    if was.type is not now.type:
        types = {"old": was.type.value, "new": now.type.value}
        out.append(change("field", "changed", fid, *at, "field_type", label=now.label, **types))
    if was.required != now.required:
        code = "field_required" if now.required else "field_optional"
        out.append(change("field", "changed", fid, *at, code, label=now.label))
    out += _values(was, now)
    for bound in ("min", "max", "max_length"):
        a, b = getattr(was, bound), getattr(now, bound)
        if a != b:
            limits = {"old": _number(a), "new": _number(b)}
            out.append(change("field", "changed", fid, *at, f"field_{bound}", label=now.label, **limits))
    return out


def _values(was: Field, now: Field) -> list[Change]:
    """The values of a list field added and removed."""
    old_values = {v.id: v for v in was.values}
    new_values = {v.id: v for v in now.values}
    added = tuple(v for i, v in new_values.items() if i not in old_values)
    removed = tuple(v for i, v in old_values.items() if i not in new_values)
    out: list[Change] = []
    if added:
        where = (was.origin, added[0].origin)
        out.append(
            change(
                "field", "changed", now.id, *where, "field_values_added", label=now.label, values=Ids(added)
            )
        )
    if removed:
        where = (removed[0].origin, now.origin)
        out.append(
            change(
                "field",
                "changed",
                now.id,
                *where,
                "field_values_removed",
                label=now.label,
                values=Ids(removed),
            )
        )
    return out


def _number(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"
