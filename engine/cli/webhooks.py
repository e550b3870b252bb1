"""``reglament webhooks add | list | pause | resume | remove | replay | log``: subscriptions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import DbOption, FormatOption, open_database, output
from engine.cli.events import TypesOption

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
def add_webhook(
    url: Annotated[str, typer.Argument(help="Where to POST events: an http:// or https:// URL.")],
    types: TypesOption = None,
    description: Annotated[str, typer.Option(help="What the receiver is, e.g. the CRM.")] = "",
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """Subscribe a URL to events. The signing secret is printed once."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    with open_database(db) as database:
        made = webhooks.create(database, url, types or [], system_clock(), description)
    text = i18n.tr("cli.webhooks.created", out.lang, id=made.subscription.id, secret=made.secret)
    out.emit(made, text)
    return 0


@webhooks_app.command("list")
def list_webhooks(db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None) -> int:
    """Every subscription: its state (paused ones say why), deliveries waiting and failed."""
    from engine.service import webhooks

    out = output(fmt, lang)
    with open_database(db) as database:
        subs = webhooks.listing(database)
    out.emit(subs, "\n".join(_sub_line(s, out.lang) for s in subs) or i18n.tr("cli.webhooks.none", out.lang))
    return 0


WebhookArg = Annotated[int, typer.Argument(help="The subscription's number from `reglament webhooks list`.")]


@webhooks_app.command("pause")
def pause_webhook(
    webhook_id: WebhookArg, db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None
) -> int:
    """Stop sending to a subscription; its events wait."""
    return _switch(webhook_id, db, fmt, lang, pause=True)


@webhooks_app.command("resume")
def resume_webhook(
    webhook_id: WebhookArg, db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None
) -> int:
    """Send to a paused subscription again: what waited goes first, in order."""
    return _switch(webhook_id, db, fmt, lang, pause=False)


def _switch(webhook_id: int, db: str | None, fmt: str, lang: str | None, *, pause: bool) -> int:
    """Pause or resume a subscription and show it."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    with open_database(db) as database:
        if pause:
            sub = webhooks.pause(database, webhook_id, system_clock(), "paused by an administrator")
        else:
            sub = webhooks.resume(database, webhook_id, system_clock())
    out.emit(sub, _sub_line(sub, out.lang))
    return 0


@webhooks_app.command("remove")
def remove_webhook(
    webhook_id: WebhookArg, db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None
) -> int:
    """Delete a subscription with its deliveries and log."""
    from engine.service import webhooks

    out = output(fmt, lang)
    with open_database(db) as database:
        webhooks.remove(database, webhook_id)
    out.emit({"removed": webhook_id}, i18n.tr("cli.webhooks.removed", out.lang, id=webhook_id))
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
def replay_webhook(
    webhook_id: WebhookArg,
    event: Annotated[int | None, typer.Option(help="One event's id to send again.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Send again the events from this moment (ISO 8601)…")
    ] = None,
    until: Annotated[str | None, typer.Option(help="…up to this one.")] = None,
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """Send events again, with their original webhook-id."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    with open_database(db) as database:
        count = webhooks.replay(
            database,
            webhook_id,
            system_clock(),
            event_id=event,
            since=_moment(since, out.lang),
            until=_moment(until, out.lang),
        )
    out.emit({"replayed": count}, i18n.tr("cli.webhooks.replayed", out.lang, n=count))
    return 0


@webhooks_app.command("log")
def webhook_log(
    webhook_id: WebhookArg,
    limit: Annotated[int, typer.Option(help="The latest this many attempts.", min=1, max=1000)] = 50,
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """The delivery log, newest first: status code or error, and duration of each attempt."""
    from engine.service import webhooks

    out = output(fmt, lang)
    with open_database(db) as database:
        rows = webhooks.log(database, webhook_id, limit)
    text = "\n".join(
        i18n.tr(
            "cli.webhooks.attempt",
            out.lang,
            at=f"{a.at:%Y-%m-%d %H:%M:%S}",
            event=a.event_id,
            type=a.type or "—",
            outcome=a.status or a.error,
            ms=a.duration_ms,
            state=_state(a.state, out.lang),
            n=a.attempts,
        )
        for a in rows
    )
    out.emit(rows, text)
    return 0
