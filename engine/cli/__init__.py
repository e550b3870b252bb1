"""The ``reglament`` command line: one module per group of verbs.

Exit codes: 0 ok; 1 findings (regulation errors, refused moves, conflicts); 2 usage or
input/output errors. :func:`main` is the one place that maps errors to them.
"""

from __future__ import annotations

import sys

import typer

from engine.cli.app import UserError, app
from engine.cli.common import fail
from engine.service.errors import ServiceError
from engine.store import Unavailable
from engine.store.database import DatabaseError

# Importing the verb modules registers their commands on ``app``.
from engine.cli import client, client_views, day, db, demo, exporting, guide, importing, regulation, serve  # noqa: F401  isort: skip
from engine.cli import ownership  # noqa: F401  isort: skip

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: the process's arguments) and return the exit code."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="reglament", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        return 1
    except typer.TyperException as err:  # a usage error: unknown option, bad value…
        show = getattr(err, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(str(err), err=True)
        return 2
    except ServiceError as err:  # a command that did not catch its own: shown the same way
        shown = fail(err)
        if str(shown):
            typer.echo(str(shown), err=True)
        return shown.exit_code
    except DatabaseError as err:
        typer.echo(str(err), err=True)
        return 2
    except Unavailable as err:  # busy (another process holds the write lock) or gone
        typer.echo(
            f"the database did not answer: {str(err.orig).strip()}; nothing was changed. "
            "Another process may be writing (an import, a demo, the server): retry in a moment.",
            err=True,
        )
        return 2
    except UserError as err:
        typer.echo(str(err), err=True)
        return err.exit_code
    except OSError as err:  # a path the user gave that cannot be read or written
        where = err.filename if err.filename is not None else ""
        typer.echo(f"{where}: {err.strerror or err}" if where else str(err), err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
