"""Build a client snapshot and inputs from a scenario file."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from engine.model.regulation import Regulation
from engine.runtime.facts import Runtime
from engine.runtime.requirements import MoveInput
from engine.service.cards import parse_card
from engine.values.client import ClientState, NextStep


def next_step(data: dict[str, Any] | None) -> NextStep | None:
    if not data:
        return None
    due_time = data.get("due_time")
    return NextStep(
        data.get("action", "call"),
        date.fromisoformat(str(data["due_date"])),
        time.fromisoformat(due_time) if due_time else None,
    )


def client(reg: Regulation, runtime: Runtime, data: dict[str, Any], now: datetime) -> ClientState:
    zone = data.get("timezone", reg.timezone)
    card, problems = parse_card(reg, data.get("card", {}), zone)
    assert not problems, [p.messages["en"] for p in problems]
    raw_card = {
        **card,
        **data.get("raw_card", {}),
    }  # raw_card: values stored by an older regulation
    created = datetime.fromisoformat(data.get("created", now.isoformat()))
    state = ClientState(
        id=1,
        name="scenario",
        stage=data["stage"],
        stage_since=datetime.fromisoformat(data.get("stage_since", created.isoformat())),
        created_at=created,
        timezone=zone,
        card=raw_card,
        owner=data.get("owner"),
        last_contact_at=datetime.fromisoformat(data["last_contact"]) if data.get("last_contact") else None,
        next_step=next_step(data.get("next_step")),
        abc=data.get("abc"),
        xyz=data.get("xyz"),
    )
    potential = data.get("potential", "derive")
    if potential == "derive":
        potential = runtime.potential.level(runtime.facts(state, now))
    return ClientState(
        **{**{f: getattr(state, f) for f in state.__dataclass_fields__}, "potential": potential}
    )


def given(data: dict[str, Any] | None) -> MoveInput:
    data = data or {}
    return MoveInput(reason=data.get("reason"), next_step=next_step(data.get("next_step")))
