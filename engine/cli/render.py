"""Text renderings for people: a client card and its possible moves."""

from __future__ import annotations

from typing import Any

from engine import i18n
from engine.conditions.words import Speaker
from engine.model.regulation import Regulation


def client_text(reg: Regulation, view: dict[str, Any], lang: str) -> str:
    speak = Speaker(reg, lang)

    def t(key: str, **args: object) -> str:
        return i18n.tr(f"cli.client.{key}", lang, **args)

    stage = view["stage"]
    since = stage["since"][:16].replace("T", " ")
    lines = [
        f"#{view['id']} {view['name']}  ({t('version', n=view['version'])})",
        f"  {t('stage')}: {stage['label']} [{stage['id']}], {t('since')} {since}",
    ]
    if view["owner"]:
        lines.append(f"  {t('owner')}: {view['owner']}")
    if view["potential"]:
        lines.append(f"  {t('potential')}: {view['potential']['label']}")
    lines += _segment_lines(view["segment"], t)
    step = view["next_step"]
    if step:
        when = step["due_date"] + (f" {step['due_time']}" if step["due_time"] else "")
        lines.append(f"  {t('next_step')}: {step['action']} — {when}")
    else:
        lines.append(f"  {t('next_step')}: {t('none')}")
    lines.append(f"  {t('contacts')}: {view['contacts_count']}")
    for field in reg.card.fields:
        if field.id in view["card"]:
            lines.append(
                f"    {field.label.get(lang)}: {speak.value(field.id, view['card'][field.id]).strip('«»“”')}"
            )
    return "\n".join(lines)


def _segment_lines(segment: dict[str, Any] | None, t: Any) -> list[str]:
    """The cell and how to work with it, as segments.yaml says."""
    if not segment:
        return []
    policy = segment["policy"]
    if policy is None:
        return [f"  {t('segment')}: {segment['cell']}"]
    lines = [f"  {t('segment')}: {segment['cell']} — {policy['label']}"]
    shown = [
        ("cell_owner", policy["owner_role"]["label"]),
        ("cell_price", policy["price_terms"]),
        ("cell_interval", policy["contact_interval"]),
        ("cell_goal", policy["goal"]),
    ]
    return lines + [f"    {t(key)}: {value}" for key, value in shown if value]


def possible_text(reg: Regulation, data: dict[str, Any], lang: str) -> str:
    lines = []
    for move in data["moves"]:
        dest = reg.funnel.stage(move["to"])
        mark = "✓" if move["ready"] else "✗"
        lines.append(
            f"{mark} {move['trigger']}: {move['label']} → {dest.label.get(lang) if dest else move['to']}"
        )
        lines += [
            f"    – {m['message']}  [{m['clause']['file']}:{m['clause']['line']}]" for m in move["missing"]
        ]
    return "\n".join(lines) or i18n.tr("cli.client.no_moves", lang)
