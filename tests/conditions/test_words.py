"""Conditions said in sentences a head prints unedited (#14): one field named once, brackets
where «и» and «или» mix, choices quoted as values. A new case is a new file in ``words/``:
``when`` (a condition as the regulation writes it, over the bundled card) and ``ru`` / ``en``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.conditions.words import Speaker
from engine.language.build.conditions import build_condition
from engine.language.build.reader import Doc, Node
from engine.language.loader import load_regulation
from engine.language.yamlio import SourceMap
from engine.model.regulation import Regulation
from tests.paths import BUNDLED

CASES = sorted((Path(__file__).parent / "words").glob("*.yaml"))


@pytest.fixture(scope="module")
def reg() -> Regulation:
    return load_regulation(BUNDLED)


def test_there_are_cases() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_condition_reads_as_written(path: Path, reg: Regulation) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    condition = build_condition(Node(case["when"], "", Doc("", SourceMap(), "ru")))
    for lang in ("ru", "en"):
        assert Speaker(reg, lang).say(condition) == case[lang]
