"""``reglament webhooks add | list | pause | resume | remove | replay | log``: subscriptions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import UserError, app
from engine.cli.events import TypesOption
from engine.cli.verbs import Run, verb

if TYPE_CHECKING:  # the database's modules load with the command that runs
    from engine.service import webhooks

webhooks_app = typer.Typer(
    help="Webhook subscriptions: where events are sent, signed (Standard Webhooks).", no_args_is_help=True
)
app.add_typer(webhooks_app, name="webhooks")


def _state(state: str, lang: str) -> str:
    """A subscription's or delivery's state in the reader's words (an unknown one as it is)."""
    code = f"cli.webhooks.state.{state}"
    return i18n.tr(code, lang) if i18n.has(code, lang) else state


def _sub_line(sub: webhooks.Subscription, lang: str) -> str:
    state = _state(sub.state, lang) + ("" if sub.state == "active" else f": {sub.paused_reason}")
    counts = i18n.tr("cli.webhooks.counts", lang, pending=sub.pending, failed=sub.failed)
    return f"{sub.id:>4}  {sub.url}  [{', '.join(sub.types)}]  {state}  {counts}"


@webhooks_app.command("add")
@verb(regulation=False)
def add_webhook(
    run: Run,
    url: Annotated[str, typer.Argument(help="Where to POST events: an http:// or https:// URL.")],
    types: TypesOption = None,
    description: Annotated[str, typer.Option(help="What the receiver is, e.g. the CRM.")] = "",
) -> int:
    """Subscribe a URL to events. The signing secret is printed once."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    made = run.stored(
        lambda database: webhooks.create(database, url, types or [], system_clock(), description)
    )
    run.emit(made, i18n.tr("cli.webhooks.created", run.lang, id=made.subscription.id, secret=made.secret))
    return 0


@webhooks_app.command("list")
@verb(regulation=False)
def list_webhooks(run: Run) -> int:
    """Every subscription: its state (paused ones say why), deliveries waiting and failed."""
    from engine.service import webhooks

    subs = run.stored(webhooks.listing)
    run.emit(subs, "\n".join(_sub_line(s, run.lang) for s in subs) or i18n.tr("cli.webhooks.none", run.lang))
    return 0


WebhookArg = Annotated[int, typer.Argument(help="The subscription's number from `reglament webhooks list`.")]


@webhooks_app.command("pause")
@verb(regulation=False)
def pause_webhook(run: Run, webhook_id: WebhookArg) -> int:
    """Stop sending to a subscription; its events wait."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    reason = "paused by an administrator"
    return _show(run, run.stored(lambda db: webhooks.pause(db, webhook_id, system_clock(), reason)))


@webhooks_app.command("resume")
@verb(regulation=False)
def resume_webhook(run: Run, webhook_id: WebhookArg) -> int:
    """Send to a paused subscription again: what waited goes first, in order."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    return _show(run, run.stored(lambda db: webhooks.resume(db, webhook_id, system_clock())))


def _show(run: Run, sub: webhooks.Subscription) -> int:
    run.emit(sub, _sub_line(sub, run.lang))
    return 0


@webhooks_app.command("remove")
@verb(regulation=False)
def remove_webhook(run: Run, webhook_id: WebhookArg) -> int:
    """Delete a subscription with its deliveries and log."""
    from engine.service import webhooks

    run.stored(lambda database: webhooks.remove(database, webhook_id))
    run.emit({"removed": webhook_id}, i18n.tr("cli.webhooks.removed", run.lang, id=webhook_id))
    return 0


def _moment(value: str | None, lang: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(i18n.tr("cli.webhooks.bad_moment", lang, given=value)) from None
    return moment if moment.tzinfo else moment.astimezone()


@webhooks_app.command("replay")
@verb(regulation=False)
def replay_webhook(
    run: Run,
    webhook_id: WebhookArg,
    event: Annotated[int | None, typer.Option(help="One event's id to send again.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Send again the events from this moment (ISO 8601)…")
    ] = None,
    until: Annotated[str | None, typer.Option(help="…up to this one.")] = None,
) -> int:
    """Send events again, with their original webhook-id."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    start, end = _moment(since, run.lang), _moment(until, run.lang)
    count = run.stored(
        lambda db: webhooks.replay(db, webhook_id, system_clock(), event_id=event, since=start, until=end)
    )
    run.emit({"replayed": count}, i18n.tr("cli.webhooks.replayed", run.lang, n=count))
    return 0


@webhooks_app.command("log")
@verb(regulation=False)
def webhook_log(
    run: Run,
    webhook_id: WebhookArg,
    limit: Annotated[int, typer.Option(help="The latest this many attempts.", min=1, max=1000)] = 50,
) -> int:
    """The delivery log, newest first: status code or error, and duration of each attempt."""
    from engine.service import webhooks

    rows = run.stored(lambda database: webhooks.log(database, webhook_id, limit))
    text = "\n".join(
        i18n.tr(
            "cli.webhooks.attempt",
            run.lang,
            at=f"{a.at:%Y-%m-%d %H:%M:%S}",
            event=a.event_id,
            type=a.type or "—",
            outcome=a.status or a.error,
            ms=a.duration_ms,
            state=_state(a.state, run.lang),
            n=a.attempts,
        )
        for a in rows
    )
    run.emit(rows, text)
    return 0
