"""``reglament client add | show | set | move | contact | history | possible | list``."""

from __future__ import annotations

from typing import Annotated

import typer

from engine.cli import render
from engine.cli.app import LangOption, app
from engine.cli.common import (
    ActorOption,
    DbOption,
    DraftOption,
    FormatOption,
    KeyOption,
    RegOption,
    VersionOption,
    actor,
    assignments,
    next_step,
    output,
    workspace,
)
from engine.service import clients, contacts, moves, owners

client_app = typer.Typer(
    help="Work with clients: create, change, move through the funnel, record contacts.",
    no_args_is_help=True,
)
app.add_typer(client_app, name="client")

Fields = Annotated[list[str] | None, typer.Argument(help="Card values: FIELD=VALUE (FIELD= clears it).")]
NextOption = Annotated[str | None, typer.Option("--next", help="The next step: what to do.")]
DueOption = Annotated[
    str | None, typer.Option("--due", help="The next step's date: 2026-11-25 or 25.11.2026.")
]
TimeOption = Annotated[
    str | None, typer.Option("--time", help="The next step's time, client's local: 14:30.")
]
ClientId = Annotated[int, typer.Argument(help="The client's number.")]


@client_app.command("add")
def add(
    fields: Fields = None,
    owner: Annotated[str | None, typer.Option(help="The owning manager's login.")] = None,
    timezone: Annotated[
        str | None, typer.Option(help="The client's time zone, e.g. Asia/Yekaterinburg.")
    ] = None,
    external_id: Annotated[
        str | None, typer.Option("--external-id", help="The client's id in your CRM or 1C.")
    ] = None,
    next_action: NextOption = None,
    due: DueOption = None,
    at_time: TimeOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
    key: KeyOption = None,
) -> int:
    """Create a client at the entry stage; the card must hold what the regulation requires."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        data = clients.create(
            ws,
            actor(who),
            assignments(fields),
            owner=owner,
            timezone=timezone,
            external_id=external_id,
            next_step=next_step(next_action, due, at_time),
            key=key,
        )
        out.emit(data, render.client_text(ws.regulation, data.client, out.lang))
    return 0


@client_app.command("set")
def set_fields(
    client_id: ClientId,
    fields: Fields = None,
    version: VersionOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
    key: KeyOption = None,
) -> int:
    """Change card fields; every value is checked by its field's type."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        data = clients.update_card(
            ws,
            actor(who),
            client_id,
            assignments(fields),
            expected_version=version,
            key=key,
        )
        out.emit(data, render.client_text(ws.regulation, data.client, out.lang))
    return 0


@client_app.command("assign")
def assign(
    client_id: ClientId,
    owner: Annotated[str, typer.Argument(help="The manager's login who takes the client over.")],
    version: VersionOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
    key: KeyOption = None,
) -> int:
    """Hand the client to another manager: its calls, tasks and reports follow."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        data = owners.assign(ws, actor(who), client_id, owner, expected_version=version, key=key)
        out.emit(data, render.client_text(ws.regulation, data.client, out.lang))
    return 0


@client_app.command("move")
def move(
    client_id: ClientId,
    trigger: Annotated[
        str, typer.Argument(help="The action (trigger) from stages.yaml, e.g. send_proposal.")
    ],
    fields: Fields = None,
    reason: Annotated[str | None, typer.Option(help="Refusal reason (for moves into a lost stage).")] = None,
    next_action: NextOption = None,
    due: DueOption = None,
    at_time: TimeOption = None,
    version: VersionOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
    key: KeyOption = None,
) -> int:
    """Move a client; a refusal names every unmet requirement and its clause."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        data = moves.move(
            ws,
            actor(who),
            client_id,
            trigger,
            reason=reason,
            card=assignments(fields),
            next_step=next_step(next_action, due, at_time),
            expected_version=version,
            key=key,
        )
        out.emit(data, render.client_text(ws.regulation, data.client, out.lang))
    return 0


@client_app.command("contact")
def contact(
    client_id: ClientId,
    kind: Annotated[str, typer.Option(help="call, meeting, letter… (regulation.yaml).")] = "call",
    result: Annotated[str, typer.Option(help="reached, no_answer, refusal… (regulation.yaml).")] = "reached",
    comment: Annotated[str, typer.Option(help="What was said.")] = "",
    reason: Annotated[str | None, typer.Option(help="Refusal reason, for a refusal.")] = None,
    next_action: NextOption = None,
    due: DueOption = None,
    at_time: TimeOption = None,
    version: VersionOption = None,
    db: DbOption = None,
    regulations: RegOption = None,
    draft: DraftOption = False,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
    key: KeyOption = None,
) -> int:
    """Record a call, meeting or letter; the stage may demand a next step with a due date."""
    out = output(fmt, lang)
    with workspace(db, regulations, draft=draft) as ws:
        data = contacts.record(
            ws,
            actor(who),
            client_id,
            kind=kind,
            result=result,
            comment=comment,
            reason=reason,
            next_step=next_step(next_action, due, at_time),
            expected_version=version,
            key=key,
        )
        out.emit(data, render.client_text(ws.regulation, data.client, out.lang))
    return 0
