"""``targets:`` of regulation.yaml → :class:`Targets` (forgiving, after the schema check)."""

from __future__ import annotations

from engine.language.build.reader import Node
from engine.model.targets import (
    DEFAULT_RETENTION_WINDOW_DAYS,
    DEFAULT_WARN_BEFORE_DAYS,
    NO_TARGETS,
    ActivityNorm,
    Targets,
)
from engine.values.durations import parse_duration

DAY = 86400


def build_targets(node: Node) -> Targets:
    if not isinstance(node.value, dict):
        return NO_TARGETS
    retention = node["retention"]
    return Targets(
        buyers_per_month=_opt_int(node["buyers_per_month"]),
        first_orders_per_month=_opt_int(node["first_orders_per_month"]),
        win_rate=node["win_rate"].opt_float(),
        contact_compliance=node["contact_compliance"].opt_float(),
        retention_share=retention["share"].opt_float(),
        retention_window_days=_days(retention["window"], DEFAULT_RETENTION_WINDOW_DAYS),
        retention_warn_days=_days(retention["warn_before"], DEFAULT_WARN_BEFORE_DAYS),
        activity=tuple(
            ActivityNorm(n["role"].as_str(), kind, n["per_day"][kind].as_float(), n["per_day"][kind].origin)
            for n in node["activity"].items()
            for kind in n["per_day"].key_names()
            if n["role"].as_str() and n["per_day"][kind].is_number()
        ),
        origin=node.origin,
    )


def _opt_int(node: Node) -> int | None:
    value = node.as_int(0)
    return value if value > 0 else None


def _days(node: Node, default: int) -> int:
    text = node.as_str()
    if not text:
        return default
    seconds = parse_duration(text)
    return max(1, round(seconds / DAY)) if seconds else default
