"""Shared fixtures: keep tests out of the user's home and environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "regulations"
MINIMAL = ROOT / "tests" / "regulation" / "minimal"


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("REGLAMENT_LANG", "REGLAMENT_DB", "REGLAMENT_REGULATIONS"):
        monkeypatch.delenv(name, raising=False)
    return
