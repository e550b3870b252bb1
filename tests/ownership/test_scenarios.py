"""Ownership scenarios, one file each, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.service.workspace import Workspace
from tests.ownership.scenario import Scenario, load

CASES = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scenario(path: Path, ws: Workspace, tmp_path: Path) -> None:
    Scenario(ws, tmp_path).run(load(path))
