"""Writing simulated lives in batches: one transaction per batch, Core executemany."""

from __future__ import annotations

from typing import Any

from engine.demo.life import Life
from engine.store import Tx, bulk, history


def write(conn: Tx, lives: list[tuple[Life, list[dict[str, Any]]]], owner_ids: dict[str, int]) -> None:
    rows = []
    for life, _ in lives:
        c = life.client
        step = c.next_step
        rows.append(
            {
                "external_id": c.external_id,
                "name": c.name,
                "stage": c.stage,
                "stage_since": c.stage_since,
                "owner_id": owner_ids.get(life.owner_login),
                "card": dict(c.card),
                "potential": c.potential,
                "timezone": c.timezone,
                "created_at": c.created_at,
                "updated_at": c.stage_since,
                "version": c.version,
                "last_contact_at": c.last_contact_at,
                "contacts_count": c.contacts_count,
                "next_action": step.action if step else None,
                "next_due_date": step.due_date if step else None,
                "next_due_time": step.due_time if step else None,
            }
        )
    ids = bulk.insert_clients(conn, rows)
    entries, contacts, tasks, sales = [], [], [], []
    for client_id, (life, lines) in zip(ids, lives, strict=True):
        entries += [{**e, "client_id": client_id} for e in life.history]
        contacts += [{**c, "client_id": client_id} for c in life.contacts]
        tasks += [{**t, "client_id": client_id} for t in life.tasks]
        sales += [{**s, "client_id": client_id} for s in lines]
    history.append(conn, entries)
    bulk.insert_activity(conn, contacts, tasks, sales)
