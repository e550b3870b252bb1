"""The client card: typed fields, the potential and the expected deal size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from engine.model.condition import Condition
from engine.model.ids import by_id
from engine.model.text import EMPTY, Origin, Text


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    ENUM = "enum"
    PHONE = "phone"
    EMAIL = "email"
    INN = "inn"
    URL = "url"
    PERCENT = "percent"
    """Each type's parsing, stored form, limits, words and family: engine/values/fieldtypes.py."""


POTENTIAL_LEVELS = ("perspective", "medium", "small")


@dataclass(frozen=True, slots=True)
class EnumValue:
    id: str
    label: Text
    origin: Origin


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    label: Text
    type: FieldType
    origin: Origin
    required: bool = False
    values: tuple[EnumValue, ...] = ()
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    help: Text = EMPTY
    example: str = ""
    aliases: tuple[str, ...] = ()
    """Other column names of the field in import files."""

    def value_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.values)

    def value_label(self, value_id: str, lang: str) -> str:
        for v in self.values:
            if v.id == value_id:
                return v.label.get(lang)
        return value_id


@dataclass(frozen=True, slots=True)
class DirectSign:
    field: str
    perspective: float
    medium: float
    origin: Origin


@dataclass(frozen=True, slots=True)
class IndirectSign:
    label: Text
    when: Condition
    points: int
    origin: Origin


@dataclass(frozen=True, slots=True)
class Potential:
    labels: Mapping[str, Text]
    direct: tuple[DirectSign, ...]
    signs: tuple[IndirectSign, ...]
    perspective_points: int
    medium_points: int
    origin: Origin


@dataclass(frozen=True, slots=True)
class DealSize:
    field: str | None
    by_potential: Mapping[str, float]
    default: float
    origin: Origin


@dataclass(frozen=True, slots=True)
class Card:
    fields: tuple[Field, ...]
    potential: Potential | None
    deal_size: DealSize | None
    origin: Origin

    def field(self, field_id: str) -> Field | None:
        return by_id(self.fields, field_id)

    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    def first_of(self, kind: FieldType) -> Field | None:
        """The first field of a type (the card's INN field: ``first_of(FieldType.INN)``)."""
        return next((f for f in self.fields if f.type is kind), None)
