"""``reglament serve`` (the HTTP API on uvicorn) and ``reglament token add | list | revoke``."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from engine.cli.app import UserError, app
from engine.cli.common import DbOption, FormatOption, LangOpt, RegOption, fail, output, workspace
from engine.service import tokens
from engine.service.errors import ServiceError

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
) -> int:
    """Serve the HTTP API: OpenAPI at /openapi.json, interactive docs at /docs."""
    import uvicorn

    # Check the regulation and prepare the database once, here, before any worker starts.
    # The folder must match the clients' stages only when it is in force (nothing published yet).
    with workspace(db, regulations, check_stages=False) as ws:
        if ws.folder_in_force():
            try:
                ws.ensure_stages_kept()
            except ServiceError as err:
                raise fail(err) from None
        url = ws.db.url
        if workers > 1 and ws.db.is_sqlite:
            typer.echo(
                "note: several workers on SQLite serialize every write; use PostgreSQL to scale.", err=True
            )
    os.environ["REGLAMENT_DB"] = url
    if regulations is not None:
        os.environ["REGLAMENT_REGULATIONS"] = str(regulations.resolve())
    typer.echo(
        f"Reglament API on http://{host}:{port} (docs: /docs) — database {url.split('://')[0]}", err=True
    )
    try:
        uvicorn.run(
            "engine.api:from_env", factory=True, host=host, port=port, workers=workers, log_level=log_level
        )
    except OSError as err:
        raise UserError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    return 0


@token_app.command("add")
def add_token(
    name: Annotated[str, typer.Argument(help="Who or what uses it, e.g. crm or ivanov-phone.")],
    role: Annotated[str, typer.Option(help="manager, head or admin.")],
    manager: Annotated[str | None, typer.Option(help="For a manager's token: the manager's login.")] = None,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """Issue a token. It is printed once: only its hash is stored."""
    out = output(fmt, lang)
    with workspace(db, regulations, check_stages=False) as ws:
        try:
            token = tokens.issue(ws.db, name, role, manager, ws.now())
        except ServiceError as err:
            raise fail(err) from None
    out.emit({"name": name, "role": role, "manager": manager, "token": token}, token)
    return 0


@token_app.command("list")
def list_tokens(
    db: DbOption = None, regulations: RegOption = None, fmt: FormatOption = "text", lang: LangOpt = None
) -> int:
    """Every token issued (without the secrets)."""
    out = output(fmt, lang)
    with workspace(db, regulations, check_stages=False) as ws:
        rows = tokens.listing(ws.db)
    text = "\n".join(
        f"{r['id']:>4}  {r['role']:<8} {r['manager'] or '—':<14} {r['name']}"
        f"{'  (revoked)' if r['revoked'] else ''}"
        for r in rows
    )
    out.emit(rows, text or "no tokens")
    return 0


@token_app.command("revoke")
def revoke_token(
    token_id: Annotated[int, typer.Argument(help="The token's number from `reglament token list`.")],
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """Revoke a token: it stops working at once."""
    out = output(fmt, lang)
    with workspace(db, regulations, check_stages=False) as ws:
        try:
            tokens.revoke(ws.db, token_id, ws.now())
        except ServiceError as err:
            raise fail(err) from None
    out.emit({"revoked": token_id}, f"token {token_id} revoked")
    return 0
