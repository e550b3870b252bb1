"""``reglament client add | show | set | move | contact | history | possible | list``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from engine.cli.app import app
from engine.cli.common import (
    assignments,
    next_step,
    today_of,
)
from engine.cli.verbs import Run, verb

if TYPE_CHECKING:
    from engine.service.actors import Actor
    from engine.service.workspace import Workspace

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
@verb(acts=True, keyed=True)
def add(
    run: Run,
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
) -> int:
    """Create a client at the entry stage; the card must hold what the regulation requires."""
    from engine.service import clients
    from engine.service.lookup import manager as named_manager

    return run.change_client(
        lambda ws: clients.create(
            ws,
            run.actor,
            assignments(fields),
            owner=named_manager(ws.db, owner, "owner"),
            timezone=timezone,
            external_id=external_id,
            next_step=next_step(next_action, due, at_time, today_of(ws)),
            key=run.key,
        )
    )


@client_app.command("set")
@verb(acts=True, keyed=True, versioned=True)
def set_fields(
    run: Run,
    client_id: ClientId,
    fields: Fields = None,
) -> int:
    """Change card fields; every value is checked by its field's type."""
    from engine.service import clients

    return run.change(clients.update_card, client_id, assignments(fields))


@client_app.command("assign")
@verb(acts=True, keyed=True, versioned=True)
def assign(
    run: Run,
    client_id: ClientId,
    owner: Annotated[str, typer.Argument(help="The manager's login who takes the client over.")],
) -> int:
    """Hand the client to another manager: its calls, tasks and reports follow."""
    from engine.service import owners
    from engine.service.lookup import manager as named_manager

    def assign_to(ws: Workspace, actor: Actor, client_id: int, **options: Any) -> Any:
        return owners.assign(ws, actor, client_id, named_manager(ws.db, owner, "owner"), **options)

    return run.change(assign_to, client_id)


@client_app.command("move")
@verb(acts=True, keyed=True, versioned=True)
def move(
    run: Run,
    client_id: ClientId,
    trigger: Annotated[
        str, typer.Argument(help="The action (trigger) from stages.yaml, e.g. send_proposal.")
    ],
    fields: Fields = None,
    reason: Annotated[str | None, typer.Option(help="Refusal reason (for moves into a lost stage).")] = None,
    next_action: NextOption = None,
    due: DueOption = None,
    at_time: TimeOption = None,
    note: Annotated[
        str | None, typer.Option(help="Hand-over note, when the client passes to another department.")
    ] = None,
) -> int:
    """Move a client; a refusal names every unmet requirement and its clause."""
    from engine.service import moves

    step = (next_action, due, at_time)
    return run.change(
        moves.move, client_id, trigger, reason=reason, card=assignments(fields), note=note, step=step
    )


@client_app.command("contact")
@verb(acts=True, keyed=True, versioned=True)
def contact(
    run: Run,
    client_id: ClientId,
    kind: Annotated[
        str, typer.Option(help="call, meeting, letter… (regulation.yaml).", show_default=False)
    ] = "call",
    result: Annotated[
        str, typer.Option(help="reached, no_answer, refusal… (regulation.yaml).", show_default=False)
    ] = "reached",
    comment: Annotated[str, typer.Option(help="What was said.")] = "",
    reason: Annotated[str | None, typer.Option(help="Refusal reason, for a refusal.")] = None,
    next_action: NextOption = None,
    due: DueOption = None,
    at_time: TimeOption = None,
) -> int:
    """Record a call, meeting or letter; the stage may demand a next step with a due date."""
    from engine.service import contacts

    step = (next_action, due, at_time)
    return run.change(
        contacts.record, client_id, kind=kind, result=result, comment=comment, reason=reason, step=step
    )
