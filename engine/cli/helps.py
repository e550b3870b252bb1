"""Every command's ``--help`` in the reader's language, from the message catalogs.

The texts live in ``engine/locale/<lang>.yaml`` under ``help``, never in the code: a command
``client add`` says itself by ``help.command."client add".text`` and shows one
``help.command."client add".example``; a parameter by ``help.param_of."client add.owner"`` when
that command words it its own way, else by the shared ``help.param.<name>``. :func:`localized`
builds the Typer application and writes those texts onto it for one language, so a new command's
help is one catalog entry (and ``tests/cli/test_help.py`` fails while it is missing). The help
page's own words (Usage, Options, default…) are catalog entries too (``help.page``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer import _click
from typer import core as typer_core
from typer._click.core import Parameter

from engine import i18n
from engine.cli.app import default_lang
from engine.cli.params import plain

EXAMPLE_MARK = "\b"  # click prints a paragraph that starts with it as written, unwrapped


def language_of(args: Sequence[str]) -> str:
    """The reader's language for a command line: ``--lang`` when it names a language Reglament
    speaks, else $REGLAMENT_LANG or the locale (an unknown --lang is refused by the option)."""
    for i, arg in enumerate(args):
        given = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            given = args[i + 1]
        if given in i18n.LANGUAGES:
            return given
    return default_lang()


def commands(root: _click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, _click.Command]]:
    """Every command of the tree with its path: ``""`` for the root, ``"client add"``…"""
    yield " ".join(path), root
    for name, sub in sorted(getattr(root, "commands", {}).items()):
        yield from commands(sub, (*path, name))


def is_group(command: _click.Command) -> bool:
    return hasattr(command, "commands")


def command_code(path: str) -> str:
    return f"help.command.{path or 'reglament'}"


def param_codes(path: str, name: str) -> tuple[str, str]:
    """Where a parameter's help is looked up: the command's own wording, then the shared one."""
    return f"help.param_of.{path or 'reglament'}.{name}", f"help.param.{name}"


def param_help(path: str, name: str, lang: str) -> str:
    own, shared = param_codes(path, name)
    return i18n.tr(own if i18n.has(own, lang) else shared, lang)


def command_help(path: str, command: _click.Command, lang: str) -> str:
    code = command_code(path)
    text = i18n.tr(f"{code}.text", lang)
    if is_group(command):
        return text
    example = i18n.tr(f"{code}.example", lang)
    lines = "\n".join(f"  {line}" for line in example.splitlines())
    return f"{text}\n\n{EXAMPLE_MARK}\n{i18n.tr('help.page.example', lang)}\n{lines}"


# Typer's type names (``<int>``…) → the catalog's word for what to write (``help.type.*``).
TYPE_WORDS = {
    "str": "text",
    "list[str]": "text",
    "int": "number",
    "int range": "number",
    "float": "number",
    "float range": "number",
}


def metavar(command: _click.Command, param: Parameter, lang: str) -> str | None:
    """What to write for a parameter, in ``lang``: an argument's own name
    (``help.metavar.<name>``), else the kind of its value (``help.type.<kind>``); choices of
    ids stay as they are; a flag has none."""
    if getattr(param, "is_flag", False) or not param.name:
        return None
    if i18n.has(f"help.metavar.{param.name}", lang):
        return i18n.tr(f"help.metavar.{param.name}", lang)
    shown = str(param.display_type(typer.Context(command))).strip("<>")  # type: ignore[attr-defined]
    kind = TYPE_WORDS.get(shown, shown)
    return i18n.tr(f"help.type.{kind}", lang) if i18n.has(f"help.type.{kind}", lang) else None


def _argument_named_only(command: _click.Command, param: Parameter) -> None:
    """An argument's help row shows its name in the reader's language, not Typer's type name
    (``НОМЕР``, not ``НОМЕР <int>``); a choice of ids keeps its list."""
    if param.param_type_name != "argument" or not param.metavar:
        return
    shown = str(param.display_type(typer.Context(command)))  # type: ignore[attr-defined]
    if "|" not in shown:
        param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]


class _Formatter(_click.HelpFormatter):
    """The help page's «Usage:» in the reader's language."""

    lang = i18n.DEFAULT_LANGUAGE

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        word = i18n.tr("help.page.usage", self.lang)
        super().write_usage(prog, args, f"{word} " if prefix is None else prefix)


def _context_class(lang: str) -> type[typer.Context]:
    formatter = type(f"Formatter_{lang}", (_Formatter,), {"lang": lang})
    return type(f"Context_{lang}", (typer.Context,), {"formatter_class": formatter})


def localized(app: typer.Typer, lang: str) -> _click.Command:
    """The application as a click command whose every help text is in ``lang``."""
    root = typer.main.get_command(app)
    context = _context_class(lang)
    for path, command in commands(root):
        command.help = command_help(path, command, lang)
        command.short_help = i18n.tr(f"{command_code(path)}.text", lang).split("\n")[0]
        command.context_class = context
        command.options_metavar = i18n.tr("help.page.options_metavar", lang)
        if is_group(command):
            command.subcommand_metavar = i18n.tr("help.page.command_metavar", lang)  # type: ignore[attr-defined]
        _help_option_said(command, lang)
        if hasattr(command, "rich_markup_mode"):
            command.rich_markup_mode = None  # click's plain page: its words are ours (page_word)
        for param in command.params:
            plain(param)  # text and paths read without pydantic (engine.cli.params)
            if param.name and hasattr(param, "help"):
                param.help = param_help(path, param.name, lang)
                param.metavar = metavar(command, param, lang)
                _argument_named_only(command, param)
    _PAGE_LANG[0] = lang
    return root


def _help_option_said(command: _click.Command, lang: str) -> None:
    """``--help``'s own line (Typer makes that option on demand) in ``lang``."""
    made = command.get_help_option

    def get_help_option(ctx: _click.Context) -> Parameter | None:
        option = made(ctx)
        if option is not None:
            option.help = i18n.tr("help.param.help", lang)
            plain(option)
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign,assignment]


_PAGE_LANG = [i18n.DEFAULT_LANGUAGE]
# Typer's own words on a help page, as its code writes them (through gettext) → catalog code.
PAGE_WORDS = {
    "Arguments": "help.page.arguments",
    "Options": "help.page.options",
    "Commands": "help.page.commands",
    "default: {default}": "help.page.default",
    "required": "help.page.required",
    "env var: {var}": "help.page.env_var",
    "(dynamic)": "help.page.dynamic",
    "Aborted!": "help.page.aborted",
}


def page_word(message: str) -> str:
    """Typer's gettext: its help-page words from the catalog of the language being shown; the
    placeholders stay for Typer to fill."""
    code = PAGE_WORDS.get(message)
    if code is None:
        return message
    template = i18n.catalog(_PAGE_LANG[0]).get(code)
    return str(template) if template is not None else message


def install() -> None:
    """Route Typer's help-page words through :func:`page_word` (once, at import)."""
    module: Any = sys.modules[typer_core.__name__]
    module._ = page_word
