"""The bundled regulation: clean in both languages, and any planted mistake is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.language.diagnostics import Severity
from engine.language.loader import FILE_NAMES, load_directory, load_files, load_regulation
from tests.conftest import BUNDLED
from tests.regulation.mutations import KINDS

STRIDE = 3


def test_bundled_regulation_has_no_diagnostics_at_all() -> None:
    result = load_directory(BUNDLED)
    assert result.diagnostics == []
    assert result.ok


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_check_exits_zero_on_the_bundled_regulation(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BUNDLED), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert ("Ошибок не найдено" if lang == "ru" else "No problems found") in out


def test_bundled_regulation_is_as_large_as_promised() -> None:
    reg = load_regulation(BUNDLED)
    kinds = {s.kind.value for s in reg.funnel.stages}
    assert len(reg.funnel.stages) >= 8
    assert {"won", "lost"} <= kinds
    assert len(reg.funnel.transitions) >= 15
    assert len(reg.card.fields) >= 20
    assert reg.card.potential is not None
    assert reg.card.potential.signs
    assert reg.card.potential.direct
    assert reg.segments is not None
    assert len(reg.segments.cells) == 9
    policies = {
        (p.contact_interval_seconds, p.owner_role, p.price_terms) for p in reg.segments.cells.values()
    }
    assert len(policies) == 9, "every cell has its own policy"
    assert reg.priorities is not None
    assert len(reg.priorities.buckets) >= 7
    assert set(reg.languages) == {"ru", "en"}


def _planted() -> list[tuple[str, str, str, int, frozenset[str]]]:
    cases = []
    for name in FILE_NAMES.values():
        text = (BUNDLED / name).read_text(encoding="utf-8")
        for kind, generate in KINDS.items():
            for description, changed, line, codes in generate(text, STRIDE):
                cases.append((f"{name}:{kind}:{description}", name, changed, line, codes))
    return cases


PLANTED = _planted()


def test_every_file_gets_every_kind_of_planted_mistake() -> None:
    planted = {(case_id.split(":")[0], case_id.split(":")[1]) for case_id, *_ in PLANTED}
    for name in FILE_NAMES.values():
        assert {k for f, k in planted if f == name} >= {"duplicated_key", "broken_indentation"}, name
    assert ("stages.yaml", "misspelt_id") in planted
    assert ("stages.yaml", "wrong_type") in planted


@pytest.mark.parametrize(
    ("name", "text", "line", "codes"), [c[1:] for c in PLANTED], ids=[c[0] for c in PLANTED]
)
def test_a_planted_mistake_is_reported_at_its_line_with_a_hint(
    name: str, text: str, line: int, codes: frozenset[str]
) -> None:
    files = {n: (BUNDLED / n).read_bytes() for n in FILE_NAMES.values()}
    files[name] = text.encode("utf-8")
    diagnostics = load_files(files).diagnostics
    at_line = [d for d in diagnostics if d.file == name and d.line == line and d.severity is Severity.ERROR]
    assert at_line, f"nothing reported at {name}:{line}: {[(d.file, d.line, d.code) for d in diagnostics]}"
    assert {d.code for d in at_line} & codes, [d.code for d in at_line]
    assert all(d.hint("ru") and d.hint("en") for d in at_line)


def test_a_planted_mistake_makes_check_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "regulation"
    shutil.copytree(BUNDLED, target)
    stages = target / "stages.yaml"
    stages.write_text(
        stages.read_text(encoding="utf-8").replace("to: negotiation", "to: negotiaton", 1),
        encoding="utf-8",
    )
    assert main(["check", str(target), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "unknown stage 'negotiaton'" in out
    assert "did you mean 'negotiation'" in out.lower()
