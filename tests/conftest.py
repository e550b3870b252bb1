"""Shared fixtures: keep tests out of the user's home and environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.paths import BUNDLED, MINIMAL, ROOT

__all__ = ["BUNDLED", "MINIMAL", "ROOT"]


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("REGLAMENT_LANG", "REGLAMENT_DB", "REGLAMENT_REGULATIONS"):
        monkeypatch.delenv(name, raising=False)
    return


pytest_plugins = ["tests.dbfixtures"]
