"""What the runtime verbs share: --db, --regulations, --format, --lang, --as, output, errors."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from engine import i18n
from engine.cli.app import UserError, choose, default_lang
from engine.values.client import NextStep
from engine.values.when import NotAWhen, parse_clock, parse_day, parse_moment

if TYPE_CHECKING:  # the database's modules load with the first command that opens one (#18)
    from rich.console import Console

    from engine.service.errors import ServiceError
    from engine.service.workspace import Workspace
    from engine.store.database import Database

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite file (default: $REGLAMENT_DB or ./reglament.sqlite).",
        envvar="REGLAMENT_DB",
    ),
]
RegOption = Annotated[
    Path | None,
    typer.Option(
        "--regulations",
        "-r",
        help="Regulation folder (default: the bundled one).",
        envvar="REGLAMENT_REGULATIONS",
        file_okay=False,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="text or json.")]
ActorOption = Annotated[
    str | None,
    typer.Option("--as", help="Who acts (default: $REGLAMENT_USER or $USER).", envvar="REGLAMENT_USER"),
]
KeyOption = Annotated[
    str | None,
    typer.Option("--key", help="Idempotency key: repeating the command with it applies it once."),
]
DraftOption = Annotated[
    bool,
    typer.Option(
        "--draft",
        help="Run the --regulations folder although the database has a published regulation "
        "(every output says it is a draft).",
    ),
]
VersionOption = Annotated[
    int | None, typer.Option("--version", help="Apply only if the client still has this version.")
]


@dataclass(frozen=True, slots=True)
class Output:
    format: str
    lang: str

    def emit(self, data: Any, text: str | None = None) -> None:
        """``data`` (a record, or plain data) as JSON in the reader's language, or ``text``."""
        if self.format == "json":
            shown = i18n.plain(data, self.lang)
            typer.echo(json.dumps(shown, ensure_ascii=False, indent=2, default=i18n.iso))
        elif text is not None:
            console().print(text, highlight=False, markup=False)


_OUTPUT: ContextVar[Output] = ContextVar("output")
_DEFAULT = Output("text", "ru")


def console() -> Console:
    from rich.console import Console  # Rich loads with the first text that is printed with it

    return Console(highlight=False, soft_wrap=True)


def output(fmt: str, lang: str | None, formats: tuple[str, ...] = ("text", "json")) -> Output:
    language = lang or default_lang()
    choose(language, i18n.LANGUAGES, "--lang")
    choose(fmt, formats, "--format")
    out = Output(fmt, language)
    _OUTPUT.set(out)
    return out


def actor(value: str | None) -> str:
    return value or os.environ.get("USER") or "cli"


@contextmanager
def workspace(
    db: str | None, regulations: Path | None, *, draft: bool = False, check_stages: bool = True
) -> Iterator[Workspace]:
    """The regulation in force on the database (the published one; before anything is published,
    the folder's), or the folder as a ``draft`` — said on stderr so every output is labelled.
    ``check_stages``: refuse a folder that dropped a stage some client stands on."""
    from engine.service.regulations import for_command

    database = open_database(db)
    try:
        with regulation_checked():
            current = for_command(database, regulations, draft, check_stages=check_stages)
    except BaseException:
        database.dispose()
        raise
    if current.source == "draft":
        out = _OUTPUT.get(_DEFAULT)
        folder = regulations or current.ws.regulation.root
        note = i18n.tr("cli.draft", out.lang, tag=current.ws.tag, folder=folder, published=current.published)
        typer.echo(note, err=True)
    try:
        yield current.ws
    finally:
        current.ws.close()


@contextmanager
def regulation_checked() -> Iterator[None]:
    """A regulation with errors becomes their list, in the reader's language (exit 1)."""
    from engine.language.diagnostics import render_text
    from engine.language.loader import RegulationError  # loaded by what runs inside anyway

    try:
        yield
    except RegulationError as err:
        out = _OUTPUT.get(_DEFAULT)
        raise UserError(
            i18n.tr("cli.regulation_errors", out.lang) + "\n" + render_text(err.diagnostics, out.lang),
            1,
        ) from None


def open_database(db: str | None) -> Database:
    """The database, its schema created or checked (no regulation needed)."""
    from engine.store import migrate
    from engine.store.database import Database, DatabaseError

    try:
        database = Database(db)
        migrate.ensure_ready(database)
    except DatabaseError as err:
        raise UserError(err.message(_OUTPUT.get(_DEFAULT).lang), 2) from None
    return database


def fail(err: ServiceError) -> UserError:
    """A service error as the CLI shows it; exit 2 for bad input, 1 for refusals and conflicts."""
    from engine.cli.problems import invalid_text
    from engine.service.errors import InvalidInput

    out = _OUTPUT.get(_DEFAULT)
    code = err.exit_code
    said = invalid_text(err, out.lang) if isinstance(err, InvalidInput) else err.message(out.lang)
    if out.format == "json":
        body = {"error": {"type": err.kind, "message": said, **err.details(out.lang)}}
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2, default=str))
        return UserError("", code)
    return UserError(said, code)


def assignments(pairs: list[str] | None) -> dict[str, str | None]:
    """FIELD=VALUE arguments; FIELD= clears the field."""
    values: dict[str, str | None] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(i18n.tr("cli.bad_assignment", _OUTPUT.get(_DEFAULT).lang, given=pair))
        values[name.strip()] = value if value.strip() else None
    return values


def next_step(
    action: str | None, due: str | None, at_time: str | None, today: date | None = None
) -> NextStep | None:
    """A next step from ``--next``, ``--due`` (any date form of :mod:`engine.values.when`) and
    ``--time``."""
    lang = _OUTPUT.get(_DEFAULT).lang
    if action is None and due is None:
        if at_time is not None:
            raise UserError(i18n.tr("cli.time_needs_next", lang))
        return None
    if action is None or due is None:
        raise UserError(i18n.tr("cli.step_needs_both", lang))
    try:
        day = parse_day(due, today or date.today())
        clock = parse_clock(at_time) if at_time else None
    except NotAWhen as err:
        key = "cli.bad_time" if at_time is not None and err.text == at_time else "cli.bad_date"
        raise UserError(i18n.tr(key, lang, given=err.text)) from None
    return NextStep(action, day, clock)


def today_of(ws: Workspace) -> date:
    """Today in the regulation's time zone: «завтра» and «+3д» count from the head's calendar,
    not the server's."""
    from engine.runtime.facts import zone

    return ws.now().astimezone(zone(ws.regulation.timezone)).date()


def moment_of(at: str | None, now: datetime, zone: tzinfo, day_start: time = time(0, 0)) -> datetime:
    """``--at``: any moment form of :mod:`engine.values.when` (default: ``now``); a day alone is
    that day at ``day_start``."""
    if at is None:
        return now
    try:
        return parse_moment(at, now, zone, day_start)
    except NotAWhen:
        raise UserError(i18n.tr("cli.bad_moment", _OUTPUT.get(_DEFAULT).lang, given=at)) from None
