"""What the commands answer: typed records, said in the reader's language only at the edge.

The CLI and the HTTP API render the same records (:func:`engine.i18n.plain`); the API's response
models are derived from these classes (:mod:`engine.api.derive`), so the client answer is
written once. Labels are :class:`Text` (every language of the regulation), messages are
:class:`engine.i18n.Localized`. Field docstrings become the OpenAPI descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from engine import i18n
from engine.model.funnel import StageKind
from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.runtime.stages import stage_of
from engine.values.client import ClientState
from engine.values.durations import format_duration


@dataclass(frozen=True, slots=True)
class Named:
    """Something of the regulation: its id and its label in the reader's language."""

    id: str
    label: Text


@dataclass(frozen=True, slots=True)
class StageAt:
    """The client's funnel stage and since when it stands there."""

    id: str
    label: Text
    kind: StageKind | None
    since: datetime


@dataclass(frozen=True, slots=True)
class CellPolicy:
    """How segments.yaml says to work with the clients of this cell."""

    label: Text
    owner_role: Named
    """The role that should own clients of this cell."""
    price_terms: Text
    contact_interval: i18n.Localized | None
    """How often to contact them, in words: «2 недели»."""
    goal: Text


@dataclass(frozen=True, slots=True)
class Segment:
    """The client's ABC-XYZ classes and the policy of its cell."""

    abc: str | None
    xyz: str | None
    cell: str | None
    policy: CellPolicy | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """The open next step: what to do and by when (the client's local date and time)."""

    action: str
    due_date: date
    due_time: time | None


@dataclass(frozen=True, slots=True)
class ClientAnswer:
    """A client: its card, funnel stage, owner, ABC-XYZ cell and next step."""

    id: int
    external_id: str | None
    name: str
    version: int
    """Also the ETag: send it back in If-Match to change the client."""
    stage: StageAt
    owner: str | None
    timezone: str
    potential: Named | None
    segment: Segment | None
    card: dict[str, Any]
    next_step: Step | None
    last_contact_at: datetime | None
    contacts_count: int
    created_at: datetime


def client_answer(reg: Regulation, client: ClientState) -> ClientAnswer:
    stage = stage_of(reg, client.stage)
    potential = None
    if client.potential and reg.card.potential is not None:
        potential = Named(client.potential, reg.card.potential.labels[client.potential])
    step = client.next_step
    return ClientAnswer(
        id=client.id,
        external_id=client.external_id,
        name=client.name,
        version=client.version,
        stage=StageAt(client.stage, stage.label, stage.kind, client.stage_since),
        owner=client.owner,
        timezone=client.timezone,
        potential=potential,
        segment=segment(reg, client),
        card=dict(client.card),
        next_step=Step(step.action, step.due_date, step.due_time) if step else None,
        last_contact_at=client.last_contact_at,
        contacts_count=client.contacts_count,
        created_at=client.created_at,
    )


@dataclass(frozen=True, slots=True)
class _Interval:
    seconds: int

    def render(self, lang: str) -> str:
        return format_duration(self.seconds, lang)


def segment(reg: Regulation, client: ClientState) -> Segment | None:
    """The client's ABC-XYZ cell and how the regulation says to work with it."""
    if not client.segment:
        return None
    policy = reg.segments.policy(client.segment) if reg.segments else None
    shown = None
    if policy is not None:
        role = reg.role(policy.owner_role)
        shown = CellPolicy(
            label=policy.label,
            owner_role=Named(policy.owner_role, role.label if role else Text.plain(policy.owner_role, "en")),
            price_terms=policy.price_terms,
            contact_interval=_Interval(policy.contact_interval_seconds)
            if policy.contact_interval_seconds
            else None,
            goal=policy.goal,
        )
    return Segment(client.abc, client.xyz, client.segment, shown)
