"""What the report statements need of the regulation, as plain values."""

from __future__ import annotations

from engine import i18n
from engine.model.funnel import Stage, StageKind
from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.reports.spec import Cell
from engine.store.reports.pipeline import Stages

DAY = 86400


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


def said(code: str) -> Text:
    """A catalog text as a label cell (every language the engine speaks)."""
    return Text(tuple((lang, i18n.tr(code, lang)) for lang in i18n.LANGUAGES))


def source_labels(reg: Regulation) -> dict[str | None, Cell]:
    """Lead source id → its label in the card (``None``: not stated)."""
    field = reg.card.field("source")
    labels: dict[str | None, Cell] = {v.id: v.label for v in field.values} if field is not None else {}
    labels[None] = said("report.no_source")
    return labels


def share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None
