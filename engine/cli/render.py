"""Text renderings for people: a client card, its possible moves, a list of clients."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from engine import i18n
from engine.cli.calls_text import dialled
from engine.conditions.words import Speaker
from engine.model.card import FieldType
from engine.model.labels import Thing, label
from engine.model.regulation import Regulation
from engine.service.answers import ClientAnswer, Segment
from engine.service.outcomes import Possible


def client_text(reg: Regulation, client: ClientAnswer, lang: str) -> str:
    speak = Speaker(reg, lang)

    def t(key: str, **args: object) -> str:
        return i18n.tr(f"cli.client.{key}", lang, **args)

    stage = client.stage
    since = when(stage.since, reg, lang, client.timezone)
    lines = [
        f"#{client.id} {client.name}  ({t('version', n=client.version)})",
        f"  {t('stage')}: {stage.label.get(lang)}, {t('since')} {since}",
    ]
    if client.owner:
        lines.append(f"  {t('owner')}: {client.owner}")
    if client.potential:
        lines.append(f"  {t('potential')}: {client.potential.label.get(lang)}")
    lines += _segment_lines(client.segment, t, lang)
    step = client.next_step
    if step:
        due = i18n.day(step.due_date, lang)
        if step.due_time:
            due += " " + i18n.tr("shown.client_clock", lang, time=step.due_time.strftime("%H:%M"))
        lines.append(f"  {t('next_step')}: {step.action} — {due}")
    else:
        lines.append(f"  {t('next_step')}: {t('none')}")
    lines.append(f"  {t('contacts')}: {client.contacts_count}")
    for field in reg.card.fields:
        if field.id in client.card:
            lines.append(f"    {field.label.get(lang)}: {card_value(speak, field.id, client.card[field.id])}")
    return "\n".join(lines)


def card_value(speak: Speaker, name: str, value: object) -> str:
    """A card value as the CLI says it, in the card and in the history alike: in its field type's
    words, unquoted, and a phone as people dial it («+7 916 123-45-67», not the stored E.164)."""
    if value is not None and speak.field_type(name) is FieldType.PHONE:
        return dialled(str(value))
    return i18n.unquote(speak.value(name, value))


def when(at: datetime, reg: Regulation, lang: str, client_zone: str | None = None) -> str:
    """A moment in the viewer's zone (the regulation's), with the client's local time beside it
    when the client lives in another zone: «27 ноября 2026 г. 14:30 (у клиента 16:30)». The card
    and the history say moments this one way."""
    shown = i18n.moment(at.astimezone(ZoneInfo(reg.timezone)), lang)
    if client_zone and client_zone != reg.timezone:
        local = at.astimezone(ZoneInfo(client_zone)).strftime("%H:%M")
        shown += f" ({i18n.tr('shown.client_time', lang, time=local)})"
    return shown


def _segment_lines(segment: Segment | None, t: Callable[..., str], lang: str) -> list[str]:
    """The cell and how to work with it, as segments.yaml says."""
    if not segment:
        return []
    policy = segment.policy
    if policy is None:
        return [f"  {t('segment')}: {segment.cell}"]
    lines = [f"  {t('segment')}: {segment.cell} — {policy.label.get(lang)}"]
    interval = policy.contact_interval.render(lang) if policy.contact_interval else ""
    shown = [
        ("cell_owner", policy.owner_role.label.get(lang)),
        ("cell_price", policy.price_terms.get(lang)),
        ("cell_interval", interval),
        ("cell_goal", policy.goal.get(lang)),
    ]
    return lines + [f"    {t(key)}: {value}" for key, value in shown if value]


def possible_text(reg: Regulation, data: Possible, lang: str) -> str:
    lines = []
    for move in data.moves:
        dest = reg.funnel.stage(move.to)
        mark = "✓" if move.ready else "✗"
        lines.append(f"{mark} {move.label.get(lang)} → {dest.label.get(lang) if dest else move.to}")
        lines += [f"    – {m.message.render(lang)}  [{m.clause.file}:{m.clause.line}]" for m in move.missing]
    return "\n".join(lines) or i18n.tr("cli.client.no_moves", lang)


def clients_text(rows: list[ClientAnswer], lang: str) -> str:
    return "\n".join(f"#{r.id:<6} {r.stage.label.get(lang):<26} {r.owner or '—':<12} {r.name}" for r in rows)


def rule_words(reg: Regulation, rule: str, lang: str) -> str:
    """An ownership rule (``stage:<id>``, ``cell:<AX>``, ``role:<id>``) in words: «этапа «Квалификация»»,
    «ячейки AX (Крупный стабильный)»."""
    kind, _, ruled = rule.partition(":")
    if kind == "stage":
        return i18n.tr("shown.rule.stage", lang, stage=label(reg, Thing.STAGE, ruled, lang))
    if kind == "cell":
        return i18n.tr("shown.rule.cell", lang, cell=ruled, label=label(reg, Thing.CELL, ruled, lang))
    if kind == "role":
        return i18n.tr("shown.rule.role", lang, role=label(reg, Thing.ROLE, ruled, lang))
    return rule
