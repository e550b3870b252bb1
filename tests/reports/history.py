"""A hand-built history from a case file, written straight into the tables (no service rules
run: a case says exactly what the base holds)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert

from engine.store.database import Database
from engine.store.tables import CLIENT, CONTACT, HISTORY, MANAGER, SALE

TAG = "case"


def moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, 12, tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def write(db: Database, case: dict[str, Any]) -> None:
    with db.write() as conn:
        ids = {}
        for m in case.get("managers", []):
            ids[m["login"]] = conn.execute(
                insert(MANAGER).values(
                    login=m["login"], name=m["login"], role=m["role"], created_at=moment("2026-01-01")
                )
            ).inserted_primary_key[0]
        clients = {}
        for c in case.get("clients", []):
            created = moment(c.get("created", "2026-01-01"))
            clients[c["name"]] = conn.execute(
                insert(CLIENT).values(
                    name=c["name"],
                    stage=c["stage"],
                    stage_since=moment(c.get("since", created)),
                    owner_id=ids.get(c.get("owner")),
                    card=c.get("card", {}),
                    potential=c.get("potential"),
                    timezone="Europe/Moscow",
                    created_at=created,
                    updated_at=created,
                    next_action=c.get("next_action"),
                    next_due_date=day(c["due"]) if c.get("due") else None,
                    abc=c.get("cell", "  ")[0].strip() or None,
                    xyz=c.get("cell", "  ")[1].strip() or None,
                    average_sale=c.get("average_sale"),
                    last_contact_at=moment(c["last_contact"]) if c.get("last_contact") else None,
                )
            ).inserted_primary_key[0]
        rows = [_history(clients, h) for h in case.get("history", [])]
        if rows:
            conn.execute(insert(HISTORY), rows)
        contacts = [
            {
                "client_id": clients[k["client"]],
                "manager": k["manager"],
                "kind": k["kind"],
                "result": k.get("result", "reached"),
                "at": moment(k["at"]),
                "stage": k.get("stage", "new"),
                "refusal_reason": k.get("reason"),
            }
            for k in case.get("contacts", [])
        ]
        if contacts:
            conn.execute(insert(CONTACT), contacts)
        sales = [
            {
                "client_id": clients[s["client"]],
                "day": day(s["day"]),
                "month": _month(day(s["day"])),
                "amount": s["amount"],
                "line_key": i,
                "line_seq": 0,
            }
            for i, s in enumerate(case.get("sales", []))
        ]
        if sales:
            conn.execute(insert(SALE), sales)


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _history(clients: dict[str, int], h: dict[str, Any]) -> dict[str, Any]:
    data = {"reason": h["reason"]} if "reason" in h else {}
    return {
        "client_id": clients[h["client"]],
        "at": moment(h["at"]),
        "actor": h.get("actor", "cli"),
        "kind": h["kind"],
        "trigger": h.get("trigger"),
        "from_stage": h.get("from"),
        "to_stage": h.get("to"),
        "regulation": TAG,
        "data": data,
    }
