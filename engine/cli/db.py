"""``reglament db upgrade | status`` and ``reglament manager add | list``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import DbOption, FormatOption, output
from engine.cli.verbs import Run, verb

if TYPE_CHECKING:
    from engine.service.workspace import Workspace
    from engine.store.database import Database

T = TypeVar("T")

db_app = typer.Typer(help="The database: create and upgrade its schema.", no_args_is_help=True)
manager_app = typer.Typer(help="Managers (the people clients belong to).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(manager_app, name="manager")


@db_app.command("upgrade")
def upgrade(
    db: DbOption = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """Create or upgrade the database schema (back up the database first)."""
    from engine.store import migrate

    out = output(fmt, lang)
    database, (before, after) = _on_schema(db, out.lang, lambda d: migrate.upgrade(d, revision))
    out.emit({"database": database, "from": before, "to": after}, f"{database}: {before or '—'} → {after}")
    return 0


@db_app.command("status")
def status(db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None) -> int:
    """Which schema revision the database has and which this version needs."""
    from engine.store import migrate

    out = output(fmt, lang)
    database, current = _on_schema(db, out.lang, migrate.current)
    newest = migrate.head()
    out.emit(
        {"database": database, "revision": current, "head": newest, "current": current == newest},
        f"{database}: {current or '—'} (head {newest})",
    )
    return 0 if current == newest else 1


def _on_schema(db: str | None, lang: str, work: Callable[[Database], T]) -> tuple[str, T]:
    """The database's address (without the password) and what ``work`` reads or does to its
    schema as it stands (not created first); a database that cannot be reached: the CLI's error."""
    from engine.store.database import Database, DatabaseError

    try:
        with Database(db) as database:
            return database.describe(), work(database)
    except DatabaseError as err:
        raise UserError(err.message(lang)) from None


def role_label(ws: Workspace, role_id: str, lang: str) -> str:
    """A role as the regulation names it in the reader's language (the id only for a role the
    regulation no longer has)."""
    from engine.model.labels import Thing, label

    return label(ws.regulation, Thing.ROLE, role_id, lang)


@manager_app.command("add")
@verb()
def add_manager(
    run: Run,
    login: Annotated[str, typer.Argument(help="Short login, e.g. ivanov.")],
    name: Annotated[str, typer.Option(help="Full name.")],
    role: Annotated[str, typer.Option(help="A role from regulation.yaml, e.g. sales_manager.")],
    timezone: Annotated[str | None, typer.Option(help="The manager's time zone.")] = None,
    region: Annotated[
        str | None, typer.Option(help="The manager's region (for dealing clients by region).")
    ] = None,
) -> int:
    """Add a manager."""
    from engine.service import listing

    with run.workspace(check_stages=False) as ws:
        data = listing.add_manager(ws, login, name, role, timezone, region=region)
        run.emit(data, f"{login}: {name} ({role_label(ws, str(data['role']), run.lang)})")
    return 0


@manager_app.command("list")
@verb()
def list_managers(
    run: Run,
) -> int:
    """List managers."""
    from engine.service import listing

    with run.workspace(check_stages=False) as ws:
        rows = listing.managers(ws)
        roles = [role_label(ws, r["role"], run.lang) for r in rows]
        width = max(map(len, roles), default=0)  # the names stand in one column
        shown = [
            f"{r['login']:<14} {role:<{width}}  {r['name']}{_state(r, run.lang)}"
            for r, role in zip(rows, roles, strict=True)
        ]
        run.emit(rows, "\n".join(shown))
    return 0


def _day(value: object, lang: str) -> str:
    """A stored day (a date or ISO text) as the reader writes dates; empty for none."""
    if isinstance(value, str):
        try:
            return i18n.day(date.fromisoformat(value[:10]), lang)
        except ValueError:
            return value
    return i18n.day(value, lang) if isinstance(value, date) else ""


def _state(row: dict[str, Any], lang: str) -> str:
    """« (deactivated)» or « (away 2026-12-01 … 2026-12-05)» after a manager's line."""
    if not row.get("active", True):
        return " " + i18n.tr("cli.ownership.inactive", lang)
    since, until = (_day(row.get(k), lang) for k in ("away_from", "away_until"))
    if since or until:
        return " " + i18n.tr("cli.ownership.away_mark", lang, since=since or "…", until=until or "…")
    return ""
