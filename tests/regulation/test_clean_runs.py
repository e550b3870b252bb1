"""What `reglament check` calls clean must run: every valid case (and the bundled regulation)
is driven through the runtime — a manager, a client at the entry stage, a move, a contact,
the call list, ABC-XYZ, compliance, the guides — and no command may end in a traceback.

The values typed into the card come from each field's type, so a new valid case needs nothing
more than its folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main
from engine.language.loader import load_regulation
from engine.model.card import Field, FieldType
from engine.model.funnel import StageKind
from engine.model.regulation import Regulation
from tests.conftest import BUNDLED
from tests.regulation.overlay import overlay
from tests.regulation.test_cases import _cases

SAMPLES = {
    FieldType.TEXT: "Acme",
    FieldType.DATE: "2026-11-23",
    FieldType.DATETIME: "2026-11-23T14:30",
    FieldType.BOOLEAN: "true",
    FieldType.PHONE: "+7 912 345-67-89",
    FieldType.EMAIL: "info@example.com",
    FieldType.INN: "7707083893",
    FieldType.URL: "https://example.com",
}
AT = "2026-11-24T10:00"


def _value(field: Field) -> str:
    if field.type is FieldType.ENUM:
        return field.values[0].id
    if field.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY):
        number = field.max if field.max is not None else (field.min or 0) + 1000
        return str(int(number))
    return SAMPLES.get(field.type, "x")


def _card(reg: Regulation) -> list[str]:
    return [f"{f.id}={_value(f)}" for f in reg.card.fields]


def _first_move(reg: Regulation) -> tuple[str, str]:
    """A move out of the entry stage (into an open stage if there is one) and a reason."""
    funnel = reg.funnel
    moves = [t for t in funnel.transitions if funnel.entry in funnel.sources_of(t)]
    open_first = sorted(
        moves, key=lambda t: getattr(funnel.stage(t.dest), "kind", None) is not StageKind.OPEN
    )
    entry = funnel.stage(funnel.entry)
    reason = entry.refusal_reasons[0] if entry and entry.refusal_reasons else ""
    return (open_first[0].trigger if open_first else ""), reason


def _regulations() -> list[tuple[str, Path | None]]:
    return [("bundled", None), *((f"valid/{case.name}", case) for case in _cases("valid"))]


@pytest.mark.parametrize(("name", "case"), _regulations(), ids=[n for n, _ in _regulations()])
def test_a_clean_regulation_runs_every_command(
    name: str, case: Path | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = BUNDLED if case is None else overlay(case, tmp_path / "regulation")
    reg = load_regulation(folder)
    monkeypatch.setenv("REGLAMENT_DB", str(tmp_path / "db.sqlite"))
    monkeypatch.setenv("REGLAMENT_REGULATIONS", str(folder))
    monkeypatch.setenv("REGLAMENT_USER", "head")
    role = reg.roles[0].id
    step = ["--next", "Call", "--due", "2026-11-25"]

    def run(*argv: str, allowed: tuple[int, ...] = (0,)) -> None:
        code = main(list(argv))
        assert code in allowed, f"{name}: {' '.join(argv)} exited {code}"

    run("manager", "add", "ivanov", "--name", "Ivanov", "--role", role)
    run("client", "add", *_card(reg), "--owner", "ivanov", *step)
    trigger, reason = _first_move(reg)
    if trigger:
        run(
            "client",
            "move",
            "1",
            trigger,
            *_card(reg),
            *step,
            *(["--reason", reason] if reason else []),
            allowed=(0, 1),
        )
    kind, result = reg.contact_kinds[0].id, next(r.id for r in reg.contact_results if not r.refusal)
    run("client", "contact", "1", "--kind", kind, "--result", result, *step, allowed=(0, 1))
    for argv in (("client", "show", "1"), ("client", "possible", "1"), ("client", "history", "1")):
        run(*argv)
    run("calls", "--at", AT)
    run("segment", "--at", AT, "--force")  # a new base has no sales: run it anyway
    run("compliance", "--at", AT)
    assert main(["guide", str(folder), "-o", str(tmp_path / "guides"), "--format", "md"]) == 0
