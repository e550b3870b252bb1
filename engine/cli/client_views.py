"""The reading verbs of ``reglament client``: show, history, possible, list."""

from __future__ import annotations

from typing import Annotated

import typer

from engine.cli import render
from engine.cli.client import ClientId, client_app
from engine.cli.common import (
    DbOption,
    FormatOption,
    LangOpt,
    RegOption,
    fail,
    output,
    workspace,
)
from engine.cli.history_text import HistoryText
from engine.service import clients, moves
from engine.service.errors import ServiceError
from engine.service.listing import list_clients


@client_app.command("show")
def show(
    client_id: ClientId,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """Show a client's card, stage and next step."""
    out = output(fmt, lang)
    with workspace(db, regulations) as ws:
        try:
            view = clients.show(ws, client_id, out.lang)
        except ServiceError as err:
            raise fail(err) from None
        out.emit(view, render.client_text(ws.regulation, view, out.lang))
    return 0


@client_app.command("history")
def history(
    client_id: ClientId,
    limit: Annotated[int | None, typer.Option(help="At most this many, oldest first.", min=1)] = None,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """The client's full history: moves, card changes, contacts, refusal reasons."""
    out = output(fmt, lang)
    with workspace(db, regulations) as ws:
        try:
            rows = clients.client_history(ws, client_id, limit)
        except ServiceError as err:
            raise fail(err) from None
        out.emit(rows, HistoryText(ws.regulation, out.lang).render(rows))
    return 0


@client_app.command("possible")
def possible(
    client_id: ClientId,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """What can be done with the client now, and what is missing for each move."""
    out = output(fmt, lang)
    with workspace(db, regulations) as ws:
        try:
            data = moves.possible(ws, client_id, out.lang)
        except ServiceError as err:
            raise fail(err) from None
        out.emit(data, render.possible_text(ws.regulation, data, out.lang))
    return 0


@client_app.command("list")
def list_command(
    stage: Annotated[str | None, typer.Option(help="Only this stage.")] = None,
    owner: Annotated[str | None, typer.Option(help="Only this manager's clients.")] = None,
    segment: Annotated[str | None, typer.Option(help="Only this ABC class or cell: A, AX…")] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Part of the name, the external id, or 5+ digits of a phone or INN."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 50,
    db: DbOption = None,
    regulations: RegOption = None,
    fmt: FormatOption = "text",
    lang: LangOpt = None,
) -> int:
    """List clients, newest first."""
    out = output(fmt, lang)
    with workspace(db, regulations) as ws:
        rows = list_clients(
            ws, stage=stage, owner=owner, segment=segment, search=search, limit=limit, lang=out.lang
        )
        text = "\n".join(
            f"#{r['id']:<6} {r['stage']['label']:<26} {r['owner'] or '—':<12} {r['name']}" for r in rows
        )
        out.emit(rows, text)
    return 0
