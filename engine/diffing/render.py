"""A diff as text, JSON, Markdown or HTML, in the reader's language."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from itertools import groupby

from engine import i18n
from engine.diffing.changes import Change
from engine.model.text import Origin

SIGNS = {"added": "+", "removed": "-", "renamed": "→", "changed": "~", "moved": "↕"}


def _where(at: Origin | None) -> str:
    return str(at) if at is not None else "—"


def _sides(c: Change) -> str:
    return f"{_where(c.old)} → {_where(c.new)}"


def _groups(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    return [(k, list(g)) for k, g in groupby(changes, key=lambda c: c.concept)]


def text(changes: Sequence[Change], lang: str, old: str, new: str) -> str:
    lines = [i18n.tr("diff.title", lang, old=old, new=new)]
    for concept, group in _groups(changes):
        lines.append("")
        lines.append(i18n.tr(f"diff.concept.{concept}", lang))
        for c in group:
            lines.append(f"  {SIGNS[c.action]} {c.message.render(lang)}")
            lines.append(f"      {_sides(c)}")
    lines.append("")
    lines.append(_summary(changes, lang))
    return "\n".join(lines)


def _summary(changes: Sequence[Change], lang: str) -> str:
    return i18n.tr("diff.summary", lang, n=len(changes)) if changes else i18n.tr("diff.same", lang)


def as_json(changes: Sequence[Change], lang: str, old: str, new: str) -> str:
    body = {"old": old, "new": new, "count": len(changes), "changes": i18n.plain(list(changes), lang)}
    return json.dumps(body, ensure_ascii=False, indent=2)


def markdown(changes: Sequence[Change], lang: str, old: str, new: str) -> str:
    lines = [f"# {i18n.tr('diff.title', lang, old=f'`{old}`', new=f'`{new}`')}", ""]
    for concept, group in _groups(changes):
        lines.append(f"## {i18n.tr(f'diff.concept.{concept}', lang)}")
        lines.append("")
        for c in group:
            said = c.message.render(lang).replace("|", "\\|")
            lines.append(f"- {SIGNS[c.action]} {said} — `{_where(c.old)}` → `{_where(c.new)}`")
        lines.append("")
    lines.append(_summary(changes, lang))
    return "\n".join(lines) + "\n"


def as_html(changes: Sequence[Change], lang: str, old: str, new: str) -> str:
    e = html.escape
    title = i18n.tr("diff.title", lang, old=old, new=new)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title>',
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td{padding:.2em .6em;"
        "vertical-align:top}.added{color:#16a34a}.removed{color:#dc2626}code{color:#555}</style>",
        f"</head><body><h1>{e(title)}</h1>",
    ]
    for concept, group in _groups(changes):
        parts.append(f"<h2>{e(i18n.tr(f'diff.concept.{concept}', lang))}</h2><table>")
        for c in group:
            parts.append(
                f'<tr class="{c.action}"><td>{e(SIGNS[c.action])}</td><td>{e(c.message.render(lang))}</td>'
                f"<td><code>{e(_where(c.old))}</code></td><td><code>{e(_where(c.new))}</code></td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<p>{e(_summary(changes, lang))}</p></body></html>")
    return "\n".join(parts) + "\n"


RENDERERS: dict[str, Callable[[Sequence[Change], str, str, str], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "html": as_html,
}
"""Every output format of ``reglament diff`` (one list: the CLI's help and the API read it)."""
