"""Who owns a client: the role each stage or ABC-XYZ cell wants, how a role deals its clients
among its managers, and what a hand-over between roles (departments) demands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from engine.model.text import EMPTY, Origin, Text


class Strategy(StrEnum):
    """How a role deals clients among its managers (ties always go in turn)."""

    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"
    BY_TIMEZONE = "by_timezone"
    BY_REGION = "by_region"


class Load(StrEnum):
    """What ``least_loaded`` compares: open clients held, or their expected value."""

    OPEN_CLIENTS = "open_clients"
    EXPECTED_VALUE = "expected_value"


@dataclass(frozen=True, slots=True)
class Assignment:
    strategy: Strategy = Strategy.ROUND_ROBIN
    load: Load = Load.OPEN_CLIENTS
    region_field: str = ""
    origin: Origin | None = None


ROUND_ROBIN = Assignment()


@dataclass(frozen=True, slots=True)
class Handover:
    """What a client's move from one role's manager to another's demands."""

    source: str | None
    """The handing role; None: any."""
    dest: str | None
    """The receiving role; None: any."""
    note: bool
    required_fields: tuple[str, ...]
    required_at: tuple[Origin, ...]
    origin: Origin
    label: Text = EMPTY

    def applies(self, source: str | None, dest: str) -> bool:
        return (self.source is None or self.source == source) and (self.dest is None or self.dest == dest)


@dataclass(frozen=True, slots=True)
class Rule:
    """The rule wanting a role for a client: ``stage:<id>`` or ``cell:<AX>``."""

    role: str
    kind: str
    """stage or cell"""
    key: str

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.key}"
