"""Ownership: ``reglament manager deactivate|activate|away``, ``reglament assign`` (the
compliance list of owners against the rules, and its fix) and ``reglament handovers``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import UserError, app
from engine.cli.db import manager_app
from engine.cli.verbs import Run, verb
from engine.values.when import NotAWhen, parse_day

if TYPE_CHECKING:  # loaded with the first command that uses them
    from engine.model.regulation import Regulation
    from engine.service import ownership
    from engine.service.handovers import HandoverLine, HandoverReport
    from engine.service.workspace import Workspace

Login = Annotated[str, typer.Argument(help="The manager's login or name (a surname will do).")]


def _day(value: str | None, lang: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value, date.today())
    except NotAWhen:
        raise UserError(i18n.tr("cli.bad_date", lang, given=value)) from None


@manager_app.command("deactivate")
@verb(acts=True)
def deactivate(run: Run, login: Login) -> int:
    """Deactivate a manager: their clients go to other managers by the ownership rules, at once."""
    from engine.service import staff
    from engine.service.lookup import manager as named_manager

    with run.workspace() as ws:
        login = named_manager(ws.db, login, "login") or login
        done = staff.deactivate(ws, run.actor, login)
        spread = ", ".join(f"{k}: {n}" for k, n in done.reassigned.items()) or "—"
        text = i18n.tr("cli.ownership.deactivated", run.lang, login=login, n=done.clients, spread=spread)
        if done.stranded:
            kept = ", ".join(f"#{i}" for i in done.stranded)
            text += "\n" + i18n.tr("cli.ownership.stranded", run.lang, n=len(done.stranded), clients=kept)
        run.emit(done, text)
    return 0


@manager_app.command("activate")
@verb()
def activate(run: Run, login: Login) -> int:
    """Bring a deactivated manager back: clients are dealt to them again."""
    from engine.service import staff
    from engine.service.lookup import manager as named_manager

    with run.workspace(check_stages=False) as ws:
        login = named_manager(ws.db, login, "login") or login
        run.emit(staff.activate(ws, login), i18n.tr("cli.ownership.activated", run.lang, login=login))
    return 0


@manager_app.command("away")
@verb()
def away(
    run: Run,
    login: Login,
    since: Annotated[
        str | None, typer.Option("--from", help="First day away: 01.12.2026, today, +3d.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day away (both days included).")] = None,
    back: Annotated[bool, typer.Option("--back", help="The manager is back: clear the absence.")] = False,
) -> int:
    """Mark a manager away for some days: they keep their clients but get no new ones meanwhile."""
    from engine.service import staff

    first, last = (None, None) if back else (_day(since, run.lang), _day(until, run.lang))
    if not back and first is None and last is None:
        raise UserError(i18n.tr("cli.ownership.away_needs_dates", run.lang))
    from engine.service.lookup import manager as named_manager

    with run.workspace(check_stages=False) as ws:
        login = named_manager(ws.db, login, "login") or login
        data = staff.mark_away(ws, login, first, last)
        text = i18n.tr(
            "cli.ownership.back" if back else "cli.ownership.away",
            run.lang,
            login=login,
            since=i18n.day(first, run.lang) if first else "…",
            until=i18n.day(last, run.lang) if last else "…",
        )
        run.emit(data, text)
    return 0


@app.command("assign")
@verb(acts=True)
def assign(
    run: Run,
    apply_rules: Annotated[
        bool, typer.Option("--apply-rules", help="Reassign every client whose owner does not fit the rules.")
    ] = False,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the reassignment (default: a dry run).")
    ] = False,
) -> int:
    """List clients whose owner does not fit the ownership rules (stage's or cell's role); with
    --apply-rules show whom each would go to, and with --apply as well reassign them."""
    from engine.service import ownership

    with run.workspace() as ws:
        if not apply_rules:
            found = ownership.compliance(ws)
            run.emit(found, _lines(ws.regulation, found, run.lang, None))
            return 0
        done = ownership.apply_rules(ws, run.actor, apply=apply)
        run.emit(done, _lines(ws.regulation, done.misfits, run.lang, done))
    return 0


def _lines(
    reg: Regulation, found: list[ownership.MisfitAnswer], lang: str, done: ownership.RulesApplied | None
) -> str:
    """Two lines a client: who, where and whose; then the rule, the role it wants and (with
    --apply-rules) whom it goes to — labels, never ids."""
    from engine.cli.render import rule_words
    from engine.model.labels import Thing, label  # the model loads with a verb, not --help

    if not found:
        return i18n.tr("cli.ownership.all_fit", lang)
    rows = [i18n.tr("cli.ownership.misfits", lang, n=len(found))]
    for m in found:
        owner = m.owner or "—"
        if m.owner and not m.owner_active:
            owner += " " + i18n.tr("cli.ownership.inactive", lang)
        stage = label(reg, Thing.STAGE, m.stage, lang)
        rows.append(f"#{m.client} {m.name} · {stage} · {owner}")
        role = label(reg, Thing.ROLE, m.wanted_role, lang)
        wants = i18n.tr("cli.ownership.wants", lang, rule=rule_words(reg, m.rule, lang), role=role)
        to = "" if done is None else f" → {m.new_owner or i18n.tr('cli.ownership.nobody', lang)}"
        rows.append(f"    {wants}{to}")
    if done is not None:
        key = "cli.ownership.applied" if done.applied else "cli.ownership.dry_run"
        rows.append(i18n.tr(key, lang, n=done.reassigned, stranded=done.stranded))
    return "\n".join(rows)


@app.command("handovers")
@verb()
def handovers(
    run: Run,
    since: Annotated[str | None, typer.Option("--from", help="First day (default: 30 days ago).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day, included (default: today).")] = None,
) -> int:
    """What each department and manager handed over in a period, and what became of it."""
    from engine.runtime.facts import zone
    from engine.service.handovers import report as handover_report

    with run.workspace() as ws:
        today = ws.now().astimezone(zone(ws.regulation.timezone)).date()
        last = _day(until, run.lang) or today
        first = _day(since, run.lang) or last - timedelta(days=29)
        done = handover_report(ws, first, last)
        run.emit(done, _report_text(ws, done, run.lang))
    return 0


def _report_text(ws: Workspace, done: HandoverReport, lang: str) -> str:
    since, until = i18n.day(done.since, lang), i18n.day(done.until, lang)
    rows = [i18n.tr("cli.handovers.title", lang, since=since, until=until)]
    if not done.departments:
        rows.append(i18n.tr("cli.handovers.none", lang))
    for team in done.departments:
        role = ws.regulation.role(team.department)
        rows.append("")
        rows.append(role.label.render(lang) if role else team.department)
        rows.append(_line(ws, team, lang, i18n.tr("cli.handovers.all", lang)))
        rows += [
            _line(ws, m, lang, m.manager or "—") for m in done.managers if m.department == team.department
        ]
    return "\n".join(rows)


def _line(ws: Workspace, line: HandoverLine, lang: str, who: str) -> str:
    from engine.model.labels import Thing, label

    def stage(stage_id: str) -> str:
        return label(ws.regulation, Thing.STAGE, stage_id, lang)

    hours = "—" if line.first_contact_hours is None else i18n.number(line.first_contact_hours, lang, 1)
    text = i18n.tr(
        "cli.handovers.line",
        lang,
        who=who,
        handed=line.handed,
        won=line.won,
        lost=line.lost,
        open=line.open,
        contacted=line.contacted,
        hours=hours,
    )
    now = ", ".join(f"{stage(c.id)} {c.clients}" for c in line.stages)
    reasons = ", ".join(f"{_reason(ws, c.id, lang)} {c.clients}" for c in line.lost_reasons)
    text += "\n    " + i18n.tr("cli.handovers.now", lang, stages=now)
    if reasons:
        text += "\n    " + i18n.tr("cli.handovers.reasons", lang, reasons=reasons)
    return text


def _reason(ws: Workspace, reason_id: str, lang: str) -> str:
    found = ws.regulation.funnel.reason(reason_id)
    return found.label.render(lang) if found else reason_id
