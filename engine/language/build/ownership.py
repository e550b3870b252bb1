"""regulation.yaml's roles (with their assignment rules) and hand-over rules → the model."""

from __future__ import annotations

from engine.language.build.reader import Node
from engine.model.ownership import ROUND_ROBIN, Assignment, Handover, Load, Strategy
from engine.model.regulation import Named

_STRATEGIES = {s.value: s for s in Strategy}
_LOADS = {load.value: load for load in Load}


def build_roles(node: Node) -> tuple[Named, ...]:
    return tuple(
        Named(
            n["id"].as_str(),
            n["label"].text(),
            n.origin,
            n["description"].text(),
            owns_clients=n["owns_clients"].as_bool(True),
            assignment=_assignment(n["assignment"]) if n.has("assignment") else ROUND_ROBIN,
        )
        for n in node.items()
        if n["id"].as_str()
    )


def _assignment(n: Node) -> Assignment:
    return Assignment(
        strategy=_STRATEGIES.get(n["strategy"].as_str(), Strategy.ROUND_ROBIN),
        load=_LOADS.get(n["load"].as_str(), Load.OPEN_CLIENTS),
        region_field=n["region_field"].as_str(),
        origin=n.origin,
    )


def build_handovers(node: Node) -> tuple[Handover, ...]:
    return tuple(
        Handover(
            source=n["from"].as_str() or None,
            dest=n["to"].as_str() or None,
            note=n["note"].as_bool(),
            required_fields=n["required_fields"].ids(),
            required_at=n["required_fields"].id_origins(),
            origin=n.origin,
            label=n["label"].text(),
        )
        for n in node.items()
    )
