"""Data-driven scenario runs: each file of ``runs/`` names the regulation it runs on, holds its
scenarios and, per scenario, ``pass`` or a fragment of what the run must say (in English).
A new case is a new file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.language.loader import load_regulation
from engine.scenarios import run_all
from engine.scenarios.reading import read_file
from tests.paths import BUNDLED, MINIMAL

RUNS = Path(__file__).parent / "runs"
REGULATIONS = {"bundled": BUNDLED, "minimal": MINIMAL}


@pytest.mark.parametrize("path", sorted(RUNS.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_run_says_what_the_case_expects(path: Path) -> None:
    raw = path.read_bytes()
    case = yaml.safe_load(raw)
    reg = load_regulation(REGULATIONS[case["regulation"]])
    report = run_all(reg, list(read_file(raw, f"tests/{path.name}", reg)))
    said = [[p.render("en") for p in o.problems] for o in report.outcomes]
    assert len(said) == len(case["outcomes"]), said
    assert [o.name for o in report.outcomes] == [s["name"] for s in case["scenarios"]]
    for problems, expected in zip(said, case["outcomes"], strict=True):
        if expected == "pass":
            assert problems == []
        else:
            assert any(expected in p for p in problems), (expected, problems)
