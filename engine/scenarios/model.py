"""A scenario as written: who the client is, what happens, what must come of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.model.text import Origin
from engine.values.client import ClientState, NextStep


@dataclass(frozen=True, slots=True)
class Expect:
    moved: str | None = None
    """The stage the client must end on."""
    refused: tuple[str, ...] | None = None
    """The refusal codes expected (``missing_field``, ``condition``…), each optionally
    ``code:field``; an empty tuple: refused for any reason."""
    bucket: str | None = None
    """The call-list bucket the client must fall in (``none``: not on the list)."""
    cell: str | None = None
    """The ABC-XYZ cell whose policy applies."""


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    origin: Origin
    client: ClientState
    at: datetime
    trigger: str | None
    """None: the call list."""
    reason: str | None
    next_step: NextStep | None
    expect: Expect


@dataclass(frozen=True, slots=True)
class Broken:
    """A scenario that could not be read: where, and what to write instead."""

    origin: Origin
    code: str
    args: tuple[tuple[str, object], ...] = ()
