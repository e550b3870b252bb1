"""The reading verbs of ``reglament client``: show, history, possible, list."""

from __future__ import annotations

from typing import Annotated

import typer

from engine.cli import render
from engine.cli.app import LangOption
from engine.cli.client import ClientId, client_app
from engine.cli.common import (
    DbOption,
    DraftOption,
    FormatOption,
    RegOption,
    output,
    workspace,
)
from engine.cli.history_text import HistoryText
from engine.service import clients, moves
from engine.service.listing import list_clients


@client_app.command("show")
def show(
    client_id: ClientId,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """Show a client's card, stage and next step."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        view = clients.show(ws, client_id)
        out.emit(view, render.client_text(ws.regulation, view, out.lang))
    return 0


@client_app.command("history")
def history(
    client_id: ClientId,
    limit: Annotated[int | None, typer.Option(help="At most this many, oldest first.", min=1)] = None,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """The client's full history: moves, card changes, contacts, refusal reasons."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        rows = clients.client_history(ws, client_id, limit)
        out.emit(rows, HistoryText(ws.regulation, out.lang).render(rows))
    return 0


@client_app.command("possible")
def possible(
    client_id: ClientId,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """What can be done with the client now, and what is missing for each move."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        data = moves.possible(ws, client_id)
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
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """List clients, newest first."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        rows = list_clients(ws, stage=stage, owner=owner, segment=segment, search=search, limit=limit)
        out.emit(rows, render.clients_text(rows, out.lang))
    return 0
