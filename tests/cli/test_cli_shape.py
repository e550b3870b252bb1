"""The command line's shape: every option a command declares is used, and every command takes
the same --lang option (one type, one way of choosing the language)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

import pytest
import typer

from engine.cli import load
from engine.cli.app import lang_callback

app = load()


def commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: str) -> None:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}".strip())
        else:
            found.append((path, command))

    walk(root, "")
    return found


COMMANDS = commands()


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_declared_parameter_is_used(path: str, command: Any) -> None:
    function = command.callback
    assert function is not None
    source = textwrap.dedent(inspect.getsource(inspect.unwrap(function)))
    tree = ast.parse(source).body[0]
    assert isinstance(tree, ast.FunctionDef)
    used = {n.id for stmt in tree.body for n in ast.walk(stmt) if isinstance(n, ast.Name)}
    unused = [a.arg for a in tree.args.args if a.arg not in used]
    assert not unused, f"reglament {path}: options declared but never used: {unused}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_takes_the_one_lang_option(path: str, command: Any) -> None:
    options = {p.name: p for p in command.params}
    assert "lang" in options, f"reglament {path} has no --lang"
    assert options["lang"].callback is not None
    assert getattr(options["lang"].callback, "__wrapped__", options["lang"].callback) is lang_callback or (
        options["lang"].callback.__name__ == "wrapper"
    )
