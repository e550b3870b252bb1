"""One demo client's life, lived through the engine's own machine.

At each step the simulator asks the machine which moves leave the client's stage and what each
still needs, fills the card fields the regulation demands (as a manager would), gives a
refusal reason or a next step where required, and fires. Nothing bypasses the regulation: a
move the machine refuses simply does not happen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from engine.demo import fake
from engine.demo.choices import choose, reason_for
from engine.demo.filling import Filler
from engine.demo.steps import close_tasks, next_step, open_task, step_at_anchor, working_time
from engine.model.funnel import StageKind
from engine.runtime.machine import Outcome, PossibleMove
from engine.runtime.requirements import MoveInput
from engine.service.cards import changes, merged
from engine.service.workspace import Workspace
from engine.store import history
from engine.values.client import ClientState, NextStep

RESULT_WEIGHTS = {"reached": 5.0, "no_answer": 2.0, "callback": 2.0, "sent": 1.5, "order": 0.5}


@dataclass(slots=True)
class Life:
    client: ClientState
    owner_login: str
    history: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    won_at: datetime | None = None


class Simulator:
    def __init__(self, ws: Workspace, rng: random.Random, anchor: datetime, owners: list[str]) -> None:
        self.ws, self.rng, self.anchor, self.owners = ws, rng, anchor, owners
        self.reg = ws.regulation
        self.tag = ws.tag
        self.results = [r for r in self.reg.contact_results if not r.refusal]
        self.filler = Filler(self.reg, rng)

    def live(self, number: int) -> Life:
        rng, reg = self.rng, self.reg
        days_ago = rng.randint(0, 120) if rng.random() < 0.45 else rng.randint(120, 730)
        born = self.anchor - timedelta(days=days_ago, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        name, legal = fake.company(rng)
        city, zone = fake.city(rng)
        context: dict[str, Any] = {"legal_name": legal, "city": city, "scale": rng.paretovariate(2.2)}
        card = self.filler.card({"company_name": name, "phone": fake.phone(rng), "city": city}, zone)
        client = ClientState(
            0,
            name,
            reg.funnel.entry,
            born,
            born,
            zone,
            card,
            owner=rng.choice(self.owners),
            external_id=f"DEMO-{number:06d}",
        )
        client = replace(client, potential=self._potential(client, born))
        life = Life(client, client.owner or "")
        life.history.append(
            history.entry(
                0, born, "demo", "created", self.tag, to_stage=client.stage, data={"card": dict(card)}
            )
        )
        moment = born
        while True:
            moment = working_time(moment + timedelta(days=rng.expovariate(1 / 9) + 0.2), client.timezone, rng)
            if moment >= self.anchor - timedelta(hours=2):
                break
            self._step(life, moment, context)
            if self._stage(life).kind is not StageKind.OPEN:
                break
        if life.won_at is not None:
            self._after_win(life)
        elif self._stage(life).kind is StageKind.OPEN:
            self._plan_at_anchor(life)
        return life

    # one contact, and maybe a move
    def _step(self, life: Life, moment: datetime, context: dict[str, Any]) -> None:
        rng = self.rng
        if rng.random() < 0.55:
            self._move(life, moment, context)
        if self._stage(life).kind is StageKind.OPEN:
            self._contact(life, moment, next_step(self.rng, moment, life.client.timezone))

    def _move(self, life: Life, moment: datetime, context: dict[str, Any]) -> None:
        moves = self.ws.machine.possible(life.client, moment)
        choice = self._choose(life, moves)
        if choice is None:
            return
        client = life.client
        fills = self.filler.fills(choice, client, moment, context)
        after = replace(client, card=merged(client.card, fills))
        after = replace(after, potential=self._potential(after, moment))
        reason = self._reason(choice, client)
        dest = self.reg.funnel.stage(choice.dest)
        step = next_step(self.rng, moment, client.timezone) if dest and dest.kind is StageKind.OPEN else None
        outcome = self.ws.machine.fire(after, choice.trigger, moment, MoveInput(reason, step))
        if not outcome.moved:
            after = self.filler.satisfy(after, outcome, moment)
            outcome = self.ws.machine.fire(after, choice.trigger, moment, MoveInput(reason, step))
        if outcome.moved:
            self._record_move(life, after, outcome, moment, reason, step)

    def _choose(self, life: Life, moves: list[PossibleMove]) -> PossibleMove | None:
        return choose(self.rng, self.reg, self._stage(life), moves)

    def _reason(self, move: PossibleMove, client: ClientState) -> str | None:
        return reason_for(self.rng, self._stage_of(client), move)

    def _record_move(
        self,
        life: Life,
        after: ClientState,
        outcome: Outcome,
        moment: datetime,
        reason: str | None,
        step: NextStep | None,
    ) -> None:
        before = life.client
        diff = changes(before.card, after.card)
        if diff:
            life.history.append(
                history.entry(0, moment, before.owner or "demo", "card", self.tag, data={"changes": diff})
            )
        life.history.append(
            history.entry(
                0,
                moment,
                before.owner or "demo",
                "transition",
                self.tag,
                trigger=outcome.trigger,
                from_stage=before.stage,
                to_stage=outcome.dest,
                data={"reason": reason, "next_step": step.as_dict() if step else None},
            )
        )
        if reason:
            life.history.append(
                history.entry(
                    0,
                    moment,
                    before.owner or "demo",
                    "refusal",
                    self.tag,
                    from_stage=before.stage,
                    data={"reason": reason, "stage": before.stage},
                )
            )
        dest = self.reg.funnel.stage(outcome.dest or before.stage)
        assert dest is not None
        close_tasks(life.tasks, moment, "done" if dest.kind is StageKind.OPEN else "cancelled")
        if step is not None:
            open_task(life.tasks, step, moment, life.client.owner or "demo")
        life.client = replace(
            after,
            stage=dest.id,
            stage_since=moment,
            version=after.version + 1,
            next_step=step if dest.kind is StageKind.OPEN else None,
        )
        if dest.kind is StageKind.WON:
            life.won_at = moment

    def _contact(self, life: Life, moment: datetime, step: NextStep | None) -> None:
        client = life.client
        weights = [RESULT_WEIGHTS.get(r.id, 1.0) for r in self.results]
        result = self.rng.choices(self.results, weights=weights)[0]
        kind = self.rng.choice([k.id for k in self.reg.contact_kinds])
        life.contacts.append(
            {
                "manager": client.owner or "demo",
                "kind": kind,
                "result": result.id,
                "comment": "",
                "at": moment,
                "stage": client.stage,
                "refusal_reason": None,
            }
        )
        life.history.append(
            history.entry(
                0,
                moment,
                client.owner or "demo",
                "contact",
                self.tag,
                from_stage=client.stage,
                data={"kind": kind, "result": result.id, "next_step": step.as_dict() if step else None},
            )
        )
        close_tasks(life.tasks, moment, "done")
        if step is not None:
            open_task(life.tasks, step, moment, life.client.owner or "demo")
        life.client = replace(
            client,
            last_contact_at=moment,
            contacts_count=client.contacts_count + 1,
            next_step=step,
            version=client.version + 1,
        )

    def _after_win(self, life: Life) -> None:
        """Regular contacts after the first order, the last of them some weeks before the anchor."""
        assert life.won_at is not None
        moment = life.won_at
        while True:
            moment = working_time(
                moment + timedelta(days=self.rng.uniform(10, 45)), life.client.timezone, self.rng
            )
            if moment >= self.anchor - timedelta(days=1):
                break
            self._contact(life, moment, None)
        if self.rng.random() < 0.35:
            self._plan_at_anchor(life)

    def _plan_at_anchor(self, life: Life) -> None:
        """The open next step as a working day finds it: due now, late, overdue, later, none."""
        step = step_at_anchor(self.rng, self.anchor, life.client.timezone)
        close_tasks(life.tasks, self.anchor - timedelta(hours=3), "done")
        if step is not None:
            open_task(life.tasks, step, self.anchor - timedelta(hours=3), life.client.owner or "demo")
        life.client = replace(life.client, next_step=step)

    def _potential(self, client: ClientState, moment: datetime) -> str | None:
        return self.ws.runtime.potential.level(self.ws.runtime.facts(client, moment))

    def _stage(self, life: Life) -> Any:
        return self._stage_of(life.client)

    def _stage_of(self, client: ClientState) -> Any:
        return self.ws.runtime.stages[client.stage]
