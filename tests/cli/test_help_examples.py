"""Every example a ``--help`` page gives parses as the command it stands under: its options and
arguments exist and take what it writes (the outside tester copied ``token add --name crm``, which
the command never had). A new command's example is checked with no new test."""

from __future__ import annotations

import shlex

import pytest
import typer
from typer._click import exceptions as click  # typer 0.29 carries its own click

from engine import i18n
from engine.cli import helps, load

ROOT = typer.main.get_command(load())
LEAVES = [(path, command) for path, command in helps.commands(ROOT) if path and not helps.is_group(command)]


def examples(path: str, lang: str) -> list[list[str]]:
    """The example's command lines (continuations joined, comments dropped) as argument lists."""
    text = i18n.tr(f"{helps.command_code(path)}.example", lang).replace("\\\n", " ")
    lines = [shlex.split(line, comments=True) for line in text.splitlines()]
    return [words[1:] for words in lines if words and words[0] == "reglament"]


def parse(args: list[str]) -> click.Command:
    """Parse ``args`` down the command tree as the CLI would, without running anything."""
    command: click.Command = ROOT
    parent = None
    name = "reglament"
    while True:
        ctx = command.make_context(name, list(args), parent=parent, resilient_parsing=False)
        if not helps.is_group(command):
            return command
        found, sub, args = command.resolve_command(  # type: ignore[attr-defined]
            ctx, [*ctx._protected_args, *ctx.args]
        )
        assert sub is not None and found is not None
        command, parent, name = sub, ctx, found


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("path", [path for path, _ in LEAVES])
def test_each_example_parses_as_its_command(path: str, lang: str) -> None:
    lines = examples(path, lang)
    assert lines, f"the help of `{path}` ({lang}) gives no `reglament …` example"
    for args in lines:
        try:
            command = parse(args)
        except click.BadParameter as error:
            if "does not exist" in error.format_message():
                continue  # a file the example names, not on this machine
            raise AssertionError(f"`reglament {shlex.join(args)}`: {error.format_message()}") from None
        except click.UsageError as error:
            raise AssertionError(f"`reglament {shlex.join(args)}`: {error.format_message()}") from None
        assert command.name == path.split()[-1] or path.endswith(str(command.name)), (path, args)
