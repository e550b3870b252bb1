"""``reglament events`` (the feed, ``--follow``; ``events prune``), ``reglament webhooks …`` and
``reglament deliver`` (the delivery worker)."""

from __future__ import annotations

import json
import re
import signal
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import DbOption, FormatOption, open_database, output
from engine.delivery.policy import Policy

if TYPE_CHECKING:  # the database's and HTTP client's modules load with the command that runs
    from engine.delivery.worker import Tally
    from engine.service import feed, webhooks
    from engine.store.database import Database

events_app = typer.Typer(
    help="Events: what changed, in commit order (--follow waits for new ones); prune old ones.",
    invoke_without_command=True,
)
webhooks_app = typer.Typer(
    help="Webhook subscriptions: where events are sent, signed (Standard Webhooks).", no_args_is_help=True
)
app.add_typer(events_app, name="events")
app.add_typer(webhooks_app, name="webhooks")

TypesOption = Annotated[
    list[str] | None,
    typer.Option("--type", "-t", help="Only events of this type (repeat for more; default: all)."),
]


def _line(event: feed.Event) -> str:
    client = f" client {event.client_id} v{event.client_version}" if event.client_id else ""
    data = json.dumps(event.data, ensure_ascii=False, default=str)
    return f"{event.id:>8}  {event.at:%Y-%m-%d %H:%M:%S}  {event.type:<22}{client}  {event.actor}  {data}"


@events_app.callback()
def events(
    ctx: typer.Context,
    after: Annotated[
        int, typer.Option(help="Show events after this id (the cursor); 0: from the oldest.")
    ] = 0,
    types: TypesOption = None,
    limit: Annotated[int, typer.Option(help="At most this many events per page.", min=1, max=1000)] = 100,
    follow: Annotated[
        bool, typer.Option("--follow", help="Keep waiting for new events (Ctrl+C stops).")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> None:
    """Print events after a cursor, oldest first; --follow keeps printing new ones (JSON: one a line)."""
    from engine.service import feed

    if ctx.invoked_subcommand is not None:
        return
    out = output(fmt, lang)
    chosen = feed.check_types(types or [])
    with open_database(db) as database:
        cursor = after
        while True:
            page = feed.read(database, cursor, types=chosen, limit=limit)
            for event in page.events:
                if out.format == "json":
                    typer.echo(json.dumps(event.as_dict(), ensure_ascii=False, default=str))
                else:
                    typer.echo(_line(event))
            cursor = page.next
            if not follow and len(page.events) < limit:
                break
            if follow and not page.events:
                page = feed.follow(database, cursor, 25.0, types=chosen, limit=limit)
                if page.events:
                    continue
    if out.format == "text":
        typer.echo(i18n.tr("cli.events.cursor", out.lang, cursor=cursor), err=True)
    raise typer.Exit(0)


def _days(value: str, lang: str) -> int:
    found = re.fullmatch(r"\s*(\d+)\s*d?\s*", value)
    if not found or int(found.group(1)) < 1:
        raise UserError(i18n.tr("cli.events.bad_age", lang, value=value))
    return int(found.group(1))


@events_app.command("prune")
def prune(
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than",
            help="Delete events older than this many days, e.g. 30d.",
            envvar="REGLAMENT_EVENTS_KEEP",
        ),
    ] = "30d",
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """Delete events older than --older-than; those a webhook delivery waits for are kept.

    A feed reader whose cursor is older is told to start again from after=0."""
    from engine.service import feed
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    days = _days(older_than, out.lang)
    with open_database(db) as database:
        count = feed.prune(database, timedelta(days=days), system_clock())
    out.emit(
        {"pruned": count, "older_than_days": days}, i18n.tr("cli.events.pruned", out.lang, n=count, days=days)
    )
    return 0


def _sub_line(sub: webhooks.Subscription) -> str:
    state = sub.state if sub.state == "active" else f"{sub.state}: {sub.paused_reason}"
    return (
        f"{sub.id:>4}  {sub.url}  [{', '.join(sub.types)}]  {state}  "
        f"pending {sub.pending}, failed {sub.failed}"
    )


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
    out.emit(subs, "\n".join(_sub_line(s) for s in subs) or i18n.tr("cli.webhooks.none", out.lang))
    return 0


WebhookArg = Annotated[int, typer.Argument(help="The subscription's number from `reglament webhooks list`.")]


@webhooks_app.command("pause")
def pause_webhook(
    webhook_id: WebhookArg, db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None
) -> int:
    """Stop sending to a subscription; its events wait."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    with open_database(db) as database:
        sub = webhooks.pause(database, webhook_id, system_clock(), "paused by an administrator")
    out.emit(sub, _sub_line(sub))
    return 0


@webhooks_app.command("resume")
def resume_webhook(
    webhook_id: WebhookArg, db: DbOption = None, fmt: FormatOption = "text", lang: LangOption = None
) -> int:
    """Send to a paused subscription again: what waited goes first, in order."""
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    with open_database(db) as database:
        sub = webhooks.resume(database, webhook_id, system_clock())
    out.emit(sub, _sub_line(sub))
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
        raise UserError(f"{value}: ISO 8601, e.g. 2026-11-29T10:00+03:00") from None
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
        f"{a.at:%Y-%m-%d %H:%M:%S}  event {a.event_id:<8} {a.type or '—':<22} "
        f"{a.status or a.error}  {a.duration_ms} ms  {a.state} (attempt {a.attempts})"
        for a in rows
    )
    out.emit(rows, text)
    return 0


def policy_options(timeout: float, retry_hours: float, concurrency: int) -> Policy:
    return Policy(
        connect_timeout=min(timeout, 5.0),
        read_timeout=timeout,
        retry_for=timedelta(hours=retry_hours),
        concurrency=concurrency,
    )


def run_worker(database: Database, policy: Policy, stop: threading.Event, lang: str) -> Tally:
    """Deliver until ``stop``; report each round that did something, and each paused webhook."""
    from engine.delivery.worker import Worker
    from engine.service import webhooks
    from engine.service.workspace import system_clock

    worker = Worker(database, system_clock, policy)
    reported: set[int] = set()

    def report(tally: Tally) -> None:
        for webhook_id in tally.paused:
            if webhook_id not in reported:
                reported.add(webhook_id)
                sub = webhooks.show(database, webhook_id)
                typer.echo(
                    i18n.tr("cli.deliver.paused", lang, id=webhook_id, reason=sub.paused_reason), err=True
                )

    try:
        return worker.run(stop, on_round=report)
    finally:
        worker.close()


TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds to wait for a receiver's answer.", min=0.1, max=120)
]
RetryOption = Annotated[
    float, typer.Option("--retry-hours", help="Retry a failing delivery this long, then park it.", min=0.01)
]
ConcurrencyOption = Annotated[int, typer.Option(help="Requests in flight at once.", min=1, max=64)]


@app.command()
def deliver(
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Deliver what is due now, then stop.")] = False,
    timeout: TimeoutOption = 10.0,
    retry_hours: RetryOption = 24.0,
    concurrency: ConcurrencyOption = 8,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """Deliver events to webhook subscriptions until stopped. Several workers may run on
    PostgreSQL; on SQLite run one."""
    from engine.delivery.worker import Worker
    from engine.service.workspace import system_clock

    out = output(fmt, lang)
    policy = policy_options(timeout, retry_hours, concurrency)
    with open_database(db) as database:
        if once:
            worker = Worker(database, system_clock, policy)
            try:
                tally = worker.once()
            finally:
                worker.close()
            out.emit(_tally(tally), i18n.tr("cli.deliver.round", out.lang, **_tally(tally)))
            return 0
        typer.echo(i18n.tr("cli.deliver.started", out.lang, db=database.describe()), err=True)
        if database.is_sqlite:
            typer.echo(i18n.tr("cli.deliver.sqlite_one", out.lang), err=True)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            tally = run_worker(database, policy, stop, out.lang)
        except KeyboardInterrupt:
            stop.set()
            return 0
    out.emit(_tally(tally), i18n.tr("cli.deliver.round", out.lang, **_tally(tally)))
    return 0


def _tally(tally: Tally) -> dict[str, Any]:
    return {
        "made": tally.made,
        "sent": tally.sent,
        "delivered": tally.delivered,
        "retried": tally.retried,
        "failed": tally.failed,
    }
