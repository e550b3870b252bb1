"""What a transition demands, compiled once, and checked all at once with every reason kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from engine import i18n
from engine.conditions import Facts, Unmet, compile_explainer
from engine.conditions.words import Speaker
from engine.model.card import Field
from engine.model.funnel import Stage, StageKind, Transition
from engine.model.labels import Thing, labels
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.runtime.refusals import Refusal, RefusalCode, Said, refusal
from engine.values.client import NextStep


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
        regulation: Regulation,
        transition: Transition,
        source: Stage,
        speakers: Mapping[str, Speaker],
    ) -> None:
        funnel = regulation.funnel
        dest = funnel.stage(transition.dest)
        assert dest is not None, "the loader checked every reference"
        self.transition, self.source, self.dest = transition, source, dest
        self.speakers = speakers
        fields: dict[str, tuple[Field, Origin, Callable[[Any], bool] | None]] = {}
        for ids, origins in (
            (dest.required_fields, dest.required_at),
            (transition.required_fields, transition.required_at),
        ):
            for name, origin in zip(ids, origins, strict=False):
                card_field = regulation.card.field(name)
                if card_field is not None and name not in fields:
                    check = still_valid(card_field) if _constrained(card_field) else None
                    fields[name] = (card_field, origin, check)
        self.fields = tuple(fields.values())
        self.explains = compile_explainer(transition.when) if transition.when is not None else None
        wants_reason = transition.reason_required
        self.needs_reason = dest.kind is StageKind.LOST if wants_reason is None else wants_reason
        self.needs_next_step = dest.kind is StageKind.OPEN and dest.next_step_required
        self.reasons = {r: funnel.reason(r) for r in source.refusal_reasons}
        self.reason_labels = labels(regulation, Thing.REASON)

    def unmet(self, card: Mapping[str, Any], facts: Facts, given: MoveInput) -> list[Refusal]:
        """Every unmet requirement; empty when the move may happen."""
        found = []
        for f, origin, valid in self.fields:
            stored = card.get(f.id)
            if stored is None or (valid is not None and not valid(stored)):
                found.append(_field_refusal(f, stored, origin))
        if self.explains is not None and (failing := self.explains(facts)):
            found.extend(self._condition_refusals(failing))
        if self.needs_reason:
            found.extend(self._reason_refusals(given.reason))
        if self.needs_next_step and given.next_step is None and not _has_plan(facts):
            found.append(refusal("next_step_required", self.dest.origin, stage=self.dest.label))
        return found

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


_TWO_DAYS = timedelta(days=2)


def _has_plan(facts: Facts) -> bool:
    """The client already has an open next step that is not overdue (in the client's local
    date; the time-zone conversion is only needed when the due date is within a day of now)."""
    client = getattr(facts, "client", None)
    if client is not None:
        now = getattr(facts, "now", None)  # ClientFacts keep the moment; other facts map it
        if not isinstance(now, datetime):
            now = facts.get("__now__")
        if isinstance(now, datetime):
            step = client.next_step
            if step is None:
                return False
            if step.due_date >= now.date() + _TWO_DAYS:
                return True
    overdue = facts.get("task_overdue_days")
    return isinstance(overdue, float) and overdue <= 0


def field_problem(field: Field, stored: Any, origin: Origin, valid: Callable[[Any], bool]) -> Refusal | None:
    if stored is None or not valid(stored):
        return _field_refusal(field, stored, origin)
    return None


def _field_refusal(field: Field, stored: Any, origin: Origin) -> Refusal:
    """The refusal for a required field that is empty or no longer valid."""
    if stored is None:
        return refusal("missing_field", origin, field=field.id, label=field.label)
    return refusal("invalid_field", origin, field=field.id, label=field.label, value=stored)


def still_valid(field: Field) -> Callable[[Any], bool]:
    """A cheap check that a stored value still fits the current regulation (its enum values,
    bounds and length may have changed since the value was written), compiled once."""
    if field.values:
        ids = frozenset(field.value_ids())
        return lambda stored: stored in ids
    if field.max_length is not None:
        longest = field.max_length
        return lambda stored: not isinstance(stored, str) or len(stored) <= longest
    if field.min is not None or field.max is not None:
        low = field.min if field.min is not None else float("-inf")
        high = field.max if field.max is not None else float("inf")
        return lambda stored: _number_within(stored, low, high)
    return lambda stored: True


def _constrained(field: Field) -> bool:
    """Whether :func:`still_valid` has anything to check for ``field``."""
    return (
        bool(field.values) or field.max_length is not None or field.min is not None or field.max is not None
    )


def _number_within(stored: Any, low: float, high: float) -> bool:
    try:
        return low <= float(stored) <= high
    except (TypeError, ValueError):
        return False
