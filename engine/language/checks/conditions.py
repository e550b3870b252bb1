"""Conditions: every field exists, every operator fits its type, every value fits the field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Shape
from engine.language import fixes
from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Words
from engine.language.suggest import suggestion
from engine.model.card import FieldType
from engine.model.condition import Compare, Condition, comparisons
from engine.model.regulation import Regulation
from engine.values.facts import FACTS, fact_values
from engine.values.fieldtypes import FIELD_TYPES, NUMERIC, TEMPORAL

Kind = tuple[FieldType, tuple[str, ...]]


def field_kind(reg: Regulation, name: str) -> Kind | None:
    """The type of a card field or a fact, and its allowed values when it is an enum."""
    field = reg.card.field(name)
    if field is not None:
        return field.type, field.value_ids()
    fact = FACTS.get(name)
    if fact is not None:
        return fact.type, fact_values(fact, reg)
    return None


def all_conditions(reg: Regulation) -> Iterator[tuple[Condition, str]]:
    """Every condition of the regulation with the file kind it is written in."""
    for t in reg.funnel.transitions:
        if t.when is not None:
            yield t.when, "stages"
    if reg.card.potential is not None:
        for sign in reg.card.potential.signs:
            yield sign.when, "card"
    if reg.priorities is not None:
        if reg.priorities.scope is not None:
            yield reg.priorities.scope, "priorities"
        for bucket in reg.priorities.buckets:
            if bucket.when is not None:
                yield bucket.when, "priorities"


@check("card", "stages")
def condition_types(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    known = [*reg.card.field_ids(), *FACTS]
    for condition, kind in all_conditions(reg):
        if kind in ctx.broken:
            continue
        for cmp in comparisons(condition):
            resolved = field_kind(reg, cmp.field)
            if resolved is None:
                yield ctx.report(cmp.origin, "R202", "field", ref=cmp.field, **suggestion(cmp.field, known))
            else:
                yield from _check_comparison(cmp, resolved, ctx)


def _check_comparison(cmp: Compare, kind: Kind, ctx: CheckContext) -> Iterator[Diagnostic]:
    field_type, allowed = kind
    op, spec = cmp.op, OPERATORS[cmp.op]
    if FIELD_TYPES[field_type].family not in spec.families:
        yield ctx.report(
            cmp.origin,
            "R502",
            op.value,
            key=True,
            op=op.value,
            field=cmp.field,
            type=Words((f"field_type.{field_type.value}",)),
        )
        return
    if spec.shape is Shape.FLAG:
        return
    if spec.shape is Shape.DURATION:
        if isinstance(cmp.value, str):
            yield ctx.report(cmp.origin, "R503", op.value, value=cmp.value)
        return
    listed = spec.shape in (Shape.LIST, Shape.FRAGMENTS)
    values = cmp.value if listed and isinstance(cmp.value, tuple) else (cmp.value,)
    for i, value in enumerate(values):
        path: tuple[str | int, ...] = (op.value, i) if listed else (op.value,)
        if spec.shape in (Shape.FRAGMENT, Shape.FRAGMENTS):
            problem = "" if isinstance(value, str) and value.strip() else "type"
            field_type = FieldType.TEXT
        else:
            problem = _value_problem(field_type, allowed, value) or _points(field_type, cmp.field, value)
        if problem == "enum":
            yield ctx.report(
                cmp.origin,
                "R205",
                *path,
                value=value,
                field=cmp.field,
                **suggestion(str(value), allowed),
            )
        elif problem:
            yield ctx.report(
                cmp.origin,
                "R501",
                *path,
                field=cmp.field,
                value=json.dumps(value, ensure_ascii=False),
                expected=Words((f"field_type.{field_type.value}",)),
                **fixes.for_field(field_type.value, value, cmp.field),
            )


def _points(field_type: FieldType, name: str, value: object) -> str:
    """A share written in percentage points (``greater: 30`` for 30 %): it would never hold."""
    share = field_type is FieldType.PERCENT or name in fixes.SHARES
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return "type" if share and is_number and 1 < abs(value) <= 100 else ""  # type: ignore[arg-type]


def _value_problem(field_type: FieldType, allowed: tuple[str, ...], value: object) -> str:
    if field_type in NUMERIC:
        return "" if isinstance(value, int | float) and not isinstance(value, bool) else "type"
    if field_type is FieldType.BOOLEAN:
        return "" if isinstance(value, bool) else "type"
    if not isinstance(value, str):
        return "type"
    if field_type is FieldType.ENUM:
        return "" if value in allowed else "enum"
    if field_type in TEMPORAL:
        return "" if _is_temporal(value, field_type) else "type"
    return ""


def _is_temporal(value: str, field_type: FieldType) -> bool:
    try:
        if field_type is FieldType.DATE:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
