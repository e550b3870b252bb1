"""Syntax slips, data-driven from ``slips.yaml``: found at the line and column where the slip
is (not where libyaml gave up), named, and told in words of both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.language.diagnostics import render_text
from engine.language.loader import load_files
from engine.language.slips import SLIPS
from engine.language.yamlio import load_yaml_text
from tests.conftest import BUNDLED

ENTRIES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "slips.yaml").read_text(encoding="utf-8")
)


def test_every_slip_has_an_example() -> None:
    assert {e["slip"] for e in ENTRIES} == set(SLIPS)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e['slip']}:{e['at'][0]}:{e['at'][1]}")
def test_a_slip_is_found_where_it_was_made(entry: dict[str, Any]) -> None:
    [problem] = load_yaml_text(entry["yaml"]).problems
    assert (problem.kind, problem.slip) == ("syntax", entry["slip"])
    assert [problem.line, problem.column] == entry["at"]


def test_a_slip_in_a_regulation_file_is_one_error_with_the_line_quoted(tmp_path: Path) -> None:
    files = {p.name: p.read_bytes() for p in BUNDLED.glob("*.yaml")}
    text = files["stages.yaml"].decode()
    files["stages.yaml"] = text.replace("    kind: open\n", "    kind open\n", 1).encode()
    result = load_files(files)
    [d] = result.diagnostics
    line = text.split("\n").index("    kind: open") + 1
    assert (d.code, d.line, d.column) == ("Y001", line, 9)
    assert d.excerpt == "    kind open"
    shown = render_text(result.diagnostics, "ru")
    assert "после 'kind' нет двоеточия" in shown
    assert "Напишите 'kind: open'" in shown
    assert f"  {line} |     kind open\n  {' ' * len(str(line))} |         ^" in shown
