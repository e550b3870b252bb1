"""``reglament events`` (the feed, ``--follow``; ``events prune``) and ``reglament deliver`` (the
delivery worker; ``serve --deliver`` runs it too). Subscriptions: ``engine/cli/webhooks.py``."""

from __future__ import annotations

import json
import re
import signal
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app, choose
from engine.cli.common import DbOption, FormatOption, open_database, output
from engine.cli.verbs import Run, verb
from engine.delivery.policy import Policy

if TYPE_CHECKING:  # the database's and HTTP client's modules load with the command that runs
    from engine.delivery.worker import Tally
    from engine.service import feed
    from engine.store.database import Database

events_app = typer.Typer(
    help="Events: what changed, in commit order (--follow waits for new ones); prune old ones.",
    invoke_without_command=True,
)
app.add_typer(events_app, name="events")


def _known_types(given: list[str] | None) -> list[str] | None:
    from engine.service.events import TYPES

    return [choose(t, tuple(TYPES), "--type") for t in given] if given else given


TypesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        help="Only events of this type (repeat for more; default: all).",
        callback=_known_types,
    ),
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
@verb(regulation=False)
def prune(
    run: Run,
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than",
            help="Delete events older than this many days, e.g. 30d.",
            envvar="REGLAMENT_EVENTS_KEEP",
        ),
    ] = "30d",
) -> int:
    """Delete events older than --older-than; those a webhook delivery waits for are kept.

    A feed reader whose cursor is older is told to start again from after=0."""
    from engine.service import feed
    from engine.service.workspace import system_clock

    days = _days(older_than, run.lang)
    count = run.stored(lambda database: feed.prune(database, timedelta(days=days), system_clock()))
    run.emit(
        {"pruned": count, "older_than_days": days}, i18n.tr("cli.events.pruned", run.lang, n=count, days=days)
    )
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
