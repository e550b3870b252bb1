"""The whole regulation: the typed, immutable model every other part of the engine reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engine.model.card import Card
from engine.model.funnel import Funnel, StageKind
from engine.model.ids import by_id
from engine.model.migration import NO_MIGRATION, Migration
from engine.model.ownership import ROUND_ROBIN, Assignment, Handover, Rule
from engine.model.priorities import Priorities
from engine.model.segments import Segments
from engine.model.targets import NO_TARGETS, Targets
from engine.model.text import EMPTY, Origin, Text


@dataclass(frozen=True, slots=True)
class Named:
    """A declared id with a label: a role or a contact kind."""

    id: str
    label: Text
    origin: Origin
    description: Text = EMPTY
    owns_clients: bool = True
    assignment: Assignment = ROUND_ROBIN


@dataclass(frozen=True, slots=True)
class ContactResult:
    id: str
    label: Text
    refusal: bool
    next_step: str
    """required, optional or none"""
    origin: Origin


@dataclass(frozen=True, slots=True)
class Regulation:
    id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    default_language: str
    currency: str
    timezone: str
    work_hours: tuple[str, str] | None
    roles: tuple[Named, ...]
    contact_kinds: tuple[Named, ...]
    contact_results: tuple[ContactResult, ...]
    funnel: Funnel
    card: Card
    segments: Segments | None
    priorities: Priorities | None
    root: Path
    digest: str
    """SHA-256 of the files' bytes: two loads of the same files have the same digest."""
    description: Text = EMPTY
    company: Text = EMPTY
    handovers: tuple[Handover, ...] = ()
    targets: Targets = NO_TARGETS
    migration: Migration = NO_MIGRATION
    """The ``migrate`` section: how the ids of the version before map to this one's."""
    effective_from: date | None = None
    """The day this version takes effect; None when not written or not a calendar day."""
    effective_from_text: str = ""
    """``effective_from`` as written, for the check that it is a calendar day."""

    @property
    def version_tag(self) -> str:
        """What history rows record: the declared version and a short digest."""
        return f"{self.version}+{self.digest[:8]}"

    def role(self, role_id: str) -> Named | None:
        return by_id(self.roles, role_id)

    def contact_result(self, result_id: str) -> ContactResult | None:
        return by_id(self.contact_results, result_id)

    def contact_kind(self, kind_id: str) -> Named | None:
        return by_id(self.contact_kinds, kind_id)

    def owner_rule(self, stage_id: str, abc: str | None, xyz: str | None) -> Rule | None:
        """The rule naming the role that should own a client at ``stage_id`` in the cell
        ``abc``+``xyz``: the stage's ``owner_role``; else, outside lost stages, the cell's."""
        stage = self.funnel.stage(stage_id)
        if stage is None:
            return None
        if stage.owner_role:
            return Rule(stage.owner_role, "stage", stage.id)
        if stage.kind is StageKind.LOST or self.segments is None or not abc or not xyz:
            return None
        policy = self.segments.policy(abc + xyz)
        return Rule(policy.owner_role, "cell", abc + xyz) if policy and policy.owner_role else None

    def handover(self, source: str | None, dest: str) -> Handover | None:
        """The first hand-over rule for a client passing from role ``source`` to ``dest``."""
        if source == dest:
            return None
        return next((h for h in self.handovers if h.applies(source, dest)), None)
