"""What every report statement shares: the scope (period and filters) and dialect helpers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, literal, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from engine.store.tables import CLIENT, MANAGER
from engine.store.versions import stage_aliases

MIGRATED = "migrated"
"""The history kind of a client carried over by a migration map: the same stay, not an entry."""


@dataclass(frozen=True, slots=True)
class Scope:
    """The period ``[start, end)`` (aware UTC) and the filters on the clients counted."""

    start: datetime
    end: datetime
    first_day: date
    """The period's first local day in the regulation's time zone (sales lines are dated by day)."""
    after_day: date
    """The local day after the period."""
    manager: str | None = None
    """The owner's login."""
    segment: str | None = None
    """An ABC-XYZ cell such as ``AX``."""
    source: str | None = None
    """The card's ``source`` value."""

    @property
    def filtered(self) -> bool:
        return bool(self.manager or self.segment or self.source)


def for_reports(conn: Connection) -> None:
    """Settle the read transaction for report statements: on PostgreSQL without JIT compilation,
    which the planner's high estimates for correlated look-ups would otherwise start — it costs
    most of a second per statement and saves nothing on these short queries."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL jit = off"))


def client_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    """Conditions on ``client`` for the scope's filters (none: every client)."""
    out: list[ColumnElement[bool]] = []
    if scope.manager:
        owner = select(MANAGER.c.id).where(MANAGER.c.login == scope.manager).scalar_subquery()
        out.append(CLIENT.c.owner_id == owner)
    if scope.segment:
        out.append(and_(CLIENT.c.abc == scope.segment[:1], CLIENT.c.xyz == scope.segment[1:]))
    if scope.source:
        out.append(source_of() == scope.source)
    return out


def source_of() -> ColumnElement[Any]:
    """The card's lead source, as text."""
    source: ColumnElement[Any] = CLIENT.c.card["source"].as_string()
    return source


def by_stage(column: ColumnElement[Any], values: Mapping[str, float], default: float = 0.0) -> Any:
    """A per-stage constant (order, probability, SLA) as a CASE over ``column``."""
    if not values:
        return literal(default)
    return case({k: literal(v) for k, v in values.items()}, value=column, else_=literal(default))


def days_between(later: Any, earlier: Any, dialect: str) -> ColumnElement[Any]:
    """Days (fractional) from ``earlier`` to ``later``, both timestamps."""
    if dialect == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return cast(func.extract("epoch", later - earlier), Float) / 86400.0


def dialect(conn: Connection) -> str:
    return conn.dialect.name


def owner_login() -> Any:
    """The owner's login of a client row (join-free, for grouping)."""
    return select(MANAGER.c.login).where(MANAGER.c.id == CLIENT.c.owner_id).scalar_subquery()


def deal_size(field: str | None, by_potential: Mapping[str, float], default: float) -> Any:
    """The expected deal of a client as :meth:`PotentialRules.deal_size` computes it."""
    parts: list[Any] = []
    if field:
        amount = CLIENT.c.card[field].as_float()
        parts.append(case((amount > 0, amount), else_=None))
    parts.append(case((CLIENT.c.average_sale > 0, CLIENT.c.average_sale), else_=None))
    if by_potential:
        parts.append(case({k: literal(v) for k, v in by_potential.items()}, value=CLIENT.c.potential))
    parts.append(literal(default))
    return func.coalesce(*parts)


@dataclass(frozen=True, slots=True)
class Renamed:
    """The stage ids the history keeps after published migration maps renamed them (the
    ``stage_alias`` table: a handful of rows, read once per report and given to each of its
    statements), so a renamed stage's history counts as the stage it became."""

    aliases: Mapping[str, str]

    @classmethod
    def read(cls, conn: Connection) -> Renamed:
        return cls(stage_aliases(conn))

    def now(self, column: ColumnElement[Any] | Any) -> Any:
        """A stage id column as the stage it stands for now (a CASE over the few old ids)."""
        if not self.aliases:
            return column
        return case({old: literal(new) for old, new in self.aliases.items()}, value=column, else_=column)

    def ids(self, stages: Sequence[str]) -> list[str]:
        """``stages`` with the old ids that became one of them (for ``IN`` on an index)."""
        wanted = set(stages)
        return [*stages, *sorted(old for old, new in self.aliases.items() if new in wanted)]

    def values(self, per_stage: Mapping[str, float]) -> dict[str, float]:
        """A per-stage constant given to the old ids too."""
        return {**per_stage, **{old: per_stage[new] for old, new in self.aliases.items() if new in per_stage}}
