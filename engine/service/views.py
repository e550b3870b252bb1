"""Clients, moves and history as JSON-able dicts for the CLI's --format json and the API."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from engine.model.regulation import Regulation
from engine.runtime.machine import Outcome, PossibleMove
from engine.values.client import ClientState
from engine.values.durations import format_duration


def iso(value: datetime | date | time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value.isoformat()


def client_view(reg: Regulation, client: ClientState, lang: str) -> dict[str, Any]:
    stage = reg.funnel.stage(client.stage)
    potential = None
    if client.potential and reg.card.potential is not None:
        potential = {
            "id": client.potential,
            "label": reg.card.potential.labels[client.potential].get(lang),
        }
    return {
        "id": client.id,
        "external_id": client.external_id,
        "name": client.name,
        "version": client.version,
        "stage": {
            "id": client.stage,
            "label": stage.label.get(lang) if stage else client.stage,
            "kind": stage.kind.value if stage else None,
            "since": iso(client.stage_since),
        },
        "owner": client.owner,
        "timezone": client.timezone,
        "potential": potential,
        "segment": segment_view(reg, client, lang),
        "card": dict(client.card),
        "next_step": client.next_step.as_dict() if client.next_step else None,
        "last_contact_at": iso(client.last_contact_at),
        "contacts_count": client.contacts_count,
        "created_at": iso(client.created_at),
    }


def segment_view(reg: Regulation, client: ClientState, lang: str) -> dict[str, Any] | None:
    """The client's ABC-XYZ cell and how the regulation says to work with it."""
    if not client.segment:
        return None
    policy = reg.segments.policy(client.segment) if reg.segments else None
    shown = None
    if policy is not None:
        role = reg.role(policy.owner_role)
        shown = {
            "label": policy.label.get(lang),
            "owner_role": {
                "id": policy.owner_role,
                "label": role.label.get(lang) if role else policy.owner_role,
            },
            "price_terms": policy.price_terms.get(lang),
            "contact_interval": format_duration(policy.contact_interval_seconds, lang)
            if policy.contact_interval_seconds
            else None,
            "goal": policy.goal.get(lang),
        }
    return {"abc": client.abc, "xyz": client.xyz, "cell": client.segment, "policy": shown}


def outcome_view(outcome: Outcome, lang: str) -> dict[str, Any]:
    return {
        "trigger": outcome.trigger,
        "moved": outcome.moved,
        "from": outcome.source,
        "to": outcome.dest,
        "reasons": [r.as_dict(lang) for r in outcome.reasons],
    }


def possible_view(moves: list[PossibleMove], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "trigger": m.trigger,
            "label": m.label.get(lang, m.trigger),
            "to": m.dest,
            "ready": m.ready,
            "missing": [r.as_dict(lang) for r in m.reasons],
        }
        for m in moves
    ]


def history_view(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = ("id", "at", "actor", "kind", "trigger", "from_stage", "to_stage", "regulation", "data")
    return [{k: (iso(r[k]) if k == "at" else r[k]) for k in keys} for r in rows]
