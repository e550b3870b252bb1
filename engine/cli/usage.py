"""Typer's and Click's own complaints (a missing option, an unknown command, a value of the wrong
type) said in the reader's language with catalog codes (``usage.*``).

Typer raises them with English text; each kind is read from the exception's class and fields, or
from the shape of its message (:data:`SHAPES`), and said again from the catalog. A message of
the engine's own (an option's callback) is already in the reader's language and is kept.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence

import typer
from typer import _click

from engine import i18n

# The messages Typer and Click write, by shape → the catalog code that says them.
SHAPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"No such command '(?P<name>.*?)'\.(?: Did you mean (?P<choices>.*)\?)?$", "usage.no_such_command"),
        (r"Missing command\.$", "usage.missing_command"),
        (r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", "usage.extra_arguments"),
        (r"Option '(?P<name>.*?)' requires an argument\.$", "usage.needs_value"),
        (r"Option '(?P<name>.*?)' requires (?P<n>\d+) arguments\.?$", "usage.needs_values"),
        (r"Option '(?P<name>.*?)' does not take a value\.$", "usage.takes_no_value"),
        (r"Input should be a valid integer.*$", "usage.not_integer"),
        (r"Input should be a valid number.*$", "usage.not_number"),
        (r"Input should be a valid boolean.*$", "usage.not_boolean"),
        (r"Input should be greater than or equal to (?P<n>\S+)$", "usage.at_least"),
        (r"Input should be greater than (?P<n>\S+)$", "usage.above"),
        (r"Input should be less than or equal to (?P<n>\S+)$", "usage.at_most"),
        (r"\w+ '(?P<path>.*)' does not exist\.$", "usage.path_missing"),
        (r"\w+ '?(?P<path>.*?)'? is a file\.$", "usage.path_is_file"),
        (r"\w+ '?(?P<path>.*?)'? is a directory\.$", "usage.path_is_folder"),
        (r"\w+ '?(?P<path>.*?)'? is not readable\.$", "usage.path_unreadable"),
        (r"\w+ '?(?P<path>.*?)'? is not writable\.$", "usage.path_unwritable"),
        (r"Value '(?P<value>.*)' is not a valid (?P<kind>\w+)\.$", "usage.not_valid"),
        (r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$", "usage.not_one_of"),
    )
)


def said(err: typer.TyperException, lang: str) -> str:
    """The usage line, where to read more, and the complaint — all in ``lang``."""
    if isinstance(err, _click.exceptions.NoArgsIsHelpError):
        return str(err.message)  # a group called bare: its help page, already in ``lang``
    ctx = getattr(err, "ctx", None)
    lines = []
    if ctx is not None:
        usage = ctx.command.collect_usage_pieces(ctx)
        lines.append(f"{i18n.tr('help.page.usage', lang)} {ctx.command_path} {' '.join(usage)}")
        lines.append(i18n.tr("usage.try", lang, command=ctx.command_path) + "\n")
    lines.append(i18n.tr("usage.error", lang, message=complaint(err, lang)))
    return "\n".join(lines)


def complaint(err: typer.TyperException, lang: str) -> str:
    if isinstance(err, _click.exceptions.MissingParameter):
        kind = "argument" if getattr(err.param, "param_type_name", "") == "argument" else "option"
        return i18n.tr(f"usage.missing_{kind}", lang, name=_hint(err, lang))
    if isinstance(err, _click.exceptions.NoSuchOption):
        text = i18n.tr("usage.no_such_option", lang, name=err.option_name)
        if err.possibilities:
            text += " " + i18n.tr("usage.did_you_mean", lang, choices=", ".join(err.possibilities))
        return text
    message = _message(err)
    outside = SHAPES[-1][0].match(message)
    if outside:  # a value outside a parameter's fixed choices
        choices = re.findall(r"'([^']*)'", outside["choices"])
        return not_a_choice(_hint(err, lang), outside["value"], choices, lang)
    if isinstance(err, _click.exceptions.BadParameter):
        return i18n.tr("usage.bad_value", lang, name=_hint(err, lang), message=reworded(message, lang))
    return reworded(message, lang)


def not_a_choice(option: str, given: str, choices: Sequence[str], lang: str) -> str:
    """A value outside a fixed set, said with the choices and a did-you-mean: the one wording of
    every option that takes one of a fixed set of ids or labels."""
    from engine.language.suggest import suggestion

    close = suggestion(given, choices)["suggestion"]
    maybe = i18n.tr("cli.choice_maybe", lang, close=close) if close else ""
    known = ", ".join(choices)
    return i18n.tr("cli.not_a_choice", lang, option=option, given=given, choices=known, maybe=maybe)


def reworded(message: str, lang: str) -> str:
    """A message of Typer's said from the catalog; anything else (the engine's own) as it is."""
    for shape, code in SHAPES:
        found = shape.match(message)
        if found:
            args = {k: v for k, v in found.groupdict().items() if v is not None}
            text = i18n.tr(code, lang, **args)
            if code == "usage.no_such_command" and "choices" in args:
                text += " " + i18n.tr("usage.did_you_mean", lang, choices=args["choices"])
            return text
    return message


_FILE_PROBLEMS = {
    errno.ENOENT: "usage.file_missing",
    errno.EACCES: "usage.file_denied",
    errno.EPERM: "usage.file_denied",
    errno.EISDIR: "usage.file_is_folder",
    errno.ENOTDIR: "usage.file_not_folder",
    errno.ENOSPC: "usage.file_no_space",
}


def file_problem(err: OSError, lang: str) -> str:
    """A path the user gave that cannot be read or written, said in ``lang``."""
    code = _FILE_PROBLEMS.get(err.errno or 0, "usage.file_error")
    path = err.filename if err.filename is not None else ""
    return i18n.tr(code, lang, path=path, detail=err.strerror or err)


def _message(err: typer.TyperException) -> str:
    return str(getattr(err, "message", None) or err)


def _hint(err: typer.TyperException, lang: str) -> str:
    hint = getattr(err, "param_hint", None)
    param = getattr(err, "param", None)
    if hint is None and param is not None:
        is_option = getattr(param, "param_type_name", "") == "option"
        hint = param.opts if is_option else [param.metavar or param.name or ""]
    if isinstance(hint, Sequence) and not isinstance(hint, str):
        return " / ".join(f"«{h}»" for h in hint)
    return f"«{hint}»" if hint else ""
