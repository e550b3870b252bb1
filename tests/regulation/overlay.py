"""Build a regulation folder from the minimal fixture overlaid with a case's files."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import MINIMAL


def overlay(case: Path, target: Path, base: Path = MINIMAL) -> Path:
    """Copy ``base`` into ``target``, then the case's files over it; ``X.delete`` removes X."""
    target.mkdir(parents=True, exist_ok=True)
    for path in base.glob("*.yaml"):
        shutil.copyfile(path, target / path.name)
    for path in case.iterdir():
        if path.name in ("expected.yaml", "check.txt"):
            continue
        if path.suffix == ".delete":
            (target / path.stem).unlink()
        else:
            shutil.copyfile(path, target / path.name)
    return target
