"""Card field types have one owner: every type has every part of its specification, and what
people type is read, bounded, stored and said as each case file in ``typed/`` says.

A new case is a new file ``typed/<anything>.yaml``: ``type``, ``read`` (``typed`` → ``stored``
or ``problem``; ``{repeat: x, times: n}`` writes a long text) and ``say`` (``stored`` → ``ru``,
``en``).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine import i18n
from engine.model.card import EnumValue, Field, FieldType
from engine.model.text import Origin, Text
from engine.resources import SCHEMAS_DIR
from engine.values.fieldtypes import FIELD_TYPES, Family, comparable, parse_value

CASES = sorted((Path(__file__).parent / "typed").glob("*.yaml"))
ORIGIN = Origin("card.yaml", 1, 1, "")


def field_of(kind: FieldType) -> Field:
    values = (EnumValue("a", Text.of(ru="А", en="A"), ORIGIN),) if kind is FieldType.ENUM else ()
    return Field("f", Text.of(ru="Поле", en="Field"), kind, ORIGIN, values=values)


@dataclass(frozen=True)
class Ctx:
    lang: str
    currency: str = "RUB"

    def label_of(self, value: str) -> str:
        return value.upper()  # the enum's English label, "A"


def written(value: Any) -> Any:
    if isinstance(value, dict) and "repeat" in value:
        return value["repeat"] * value["times"]
    return value


@pytest.mark.parametrize("kind", list(FieldType), ids=str)
def test_every_type_has_every_part(kind: FieldType) -> None:
    spec = FIELD_TYPES.get(kind)
    assert spec is not None, f"{kind} has no specification in engine/values/fieldtypes.py"
    assert spec.type is kind
    assert callable(spec.read) and callable(spec.say) and callable(spec.demo) and callable(spec.cell)
    assert spec.schema and spec.stored, f"{kind}: the schema and the stored form are said"
    assert spec.limits.max_length is not None or spec.limits.high is not None or spec.family is Family.BOOLEAN
    for lang in i18n.LANGUAGES:
        for key in (f"field_type.{kind.value}", f"field_example.{kind.value}"):
            assert key in i18n.catalog(lang), f"{key} has no text in {lang}"
    field = field_of(kind)
    rng = random.Random(7)
    typed = spec.demo(field, rng, date(2026, 11, 23))
    stored, problem = parse_value(field, typed)
    assert problem is None and stored is not None, f"{kind}: the demo value {typed!r} is refused: {problem}"
    for lang in i18n.LANGUAGES:
        assert spec.say(stored, Ctx(lang)).strip()
        cell = spec.cell(stored, Ctx(lang))
        back = cell if kind is not FieldType.ENUM else "a"  # an enum's cell is its label
        assert parse_value(field, back) == (stored, None), (
            f"{kind}: the exported {cell!r} reads back differently"
        )
    assert comparable(kind, stored) is not None


def test_the_schema_names_every_type() -> None:
    schema = json.loads((SCHEMAS_DIR / "card.schema.json").read_text(encoding="utf-8"))
    field_schema = schema["properties"]["fields"]["items"]["properties"]["type"]
    assert set(field_schema["enum"]) == {t.value for t in FieldType}
    for kind in FieldType:
        assert kind.value in field_schema["description"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_typed_values(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    kind = FieldType(case["type"])
    field = field_of(kind)
    for row in case["read"]:
        stored, problem = parse_value(field, written(row["typed"]))
        if "problem" in row:
            assert stored is None and problem is not None and problem.code == row["problem"], row
            assert all(len(v) <= 200 for _, v in problem.args), "a problem never echoes the whole input"
        else:
            assert problem is None, (row, problem)
            assert stored == written(row["stored"]), row
    for row in case.get("say", []):
        for lang in i18n.LANGUAGES:
            said = FIELD_TYPES[kind].say(row["stored"], Ctx(lang)).replace("\xa0", " ").replace("\u202f", " ")
            assert said == row[lang], (row, lang)


def test_there_are_cases_for_the_new_type() -> None:
    assert {yaml.safe_load(p.read_text(encoding="utf-8"))["type"] for p in CASES} >= {"percent", "integer"}
