"""The funnel as shapes for an inline SVG: bands narrowing toward the win, side stages, arrows.

The main path (the longest chain of forward moves to a won stage) is drawn as a funnel of
bands; the lost stage sits on the right with an arrow from every stage that can end there;
other open stages (such as "deferred") sit on the left with their moves in and out; moves back
along the main path are curves on the left edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine import i18n
from engine.guides import arcs
from engine.guides.view import main_path
from engine.model.funnel import StageKind
from engine.model.regulation import Regulation
from engine.values.durations import format_duration

WIDTH, TOP, BAND, GAP = 780, 20, 58, 6
CENTER, WIDEST, NARROWEST = 360, 440, 190
COLORS = {"open": "#1976d2", "won": "#388e3c", "lost": "#c62828", "side": "#f9a825"}


@dataclass(slots=True)
class Band:
    points: str
    color: str
    title: str
    subtitle: str
    x: float
    y: float


@dataclass(slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    color: str
    title: str
    subtitle: str


@dataclass(slots=True)
class Arrow:
    d: str
    color: str
    dashed: bool = False
    head: bool = True


@dataclass(slots=True)
class Diagram:
    width: int
    height: int
    bands: list[Band] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)


def layout(reg: Regulation, lang: str) -> Diagram:
    funnel = reg.funnel
    stages = {s.id: s for s in funnel.stages}
    path = main_path(reg)
    n = len(path)
    height = TOP * 2 + n * (BAND + GAP)
    diagram = Diagram(WIDTH, height)
    left_edge: dict[str, float] = {}
    right_edge: dict[str, float] = {}
    middle: dict[str, float] = {}
    for i, stage_id in enumerate(path):
        stage = stages[stage_id]
        top_w = WIDEST - (WIDEST - NARROWEST) * i / max(n - 1, 1)
        bottom_w = (
            WIDEST - (WIDEST - NARROWEST) * (i + 1) / max(n, 1) if stage.kind is StageKind.OPEN else top_w
        )
        y = TOP + i * (BAND + GAP)
        pts = [
            (CENTER - top_w / 2, y),
            (CENTER + top_w / 2, y),
            (CENTER + bottom_w / 2, y + BAND),
            (CENTER - bottom_w / 2, y + BAND),
        ]
        sla = format_duration(stage.sla_seconds, lang) if stage.sla_seconds else ""
        subtitle = i18n.percent(stage.probability, lang, 0) + (f" · {sla}" if sla else "")
        diagram.bands.append(
            Band(
                " ".join(f"{x:.1f},{y_:.1f}" for x, y_ in pts),
                COLORS[stage.kind.value],
                f"{i + 1}. {stage.label.get(lang)}",
                subtitle,
                CENTER,
                y + BAND / 2,
            )
        )
        left_edge[stage_id] = CENTER - (top_w + bottom_w) / 4
        right_edge[stage_id] = CENTER + (top_w + bottom_w) / 4
        middle[stage_id] = y + BAND / 2
    _lost(reg, lang, diagram, path, right_edge, middle, height)
    _side(reg, lang, diagram, path, left_edge, middle)
    _arcs(reg, diagram, path, (left_edge, right_edge), middle)
    return diagram


def _lost(
    reg: Regulation,
    lang: str,
    d: Diagram,
    path: list[str],
    right: dict[str, float],
    middle: dict[str, float],
    height: int,
) -> None:
    funnel = reg.funnel
    lost = [s for s in funnel.stages if s.kind is StageKind.LOST]
    for k, stage in enumerate(lost):
        box = Box(WIDTH - 120, height / 2 - 30 + k * 70, 110, 46, COLORS["lost"], stage.label.get(lang), "")
        d.boxes.append(box)
        sources = {s for t in funnel.transitions if t.dest == stage.id for s in funnel.sources_of(t)}
        rail = box.x - 24
        for stage_id in path:
            if stage_id in sources:
                y = middle[stage_id]
                d.arrows.append(
                    Arrow(f"M{right[stage_id] + 4:.1f},{y:.1f} H{rail:.1f}", COLORS["lost"], head=False)
                )
        ys = [middle[s] for s in path if s in sources]
        if ys:
            d.arrows.append(Arrow(f"M{rail:.1f},{min(ys):.1f} V{max(ys):.1f}", COLORS["lost"], head=False))
            d.arrows.append(Arrow(f"M{rail:.1f},{box.y + box.h / 2:.1f} H{box.x - 2:.1f}", COLORS["lost"]))


def _side(
    reg: Regulation, lang: str, d: Diagram, path: list[str], left: dict[str, float], middle: dict[str, float]
) -> None:
    """Side stages on the left; each line meets the box at its own height, in the order of the
    stages it comes from, so the lines never cross one another."""
    funnel = reg.funnel
    side = [s for s in funnel.ordered_stages() if s.kind is StageKind.OPEN and s.id not in path]
    for k, stage in enumerate(side):
        y = TOP + (len(path) // 3 + k * 2) * (BAND + GAP)
        box = Box(10, y, 110, 46, COLORS["side"], stage.label.get(lang), "")
        d.boxes.append(box)
        ins = {s for t in funnel.transitions if t.dest == stage.id for s in funnel.sources_of(t)}
        outs = {t.dest for t in funnel.transitions if stage.id in funnel.sources_of(t)}
        lines = [
            (stage_id, way)
            for stage_id in path
            for way in ("in", "out")
            if stage_id in (ins, outs)[way == "out"]
        ]
        for n, (stage_id, way) in enumerate(lines):
            at = box.y + 5 + (box.h - 10) * (n + 0.5) / len(lines)
            box_end, stage_end = (
                f"{box.x + box.w + 2:.1f},{at:.1f}",
                f"{left[stage_id] - 4:.1f},{middle[stage_id]:.1f}",
            )
            if way == "in":
                d.arrows.append(Arrow(f"M{stage_end} L{box_end}", COLORS["side"], dashed=True))
            else:
                d.arrows.append(Arrow(f"M{box_end} L{stage_end}", COLORS["open"]))


def side_spokes(reg: Regulation, path: list[str]) -> dict[str, frozenset[int]]:
    """Positions on the main path with a line out to the side: deferral (left), lost (right)."""
    funnel = reg.funnel
    on_path = set(path)
    kinds = {s.id: s.kind for s in funnel.stages}
    left: set[int] = set()
    right: set[int] = set()
    for t in funnel.transitions:
        for source in funnel.sources_of(t):
            if kinds.get(t.dest) is StageKind.LOST and source in on_path:
                right.add(path.index(source))
            elif t.dest not in on_path and source in on_path:
                left.add(path.index(source))
            elif source not in on_path and t.dest in on_path:
                left.add(path.index(t.dest))
    return {arcs.LEFT: frozenset(left), arcs.RIGHT: frozenset(right)}


def _arcs(
    reg: Regulation,
    d: Diagram,
    path: list[str],
    edges: tuple[dict[str, float], dict[str, float]],
    middle: dict[str, float],
) -> None:
    """Moves back and skips forward along the main path, each on the side that crosses least."""
    funnel = reg.funnel
    position = {s: i for i, s in enumerate(path)}
    wanted = {
        (position[source], position[t.dest])
        for t in funnel.transitions
        for source in funnel.sources_of(t)
        if source in position and t.dest in position and position[t.dest] != position[source] + 1
    }
    rail = WIDTH - 120 - 24 - 8
    for arc in arcs.place([arcs.Arc(a, b) for a, b in sorted(wanted)], side_spokes(reg, path)):
        a, b = path[arc.source], path[arc.dest]
        sign = -1 if arc.back else 1
        y1, y2 = middle[a] + 8 * sign, middle[b] - 8 * sign
        reach = 16 + 11 * (arc.high - arc.low)
        if arc.side == arcs.LEFT:
            x1, x2 = edges[0][a] - 2, edges[0][b] - 2
            bend = min(x1, x2) - reach
        else:
            x1, x2 = edges[1][a] + 2, edges[1][b] + 2
            bend = min(max(x1, x2) + reach, rail)
        color, dashed = ("#6d6d6d", True) if arc.back else (COLORS["open"], False)
        d.arrows.append(
            Arrow(
                f"M{x1:.1f},{y1:.1f} C{bend:.1f},{y1:.1f} {bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}",
                color,
                dashed,
            )
        )
