"""card.yaml → Card."""

from __future__ import annotations

from types import MappingProxyType

from engine.language.build.conditions import build_condition
from engine.language.build.reader import Node
from engine.model.card import (
    POTENTIAL_LEVELS,
    Card,
    DealSize,
    DirectSign,
    EnumValue,
    Field,
    FieldType,
    IndirectSign,
    Potential,
)

_TYPES = {t.value: t for t in FieldType}


def build_card(root: Node) -> Card:
    return Card(
        fields=tuple(f for f in map(_field, root["fields"].items()) if f is not None),
        potential=_potential(root["potential"]) if root.has("potential") else None,
        deal_size=_deal_size(root["deal_size"]) if root.has("deal_size") else None,
        origin=root.origin,
    )


def _field(n: Node) -> Field | None:
    field_id = n["id"].as_str()
    if not field_id:
        return None
    max_length = n["max_length"].as_int()
    return Field(
        id=field_id,
        label=n["label"].text(),
        type=_TYPES.get(n["type"].as_str(), FieldType.TEXT),
        origin=n.origin,
        required=n["required"].as_bool(),
        values=tuple(
            EnumValue(v["id"].as_str(), v["label"].text(), v.origin)
            for v in n["values"].items()
            if v["id"].as_str()
        ),
        min=n["min"].opt_float(),
        max=n["max"].opt_float(),
        max_length=max_length or None,
        help=n["help"].text(),
        example=n["example"].as_str(),
        aliases=n["aliases"].ids(),
    )


def _potential(n: Node) -> Potential:
    indirect = n["indirect"]
    return Potential(
        labels=MappingProxyType({level: n["labels"][level].text() for level in POTENTIAL_LEVELS}),
        direct=tuple(
            DirectSign(d["field"].as_str(), d["perspective"].as_float(), d["medium"].as_float(), d.origin)
            for d in n["direct"].items()
            if d["field"].as_str()
        ),
        signs=tuple(
            IndirectSign(s["label"].text(), when, s["points"].as_int(), s.origin)
            for s in indirect["signs"].items()
            if (when := build_condition(s["when"])) is not None
        ),
        perspective_points=indirect["perspective"].as_int(),
        medium_points=indirect["medium"].as_int(),
        origin=n.origin,
    )


def _deal_size(n: Node) -> DealSize:
    by = n["by_potential"]
    return DealSize(
        field=n["field"].as_str() or None,
        by_potential=MappingProxyType({k: by[k].as_float() for k in POTENTIAL_LEVELS if by[k].is_number()}),
        default=n["default"].as_float(),
        origin=n.origin,
    )
