"""A scenario as written: who the client is, what happens, what must come of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

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
    next_step: NextStep | None = None
    """The client's next step after the contact."""
    order: tuple[str, ...] | None = None
    """The given clients (by name) on the call list, in call order."""


OWN = ""
"""The ``client`` of the scenario's own sales lines."""


@dataclass(frozen=True, slots=True)
class SaleLine:
    """One sales line given: the scenario's own client's, or another client's (``client``) that
    stands for the rest of the base, since ABC ranks clients against each other."""

    client: str
    day: date
    amount: float
    margin: float
    quantity: float


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact as a manager reports it: kind, result, the next step, a refusal's reason."""

    kind: str
    result: str
    next_step: NextStep | None
    reason: str | None


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
    sales: tuple[SaleLine, ...] = ()
    segmentation: bool = False
    """``when: segmentation``: the cell comes from the sales by the regulation's ABC-XYZ rules."""
    contact: Contact | None = None
    others: tuple[ClientState, ...] = ()
    """More clients at the same moment (``given.others``), numbered 2, 3… after the scenario's."""


@dataclass(frozen=True, slots=True)
class Broken:
    """A scenario that could not be read: where, and what to write instead."""

    origin: Origin
    code: str
    args: tuple[tuple[str, object], ...] = ()
    name: str = ""
    """The scenario's name, when it could be read (else the file stands for it)."""
