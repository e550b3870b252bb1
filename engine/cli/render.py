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
    if view["segment"]:
        lines.append(f"  {t('segment')}: {view['segment']['cell']}")
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
