"""Raw condition data → the condition AST."""

from __future__ import annotations

from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Shape
from engine.language.build.reader import Node
from engine.model.condition import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Not,
    Op,
    Scalar,
)
from engine.values.durations import parse_duration

_OPS = {op.value: op for op in Op}


def build_condition(node: Node) -> Condition | None:
    """The condition at ``node``, or None when it is too broken to mean anything."""
    if not isinstance(node.value, dict):
        return None
    if "all" in node.value:
        return AllOf(_items(node["all"]), node.origin)
    if "any" in node.value:
        return AnyOf(_items(node["any"]), node.origin)
    if "not" in node.value:
        inner = build_condition(node["not"])
        return Not(inner, node.origin) if inner is not None else None
    return _comparison(node)


def _items(node: Node) -> tuple[Condition, ...]:
    return tuple(c for c in (build_condition(item) for item in node.items()) if c is not None)


def _comparison(node: Node) -> Compare | None:
    field = node["field"].as_str()
    ops = [_OPS[k] for k in node.key_names() if k in _OPS]
    if not field or len(ops) != 1:
        return None
    op = ops[0]
    raw = node[op.value].value
    value: Scalar | tuple[Scalar, ...] | None
    shape = OPERATORS[op].shape
    if shape in (Shape.LIST, Shape.FRAGMENTS):
        value = tuple(v for v in raw if _is_scalar(v)) if isinstance(raw, list) else ()
    elif shape is Shape.DURATION:  # seconds; the raw text when it does not parse, for the check to show
        seconds = parse_duration(raw) if isinstance(raw, str) else None
        value = seconds if seconds is not None else str(raw)
    else:
        value = raw if _is_scalar(raw) else None
    return Compare(field, op, value, node.origin)


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool)
