"""The funnel diagram draws every move on the main path and routes the arcs to cross least."""

from __future__ import annotations

import pytest

from engine.guides import arcs, diagram
from engine.guides.arcs import LEFT, RIGHT, Arc
from engine.guides.view import main_path
from engine.language.loader import load_regulation
from tests.paths import BUNDLED

NO_SPOKES: dict[str, frozenset[int]] = {}

# (arcs as (source, dest), spokes, the fewest crossings a drawing can have)
CASES = [
    ([(0, 2), (1, 3)], NO_SPOKES, 0),  # interleaved: one each side
    ([(0, 3), (1, 2)], NO_SPOKES, 0),  # nested: one side is enough
    ([(0, 2), (1, 3), (2, 4)], NO_SPOKES, 0),  # a chain: sides alternate
    ([(0, 3), (1, 4), (2, 5)], NO_SPOKES, 1),  # each interleaves each: one crossing is unavoidable
    ([(3, 1)], {LEFT: frozenset({2}), RIGHT: frozenset()}, 0),  # a back move goes round the spoke
    ([(0, 2)], {LEFT: frozenset({1}), RIGHT: frozenset({1})}, 1),  # spokes both sides: unavoidable
]


@pytest.mark.parametrize(("pairs", "spokes", "fewest"), CASES)
def test_arcs_take_the_sides_with_the_fewest_crossings(
    pairs: list[tuple[int, int]], spokes: dict[str, frozenset[int]], fewest: int
) -> None:
    placed = arcs.place([Arc(a, b) for a, b in pairs], spokes)
    assert sorted((a.source, a.dest) for a in placed) == sorted(pairs)
    assert arcs.crossings(placed, spokes) == fewest


def test_without_crossings_at_stake_back_moves_go_left_and_skips_right() -> None:
    placed = arcs.place([Arc(0, 2), Arc(5, 3)], NO_SPOKES)
    assert {(a.source, a.side) for a in placed} == {(0, RIGHT), (5, LEFT)}


def test_many_arcs_are_placed_one_at_a_time_without_losing_any() -> None:
    many = [Arc(i, i + 2) for i in range(arcs.EXHAUSTIVE + 3)]
    placed = arcs.place(many, NO_SPOKES)
    assert len(placed) == len(many) and arcs.crossings(placed, NO_SPOKES) == 0


def test_the_bundled_diagram_draws_every_skip_and_every_move_back() -> None:
    reg = load_regulation(BUNDLED)
    path = main_path(reg)
    funnel = reg.funnel
    position = {s: i for i, s in enumerate(path)}
    skips = {
        (position[s], position[t.dest])
        for t in funnel.transitions
        for s in funnel.sources_of(t)
        if s in position and t.dest in position and position[t.dest] != position[s] + 1
    }
    assert any(b > a + 1 for a, b in skips), "the bundled regulation has a skip forward"
    drawn = [a for a in diagram.layout(reg, "ru").arrows if " C" in a.d]
    assert len(drawn) == len(skips)
    all_left = [Arc(a, b, LEFT) for a, b in skips]
    spokes = diagram.side_spokes(reg, path)
    best = arcs.place([Arc(a, b) for a, b in skips], spokes)
    assert arcs.crossings(best, spokes) <= arcs.crossings(all_left, spokes)
