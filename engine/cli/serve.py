"""``reglament serve`` (the HTTP API on uvicorn) and ``reglament token add | list | revoke``."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app, choose
from engine.cli.common import DbOption, RegOption, open_database, regulation_checked
from engine.cli.verbs import Run, verb
from engine.resources import bundled_regulations

if TYPE_CHECKING:
    from engine.store.database import Database

token_app = typer.Typer(help="API tokens: who may call the HTTP API, with which role.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    db: DbOption = None,
    regulations: RegOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0 for every one).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes; several need PostgreSQL to scale writes.", min=1, max=64)
    ] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    deliver: Annotated[
        bool, typer.Option("--deliver", help="Also deliver events to webhooks (as `reglament deliver` does).")
    ] = False,
    lang: LangOption = None,
) -> int:
    """Serve the HTTP API: OpenAPI at /openapi.json, interactive docs at /docs."""
    import uvicorn
    from uvicorn.config import LOG_LEVELS

    from engine.service.regulations import Regulations

    language = lang or i18n.DEFAULT_LANGUAGE
    choose(log_level.lower(), tuple(LOG_LEVELS), "--log-level")

    # Check the regulation and prepare the database once, here, before any worker starts.
    # The folder must match the clients' stages only when it is in force (nothing published yet).
    with open_database(db) as database, regulation_checked():
        ws = Regulations(database, regulations or bundled_regulations()).folder
        if ws.folder_in_force():
            ws.ensure_stages_kept()
        url = database.url
        if workers > 1 and database.is_sqlite:
            typer.echo(i18n.tr("cli.serve_sqlite_workers", language), err=True)
    os.environ["REGLAMENT_DB"] = url
    if regulations is not None:
        os.environ["REGLAMENT_REGULATIONS"] = str(regulations.resolve())
    listening = f"http://{host}:{port}"
    typer.echo(i18n.tr("cli.serve_listening", language, url=listening, db=url.split("://")[0]), err=True)
    stop = delivering(url, language) if deliver else None
    try:
        uvicorn.run(
            "engine.api:from_env", factory=True, host=host, port=port, workers=workers, log_level=log_level
        )
    except OSError as err:
        reason = err.strerror or err
        raise UserError(i18n.tr("cli.serve_cannot_listen", language, url=listening, reason=reason)) from None
    finally:
        if stop is not None:
            stop.set()
    return 0


def delivering(url: str, lang: str) -> threading.Event:
    """The delivery worker in a thread of this process; setting the event returned stops it."""
    from engine.cli.events import policy_options, run_worker
    from engine.store.database import Database

    stop = threading.Event()
    database = Database(url)
    thread = threading.Thread(
        target=run_worker,
        args=(database, policy_options(10.0, 24.0, 8), stop, lang),
        name="reglament-deliver",
        daemon=True,
    )
    thread.start()
    typer.echo(i18n.tr("cli.deliver.started", lang, db=database.describe()), err=True)
    return stop


@token_app.command("add")
@verb(regulation=False)
def add_token(
    run: Run,
    name: Annotated[str, typer.Argument(help="Who or what uses it, e.g. crm or ivanov-phone.")],
    role: Annotated[str, typer.Option(help="manager, head or admin.")],
    manager: Annotated[str | None, typer.Option(help="For a manager's token: the manager's login.")] = None,
) -> int:
    """Issue a token. It is printed once: only its hash is stored."""
    from engine.service import tokens
    from engine.service.lookup import manager as named_manager
    from engine.service.workspace import system_clock

    choose(role, tokens.ROLES, "--role")

    def issue(database: Database) -> tuple[str | None, str]:
        login = named_manager(database, manager, "manager")
        return login, tokens.issue(database, name, role, login, system_clock())

    login, token = run.stored(issue)
    run.emit({"name": name, "role": role, "manager": login, "token": token}, token)
    if run.out.format == "text":  # on stderr: `TOKEN=$(reglament token add …)` keeps the token alone
        typer.echo(i18n.tr("cli.tokens.shown_once", run.lang), err=True)
    return 0


@token_app.command("list")
@verb(regulation=False)
def list_tokens(run: Run) -> int:
    """Every token issued (without the secrets)."""
    from engine.service import tokens

    rows = run.stored(tokens.listing)
    revoked = "  " + i18n.tr("cli.tokens.revoked", run.lang)
    text = "\n".join(
        f"{r['id']:>4}  {r['role']:<8} {r['manager'] or '—':<14} {r['name']}{revoked if r['revoked'] else ''}"
        for r in rows
    )
    run.emit(rows, text or i18n.tr("cli.tokens.none", run.lang))
    return 0


@token_app.command("revoke")
@verb(regulation=False)
def revoke_token(
    run: Run,
    token_id: Annotated[int, typer.Argument(help="The token's number from `reglament token list`.")],
) -> int:
    """Revoke a token: it stops working at once."""
    from engine.service import tokens
    from engine.service.workspace import system_clock

    run.stored(lambda database: tokens.revoke(database, token_id, system_clock()))
    run.emit({"revoked": token_id}, f"token {token_id} revoked")
    return 0
