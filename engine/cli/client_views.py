"""The reading verbs of ``reglament client``: show, history, possible, list."""

from __future__ import annotations

from typing import Annotated

import typer

from engine import i18n
from engine.cli.app import choose
from engine.cli.client import ClientId, client_app
from engine.cli.verbs import Run, verb


@client_app.command("show")
@verb()
def show(
    run: Run,
    client_id: ClientId,
) -> int:
    """Show a client's card, stage and next step."""
    from engine.cli import render  # the renderings load with the verb that shows, not with --help
    from engine.service import clients

    return run.answer(
        lambda ws: clients.show(ws, client_id),
        lambda ws, view: render.client_text(ws.regulation, view, run.lang),
    )


@client_app.command("history")
@verb()
def history(
    run: Run,
    client_id: ClientId,
    limit: Annotated[int | None, typer.Option(help="At most this many, oldest first.", min=1)] = None,
) -> int:
    """The client's full history: moves, card changes, contacts, refusal reasons."""
    from engine.cli.history_text import HistoryText
    from engine.service import clients

    return run.answer(
        lambda ws: clients.client_history(ws, client_id, limit),
        lambda ws, rows: HistoryText(ws.regulation, run.lang).render(rows),
    )


@client_app.command("possible")
@verb()
def possible(
    run: Run,
    client_id: ClientId,
) -> int:
    """What can be done with the client now, and what is missing for each move."""
    from engine.cli import render
    from engine.service import moves

    return run.answer(
        lambda ws: moves.possible(ws, client_id),
        lambda ws, data: render.possible_text(ws.regulation, data, run.lang),
    )


@client_app.command("list")
@verb()
def list_command(
    run: Run,
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
) -> int:
    """List clients, newest first."""
    from engine.cli import render
    from engine.model.segments import ABC, CELLS
    from engine.service.listing import list_clients
    from engine.service.lookup import manager as named_manager

    if segment is not None:
        choose(segment, (*ABC, *CELLS), "--segment")
    with run.workspace() as ws:
        owner = named_manager(ws.db, owner, "owner")
        rows = list_clients(ws, stage=stage, owner=owner, segment=segment, search=search, limit=limit + 1)
        shown = rows[:limit]
        text = render.clients_text(shown, run.lang)
        if len(rows) > limit:  # one more than asked for: say the list goes on
            text += "\n" + i18n.tr("cli.list_more", run.lang, n=limit, more=limit * 2)
        run.emit(shown, text)
    return 0
