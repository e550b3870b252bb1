"""Automatic assignment: the role a client's stage or cell wants, and the manager of that role
the role's strategy picks — inside the caller's write transaction, recorded in the history with
the rule that caused it.

A :class:`Dealer` serves one transaction: the first client it deals for a role locks that
role's turn row, so concurrent transactions dealing the same role take turns and round-robin
stays exact; the candidates and their loads are read once under that lock and then kept up to
date in memory as clients are dealt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.model.funnel import StageKind
from engine.model.ownership import Handover, Load, Rule, Strategy
from engine.service.workspace import Workspace
from engine.store import Tx
from engine.store import ownership as store
from engine.store.ownership import Candidate, ValueTerms


@dataclass(frozen=True, slots=True)
class Wanted:
    """A client whose owner does not fit its rule: the rule, the owner's role, the hand-over."""

    rule: Rule
    source_role: str | None
    handover: Handover | None


@dataclass(frozen=True, slots=True)
class Placed:
    """One automatic assignment, as answers and reports show it."""

    client: int
    source: str | None
    dest: str
    role: str
    rule: str
    strategy: str
    handover: bool


def wanted(
    ws: Workspace, conn: Tx, owner: str | None, stage: str, abc: str | None, xyz: str | None
) -> Wanted | None:
    """What the rules want for a client with this owner at this stage and cell; None: it fits
    (or no rule speaks, or the wanted role owns no clients)."""
    rule = ws.regulation.owner_rule(stage, abc, xyz)
    if rule is None:
        return None
    named = ws.regulation.role(rule.role)
    if named is None or not named.owns_clients:
        return None
    role, active = store.role_of(conn, owner)
    if owner is not None and role == rule.role and active:
        return None
    handover = ws.regulation.handover(role, rule.role) if role is not None else None
    return Wanted(rule, role, handover)


class Dealer:
    def __init__(self, ws: Workspace, conn: Tx, moment: datetime, exclude: Sequence[int] = ()) -> None:
        self.ws, self.conn, self.moment = ws, conn, moment
        self._exclude = tuple(exclude)
        self._last: dict[str, int | None] = {}
        self._pool: dict[str, list[Candidate]] = {}
        self._loads: dict[str, dict[int, float]] = {}
        self._dealt: dict[str, int] = {}

    def finish(self) -> None:
        """Write each role's turn (the last manager dealt to, and how many were dealt)."""
        for role, n in self._dealt.items():
            last = self._last[role]
            if last is not None:
                store.advance_turn(self.conn, role, last, n)
        self._dealt.clear()

    def available(self, role: str) -> bool:
        """Whether ``role`` has anybody to pick (else :meth:`pick` gives None to every client)."""
        return self.ws.regulation.role(role) is not None and bool(self._candidates(role))

    def pick(self, role: str, timezone: str, card: Mapping[str, Any], value: float = 1.0) -> Candidate | None:
        """The manager of ``role`` the role's strategy gives this client; None: nobody available.
        ``value``: what the client adds to the load (its expected value for that measure)."""
        named = self.ws.regulation.role(role)
        if named is None:
            return None
        pool = self._candidates(role)
        if not pool:
            return None
        rule = named.assignment
        narrowed = pool
        if rule.strategy is Strategy.BY_TIMEZONE:
            narrowed = [c for c in pool if c.timezone == timezone] or pool
        elif rule.strategy is Strategy.BY_REGION:
            region = str(card.get(rule.region_field) or "").strip().casefold()
            narrowed = [c for c in pool if (c.region or "").strip().casefold() == region] or pool
        if rule.strategy is not Strategy.ROUND_ROBIN:
            loads = self._load(role, rule.load)
            low = min(loads[c.id] for c in narrowed)
            narrowed = [c for c in narrowed if loads[c.id] == low]
        chosen = _after(narrowed, self._last[role])
        self._last[role] = chosen.id
        self._dealt[role] = self._dealt.get(role, 0) + 1
        if role in self._loads:
            self._loads[role][chosen.id] += value if rule.load is Load.EXPECTED_VALUE else 1.0
        return chosen

    def _candidates(self, role: str) -> list[Candidate]:
        """The role's managers; the role's turn is locked only when there is someone to deal to
        (a role without managers deals nothing, so its clients skip the lock and its write)."""
        if role not in self._pool:
            day = self.moment.astimezone(_zone(self.ws)).date()
            self._pool[role] = store.candidates(self.conn, role, day, self._exclude)
            self._last[role] = store.lock_turn(self.conn, role) if self._pool[role] else None
        return self._pool[role]

    def _load(self, role: str, load: Load) -> dict[int, float]:
        if role not in self._loads:
            ids = [c.id for c in self._pool[role]]
            funnel = self.ws.regulation.funnel
            if load is Load.EXPECTED_VALUE:
                self._loads[role] = store.expected_values(self.conn, ids, value_terms(self.ws))
            else:
                open_stages = [s.id for s in funnel.stages if s.kind is StageKind.OPEN]
                self._loads[role] = store.open_clients(self.conn, ids, open_stages)
        return self._loads[role]


def value_terms(ws: Workspace) -> ValueTerms:
    reg = ws.regulation
    deal = reg.card.deal_size
    return ValueTerms(
        probabilities={s.id: s.probability for s in reg.funnel.stages if s.kind is StageKind.OPEN},
        field=deal.field if deal else None,
        by_potential=dict(deal.by_potential) if deal else {},
        default=deal.default if deal else 0.0,
    )


def _after(pool: Sequence[Candidate], last: int | None) -> Candidate:
    """The first candidate after ``last`` in id order, wrapping around: whose turn it is."""
    if last is None:
        return pool[0]
    return next((c for c in pool if c.id > last), pool[0])


def _zone(ws: Workspace) -> Any:
    from engine.runtime.facts import zone

    return zone(ws.regulation.timezone)
