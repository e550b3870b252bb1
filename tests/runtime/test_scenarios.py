"""Scenario files: given a client, fire a trigger, expect a move or exactly these reasons.

A new case is a new file in ``scenarios/``. Keys: ``regulation`` (bundled or minimal),
``client`` (stage, card, next_step, created…), ``now``, ``fire``, ``given`` (reason,
next_step), ``expect`` (``moved_to`` or ``reasons`` with code / field / clause pointer, and
optional ``messages`` that must appear per language).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.language.loader import load_regulation
from engine.model.regulation import Regulation
from engine.runtime.facts import Runtime
from engine.runtime.machine import FunnelMachine
from tests.conftest import BUNDLED, MINIMAL
from tests.runtime import scenario

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


@cache
def machine(which: str) -> tuple[Regulation, FunnelMachine]:
    reg = load_regulation(BUNDLED if which == "bundled" else MINIMAL)
    return reg, FunnelMachine(Runtime(reg))


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path: Path) -> None:
    case = load(path)
    reg, fsm = machine(case.get("regulation", "bundled"))
    now = datetime.fromisoformat(case["now"])
    client = scenario.client(reg, fsm.runtime, case["client"], now)
    outcome = fsm.fire(client, case["fire"], now, scenario.given(case.get("given")))
    expect = case["expect"]
    if "moved_to" in expect:
        assert [r.message("en") for r in outcome.reasons] == []
        assert outcome.moved and outcome.dest == expect["moved_to"]
        return
    assert not outcome.moved
    found = [_reason(r) for r in outcome.reasons]
    wanted = [dict(r) for r in expect["reasons"]]
    assert [{k: f[k] for k in w} for f, w in zip(found, wanted, strict=False)] == wanted and len(
        found
    ) == len(wanted), found
    for lang, fragments in expect.get("messages", {}).items():
        text = "\n".join(r.message(lang) for r in outcome.reasons)
        for fragment in fragments:
            assert fragment in text, f"{fragment!r} not in {text!r}"
    for r in outcome.reasons:
        assert r.clause.line > 0 and r.message("ru") and r.message("en")


def _reason(r: Any) -> dict[str, Any]:
    return {
        "code": r.code,
        "field": r.field,
        "clause": f"{Path(r.clause.file).name}#{r.clause.pointer}",
    }


def test_there_are_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 15
