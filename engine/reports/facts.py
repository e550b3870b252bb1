"""What the report statements need of the regulation, as plain values, and the store's scope."""

from __future__ import annotations

from engine.model.funnel import Stage, StageKind
from engine.model.regulation import Regulation
from engine.reports.spec import Filters
from engine.store.reports import Scope
from engine.store.reports.pipeline import Stages

DAY = 86400


def scope(filters: Filters) -> Scope:
    return Scope(
        filters.start,
        filters.end,
        filters.first_day,
        filters.after_day,
        filters.manager,
        filters.segment,
        filters.source,
    )


def ordered(reg: Regulation) -> tuple[Stage, ...]:
    return tuple(sorted(reg.funnel.stages, key=lambda s: s.order))


def of_kind(reg: Regulation, kind: StageKind) -> list[str]:
    return [s.id for s in reg.funnel.stages if s.kind is kind]


def orders(reg: Regulation) -> dict[str, int]:
    return {s.id: s.order for s in reg.funnel.stages}


def stages(reg: Regulation) -> Stages:
    deal = reg.card.deal_size
    return Stages(
        open=of_kind(reg, StageKind.OPEN),
        sla_days={s.id: s.sla_seconds / DAY for s in reg.funnel.stages if s.sla_seconds},
        needs_step=[s.id for s in reg.funnel.stages if s.kind is StageKind.OPEN and s.next_step_required],
        probability={s.id: s.probability for s in reg.funnel.stages},
        deal_field=deal.field if deal else None,
        deal_by_potential=dict(deal.by_potential) if deal else None,
        deal_default=deal.default if deal else 0.0,
    )


def share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None
