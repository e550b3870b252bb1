"""Scenario tests a head writes (`tests/*.yaml` beside the regulation): `reglament test` runs
them on the regulation's own machine and facts, says what failed and why, and what no scenario
exercises; `reglament check` runs them when present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from engine.cli import main
from engine.language.loader import load_regulation
from engine.scenarios import read_folder, run_all
from tests.paths import BUNDLED, MINIMAL

CASES = Path(__file__).parent / "cases"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_tests(tmp_path: Path, *files: str, base: Path = MINIMAL) -> Path:
    folder = tmp_path / "reg"
    shutil.copytree(base, folder)
    shutil.rmtree(folder / "tests", ignore_errors=True)
    (folder / "tests").mkdir()
    for name in files:
        shutil.copyfile(CASES / name, folder / "tests" / name)
    return folder


def test_the_bundled_regulation_covers_every_transition_and_bucket() -> None:
    reg = load_regulation(BUNDLED)
    report = run_all(reg, read_folder(BUNDLED, reg))
    assert report.ok, [
        (o.name, [p.render("en") for p in o.problems]) for o in report.outcomes if not o.passed
    ]
    cov = report.coverage
    assert cov.transitions == () and cov.totals["transitions"] == len(reg.funnel.transitions)
    assert reg.priorities is not None
    assert cov.buckets == () and cov.totals["buckets"] == len(reg.priorities.buckets)
    assert cov.stages == () and cov.cells == ()


def test_passing_and_failing_scenarios_are_told_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = with_tests(tmp_path, "mixed.yaml")
    code, out, _ = run(capsys, "test", str(folder), "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("✓ tests/mixed.yaml:") and "A lead with a budget gets an offer" in lines[0]
    assert "✗" in out and "expected a move to 'won', but the client went to 'offer'" in out
    assert "expected the refusal reasons missing_field; the reasons were: condition" in out
    assert "expected the bucket 'rest', but the client is in 'overdue'" in out
    assert "4 scenarios, 3 failed" in out
    assert "transitions: 33% of 3 — no scenario exercises close, lose" in out


def test_json_and_junit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = with_tests(tmp_path, "mixed.yaml")
    code, out, _ = run(capsys, "test", str(folder), "-f", "json", "--lang", "en")
    body = json.loads(out)
    assert code == 1 and body["ok"] is False
    assert [s["passed"] for s in body["scenarios"]] == [True, False, False, False]
    assert body["coverage"]["buckets"] == {"percent": 50, "total": 2, "not_exercised": ["rest"]}
    target = tmp_path / "junit.xml"
    code, _, _ = run(capsys, "test", str(folder), "-f", "junit", "-o", str(target))
    suite = ElementTree.parse(target).getroot()
    assert suite.get("tests") == "4" and suite.get("failures") == "3"
    failures = [c for c in suite if c.find("failure") is not None]
    assert len(failures) == 3 and failures[0].get("file") == "tests/mixed.yaml"


def test_a_broken_scenario_file_says_where_and_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = with_tests(tmp_path, "broken.yaml")
    code, out, _ = run(capsys, "test", str(folder), "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("✗ tests/broken.yaml:4") and "there is no stage 'leed'" in lines[1]
    assert lines[2].startswith("✗ tests/broken.yaml:6") and "the scenario expects nothing" in lines[3]
    assert lines[4].startswith("✗ tests/broken.yaml:10") and "unknown key 'stagee'" in lines[5]
    assert "3 scenarios, 3 failed" in out


def test_check_runs_the_scenarios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = with_tests(tmp_path, "mixed.yaml")
    code, out, _ = run(capsys, "check", str(folder), "--lang", "en")
    assert code == 1 and "3 failed" in out and "✓" not in out
    assert "No problems found" not in out, "not said above failing scenarios"
    clean = with_tests(tmp_path / "clean", "passing.yaml")
    code, out, _ = run(capsys, "check", str(clean), "--lang", "en")
    assert code == 0 and "1 scenarios, 0 failed" in out
    code, _, err = run(capsys, "test", str(MINIMAL))
    assert code == 2 and "tests" in err
