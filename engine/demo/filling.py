"""What a manager types into the card during a demo client's life: the fields a move asks for,
values that make a transition's condition hold, every value parsed as the engine parses input."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime
from typing import Any

from engine.conditions.operators import OPERATORS
from engine.demo import fake
from engine.model.condition import AnyOf, comparisons
from engine.model.regulation import Regulation
from engine.runtime.facts import zone as time_zone
from engine.runtime.machine import Outcome, PossibleMove
from engine.values.client import ClientState
from engine.values.fieldtypes import parse_value


class Filler:
    def __init__(self, reg: Regulation, rng: random.Random) -> None:
        self.reg, self.rng = reg, rng

    def fills(
        self, move: PossibleMove, client: ClientState, moment: datetime, context: dict[str, Any]
    ) -> dict[str, Any]:
        fills: dict[str, Any] = {}
        for reason in move.reasons:
            if reason.code == "missing_field" and reason.field:
                field_ = self.reg.card.field(reason.field)
                if field_ is not None:
                    fills[reason.field] = self.canonical(
                        field_.id, fake.value(field_, self.rng, moment.date(), context), client.timezone
                    )
        return {k: v for k, v in fills.items() if v is not None}

    def satisfy(self, client: ClientState, outcome: Outcome, moment: datetime) -> ClientState:
        """Make a failed condition hold where it is about card fields, as a manager would
        (get the payment, get the discount approved); facts such as the potential stay as they are."""
        transition = next(t for t in self.reg.funnel.transitions if t.trigger == outcome.trigger)
        if transition.when is None:
            return client
        options = transition.when.items if isinstance(transition.when, AnyOf) else (transition.when,)
        chosen = self.rng.choice(options)
        card = dict(client.card)
        for cmp in comparisons(chosen):
            field_ = self.reg.card.field(cmp.field)
            if field_ is None:
                continue
            value = OPERATORS[cmp.op].sample(cmp, moment.date())
            if value is not None:
                card[cmp.field] = self.canonical(cmp.field, value, client.timezone)
        return replace(client, card={k: v for k, v in card.items() if v is not None})

    def card(self, raw: dict[str, Any], zone: str) -> dict[str, Any]:
        return {k: v for k, v in ((k, self.canonical(k, v, zone)) for k, v in raw.items()) if v is not None}

    def canonical(self, name: str, raw: Any, zone: str) -> Any:
        field_ = self.reg.card.field(name)
        if field_ is None:
            return None
        value, problem = parse_value(field_, raw, time_zone(zone))
        return None if problem else value
