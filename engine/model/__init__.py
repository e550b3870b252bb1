"""The typed, immutable regulation model."""

from __future__ import annotations

from engine.model.card import (
    Card,
    DealSize,
    DirectSign,
    EnumValue,
    Field,
    FieldType,
    IndirectSign,
    Potential,
)
from engine.model.condition import AllOf, AnyOf, Compare, Condition, Not, Op
from engine.model.funnel import (
    ANY_OPEN,
    ConversionNorm,
    Document,
    Funnel,
    Guidance,
    Objection,
    Question,
    RefusalReason,
    Stage,
    StageKind,
    Transition,
)
from engine.model.priorities import Bucket, Priorities, SortKey
from engine.model.regulation import ContactResult, Named, Regulation
from engine.model.segments import CELLS, CellPolicy, Segments
from engine.model.text import EMPTY, NOWHERE, Origin, Text

__all__ = [
    "ANY_OPEN",
    "CELLS",
    "EMPTY",
    "NOWHERE",
    "AllOf",
    "AnyOf",
    "Bucket",
    "Card",
    "CellPolicy",
    "Compare",
    "Condition",
    "ContactResult",
    "ConversionNorm",
    "DealSize",
    "DirectSign",
    "Document",
    "EnumValue",
    "Field",
    "FieldType",
    "Funnel",
    "Guidance",
    "IndirectSign",
    "Named",
    "Not",
    "Objection",
    "Op",
    "Origin",
    "Potential",
    "Priorities",
    "Question",
    "RefusalReason",
    "Regulation",
    "Segments",
    "SortKey",
    "Stage",
    "StageKind",
    "Text",
    "Transition",
]
