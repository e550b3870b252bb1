"""The golden Russian ``--help`` of every command. Regenerate: python -m tests.cli.golden_help"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import typer

from engine.cli import helps, load, main

GOLDEN = Path(__file__).parent / "golden" / "help"
WIDTH = "80"


def paths() -> list[str]:
    return [path for path, _ in helps.commands(typer.main.get_command(load()))]


def render(path: str, lang: str = "ru") -> str:
    """``reglament <path> --help`` as an 80-column terminal shows it."""
    out = io.StringIO()
    env = {"COLUMNS": WIDTH, "REGLAMENT_LANG": lang}
    before = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out):
            code = main([*path.split(), "--help"])
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    assert code == 0, path
    return out.getvalue()


def golden(path: str) -> Path:
    return GOLDEN / f"{path.replace(' ', '-') or 'reglament'}.ru.txt"


def main_() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in paths():
        golden(path).write_text(render(path), encoding="utf-8")
        print(golden(path))


if __name__ == "__main__":
    main_()
