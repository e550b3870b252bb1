"""What a hand-over between departments still lacks: the note and the fields its rule demands,
as refusals with the rule's clause, listed beside the transition's own."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from engine.model.ownership import Handover
from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.runtime.refusals import Refusal, refusal
from engine.runtime.requirements import field_problem, still_valid


def handover_unmet(
    regulation: Regulation,
    rule: Handover,
    card: Mapping[str, Any],
    note: str | None,
    already: Collection[str] = (),
) -> list[Refusal]:
    """The hand-over's unmet requirements; fields in ``already`` (reported by the transition
    itself) are not said twice."""
    found: list[Refusal] = []
    for name, origin in zip(rule.required_fields, rule.required_at, strict=False):
        field = regulation.card.field(name)
        if name in already:
            continue
        if field is not None and (
            problem := field_problem(field, card.get(name), origin, still_valid(field))
        ):
            found.append(problem)
    if rule.note and not (note or "").strip():
        found.append(refusal("handover_note", rule.origin, rule=rule_label(rule)))
    return found


def rule_label(rule: Handover) -> Text:
    """The rule's label, or its roles when it has none."""
    if rule.label.values:
        return rule.label
    return Text.plain(f"{rule.source or '*'} → {rule.dest or '*'}", "en")
