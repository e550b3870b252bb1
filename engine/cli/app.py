"""The Typer application and what every verb shares: options, language, errors."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from engine.i18n import DEFAULT_LANGUAGE, LANGUAGES

app = typer.Typer(
    name="reglament",
    help="Sales regulations as code: check, run, plan and print the client-base regulation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _group() -> None:
    # Always a group of verbs, even when only one verb's module is loaded (see ``engine.cli.load``).
    pass


class UserError(Exception):
    """A mistake of the user's, shown as a message without a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class NotAChoice(UserError):
    """A value outside a fixed set of ids or labels: said, where errors are shown, with the
    choices and the closest one (:func:`engine.cli.usage.not_a_choice`)."""

    def __init__(self, option: str, given: str, choices: Sequence[str]) -> None:
        super().__init__(f"{option}: {given}")
        self.option, self.given, self.choices = option, given, tuple(choices)


def choose(given: str, choices: Sequence[str], option: str) -> str:
    """``given`` when it is one of ``choices``; else :class:`NotAChoice` (exit 2)."""
    if given not in choices:
        raise NotAChoice(option, given, choices)
    return given


def default_lang() -> str:
    """The reader's language when ``--lang`` is not given: $REGLAMENT_LANG, else the system
    locale's language when Reglament speaks it ($LC_ALL, $LC_MESSAGES, $LANG), else Russian.
    An unknown $REGLAMENT_LANG is an error, not a silent fallback."""
    chosen = os.environ.get("REGLAMENT_LANG")
    if chosen:
        if chosen not in LANGUAGES:
            raise UserError(
                f"REGLAMENT_LANG={chosen}: Reglament speaks {' and '.join(LANGUAGES)} — "
                f"REGLAMENT_LANG={chosen}: Регламент говорит на языках: {', '.join(LANGUAGES)}"
            )
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = os.environ.get(name, "")
        if locale:
            lang = locale.split("_")[0].split(".")[0].lower()
            return lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def lang_callback(value: str | None) -> str:
    if value is None:
        return default_lang()
    if value not in LANGUAGES:
        raise NotAChoice("--lang", value, LANGUAGES)
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of messages: ru or en (default: $REGLAMENT_LANG, else the system locale, else ru).",
        callback=lang_callback,
    ),
]

RegulationsOption = Annotated[
    Path | None,
    typer.Option(
        "--regulations",
        "-r",
        help="The regulation folder (default: the bundled one).",
        envvar="REGLAMENT_REGULATIONS",
        file_okay=False,
    ),
]
