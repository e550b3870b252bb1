"""What a transition demands, compiled once, and checked all at once with every reason kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import i18n
from engine.conditions import Facts, Unmet, compile_explainer
from engine.conditions.words import Speaker
from engine.model.card import Field
from engine.model.funnel import Stage, StageKind, Transition
from engine.model.labels import Thing, labels
from engine.model.text import Origin
from engine.runtime.facts import ClientFacts, Runtime, has_plan
from engine.runtime.refusals import Refusal, RefusalCode, Said, refusal
from engine.values.client import ClientState, NextStep


@dataclass(frozen=True, slots=True)
class MoveInput:
    """What a manager gives with a move besides the trigger."""

    reason: str | None = None
    next_step: NextStep | None = None
    note: str | None = None
    """The hand-over note, for a move that passes the client to another department."""


NO_INPUT = MoveInput()


class Requirements:
    """Everything one transition demands when it leaves one stage."""

    def __init__(
        self,
        runtime: Runtime,
        transition: Transition,
        source: Stage,
        speakers: Mapping[str, Speaker],
    ) -> None:
        regulation = runtime.regulation
        funnel = regulation.funnel
        dest = funnel.stage(transition.dest)
        assert dest is not None, "the loader checked every reference"
        self.runtime, self.transition, self.source, self.dest = runtime, transition, source, dest
        self.speakers = speakers
        fields: dict[str, tuple[Field, Origin, Callable[[Any], bool] | None]] = {}
        for ids, origins in (
            (dest.required_fields, dest.required_at),
            (transition.required_fields, transition.required_at),
        ):
            for name, origin in zip(ids, origins, strict=False):
                card_field = regulation.card.field(name)
                if card_field is not None and name not in fields:
                    fields[name] = (card_field, origin, still_valid(card_field))
        self.fields = tuple(fields.values())
        self._checks = tuple((f.id, valid) for f, _, valid in self.fields)
        self.explains = compile_explainer(transition.when) if transition.when is not None else None
        wants_reason = transition.reason_required
        self.needs_reason = dest.kind is StageKind.LOST if wants_reason is None else wants_reason
        self.needs_next_step = dest.kind is StageKind.OPEN and dest.next_step_required
        self.reasons = {r: funnel.reason(r) for r in source.refusal_reasons}
        self.reason_labels = labels(regulation, Thing.REASON)

    def unmet(
        self, client: ClientState, now: datetime, given: MoveInput, facts: Facts | None = None
    ) -> list[Refusal]:
        """Every unmet requirement; empty when the move may happen. ``facts`` are the client's at
        ``now`` when the caller has them already; they are only computed for a condition."""
        found: list[Refusal] = []
        card = client.card
        for name, valid in self._checks:
            stored = card.get(name)
            if stored is None or (valid is not None and not valid(stored)):
                found += self._field_refusals(card)
                break
        if self.explains is not None:
            failing = self.explains(ClientFacts(self.runtime, client, now) if facts is None else facts)
            if failing:
                found += self._condition_refusals(failing)
        if self.needs_reason:
            found += self._reason_refusals(given.reason)
        if self.needs_next_step and given.next_step is None and not has_plan(client, now):
            found.append(refusal("next_step_required", self.dest.origin, stage=self.dest.label))
        return found

    def _field_refusals(self, card: Mapping[str, Any]) -> list[Refusal]:
        """The refusals for every required field that is empty or no longer valid, in order."""
        return [
            r for f, origin, valid in self.fields if (r := field_problem(f, card.get(f.id), origin, valid))
        ]

    def _condition_refusals(self, failing: list[Unmet]) -> list[Refusal]:
        out = []
        speakers = self.speakers
        for part in failing:
            condition = part.condition

            def words(lang: str, condition: Any = condition) -> str:
                speaker = speakers.get(lang) or next(iter(speakers.values()))
                return speaker.says_unmet(condition)

            out.append(Refusal(RefusalCode.CONDITION, part.origin, Said("refusal.condition", words)))
        return out

    def _reason_refusals(self, reason: str | None) -> list[Refusal]:
        valid = [r for r in self.reasons.values() if r is not None]
        if reason is not None and reason in self.reasons:
            return []
        code = "reason_required" if reason is None else "reason_not_valid"
        details = {"valid": [r.id for r in valid]}
        listed = i18n.Joined(tuple(r.label for r in valid), "or")
        found = refusal(
            code,
            self.transition.origin,
            field="reason",
            details=details,
            stage=self.source.label,
            reason=self.reason_labels.get(reason or "", reason or ""),
            valid=listed,
        )
        return [found]


def field_problem(
    field: Field, stored: Any, origin: Origin, valid: Callable[[Any], bool] | None
) -> Refusal | None:
    """The refusal for a required field that is empty or no longer valid (``valid`` from
    :func:`still_valid`), or None."""
    if stored is None or (valid is not None and not valid(stored)):
        return _field_refusal(field, stored, origin)
    return None


def _field_refusal(field: Field, stored: Any, origin: Origin) -> Refusal:
    """The refusal for a required field that is empty or no longer valid."""
    if stored is None:
        return refusal("missing_field", origin, field=field.id, label=field.label)
    return refusal("invalid_field", origin, field=field.id, label=field.label, value=stored)


def still_valid(field: Field) -> Callable[[Any], bool] | None:
    """A cheap check that a stored value still fits the current regulation (its enum values,
    bounds and length may have changed since the value was written), compiled once; None when
    the field constrains nothing."""
    if field.values:
        ids = frozenset(field.value_ids())
        return ids.__contains__
    if field.max_length is not None:
        longest = field.max_length
        return lambda stored: not isinstance(stored, str) or len(stored) <= longest
    if field.min is not None or field.max is not None:
        low = field.min if field.min is not None else float("-inf")
        high = field.max if field.max is not None else float("inf")
        return lambda stored: _number_within(stored, low, high)
    return None


def _number_within(stored: Any, low: float, high: float) -> bool:
    try:
        return low <= float(stored) <= high
    except (TypeError, ValueError):
        return False
