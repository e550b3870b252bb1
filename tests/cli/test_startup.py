"""Commands import only what they use (#18): `check` and every verb's `--help` load no database,
numpy, spreadsheet, web or PDF library, and each verb's modules are declared in ``VERBS``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer

from engine.cli import VERBS, load
from engine.resources import bundled_regulations

HEAVY = ("sqlalchemy", "sqlmodel", "numpy", "alembic", "fastapi", "uvicorn", "weasyprint", "openpyxl")

PROBE = """
import contextlib, io, json, sys
from engine.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(json.loads(sys.argv[1]))
root = __import__("typer").main.get_command(__import__("engine.cli", fromlist=["app"]).app)
print(json.dumps({"code": code, "heavy": [m for m in json.loads(sys.argv[2]) if m in sys.modules],
                  "verbs": sorted(root.commands)}))
"""


def probe(args: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_check_loads_no_heavy_module() -> None:
    found = probe(["check", str(bundled_regulations())])
    assert found["code"] == 0
    assert found["heavy"] == []


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_a_verbs_help_loads_only_its_modules(verb: str) -> None:
    found = probe([verb, "--help"])
    assert found["code"] == 0
    assert verb in found["verbs"], f"{verb}: its modules {VERBS[verb]} do not register it"
    assert found["heavy"] == [], f"`reglament {verb} --help` imports {found['heavy']}"


def test_every_command_is_declared_in_verbs() -> None:
    registered = set(typer.main.get_command(load()).commands)  # type: ignore[attr-defined]
    assert registered == set(VERBS), "declare each top-level verb's modules in engine.cli.VERBS"
