"""The condition language has one owner: every operator has every part of its specification, and
its scalar test and vectorised mask agree on random cards and facts (hypothesis)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import i18n
from engine.conditions import compile_condition
from engine.conditions.operators import OPERATORS
from engine.conditions.spec import Column, Shape
from engine.model.card import FieldType
from engine.model.condition import Compare, Op
from engine.model.text import NOWHERE
from engine.resources import SCHEMAS_DIR
from engine.store.database import Database
from engine.store.queue_where import evaluate
from engine.values.fieldtypes import FIELD_TYPES, Family

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
KIND = {
    Family.NUMBER: FieldType.DECIMAL,
    Family.DATE: FieldType.DATE,
    Family.DATETIME: FieldType.DATETIME,
    Family.BOOLEAN: FieldType.BOOLEAN,
    Family.ENUM: FieldType.ENUM,
    Family.TEXT: FieldType.TEXT,
}
LETTERS = "абвгдеёЁЕАБ xyzXYZ"


def comparison_schema() -> dict[str, Any]:
    schema = json.loads((SCHEMAS_DIR / "common.schema.json").read_text(encoding="utf-8"))
    properties: dict[str, Any] = schema["definitions"]["comparison"]["properties"]
    return properties


@pytest.mark.parametrize("op", list(Op), ids=str)
def test_every_operator_has_every_part(op: Op) -> None:
    spec = OPERATORS.get(op)
    assert spec is not None, f"{op} has no specification in engine/conditions/operators.py"
    assert spec.op is op and isinstance(spec.shape, Shape) and spec.families
    for part in (spec.test, spec.mask, spec.sql, spec.terms, spec.words, spec.sample):
        assert callable(part)
    assert spec.word_keys
    for lang in i18n.LANGUAGES:
        for key in spec.word_keys:
            for kind in ("op", "predicate"):
                assert f"words.{kind}.{key}" in i18n.catalog(lang), f"words.{kind}.{key}: no text in {lang}"
    help_text = comparison_schema().get(op.value, {}).get("description", "")
    assert "\n\n" in help_text, f"{op} has no hover help in both languages in common.schema.json"


def test_the_schema_has_no_operator_the_engine_lacks() -> None:
    assert set(comparison_schema()) - {"field"} == {op.value for op in Op}


def test_every_family_of_field_types_has_operators() -> None:
    for family in Family:
        assert [o for o in OPERATORS.values() if family in o.families], family


def client_values(family: Family) -> st.SearchStrategy[Any]:
    values: dict[Family, st.SearchStrategy[Any]] = {
        Family.NUMBER: st.one_of(st.integers(-5, 5).map(float), st.floats(-10, 10, allow_nan=False)),
        Family.DATE: st.dates(date(2026, 1, 1), date(2026, 3, 5)),
        Family.DATETIME: st.datetimes(datetime(2026, 1, 1), datetime(2026, 3, 5), timezones=st.just(UTC)).map(
            lambda d: d.replace(microsecond=0, second=0)
        ),
        Family.BOOLEAN: st.booleans(),
        Family.ENUM: st.sampled_from(["a", "b", "c"]),
        Family.TEXT: st.text(LETTERS, max_size=6),
    }
    return st.one_of(st.none(), values[family])


def written(family: Family) -> st.SearchStrategy[Any]:
    """A value as a regulation writes it for a field of the family."""
    day = st.dates(date(2026, 1, 1), date(2026, 3, 5))
    values: dict[Family, st.SearchStrategy[Any]] = {
        Family.NUMBER: st.one_of(st.integers(-5, 5), st.floats(-10, 10, allow_nan=False)),
        Family.DATE: day.map(date.isoformat),
        Family.DATETIME: st.one_of(
            day.map(date.isoformat), day.map(lambda d: f"{d.isoformat()}T{d.day % 24:02d}:00:00+00:00")
        ),
        Family.BOOLEAN: st.booleans(),
        Family.ENUM: st.sampled_from(["a", "b", "c"]),
        Family.TEXT: st.text(LETTERS, min_size=1, max_size=3),
    }
    return values[family]


def operand(op: Op, family: Family) -> st.SearchStrategy[Any]:
    shape = OPERATORS[op].shape
    if shape is Shape.FLAG:
        return st.booleans()
    if shape is Shape.DURATION:
        return st.integers(0, 40).map(lambda days: days * 86400)
    fragment = st.text(LETTERS, min_size=1, max_size=2).filter(str.strip)
    if shape is Shape.FRAGMENT:
        return fragment
    if shape is Shape.FRAGMENTS:
        return st.lists(fragment, min_size=1, max_size=3).map(tuple)
    if shape is Shape.LIST:
        return st.lists(written(family), min_size=1, max_size=3).map(tuple)
    return written(family)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Compare, Family, list[Any]]:
    op = draw(st.sampled_from(list(Op)))
    family = draw(st.sampled_from(sorted(OPERATORS[op].families)))
    cmp = Compare("f", op, draw(operand(op, family)), NOWHERE)
    return cmp, family, draw(st.lists(client_values(family), min_size=1, max_size=8))


def column(family: Family, values: list[Any]) -> Column:
    epoch = date(1970, 1, 1)
    if family is Family.TEXT or family is Family.ENUM:
        return Column(np.array(values, dtype=object), KIND[family], NOW)
    numbers = [
        np.nan
        if v is None
        else float((v - epoch).days)
        if family is Family.DATE
        else v.timestamp()
        if family is Family.DATETIME
        else float(v)
        for v in values
    ]
    return Column(np.array(numbers, dtype=np.float64), KIND[family], NOW)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_scalar_and_vectorised_evaluation_agree(case: tuple[Compare, Family, list[Any]]) -> None:
    cmp, family, values = case
    scalar = compile_condition(cmp)
    expected = [scalar({"f": v, "__now__": NOW}) for v in values]
    mask = OPERATORS[cmp.op].mask(cmp, column(family, values))
    assert mask.tolist() == expected, (cmp, values)


DATABASES: dict[str, Database] = {}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=cases())
def test_sql_and_vectorised_evaluation_agree(db_url: str, case: tuple[Compare, Family, list[Any]]) -> None:
    """The call queue's SQL (:mod:`engine.conditions.sql`) answers as the masks do, on SQLite and
    PostgreSQL."""
    cmp, family, values = case
    col = column(family, values)
    expected = OPERATORS[cmp.op].mask(cmp, col).tolist()
    db = DATABASES.setdefault(db_url, Database(db_url))
    plain = [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in col.values.tolist()]
    with db.read() as conn:
        got = evaluate(conn, cmp, col.kind, col.numeric, NOW, plain)
    assert got == expected, (cmp, values)


def test_every_operator_is_drawn() -> None:
    assert {FIELD_TYPES[KIND[f]].family for f in Family} == set(Family)
    assert len(Op) == len(OPERATORS)


def test_fragments_ignore_case_and_yo() -> None:
    holds = compile_condition(Compare("f", Op.CONTAINS, "ЁЛКА", NOWHERE))
    assert holds({"f": "Новогодняя елка"}) and holds({"f": "ёлка"}) and not holds({"f": "ель"})
    assert not holds({"f": None})
    any_of = compile_condition(Compare("f", Op.MATCHES_ANY, ("опт", "Дилер"), NOWHERE))
    assert any_of({"f": "ОПТОВИК"}) and any_of({"f": "дилерский центр"}) and not any_of({"f": "розница"})


def test_fragments_in_the_reach_analysis() -> None:
    from engine.language.checks.reach import covered, never
    from engine.model.condition import AllOf, Not

    def c(op: Op, value: object) -> Compare:
        return Compare("f", op, value, NOWHERE)  # type: ignore[arg-type]

    assert never(AllOf((c(Op.CONTAINS, "Ёлка"), Not(c(Op.CONTAINS, "елка"), NOWHERE)), NOWHERE))
    assert never(AllOf((c(Op.MATCHES_ANY, ("a", "b")), c(Op.FILLED, False)), NOWHERE))
    assert not never(AllOf((c(Op.CONTAINS, "a"), Not(c(Op.CONTAINS, "b"), NOWHERE)), NOWHERE))
    assert covered(c(Op.CONTAINS, "ОПТ"), [c(Op.MATCHES_ANY, ("дилер", "опт"))])
    assert not covered(c(Op.MATCHES_ANY, ("дилер", "опт")), [c(Op.CONTAINS, "опт")])
    assert not covered(c(Op.FILLED, True), [c(Op.CONTAINS, "опт")])
