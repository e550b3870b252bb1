"""One specification per history kind (engine/service/history_kinds.py): its data record, the event
it announces and the event-only fields it fills. The client events carry the records of the kinds
that announce them, so every field of every client event must be filled by some kind, and no kind
may announce a field its event's record lacks."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import pytest

from engine.service.events import SPLITS, TYPES, from_history
from engine.service.history_kinds import KINDS, SPECS

CLIENT_TYPES = {kind for kind, spec in TYPES.items() if spec.client}


def _names(record: type, *, event_only: bool | None = None) -> set[str]:
    return {
        f.metadata.get("json", f.name)
        for f in dataclasses.fields(record)
        if event_only is None or f.metadata.get("event", False) == event_only
    }


def _full_entry(kind: str, to_stage: str | None) -> dict[str, Any]:
    """An entry of ``kind`` with every column and every field of its data filled (each with two
    distinct values: a pair reads as a change, an owner as a hand-over)."""
    data = {name: [f"{name}:old", f"{name}:new"] for name in _names(SPECS[kind].data, event_only=False)}
    at = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    return {
        "kind": kind,
        "at": at,
        "actor": "ivanov",
        "regulation": "v1",
        "client_id": 1,
        "from_stage": "new",
        "to_stage": to_stage,
        "trigger": "qualify",
        "data": data,
    }


@pytest.mark.parametrize("kind", list(SPECS))
def test_every_history_kind_has_a_record_and_says_what_it_announces(kind: str) -> None:
    spec = SPECS[kind]
    assert dataclasses.is_dataclass(spec.data) and KINDS[kind] is spec.data
    if spec.event is None:
        assert kind in SPLITS or kind == "refusal", f"{kind} announces no event and has no reading of its own"
        return
    assert kind not in SPLITS, f"{kind} has an event and a reading of its own"
    assert TYPES[spec.event].client and TYPES[spec.event].payload is spec.data
    assert set(spec.columns) <= _names(spec.data, event_only=True), (
        f"{kind}: a column fills no event-only field"
    )


def test_every_client_event_field_is_filled_by_some_history_kind_and_no_other() -> None:
    filled: dict[str, set[str]] = defaultdict(set)
    for kind in SPECS:
        for to_stage in ("qualification", None):
            for event in from_history(_full_entry(kind, to_stage)):
                assert set(event["data"]) <= _names(TYPES[event["type"]].payload), (kind, event)
                filled[event["type"]] |= set(event["data"])
    assert set(filled) == CLIENT_TYPES, f"announced by no kind: {CLIENT_TYPES - set(filled)}"
    for kind in CLIENT_TYPES:
        assert filled[kind] == _names(TYPES[kind].payload), (
            f"{kind}: never filled {_names(TYPES[kind].payload) - filled[kind]}"
        )


def test_a_kind_this_version_does_not_know_announces_nothing() -> None:
    assert from_history(_full_entry("created", "new") | {"kind": "archived"}) == []
