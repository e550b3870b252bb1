"""The team's targets (``targets:`` in regulation.yaml): what the reports compare reality with."""

from __future__ import annotations

from dataclasses import dataclass

from engine.model.text import Origin

DEFAULT_RETENTION_WINDOW_DAYS = 90
DEFAULT_WARN_BEFORE_DAYS = 14


@dataclass(frozen=True, slots=True)
class ActivityNorm:
    """Contacts of one kind per working day that a role is expected to make."""

    role: str
    kind: str
    per_day: float
    origin: Origin


@dataclass(frozen=True, slots=True)
class Targets:
    buyers_per_month: int | None = None
    first_orders_per_month: int | None = None
    win_rate: float | None = None
    contact_compliance: float | None = None
    retention_share: float | None = None
    retention_window_days: int = DEFAULT_RETENTION_WINDOW_DAYS
    retention_warn_days: int = DEFAULT_WARN_BEFORE_DAYS
    activity: tuple[ActivityNorm, ...] = ()
    origin: Origin | None = None

    def norms_of(self, role: str | None) -> dict[str, float]:
        """Contact kind → per working day for a role."""
        return {n.kind: n.per_day for n in self.activity if n.role == role}


NO_TARGETS = Targets()
