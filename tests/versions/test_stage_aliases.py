"""The stage aliases publishing keeps for the reports: renames chain, and an id the regulation
has again (a rollback) stands for itself."""

from __future__ import annotations

from engine.service.publishing import stage_aliases


def test_renames_chain_to_the_stage_in_force() -> None:
    first = stage_aliases({}, {"proposal": "offer"}, ["new", "offer"])
    assert first == {"proposal": "offer"}
    assert stage_aliases(first, {"offer": "kp"}, ["new", "kp"]) == {"proposal": "kp", "offer": "kp"}


def test_a_stage_brought_back_stands_for_itself_and_its_successor_for_it() -> None:
    renamed = {"proposal": "offer"}
    assert stage_aliases(renamed, {"offer": "proposal"}, ["new", "proposal"]) == {"offer": "proposal"}


def test_a_merge_maps_every_old_id() -> None:
    assert stage_aliases({}, {"a": "c", "b": "c"}, ["c"]) == {"a": "c", "b": "c"}
