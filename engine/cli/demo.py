"""``reglament demo``: build a realistic demo base through the engine and show a working day."""

from __future__ import annotations

import shlex
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from engine import i18n
from engine.cli.app import UserError, app
from engine.cli.calls_text import calls_text
from engine.cli.common import (
    console,
    moment_of,
)
from engine.cli.day import matrix_table
from engine.cli.verbs import Run, verb

if TYPE_CHECKING:  # loaded with the first command that uses them (the model and Rich: not for --help)
    from engine.demo import DemoSummary
    from engine.model.regulation import Regulation
    from engine.queue import Queue
    from engine.segmentation.run import Matrix
    from engine.service.workspace import Workspace


@app.command()
@verb()
def demo(
    run: Run,
    clients: Annotated[int, typer.Option(help="How many clients.", min=10, max=2_000_000)] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same base.")] = 7,
    at: Annotated[
        str | None, typer.Option(help="The demo moment, ISO 8601 (default: the latest working day, 11:00).")
    ] = None,
) -> int:
    """Build a demo client base (replacing an earlier demo), segment it and show a manager's calls."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from engine.demo import build_demo
    from engine.queue import call_queue
    from engine.runtime.facts import zone
    from engine.segmentation.policies import plan_contacts
    from engine.segmentation.run import segment as run_segment

    _moment(at)  # a mistyped --at is said before anything is cleared
    _clear_earlier_demo(run.db, run.lang)
    with run.workspace() as ws:
        anchor = _moment(at, zone(ws.regulation.timezone))
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            transient=True,
            disable=run.out.format == "json",
        ) as bar:
            task = bar.add_task(i18n.tr("demo.building", run.lang), total=clients)
            summary = build_demo(
                ws,
                clients=clients,
                seed=seed,
                anchor=anchor,
                progress=lambda done, total: bar.update(task, completed=done),
            )
        result = run_segment(ws, "demo", summary.anchor)
        planned = plan_contacts(ws, "demo", summary.anchor, run.lang)
        queue = call_queue(
            ws, manager=_busiest_manager(ws, summary), at=summary.anchor, limit=12, lang=run.lang
        )
        data = _as_dict(ws.regulation, summary, ws.db.describe())
        data.update(segments=result.matrix.as_dict(), planned_contacts=planned, calls=queue.as_dict())
        run.emit(data, _text(ws.regulation, summary, ws.db.describe(), run.lang))
        if run.out.format == "text":
            _show_day(result.matrix, planned, queue, run.lang)
            console().print(_next_commands(queue, summary, run.db, run.lang), highlight=False, markup=False)
    return 0


def _moment(at: str | None, zone: tzinfo = UTC) -> datetime | None:
    """``--at`` in any form people write a moment; without an offset, in ``zone``."""
    return moment_of(at, datetime.now(UTC), zone) if at is not None else None


def _clear_earlier_demo(db_url: str | None, lang: str) -> None:
    """Delete an earlier demo SQLite file; refuse any database holding real clients."""
    from engine.store import bulk
    from engine.store.database import Database, DatabaseError

    try:
        database = Database(db_url)
    except DatabaseError as err:
        raise UserError(err.message(lang)) from None
    try:
        with database.read() as conn:
            real, demo = bulk.client_counts(conn, "DEMO-")
    except Exception:
        real = demo = 0
    finally:
        database.dispose()
    if real:
        raise UserError(i18n.tr("usage.demo_real_clients", lang, db=database.describe(), n=real))
    if demo:
        path = database.path
        if path is None:
            raise UserError(i18n.tr("usage.demo_exists", lang, db=database.describe()))
        for suffix in ("", "-wal", "-shm"):
            (path.parent / (path.name + suffix)).unlink(missing_ok=True)


def _busiest_manager(ws: Workspace, summary: DemoSummary) -> str | None:
    from engine.store import bulk

    owners = [login for login, role in summary.managers if role != ws.regulation.roles[0].id]
    with ws.db.read() as conn:
        counts = bulk.clients_per_owner(conn)
    return max(owners, key=lambda login: counts.get(login, 0)) if owners else None


def _as_dict(reg: Regulation, s: DemoSummary, where: str) -> dict[str, object]:
    return {
        "database": where,
        "clients": s.clients,
        "anchor": s.anchor.isoformat(),
        "by_stage": {stage: s.by_stage.get(stage, 0) for stage in reg.funnel.stage_ids()},
        "managers": [{"login": m, "role": r} for m, r in s.managers],
        "sales_lines": s.sales_lines,
        "seconds": round(s.seconds, 1),
    }


def _text(reg: Regulation, s: DemoSummary, where: str, lang: str) -> str:
    def t(key: str, **args: object) -> str:
        return i18n.tr(f"demo.{key}", lang, **args)

    anchor = s.anchor.astimezone(ZoneInfo(reg.timezone))
    lines = [
        t("built", n=s.clients, where=where, seconds=i18n.number(s.seconds, lang, 1)),
        t("moment", moment=i18n.moment(anchor, lang)),
        "",
        t("funnel"),
    ]
    for stage in reg.funnel.ordered_stages():
        count = s.by_stage.get(stage.id, 0)
        lines.append(
            f"  {stage.label.get(lang):<28} {count:>7}  {'█' * max(1, round(40 * count / max(s.clients, 1)))}"
        )
    lines += [
        "",
        t("team"),
        *_team(reg, s.managers, lang),
        t("sales", n=i18n.number(s.sales_lines, lang)),
        "",
    ]
    return "\n".join(lines)


def _team(reg: Regulation, managers: list[tuple[str, str]], lang: str) -> list[str]:
    """The demo's managers by role, each role by its label, in the regulation's order."""
    from engine.model.labels import Thing, label

    by_role: dict[str, list[str]] = {}
    for login, role in managers:
        by_role.setdefault(role, []).append(login)
    order = [r.id for r in reg.roles]
    ranked = sorted(by_role, key=lambda r: order.index(r) if r in order else len(order))
    return [f"  {label(reg, Thing.ROLE, role, lang)}: {', '.join(by_role[role])}" for role in ranked]


def _show_day(matrix: Matrix, planned: int, queue: Queue, lang: str) -> None:
    console().print(matrix_table(matrix, sum(matrix.clients.values()), lang))
    console().print(i18n.tr("demo.planned", lang, n=planned))
    for part in calls_text(queue, queue.manager, lang):  # as ``reglament calls`` shows it
        console().print(part, highlight=False, markup=False)


def _next_commands(queue: Queue, summary: DemoSummary, db: str | None, lang: str) -> str:
    """Commands to try next, at the demo moment, so they show what the demo just showed."""
    return i18n.tr(
        "demo.next",
        lang,
        manager=queue.manager or "",
        at=summary.anchor.isoformat(timespec="minutes"),
        client=queue.rows[0].client_id if queue.rows else 1,
        db=f" --db {shlex.quote(db)}" if db else "",
    ) + i18n.tr(
        "report.demo_hint",
        lang,
        at=summary.anchor.isoformat(timespec="minutes"),
        db=f" --db {shlex.quote(db)}" if db else "",
    )
