"""Commands import only what they use (#18): `check` and every verb's `--help` load no database,
numpy, spreadsheet, web or PDF library, and each verb's modules are declared in ``VERBS``; a
`--help` loads neither pydantic, Rich, the regulation language nor the model; `check` reads its
parameters without pydantic, and validates with jsonschema only what its cache folder does not
already know to be clean — an edited file is always validated again; a re-check parses no YAML,
reads no phone or INN with its library and loads no Babel formatting or locale data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer

from engine.cli import VERBS, load
from engine.cli.params import plain
from engine.resources import CACHE_ENV, bundled_regulations, cached_json

HEAVY = ("sqlalchemy", "sqlmodel", "numpy", "alembic", "fastapi", "uvicorn", "weasyprint", "openpyxl")
NOT_FOR_HELP = (
    *HEAVY,
    "pydantic",
    "rich",
    "jsonschema",
    "babel",
    "phonenumbers",
    "stdnum",
    "email_validator",
    "engine.model",
    "engine.language.loader",
)

PROBE = """
import contextlib, io, json, sys
from engine.cli import main
said = io.StringIO()
with contextlib.redirect_stdout(said):
    code = main(json.loads(sys.argv[1]))
root = __import__("typer").main.get_command(__import__("engine.cli", fromlist=["app"]).app)
print(json.dumps({"code": code, "heavy": [m for m in json.loads(sys.argv[2]) if m in sys.modules],
                  "verbs": sorted(root.commands), "said": said.getvalue()}))
"""


def probe(args: list[str], watched: tuple[str, ...] = HEAVY, cache: Path | None = None) -> dict[str, Any]:
    env = dict(os.environ) | ({CACHE_ENV: str(cache)} if cache else {})
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(watched)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_check_loads_no_heavy_module() -> None:
    found = probe(["check", str(bundled_regulations())])
    assert found["code"] == 0
    assert found["heavy"] == []


def test_check_reads_its_parameters_without_pydantic(tmp_path: Path) -> None:
    found = probe(["check", str(bundled_regulations())], ("pydantic",), tmp_path)
    assert found["code"] == 0
    assert found["heavy"] == []


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_a_verbs_help_loads_only_its_modules(verb: str, tmp_path: Path) -> None:
    found = probe([verb, "--help"], NOT_FOR_HELP, tmp_path)
    assert found["code"] == 0
    assert verb in found["verbs"], f"{verb}: its modules {VERBS[verb]} do not register it"
    assert found["heavy"] == [], f"`reglament {verb} --help` imports {found['heavy']}"


def test_the_help_reads_no_yaml_once_the_catalog_is_cached(tmp_path: Path) -> None:
    first = probe(["--help"], ("yaml",), tmp_path)
    again = probe(["--help"], ("yaml",), tmp_path)
    assert first["heavy"] == ["yaml"]
    assert again["heavy"] == []
    assert again["said"] == first["said"]


def test_every_command_is_declared_in_verbs() -> None:
    registered = set(typer.main.get_command(load()).commands)  # type: ignore[attr-defined]
    assert registered == set(VERBS), "declare each top-level verb's modules in engine.cli.VERBS"


def test_a_clean_regulation_is_validated_once_and_an_edited_one_again(tmp_path: Path) -> None:
    folder = tmp_path / "regulation"
    shutil.copytree(bundled_regulations(), folder)
    cache = tmp_path / "cache"
    check = ["check", str(folder)]
    first, again = probe(check, ("jsonschema",), cache), probe(check, ("jsonschema",), cache)
    assert (first["code"], first["heavy"]) == (0, ["jsonschema"])
    assert (again["code"], again["heavy"]) == (0, [])
    assert again["said"] == first["said"]
    card = folder / "card.yaml"
    clean = card.read_text(encoding="utf-8")
    card.write_text(clean + "\nlable: a misspelt key\n", encoding="utf-8")
    edited = probe([*check, "--format", "json"], ("jsonschema",), cache)
    assert edited["code"] == 1
    assert "S102" in {d["code"] for d in json.loads(edited["said"])["diagnostics"]}
    card.write_text(clean, encoding="utf-8")
    assert probe(check, ("jsonschema",), cache)["code"] == 0


RECHECK_LOADS_NONE = (
    "yaml",
    "jsonschema",
    "phonenumbers",
    "stdnum",
    "ssl",
    "babel.numbers",
    "babel.dates",
    "babel.lists",
    "babel.units",
    "xml.etree.ElementTree",
)


def test_a_recheck_parses_no_yaml_and_reads_no_phone_inn_or_locale_data(tmp_path: Path) -> None:
    folder = tmp_path / "regulation"
    shutil.copytree(bundled_regulations(), folder)
    cache = tmp_path / "cache"
    check = ["check", str(folder)]
    first, again = probe(check, RECHECK_LOADS_NONE, cache), probe(check, RECHECK_LOADS_NONE, cache)
    assert (first["code"], again["code"]) == (0, 0)
    assert {"yaml", "phonenumbers", "stdnum"} <= set(first["heavy"])
    assert again["heavy"] == []
    assert again["said"] == first["said"]
    funnel = folder / "tests" / "funnel.yaml"
    clean = funnel.read_text(encoding="utf-8")
    funnel.write_text(clean.replace("phone: +7 495 123-45-67", "phone: +7 000", 1), encoding="utf-8")
    bad = [probe(check, ("phonenumbers",), cache) for _ in range(2)]
    assert [found["code"] for found in bad] == [1, 1]
    assert [found["heavy"] for found in bad] == [["phonenumbers"], []]  # refused, and remembered so
    assert bad[1]["said"] == bad[0]["said"]
    assert "'+7 000'" in bad[0]["said"]
    funnel.write_text(clean, encoding="utf-8")
    restored = probe(check, RECHECK_LOADS_NONE, cache)
    assert (restored["code"], restored["heavy"], restored["said"]) == (0, ["yaml"], again["said"])


def test_with_the_cache_off_nothing_is_kept(tmp_path: Path) -> None:
    env = dict(os.environ) | {CACHE_ENV: "off", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "engine", "check", str(bundled_regulations())], env=env, capture_output=True
    )
    assert done.returncode == 0
    assert list(tmp_path.iterdir()) == []


_APP = typer.Typer()


@_APP.command()
def _sample(
    text: Annotated[str, typer.Option()] = "",
    folder: Annotated[Path | None, typer.Option(exists=True, file_okay=False)] = None,
    flag: Annotated[bool, typer.Option()] = False,
    number: Annotated[int, typer.Option()] = 1,
) -> None:
    """A command with one parameter of each kind."""


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("text", "x"),
        ("text", ""),
        ("text", None),
        ("folder", "engine"),
        ("folder", "no-such-folder"),
        ("folder", "README.md"),
        ("folder", None),
        ("flag", True),
        ("flag", "true"),
        ("number", "3"),
        ("number", "three"),
    ],
)
def test_parameters_read_without_pydantic_as_typer_reads_them(name: str, value: object) -> None:
    def read(direct: bool) -> str:
        command = typer.main.get_command(_APP)
        param = next(p for p in command.params if p.name == name)
        if direct:
            plain(param)
        try:
            return repr(param.process_value(typer.Context(command), value))
        except typer.BadParameter as err:
            return f"refused: {err.message}"

    assert read(direct=True) == read(direct=False)


def test_a_cached_value_is_made_again_when_its_source_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    made: list[bytes] = []

    def make(source: bytes) -> dict[str, str]:
        made.append(source)
        return {"text": source.decode()}

    assert cached_json("sample", b"one", lambda: make(b"one")) == {"text": "one"}
    assert cached_json("sample", b"one", lambda: make(b"one")) == {"text": "one"}
    assert cached_json("sample", b"two", lambda: make(b"two")) == {"text": "two"}
    assert made == [b"one", b"two"]
    assert len(list(tmp_path.glob("sample-*.json"))) == 1  # the older copy is gone
