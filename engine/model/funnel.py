"""The funnel: stages, the transitions between them, refusal reasons, conversion norms."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from engine.model.condition import Condition
from engine.model.ids import by_id
from engine.model.text import EMPTY, Origin, Text


class StageKind(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


ANY_OPEN = "*"


@dataclass(frozen=True, slots=True)
class Question:
    q: Text
    a: Text


@dataclass(frozen=True, slots=True)
class Objection:
    """What a client objects at a stage and what the manager answers."""

    objection: Text
    answer: Text


@dataclass(frozen=True, slots=True)
class Document:
    title: Text
    note: Text = EMPTY
    url: str = ""


@dataclass(frozen=True, slots=True)
class Guidance:
    goal: Text = EMPTY
    steps: tuple[Text, ...] = ()
    do: tuple[Text, ...] = ()
    dont: tuple[Text, ...] = ()
    questions: tuple[Question, ...] = ()
    documents: tuple[Document, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    label: Text
    kind: StageKind
    order: int
    origin: Origin
    probability: float = 0.0
    sla_seconds: int | None = None
    sla_text: str = ""
    required_fields: tuple[str, ...] = ()
    required_at: tuple[Origin, ...] = ()
    """Where each required field is written, in the same order."""
    next_step_required: bool = True
    refusal_reasons: tuple[str, ...] = ()
    description: Text = EMPTY
    guidance: Guidance = Guidance()
    objections: tuple[Objection, ...] = ()
    owner_role: str = ""
    """The role that owns clients at this stage; empty: the client's cell decides."""

    @property
    def terminal(self) -> bool:
        return self.kind is not StageKind.OPEN


@dataclass(frozen=True, slots=True)
class Transition:
    trigger: str
    sources: tuple[str, ...]
    """Stage ids, or ``("*",)`` for any open stage."""
    dest: str
    label: Text
    origin: Origin
    required_fields: tuple[str, ...] = ()
    required_at: tuple[Origin, ...] = ()
    when: Condition | None = None
    reason_required: bool | None = None
    description: Text = EMPTY

    @property
    def from_any_open(self) -> bool:
        return self.sources == (ANY_OPEN,)


@dataclass(frozen=True, slots=True)
class RefusalReason:
    id: str
    label: Text
    origin: Origin
    description: Text = EMPTY


@dataclass(frozen=True, slots=True)
class ConversionNorm:
    label: Text
    count: int
    stage: str | None
    origin: Origin


@dataclass(frozen=True, slots=True)
class Funnel:
    entry: str
    stages: tuple[Stage, ...]
    transitions: tuple[Transition, ...]
    refusal_reasons: tuple[RefusalReason, ...]
    conversion_norms: tuple[ConversionNorm, ...]
    origin: Origin

    def stage(self, stage_id: str) -> Stage | None:
        return by_id(self.stages, stage_id)

    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    def open_stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages if s.kind is StageKind.OPEN)

    def sources_of(self, transition: Transition) -> tuple[str, ...]:
        """The concrete stage ids a transition may start from."""
        return self.open_stage_ids() if transition.from_any_open else transition.sources

    def reason(self, reason_id: str) -> RefusalReason | None:
        return by_id(self.refusal_reasons, reason_id)

    def ordered_stages(self) -> tuple[Stage, ...]:
        return tuple(sorted(self.stages, key=lambda s: (s.order, s.id)))
