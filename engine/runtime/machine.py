"""The funnel as a `transitions` state machine: one Machine per regulation version.

Clients are never models of the machine. A single plain *cursor* object is the machine's only
model; to fire a trigger for a client, the cursor is set to the client's stage (what
``Machine.set_state`` does for one model), given the client, and triggered through the
machine's event (``Event.trigger``, what ``model.trigger`` calls). Memory
therefore does not grow with the number of clients. The machine decides whether the trigger
leaves the stage at all (``MachineError`` otherwise) and calls the engine's own guard — the
only callables it is given, one per transition and source stage — which checks every
requirement and keeps the outcome: the move, or every unmet requirement.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from transitions import EventData, Machine, MachineError

from engine import i18n
from engine.conditions.words import Speaker
from engine.language.suggest import suggestion
from engine.model.funnel import ANY_OPEN, Transition
from engine.model.text import Origin, Text
from engine.runtime.facts import Runtime
from engine.runtime.refusals import Refusal, refusal
from engine.runtime.requirements import NO_INPUT, MoveInput, Requirements
from engine.values.client import ClientState


@dataclass(frozen=True, slots=True)
class Outcome:
    """The answer to a trigger: moved to ``dest``, or refused with every reason."""

    trigger: str
    source: str
    dest: str | None
    reasons: tuple[Refusal, ...] = ()

    @property
    def moved(self) -> bool:
        return not self.reasons and self.dest is not None


@dataclass(frozen=True, slots=True)
class PossibleMove:
    trigger: str
    label: Text
    dest: str
    reasons: tuple[Refusal, ...]

    @property
    def ready(self) -> bool:
        return not self.reasons


class _Cursor:
    """The machine's one model. Attribute names avoid the ones `transitions` adds."""

    def __init__(self) -> None:
        self.state = ""
        self.rg_client: ClientState | None = None
        self.rg_now = datetime.min
        self.rg_input = NO_INPUT
        self.rg_outcome: Outcome | None = None


def _guard(requirements: Requirements) -> Callable[[EventData], bool]:
    """The condition `transitions` calls for one transition from one stage: every requirement
    checked, the outcome kept on the cursor — with every unmet requirement, or the move, made
    once (an outcome is immutable)."""
    unmet = requirements.unmet
    trigger, source = requirements.transition.trigger, requirements.source.id
    moved = Outcome(trigger, source, requirements.dest.id)

    def guard(event: EventData) -> bool:
        # annotations instead of ``cast``: no call on the hottest path
        cursor: _Cursor = event.model  # type: ignore[assignment]
        client: ClientState = cursor.rg_client  # type: ignore[assignment]
        found = unmet(client, cursor.rg_now, cursor.rg_input)
        if found:
            cursor.rg_outcome = Outcome(trigger, source, None, tuple(found))
            return False
        cursor.rg_outcome = moved
        return True

    return guard


class FunnelMachine:
    """Fires triggers for clients under one regulation version. Thread-safe."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        reg = runtime.regulation
        funnel = reg.funnel
        self.speakers = {lang: Speaker(reg, lang) for lang in i18n.LANGUAGES}
        self._requirements: dict[tuple[str, str], Requirements] = {}
        self._by_trigger: dict[str, list[Transition]] = {}
        specs = []
        for t in funnel.transitions:
            sources = list(funnel.sources_of(t))
            self._by_trigger.setdefault(t.trigger, []).append(t)
            for source in sources:
                requirements = Requirements(runtime, t, runtime.stages[source], self.speakers)
                self._requirements[(t.trigger, source)] = requirements
                specs.append(
                    {
                        "trigger": t.trigger,
                        "source": source,
                        "dest": t.dest,
                        "conditions": [_guard(requirements)],
                    }
                )
        self.machine = Machine(
            model=None,
            states=list(funnel.stage_ids()),
            initial=funnel.entry,
            transitions=specs,
            auto_transitions=False,
            send_event=True,
            ignore_invalid_triggers=False,
            name=f"{reg.id}@{reg.version_tag}",
        )
        self._cursor = _Cursor()
        self.machine.add_model(self._cursor, initial=funnel.entry)
        assert self.machine.model_attribute == "state", "the cursor's stage is set directly"
        self._events = self.machine.events
        self._lock = threading.Lock()
        self._leaving = {s: tuple(self.machine.get_triggers(s)) for s in funnel.stage_ids()}
        """The triggers that leave each stage, as `transitions` lists them, asked once."""

    def fire(self, client: ClientState, trigger: str, now: datetime, given: MoveInput = NO_INPUT) -> Outcome:
        event = self._events.get(trigger)
        if event is None:
            return Outcome(trigger, client.stage, None, (self._unknown_trigger(trigger),))
        if client.stage not in self.runtime.stages:
            return self._from_gone_stage(client, trigger, now, given)
        with self._lock:
            cursor = self._cursor
            cursor.state = client.stage  # ``Machine.set_state`` for one model, a stage it has
            cursor.rg_client, cursor.rg_now, cursor.rg_input = client, now, given
            try:
                event.trigger(cursor)  # the guard that decides keeps the outcome on the cursor
                outcome = cursor.rg_outcome
            except MachineError:
                unmet = self._not_from_stage(client, trigger, now, given)
                return Outcome(trigger, client.stage, None, tuple(unmet))
            finally:
                cursor.rg_client = cursor.rg_outcome = None
        assert outcome is not None, "a trigger that leaves the stage asks a guard"
        return outcome

    def possible(self, client: ClientState, now: datetime, given: MoveInput = NO_INPUT) -> list[PossibleMove]:
        """Every trigger leaving the client's stage, with what is missing for each."""
        facts = self.runtime.facts(client, now)
        moves = []
        for trigger in self._triggers_from(client.stage):
            requirements = self._requirements_from(trigger, client.stage)
            unmet = requirements.unmet(client, now, given, facts)
            label = requirements.transition.label
            moves.append(PossibleMove(trigger, label, requirements.dest.id, tuple(unmet)))
        return moves

    def _triggers_from(self, stage_id: str) -> list[str]:
        leaving = self._leaving.get(stage_id)
        if leaving is not None:
            return list(leaving)
        return [t.trigger for t in self.runtime.regulation.funnel.transitions if ANY_OPEN in t.sources]

    def _requirements_from(self, trigger: str, stage_id: str) -> Requirements:
        """What ``trigger`` needs from ``stage_id`` (also from a stage the regulation lost)."""
        found = self._requirements.get((trigger, stage_id))
        if found is None:
            transition = next(t for t in self._by_trigger[trigger] if ANY_OPEN in t.sources)
            found = Requirements(self.runtime, transition, self.runtime.stages[stage_id], self.speakers)
            self._requirements[(trigger, stage_id)] = found
        return found

    def _from_gone_stage(self, client: ClientState, trigger: str, now: datetime, given: MoveInput) -> Outcome:
        """A client on a stage this regulation does not have may only take a transition allowed
        from any open stage (such as «lose»)."""
        if trigger not in self._triggers_from(client.stage):
            return Outcome(
                trigger, client.stage, None, tuple(self._not_from_stage(client, trigger, now, given))
            )
        requirements = self._requirements_from(trigger, client.stage)
        unmet = requirements.unmet(client, now, given)
        return Outcome(trigger, client.stage, None if unmet else requirements.dest.id, tuple(unmet))

    def _unknown_trigger(self, trigger: str) -> Refusal:
        known = list(self.machine.events)
        labels = {
            text.casefold(): t.trigger
            for t in self.runtime.regulation.funnel.transitions
            for _, text in t.label.values
        }
        hint = suggestion(trigger.casefold(), [*known, *labels])
        close = labels.get(hint["suggestion"], hint["suggestion"])  # a label found names its trigger
        named = {t.trigger: t.label for t in self.runtime.regulation.funnel.transitions}
        maybe = i18n.Message.of("refusal.maybe", label=named[close], trigger=close) if close in named else ""
        return refusal(
            "unknown_trigger",
            Origin(self.runtime.regulation.funnel.origin.file, 1, 1, "/transitions"),
            trigger=trigger,
            suggestion=close or "",
            maybe=maybe,
            known=i18n.Joined(tuple(i18n.Message.of("words.quote", text=named[t]) for t in sorted(named))),
        )

    def _not_from_stage(
        self, client: ClientState, trigger: str, now: datetime, given: MoveInput
    ) -> list[Refusal]:
        transition = self._by_trigger[trigger][0]
        sources = [s for t in self._by_trigger[trigger] for s in self.runtime.regulation.funnel.sources_of(t)]
        stage = self.runtime.stages[client.stage]
        code = "terminal_stage" if stage.terminal else "not_from_stage"
        labels = i18n.Joined(tuple(self.runtime.stages[s].label for s in sources), "or")
        first = refusal(
            code,
            transition.origin,
            details={"allowed_from": sources},
            action=transition.label,
            stage=stage.label,
            sources=labels,
        )
        requirements = self._requirements[(trigger, sources[0])]
        return [first, *requirements.unmet(client, now, given)]
