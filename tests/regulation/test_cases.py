"""Data-driven regulation cases: a new case is a new folder under ``cases/``.

``cases/invalid/<case>/`` and ``cases/warnings/<case>/`` hold the files that differ from the
minimal regulation and ``expected.yaml`` with the (file, line, code) of every diagnostic;
``cases/valid/<case>/`` must check clean. Every case also holds ``check.txt``, the golden text
of ``reglament check`` in both languages (``python -m tests.regulation.golden`` writes it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine import i18n
from engine.language.diagnostics import Severity, has_errors
from engine.language.loader import load_directory
from tests.regulation import golden
from tests.regulation.overlay import overlay

CASES = Path(__file__).parent / "cases"


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def _expected(case: Path) -> list[tuple[str, int, str]]:
    data = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return sorted((d["file"], d["line"], d["code"]) for d in data["diagnostics"])


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_case_reports_exactly_the_expected_diagnostics(case: Path, tmp_path: Path) -> None:
    result = load_directory(overlay(case, tmp_path), display="")
    found = sorted((d.file, d.line, d.code) for d in result.diagnostics)
    assert found == _expected(case)
    assert has_errors(result.diagnostics)


@pytest.mark.parametrize("case", _cases("warnings"), ids=lambda p: p.name)
def test_warning_case_reports_only_warnings(case: Path, tmp_path: Path) -> None:
    result = load_directory(overlay(case, tmp_path), display="")
    found = sorted((d.file, d.line, d.code) for d in result.diagnostics)
    assert found == _expected(case)
    assert all(d.severity is Severity.WARNING for d in result.diagnostics)
    assert result.ok


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_case_checks_clean(case: Path, tmp_path: Path) -> None:
    result = load_directory(overlay(case, tmp_path), display="")
    assert [(d.file, d.line, d.code) for d in result.diagnostics] == []
    assert result.ok


@pytest.mark.parametrize("case", _cases("invalid") + _cases("warnings"), ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_diagnostic_says_what_and_how_to_fix_in_both_languages(
    case: Path, lang: str, tmp_path: Path
) -> None:
    result = load_directory(overlay(case, tmp_path), display="")
    for d in result.diagnostics:
        args = {name for name, _ in d.args}
        for key in (f"diag.{d.code}.message", f"diag.{d.code}.{d.hint_key or 'hint'}"):
            template = i18n.catalog(lang)[key]
            assert set(i18n.placeholders(template)) <= args, f"{key} lacks an argument"
        assert d.message(lang) and d.hint(lang), f"{d.code} says nothing"
        if lang == "ru":
            said = d.message(lang) + " " + d.hint(lang)
            assert not [p for p in PARSER_WORDS if p in said], f"parser English in {d.code}: {said}"


PARSER_WORDS = ("while scanning", "while parsing", "could not find", "did not find", "mapping values")
"""libyaml's own words: a Russian message must never quote them."""


@pytest.mark.parametrize("case", golden.cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_prints_the_golden_text(case: Path) -> None:
    expected = (case / golden.NAME).read_text(encoding="utf-8")
    assert golden.render(case) == expected, (
        "run `python -m tests.regulation.golden` if the change is intended"
    )
