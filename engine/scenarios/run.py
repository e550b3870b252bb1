"""Scenarios run in memory on the regulation's own machine and facts, and what they cover."""

from __future__ import annotations

from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from engine import i18n
from engine.conditions import compile_condition
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.runtime.facts import Runtime
from engine.runtime.machine import FunnelMachine
from engine.runtime.requirements import MoveInput
from engine.scenarios.model import Broken, Scenario
from engine.service.contact_rules import contact_problems
from engine.values.client import ClientState, NextStep

NOT_LISTED = "none"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scenario's result: passed, or every expectation it missed (said in words)."""

    name: str
    origin: Origin
    passed: bool
    problems: tuple[i18n.Message, ...] = ()


@dataclass(frozen=True, slots=True)
class Coverage:
    """What no scenario exercises, and how many of each there are."""

    stages: tuple[str, ...]
    transitions: tuple[str, ...]
    buckets: tuple[str, ...]
    cells: tuple[str, ...]
    totals: dict[str, int]

    def percent(self, kind: str) -> int:
        total = self.totals[kind]
        missing = len(getattr(self, kind))
        return 100 if total == 0 else round(100 * (total - missing) / total)


@dataclass(frozen=True, slots=True)
class Report:
    outcomes: tuple[Outcome, ...]
    coverage: Coverage

    @property
    def ok(self) -> bool:
        return all(o.passed for o in self.outcomes)


class _Runner:
    def __init__(self, reg: Regulation) -> None:
        self.reg = reg
        self.runtime = Runtime(reg)
        self.machine = FunnelMachine(self.runtime)
        pri = reg.priorities
        self.scope = compile_condition(pri.scope) if pri else None
        self.buckets = [(b.id, compile_condition(b.when)) for b in pri.buckets] if pri else []
        self.seen: dict[str, set[str]] = {
            "stages": set(),
            "transitions": set(),
            "buckets": set(),
            "cells": set(),
        }

    def bucket(self, s: Scenario) -> str:
        facts = self.runtime.facts(s.client, s.at)
        if self.scope is None or not self.scope(facts):
            return NOT_LISTED
        return next((bid for bid, holds in self.buckets if holds(facts)), NOT_LISTED)

    def run(self, s: Scenario) -> Outcome:
        if s.segmentation or s.sales:
            s = replace(s, client=self._classified(s))
        self.seen["stages"].add(s.client.stage)
        if s.client.segment:
            self.seen["cells"].add(s.client.segment)
        problems: list[i18n.Message] = []
        if s.trigger is not None:
            problems += self._fire(s)
        if s.contact is not None:
            s, said = self._contact(s)
            problems += said
        if s.trigger is None and s.expect.moved not in (None, s.client.stage):
            problems.append(
                i18n.Message.of("scenario.wrong_stage", expected=s.expect.moved, got=s.client.stage)
            )
        calls = s.trigger is None and s.contact is None and not s.segmentation
        if s.expect.bucket is not None or calls:
            got = self.bucket(s)
            self.seen["buckets"].add(got)
            if s.expect.bucket is not None and got != s.expect.bucket:
                problems.append(i18n.Message.of("scenario.wrong_bucket", expected=s.expect.bucket, got=got))
        if s.expect.cell is not None and s.expect.cell != (s.client.segment or NOT_LISTED):
            got_cell = s.client.segment or NOT_LISTED
            problems.append(i18n.Message.of("scenario.wrong_cell", expected=s.expect.cell, got=got_cell))
        if s.expect.order is not None:
            problems += self._order(s)
        if s.expect.next_step is not None and s.expect.next_step != s.client.next_step:
            problems.append(
                i18n.Message.of(
                    "scenario.wrong_step", expected=_step(s.expect.next_step), got=_step(s.client.next_step)
                )
            )
        return Outcome(s.name, s.origin, not problems, tuple(problems))

    def _order(self, s: Scenario) -> list[i18n.Message]:
        from engine.scenarios.order import (
            call_order,  # numpy: only for scenarios that ask (`check` stays light)
        )

        prio = self.reg.priorities
        listed = (
            call_order(self.runtime, prio, (self.scope, self.buckets), (s.client, *s.others), s.at)
            if prio
            else []
        )
        self.seen["buckets"].update(bucket for _, bucket in listed)
        got = tuple(name for name, _ in listed)
        if got == s.expect.order:
            return []
        said = ", ".join(f"{name} ({bucket})" for name, bucket in listed) or NOT_LISTED
        return [i18n.Message.of("scenario.wrong_order", expected=", ".join(s.expect.order or ()), got=said)]

    def _classified(self, s: Scenario) -> ClientState:
        from engine.scenarios.cells import derive_cell  # numpy: only for scenarios with sales

        seg = self.reg.segments
        if seg is None:
            return replace(s.client, abc=None, xyz=None)
        abc, xyz = derive_cell(seg, s.sales, s.at.astimezone(ZoneInfo(s.client.timezone)).date())
        return replace(s.client, abc=abc if xyz else None, xyz=xyz if abc else None)

    def _contact(self, s: Scenario) -> tuple[Scenario, list[i18n.Message]]:
        c = s.contact
        assert c is not None
        refused = contact_problems(
            self.reg, self.runtime, s.client.stage, c.kind, c.result, c.next_step, c.reason
        )
        codes = [p.code.split(".", 1)[-1] for p in refused]
        if refused:
            if s.expect.refused is None:
                reasons = i18n.Joined(tuple(p.message for p in refused))
                return s, [i18n.Message.of("scenario.contact_refused", reasons=reasons)]
            missing = [r for r in s.expect.refused if r not in codes]
            if missing:
                wrong = i18n.Message.of(
                    "scenario.wrong_reasons", expected=", ".join(missing), got=", ".join(codes)
                )
                return s, [wrong]
            return s, []
        after = replace(
            s.client, next_step=c.next_step, last_contact_at=s.at, contacts_count=s.client.contacts_count + 1
        )
        said = [i18n.Message.of("scenario.contact_recorded")] if s.expect.refused is not None else []
        return replace(s, client=after), said

    def _fire(self, s: Scenario) -> list[i18n.Message]:
        assert s.trigger is not None
        given = MoveInput(reason=s.reason, next_step=s.next_step)
        result = self.machine.fire(s.client, s.trigger, s.at, given)
        self.seen["transitions"].add(s.trigger)
        codes = [str(r.code) + (f":{r.field}" if r.field else "") for r in result.reasons]
        if result.moved:
            self.seen["stages"].add(str(result.dest))
        if s.expect.moved is not None:
            if not result.moved:
                said = i18n.Joined(tuple(r.said for r in result.reasons))
                return [i18n.Message.of("scenario.not_moved", expected=s.expect.moved, reasons=said)]
            if result.dest != s.expect.moved:
                return [
                    i18n.Message.of("scenario.wrong_stage", expected=s.expect.moved, got=str(result.dest))
                ]
        if s.expect.refused is not None:
            if result.moved:
                return [i18n.Message.of("scenario.not_refused", got=str(result.dest))]
            missing = [c for c in s.expect.refused if not any(g == c or g.startswith(c + ":") for g in codes)]
            if missing:
                return [
                    i18n.Message.of(
                        "scenario.wrong_reasons", expected=", ".join(missing), got=", ".join(codes)
                    )
                ]
        return []

    def coverage(self) -> Coverage:
        reg = self.reg
        every = {
            "stages": [s.id for s in reg.funnel.stages],
            "transitions": [t.trigger for t in reg.funnel.transitions],
            "buckets": [b.id for b in reg.priorities.buckets] if reg.priorities else [],
            "cells": sorted(reg.segments.cells) if reg.segments else [],
        }
        missing = {k: tuple(i for i in ids if i not in self.seen[k]) for k, ids in every.items()}
        return Coverage(**missing, totals={k: len(v) for k, v in every.items()})


def run_all(reg: Regulation, scenarios: list[Scenario | Broken]) -> Report:
    runner = _Runner(reg)
    outcomes = []
    for s in scenarios:
        if isinstance(s, Broken):
            message = i18n.Message(s.code, s.args)
            outcomes.append(Outcome(s.name or s.origin.file, s.origin, False, (message,)))
        else:
            outcomes.append(runner.run(s))
    return Report(tuple(outcomes), runner.coverage())


def _step(step: NextStep | None) -> str:
    if step is None:
        return NOT_LISTED
    said = f"{step.action} {step.due_date.isoformat()}"
    return said + (f" {step.due_time:%H:%M}" if step.due_time else "")
