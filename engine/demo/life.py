"""One demo client's life, lived through the engine's own machine.

At each step the simulator asks the machine which moves leave the client's stage and what each
still needs, fills the card fields the regulation demands (as a manager would), gives a
refusal reason or a next step where required, and fires. Nothing bypasses the regulation: a
move the machine refuses simply does not happen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from engine.demo import fake
from engine.model.condition import AnyOf, Compare, Op, comparisons
from engine.model.funnel import StageKind
from engine.runtime.machine import Outcome, PossibleMove
from engine.runtime.requirements import MoveInput
from engine.runtime.state import ClientState, NextStep
from engine.service.cards import changes, merged
from engine.service.workspace import Workspace
from engine.store import history
from engine.values import parse_value

RESULT_WEIGHTS = {"reached": 5.0, "no_answer": 2.0, "callback": 2.0, "sent": 1.5, "order": 0.5}
ACTIONS = [
    "Позвонить",
    "Отправить КП",
    "Уточнить потребность",
    "Встреча",
    "Согласовать условия",
    "Напомнить о себе",
]


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

    def live(self, number: int) -> Life:
        rng, reg = self.rng, self.reg
        days_ago = rng.randint(0, 120) if rng.random() < 0.45 else rng.randint(120, 730)
        born = self.anchor - timedelta(days=days_ago, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        name, legal = fake.company(rng)
        city, zone = fake.city(rng)
        context: dict[str, Any] = {"legal_name": legal, "city": city, "scale": rng.paretovariate(2.2)}
        card = self._card({"company_name": name, "phone": fake.phone(rng), "city": city}, zone)
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
            self._contact(life, moment, self._next_step(moment, life.client.timezone))

    def _move(self, life: Life, moment: datetime, context: dict[str, Any]) -> None:
        moves = self.ws.machine.possible(life.client, moment)
        choice = self._choose(life, moves)
        if choice is None:
            return
        client = life.client
        fills = self._fills(choice, client, moment, context)
        after = replace(client, card=merged(client.card, fills))
        after = replace(after, potential=self._potential(after, moment))
        reason = self._reason(choice, client)
        dest = self.reg.funnel.stage(choice.dest)
        step = self._next_step(moment, client.timezone) if dest and dest.kind is StageKind.OPEN else None
        outcome = self.ws.machine.fire(after, choice.trigger, moment, MoveInput(reason, step))
        if not outcome.moved:
            after = self._satisfy(after, outcome, moment)
            outcome = self.ws.machine.fire(after, choice.trigger, moment, MoveInput(reason, step))
        if outcome.moved:
            self._record_move(life, after, outcome, moment, reason, step)

    def _choose(self, life: Life, moves: list[PossibleMove]) -> PossibleMove | None:
        if not moves:
            return None
        here = self._stage(life)
        weights = []
        for move in moves:
            dest = self.reg.funnel.stage(move.dest)
            if dest is None:
                weights.append(0.0)
            elif dest.kind is StageKind.LOST:
                weights.append(0.09 if move.trigger != "disqualify" else 0.04)
            elif dest.kind is StageKind.WON:
                weights.append(1.2)
            elif dest.order > here.order:
                weights.append(1.0)
            else:
                weights.append(0.12)
        if sum(weights) == 0:
            return None
        return self.rng.choices(moves, weights=weights)[0]

    def _fills(
        self, move: PossibleMove, client: ClientState, moment: datetime, context: dict[str, Any]
    ) -> dict[str, Any]:
        fills: dict[str, Any] = {}
        for reason in move.reasons:
            if reason.code == "missing_field" and reason.field:
                field_ = self.reg.card.field(reason.field)
                if field_ is not None:
                    fills[reason.field] = self._canonical(
                        field_.id, fake.value(field_, self.rng, moment.date(), context), client.timezone
                    )
        return {k: v for k, v in fills.items() if v is not None}

    def _satisfy(self, client: ClientState, outcome: Outcome, moment: datetime) -> ClientState:
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
            value = _satisfying(cmp, moment.date())
            if value is not None:
                card[cmp.field] = self._canonical(cmp.field, value, client.timezone)
        return replace(client, card={k: v for k, v in card.items() if v is not None})

    def _reason(self, move: PossibleMove, client: ClientState) -> str | None:
        if not any(r.code == "reason_required" for r in move.reasons):
            return None
        stage = self._stage_of(client)
        return self.rng.choice(stage.refusal_reasons) if stage.refusal_reasons else None

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
        self._close_task(life, moment, "done" if dest.kind is StageKind.OPEN else "cancelled")
        if step is not None:
            self._open_task(life, step, moment)
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
        self._close_task(life, moment, "done")
        if step is not None:
            self._open_task(life, step, moment)
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
        rng = self.rng
        local = self.anchor.astimezone(fake_zone(life.client.timezone))
        today, now_time = local.date(), local.time()
        roll = rng.random()
        minutes = now_time.hour * 60 + now_time.minute
        if roll < 0.12:
            step = NextStep(rng.choice(ACTIONS), today, _clock(minutes - rng.randint(0, 12)))
        elif roll < 0.22:
            step = NextStep(rng.choice(ACTIONS), today, _clock(minutes - rng.randint(20, 150)))
        elif roll < 0.30:
            step = NextStep(rng.choice(ACTIONS), today)
        elif roll < 0.50:
            step = NextStep(rng.choice(ACTIONS), today - timedelta(days=rng.choice([1, 1, 2, 3, 7, 14, 30])))
        elif roll < 0.58:
            step = NextStep(rng.choice(ACTIONS), today, _clock(minutes + rng.randint(30, 300)))
        elif roll < 0.88:
            step = NextStep(rng.choice(ACTIONS), today + timedelta(days=rng.randint(1, 14)))
        else:
            step = None
        self._close_task(life, self.anchor - timedelta(hours=3), "done")
        if step is not None:
            self._open_task(life, step, self.anchor - timedelta(hours=3))
        life.client = replace(life.client, next_step=step)

    def _next_step(self, moment: datetime, zone: str) -> NextStep:
        local = moment.astimezone(fake_zone(zone))
        due = local.date() + timedelta(days=self.rng.randint(1, 7))
        at = (
            time(self.rng.choice([10, 11, 12, 14, 15, 16]), self.rng.choice([0, 30]))
            if self.rng.random() < 0.4
            else None
        )
        return NextStep(self.rng.choice(ACTIONS), due, at)

    def _open_task(self, life: Life, step: NextStep, moment: datetime) -> None:
        life.tasks.append(
            {
                "kind": "next_step",
                "action": step.action,
                "due_date": step.due_date,
                "due_time": step.due_time,
                "status": "open",
                "created_at": moment,
                "created_by": life.client.owner or "demo",
                "closed_at": None,
            }
        )

    @staticmethod
    def _close_task(life: Life, moment: datetime, status: str) -> None:
        for task in life.tasks:
            if task["status"] == "open":
                task["status"], task["closed_at"] = status, max(moment, task["created_at"])

    def _card(self, raw: dict[str, Any], zone: str) -> dict[str, Any]:
        return {k: v for k, v in ((k, self._canonical(k, v, zone)) for k, v in raw.items()) if v is not None}

    def _canonical(self, name: str, raw: Any, zone: str) -> Any:
        field_ = self.reg.card.field(name)
        if field_ is None:
            return None
        value, problem = parse_value(field_, raw, fake_zone(zone))
        return None if problem else value

    def _potential(self, client: ClientState, moment: datetime) -> str | None:
        return self.ws.runtime.potential.level(self.ws.runtime.facts(client, moment))

    def _stage(self, life: Life) -> Any:
        return self._stage_of(life.client)

    def _stage_of(self, client: ClientState) -> Any:
        return self.ws.runtime.stages[client.stage]


def fake_zone(name: str) -> Any:
    from engine.runtime.facts import zone

    return zone(name)


def working_time(moment: datetime, zone_name: str, rng: random.Random) -> datetime:
    """The same or the next working day, between 9:00 and 18:00 in the client's time zone."""
    local = moment.astimezone(fake_zone(zone_name))
    while local.weekday() >= 5:
        local += timedelta(days=1)
    hour = rng.randint(9, 17)
    return local.replace(hour=hour, minute=rng.randint(0, 59), second=0, microsecond=0)


def _clock(minutes: int) -> time:
    minutes = max(9 * 60, min(minutes, 18 * 60 + 50))
    return time(minutes // 60, minutes % 60)


def _satisfying(cmp: Compare, today: date) -> Any:
    value = cmp.value
    if cmp.op is Op.EQUALS:
        return value
    if cmp.op is Op.IN and isinstance(value, tuple) and value:
        return value[0]
    if cmp.op is Op.FILLED:
        return None
    if cmp.op in (Op.GREATER, Op.GREATER_OR_EQUAL) and isinstance(value, int | float):
        return value + 1
    if cmp.op in (Op.LESS, Op.LESS_OR_EQUAL) and isinstance(value, int | float):
        return max(value - 1, 0)
    if cmp.op is Op.WITHIN:
        return today.isoformat()
    return None
