"""The handbook's sections besides the stages: ABC-XYZ, call order, card, norms, roles."""

from __future__ import annotations

import re
from typing import Any

from engine import i18n
from engine.guides.view import Viewer
from engine.model.card import FieldType
from engine.model.labels import Thing, label
from engine.model.segments import ABC, XYZ
from engine.values.colors import COLORS
from engine.values.durations import every, format_duration
from engine.values.facts import FACTS

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def segments(v: Viewer) -> dict[str, Any] | None:
    seg = v.reg.segments
    if seg is None:
        return None
    lang, t = v.lang, v.t
    basis = t(f"basis_{seg.basis}")
    step = t(f"step_{seg.step}")
    if seg.xyz_method == "cv":
        xyz = t("xyz_cv", x=i18n.percent(seg.x, lang, 0), y=i18n.percent(seg.y, lang, 0))
    else:
        xyz = t("xyz_frequency", x=i18n.percent(seg.x, lang, 0), y=i18n.percent(seg.y, lang, 0))
    short = t(
        "short_none" if seg.insufficient_history == "none" else "short_class",
        n=seg.min_history,
        cls=seg.insufficient_history,
    )
    rows = []
    for a in ABC:
        cells: list[dict[str, Any] | None] = []
        for x in XYZ:
            p = seg.policy(a + x)
            if p is None:
                cells.append(None)
                continue
            cells.append(
                {
                    "cell": a + x,
                    "label": p.label.get(lang),
                    "interval": every(p.contact_interval_seconds, lang) if p.contact_interval_seconds else "",
                    "owner": label(v.reg, Thing.ROLE, p.owner_role, lang),
                    "price": p.price_terms.get(lang),
                    "goal": p.goal.get(lang),
                    "guidance": [g.get(lang) for g in p.guidance],
                }
            )
        rows.append({"abc": a, "cells": cells})
    return {
        "abc": t(
            "abc_rule",
            basis=basis,
            period=seg.period,
            step=step,
            a=i18n.percent(seg.a, lang, 0),
            b=i18n.percent(seg.b, lang, 0),
        ),
        "xyz": xyz,
        "short": short,
        "rows": rows,
        "columns": list(XYZ),
    }


def priorities(v: Viewer) -> dict[str, Any] | None:
    prio = v.reg.priorities
    if prio is None:
        return None
    buckets = []
    for b in prio.buckets:
        sort = [v.t("sort_desc" if k.descending else "sort_asc", what=v.speak.quoted(k.by)) for k in b.sort]
        buckets.append(
            {
                "label": b.label.get(v.lang),
                "color": COLORS.get(b.color, b.color),
                "when": v.speak.say(b.when) if b.when is not None else v.t("everyone_left"),
                "sort": i18n.join_words(sort, v.lang),
                "reason": _placeholders(v, b.reason.get(v.lang)),
            }
        )
    return {
        "scope": v.speak.say(prio.scope) if prio.scope is not None else "",
        "late": format_duration(prio.late_after_seconds, v.lang),
        "buckets": buckets,
    }


def _placeholders(v: Viewer, template: str) -> str:
    """A reason template with each placeholder named in words: «… в ‹время звонка› …»."""

    def name(match: re.Match[str]) -> str:
        key = match.group(1)
        label = (
            v.t(f"ph_{key}")
            if i18n.has(f"guide.ph_{key}")
            else v.speak.label(key)
            if key in FACTS or v.reg.card.field(key)
            else key
        )
        return f"‹{label}›"

    return _PLACEHOLDER.sub(name, template)


def card(v: Viewer) -> dict[str, Any]:
    reg, lang = v.reg, v.lang
    fields = [v.field(f) for f in reg.card.fields]
    potential: dict[str, Any] | None = None
    pot = reg.card.potential
    if pot is not None:
        labels = {k: t.get(lang) for k, t in pot.labels.items()}
        direct = [
            v.t(
                "direct_sign",
                field=v.speak.quoted(s.field),
                perspective=labels["perspective"],
                high=v.speak.value(s.field, s.perspective),
                medium=labels["medium"],
                low=v.speak.value(s.field, s.medium),
                small=labels["small"],
            )
            for s in pot.direct
        ]
        signs = [
            {
                "label": s.label.get(lang) or v.speak.say(s.when),
                "when": v.speak.say(s.when),
                "points": s.points,
            }
            for s in pot.signs
        ]
        levels = (
            v.t(
                "levels",
                perspective=labels["perspective"],
                p=pot.perspective_points,
                medium=labels["medium"],
                m=pot.medium_points,
                small=labels["small"],
            )
            if pot.signs
            else ""
        )
        potential = {"direct": direct, "signs": signs, "levels": levels}
    return {"fields": fields, "potential": potential}


def norms(v: Viewer) -> dict[str, Any] | None:
    items = v.reg.funnel.conversion_norms
    if not items:
        return None
    buyers = 10
    rows = [{"label": n.label.get(v.lang), "count": n.count, "for_plan": n.count * buyers} for n in items]
    return {
        "rows": rows,
        "buyers": buyers,
        "example": v.t(
            "norms_example", buyers=buyers, first=rows[0]["for_plan"], what=str(rows[0]["label"]).lower()
        ),
    }


def people(v: Viewer) -> dict[str, Any]:
    reg, lang = v.reg, v.lang
    return {
        "roles": [(r.label.get(lang), r.description.get(lang)) for r in reg.roles],
        "kinds": [k.label.get(lang) for k in reg.contact_kinds],
        "results": [
            (r.label.get(lang), v.t(f"result_{r.next_step}"), r.refusal) for r in reg.contact_results
        ],
    }


__all__ = ["FieldType", "card", "norms", "people", "priorities", "segments"]
