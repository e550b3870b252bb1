"""What a command answers about a move or a change: its outcome with reasons and clauses, the
moves possible from a stage, a page of results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from engine import i18n
from engine.model.text import Text
from engine.runtime.machine import Outcome, PossibleMove
from engine.runtime.refusals import Refusal, RefusalCode
from engine.service.answers import ClientAnswer


@dataclass(frozen=True, slots=True)
class Clause:
    """Where the regulation demands it: file, line and JSON pointer."""

    file: str
    line: int
    pointer: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a move is refused or what it still needs, with the regulation's clause."""

    code: RefusalCode
    field: str | None
    message: i18n.Localized
    clause: Clause
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OutcomeAnswer:
    """What firing a trigger did: moved (from → to) or not, with every reason."""

    trigger: str
    moved: bool
    source: str = field(metadata={"json": "from"})
    dest: str | None = field(metadata={"json": "to"})
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Created:
    """A new client."""

    client: ClientAnswer


@dataclass(frozen=True, slots=True)
class AssignedAnswer:
    """An owner given by the ownership rules: to whom, of which role, by which rule."""

    manager: str
    role: str
    rule: str
    """``stage:<id>`` or ``cell:<AX>``: the rule that wanted the role."""
    strategy: str
    previous: str | None = None
    handover: bool = False
    """True when the client passed from one department (role) to another."""


@dataclass(frozen=True, slots=True)
class Moved:
    """A move that happened and the client after it."""

    outcome: OutcomeAnswer
    client: ClientAnswer
    assigned: AssignedAnswer | None = None
    """The owner the rules gave the client with this move, if they gave one."""


@dataclass(frozen=True, slots=True)
class CardChanged:
    """The client after a card change, and which fields changed."""

    client: ClientAnswer
    changed: list[str]
    """The fields whose value changed."""


@dataclass(frozen=True, slots=True)
class Reassigned:
    """The client after a hand-over."""

    client: ClientAnswer
    changed: bool
    """False when the manager already owned the client."""


@dataclass(frozen=True, slots=True)
class ContactDone:
    """A recorded contact and the client after it."""

    contact: int
    client: ClientAnswer


@dataclass(frozen=True, slots=True)
class MoveOption:
    """A move from the client's stage: ready now, or what it still needs."""

    trigger: str
    label: Text
    to: str
    ready: bool
    missing: list[Reason]


@dataclass(frozen=True, slots=True)
class Page:
    """A page of clients, newest first."""

    items: list[ClientAnswer]
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Possible:
    """Every move from the client's stage."""

    client: int
    stage: str
    moves: list[MoveOption]


def reason(r: Refusal) -> Reason:
    """A refusal as answered: the clause names the file within the regulation, never a path on
    the server."""
    clause = Clause(PurePath(r.clause.file).name, r.clause.line, r.clause.pointer)
    return Reason(r.code, r.field, r.said, clause, dict(r.details))


def outcome_answer(outcome: Outcome) -> OutcomeAnswer:
    return OutcomeAnswer(
        outcome.trigger, outcome.moved, outcome.source, outcome.dest, [reason(r) for r in outcome.reasons]
    )


def possible_answer(client_id: int, stage: str, moves: list[PossibleMove]) -> Possible:
    options = [MoveOption(m.trigger, m.label, m.dest, m.ready, [reason(r) for r in m.reasons]) for m in moves]
    return Possible(client_id, stage, options)
