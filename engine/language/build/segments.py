"""segments.yaml → Segments."""

from __future__ import annotations

from types import MappingProxyType

from engine.language.build.reader import Node
from engine.model.segments import CELLS, CellPolicy, Segments
from engine.values.durations import parse_duration


def build_segments(root: Node) -> Segments:
    abc, xyz = root["abc"], root["xyz"]
    return Segments(
        basis=abc["basis"].as_str("revenue"),
        a=abc["thresholds"]["a"].as_float(0.8),
        b=abc["thresholds"]["b"].as_float(0.95),
        xyz_method=xyz["method"].as_str("cv"),
        x=xyz["thresholds"]["x"].as_float(),
        y=xyz["thresholds"]["y"].as_float(),
        step=root["step"].as_str("month"),
        period=root["period"].as_int(12),
        min_history=root["min_history"].as_int(3),
        insufficient_history=root["insufficient_history"].as_str("Z"),
        cells=MappingProxyType({c: _cell(c, root["cells"][c]) for c in CELLS if root["cells"].has(c)}),
        origin=root.origin,
    )


def _cell(cell: str, n: Node) -> CellPolicy:
    interval = n["contact_interval"].as_str()
    return CellPolicy(
        cell=cell,
        label=n["label"].text(),
        contact_interval_seconds=parse_duration(interval) if interval else None,
        contact_interval_text=interval,
        owner_role=n["owner_role"].as_str(),
        origin=n.origin,
        price_terms=n["price_terms"].text(),
        goal=n["goal"].text(),
        guidance=n["guidance"].texts(),
    )
