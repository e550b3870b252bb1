"""The ``reglament`` command line: one module per group of verbs.

Exit codes: 0 ok; 1 findings (regulation errors, refused moves, conflicts); 2 usage or
input/output errors. :func:`main` is the one place that maps errors to them.
"""

from __future__ import annotations

import importlib
import sys

import typer

from engine import i18n
from engine.cli import helps, usage
from engine.cli.app import NotAChoice, UserError, app

# Each top-level verb or group of verbs and the modules that register it. ``reglament X`` imports
# only X's modules (a check loads no database, numpy or spreadsheet library); help and an
# unknown verb import them all, in this order (the order of the help's command list).
VERBS: dict[str, tuple[str, ...]] = {
    "client": ("client", "client_views"),
    "segment": ("day",),
    "calls": ("day",),
    "compliance": ("day",),
    "db": ("db",),
    "manager": ("db", "ownership"),
    "demo": ("demo",),
    "export": ("exporting",),
    "guide": ("guide",),
    "import": ("importing",),
    "check": ("regulation",),
    "publish": ("regulation",),
    "schema": ("regulation",),
    "init": ("regulation",),
    "serve": ("serve",),
    "token": ("serve",),
    "assign": ("ownership",),
    "handovers": ("ownership",),
    "diff": ("diffing",),
    "impact": ("impact",),
    "test": ("scenarios",),
    "versions": ("versions",),
    "show": ("versions",),
    "rollback": ("versions",),
    "report": ("report",),
    "events": ("events",),
    "webhooks": ("events", "webhooks"),
    "deliver": ("events",),
}
MODULES = tuple(dict.fromkeys(module for modules in VERBS.values() for module in modules))

__all__ = ["VERBS", "app", "load", "main"]


def load(args: list[str] | None = None) -> typer.Typer:
    """The application with the commands ``args`` call for registered (all of them without args,
    for help, or for a verb it does not know, which then gets Click's own answer)."""
    verb = next((arg for arg in args or [] if not arg.startswith("-")), None)
    for module in VERBS.get(verb or "", MODULES):
        importlib.import_module(f"engine.cli.{module}")
    return app


helps.install()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: the process's arguments) and return the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        lang = helps.language_of(args)
    except UserError as err:  # an unknown $REGLAMENT_LANG
        typer.echo(str(err), err=True)
        return err.exit_code
    command = helps.localized(load(args or None), lang)
    try:
        result = command.main(args=args, prog_name="reglament", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        typer.echo(i18n.tr("usage.aborted", lang), err=True)
        return 1
    except typer.TyperException as err:  # a usage error: unknown option, bad value…
        typer.echo(usage.said(err, lang), err=True)
        return 2
    except NotAChoice as err:
        typer.echo(usage.not_a_choice(err.option, err.given, err.choices, lang), err=True)
        return err.exit_code
    except UserError as err:
        typer.echo(str(err), err=True)
        return err.exit_code
    except OSError as err:  # a path the user gave that cannot be read or written
        typer.echo(usage.file_problem(err, lang), err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo(i18n.tr("usage.interrupted", lang), err=True)
        return 130
    except Exception as err:
        code = _stored_error(err, lang)
        if code is None:
            raise
        return code
    return result if isinstance(result, int) else 0


def _stored_error(err: Exception, lang: str) -> int | None:
    """The exit code of an error of the service or the database (their modules are imported only
    by the commands that use them, so they are looked at only when an error came)."""
    from engine.cli.common import fail
    from engine.service.errors import ServiceError
    from engine.store import Unavailable
    from engine.store.database import DatabaseError

    if isinstance(err, ServiceError):  # a command that did not catch its own: shown the same way
        shown = fail(err)
        if str(shown):
            typer.echo(str(shown), err=True)
        return shown.exit_code
    if isinstance(err, DatabaseError):
        typer.echo(err.message(lang), err=True)
        return 2
    if isinstance(err, Unavailable):  # busy (another process holds the write lock) or gone
        typer.echo(i18n.tr("usage.unavailable", lang, detail=str(err.orig).strip()), err=True)
        return 2
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
