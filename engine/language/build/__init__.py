"""Building the typed Regulation from the five checked documents.

Steps: (1) each file was parsed and schema-checked by :mod:`engine.language.loader`; (2) here every
document is read through a forgiving :class:`~engine.language.build.reader.Node`, so a file with
schema errors still yields what it can; (3) the meaning checks then run on the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from engine.language.build.card import build_card
from engine.language.build.funnel import build_funnel
from engine.language.build.ownership import build_handovers, build_roles
from engine.language.build.priorities import build_priorities
from engine.language.build.reader import Doc, Node
from engine.language.build.segments import build_segments
from engine.language.build.targets import build_targets
from engine.language.yamlio import SourceMap
from engine.model.migration import KINDS, Migration, Rename
from engine.model.regulation import ContactResult, Named, Regulation

__all__ = ["Doc", "Node", "build_regulation", "calendar_day"]


def calendar_day(text: str) -> date | None:
    """A day written as 2026-12-01 or 01.12.2026; None if empty or not a day of the calendar."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def build_regulation(documents: Mapping[str, tuple[Any, Doc]], root: Path, digest: str) -> Regulation:
    """``documents`` maps a file kind to its data and :class:`Doc`; missing kinds build empty."""
    nodes = {kind: Node(data, "", doc) for kind, (data, doc) in documents.items()}
    empty = Node(None, "", Doc("", SourceMap(), "ru"))
    manifest = nodes.get("regulation", empty)
    languages = manifest["languages"].ids() or ("ru",)
    work_hours = manifest["work_hours"]
    return Regulation(
        id=manifest["regulation"].as_str("regulation"),
        version=manifest["version"].as_str("0"),
        effective_from=calendar_day(manifest["effective_from"].as_str()),
        effective_from_text=manifest["effective_from"].as_str(),
        title=manifest["title"].text(),
        languages=languages,
        default_language=manifest["default_language"].as_str(languages[0]),
        currency=manifest["currency"].as_str("RUB"),
        timezone=manifest["timezone"].as_str("Europe/Moscow"),
        work_hours=(work_hours["start"].as_str(), work_hours["end"].as_str())
        if manifest.has("work_hours")
        else None,
        roles=build_roles(manifest["roles"]),
        contact_kinds=_named(manifest["contact_kinds"]),
        contact_results=tuple(
            ContactResult(
                n["id"].as_str(),
                n["label"].text(),
                n["refusal"].as_bool(),
                n["next_step"].as_str("required"),
                n.origin,
            )
            for n in manifest["contact_results"].items()
            if n["id"].as_str()
        ),
        funnel=build_funnel(nodes.get("stages", empty)),
        card=build_card(nodes.get("card", empty)),
        segments=build_segments(nodes["segments"]) if "segments" in nodes else None,
        priorities=build_priorities(nodes["priorities"]) if "priorities" in nodes else None,
        root=root,
        digest=digest,
        description=manifest["description"].text(),
        company=manifest["company"].text(),
        handovers=build_handovers(manifest["handover"]),
        targets=build_targets(manifest["targets"]),
        migration=_migration(manifest["migrate"]),
    )


def _named(node: Node) -> tuple[Named, ...]:
    return tuple(
        Named(n["id"].as_str(), n["label"].text(), n.origin, n["description"].text())
        for n in node.items()
        if n["id"].as_str()
    )


def _migration(node: Node) -> Migration:
    """``migrate: {stages: {old: new}, fields: …, triggers: …, reasons: …}``."""
    found: dict[str, tuple[Rename, ...]] = {}
    for kind in KINDS:
        section = node[kind]
        found[kind] = tuple(
            Rename(old, section[old].as_str(), section[old].origin)
            for old in section.key_names()
            if section[old].as_str()
        )
    return Migration(**found)
