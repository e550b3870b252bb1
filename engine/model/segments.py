"""ABC-XYZ segmentation settings and the policy of each of the 9 cells."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.model.text import EMPTY, Origin, Text

ABC = ("A", "B", "C")
XYZ = ("X", "Y", "Z")
CELLS = tuple(a + x for a in ABC for x in XYZ)


@dataclass(frozen=True, slots=True)
class CellPolicy:
    cell: str
    label: Text
    contact_interval_seconds: int | None
    contact_interval_text: str
    owner_role: str
    origin: Origin
    price_terms: Text = EMPTY
    goal: Text = EMPTY
    guidance: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class Segments:
    basis: str
    """revenue, margin or quantity"""
    a: float
    b: float
    xyz_method: str
    """cv or frequency"""
    x: float
    y: float
    step: str
    """week, month or quarter"""
    period: int
    min_history: int
    insufficient_history: str
    """X, Y, Z or none"""
    cells: Mapping[str, CellPolicy]
    origin: Origin

    def policy(self, cell: str) -> CellPolicy | None:
        return self.cells.get(cell)
