"""The regulation's things by their labels: one lookup for everywhere an id would be shown.

People read labels, never ids (#14): a stage is «Квалификация», a contact kind «Звонок», a role
«Менеджер по продажам». Every rendering that would print an id — the CLI's text, the reports,
the impact report, the history — asks :func:`label`; an id the regulation no longer declares
(a stage a later version dropped) is shown as it is, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, TypeVar

from engine.model.regulation import Regulation
from engine.model.text import Text


class Thing(StrEnum):
    TRIGGER = "trigger"
    STAGE = "stage"
    FIELD = "field"
    CONTACT_KIND = "contact_kind"
    CONTACT_RESULT = "contact_result"
    REASON = "reason"
    ROLE = "role"
    BUCKET = "bucket"
    CELL = "cell"


def labelled(reg: Regulation, thing: Thing) -> Iterable[tuple[str, Text]]:
    """Every id of one kind of thing with its label, in the regulation's order."""
    if thing is Thing.TRIGGER:
        return ((t.trigger, t.label) for t in reg.funnel.transitions)
    if thing is Thing.STAGE:
        return ((s.id, s.label) for s in reg.funnel.stages)
    if thing is Thing.FIELD:
        return ((f.id, f.label) for f in reg.card.fields)
    if thing is Thing.CONTACT_KIND:
        return ((k.id, k.label) for k in reg.contact_kinds)
    if thing is Thing.CONTACT_RESULT:
        return ((r.id, r.label) for r in reg.contact_results)
    if thing is Thing.REASON:
        return ((r.id, r.label) for r in reg.funnel.refusal_reasons)
    if thing is Thing.BUCKET:
        return ((b.id, b.label) for b in (reg.priorities.buckets if reg.priorities else ()))
    if thing is Thing.CELL:
        return ((c, p.label) for c, p in (reg.segments.cells.items() if reg.segments else ()))
    return ((r.id, r.label) for r in reg.roles)


T = TypeVar("T")
_BUILT: dict[tuple[int, Thing, str], tuple[Regulation, Any]] = {}


def per_regulation(reg: Regulation, thing: Thing, build: Callable[[Regulation, Thing], T]) -> T:
    """``build(reg, thing)``, built once per regulation and kind of thing (a few dozen kept)."""
    key = (id(reg), thing, build.__qualname__)
    kept = _BUILT.get(key)
    if kept is None or kept[0] is not reg:
        if len(_BUILT) > 64:
            _BUILT.clear()
        kept = _BUILT[key] = (reg, build(reg, thing))
    result: T = kept[1]
    return result


def labels(reg: Regulation, thing: Thing) -> dict[str, Text]:
    """id → label of one kind of thing, built once per regulation."""
    return per_regulation(reg, thing, _labels)


def _labels(reg: Regulation, thing: Thing) -> dict[str, Text]:
    return {i: text for i, text in labelled(reg, thing) if text}


def label(reg: Regulation, thing: Thing, thing_id: str | None, lang: str) -> str:
    """The label of ``thing_id`` in ``lang``; the id itself when the regulation does not declare
    it; «—» for none."""
    if not thing_id:
        return "—"
    found = labels(reg, thing).get(thing_id)
    return found.get(lang) if found else thing_id


def label_text(reg: Regulation, thing: Thing, thing_id: str) -> Text | str:
    """The label in every language (for results said later, in the reader's language), or the
    id when the regulation does not declare it."""
    return labels(reg, thing).get(thing_id) or thing_id
