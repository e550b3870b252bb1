"""The call order as data: clients at a fixed moment, and the queue they must make.

A new case is a new file in ``cases/``: ``at``, optional ``manager``, ``clients`` (id, stage,
timezone, created, owner, card, next_step, last_contact, abc, xyz, average_sale, potential),
``expect`` (id and bucket, in order), ``absent`` and ``reasons`` (words that must appear);
optional ``regulation`` (a folder under ``tests/`` laid over the minimal regulation, instead of
the bundled one) and ``base_card`` (the card every client starts from).
Each queued client's bucket is also recomputed one by one with the scalar facts the machine
uses, so the vectorized queue and the engine cannot disagree.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import insert

from engine.conditions import compile_condition
from engine.language.loader import load_regulation
from engine.queue import call_queue
from engine.service.cards import parse_card
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.store.clients import CLIENT
from engine.values.client import ClientState
from tests.regulation.overlay import overlay

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
BASE_CARD = {"company_name": "Клиент", "phone": "+79120001122"}


def insert_clients(
    ws: Workspace, clients: list[dict[str, Any]], at: datetime, base: dict[str, Any] | None = None
) -> None:
    owners = {c["owner"] for c in clients if c.get("owner")}
    for login in sorted(owners):
        add_manager(ws, login, login, "sales_manager")
    with ws.db.write() as conn:
        owner_ids = {login: store.owner_id(conn, login) for login in owners}
        rows = []
        for c in clients:
            zone = c.get("timezone", ws.regulation.timezone)
            card, problems = parse_card(ws.regulation, {**(base or BASE_CARD), **c.get("card", {})}, zone)
            assert not problems
            step = c.get("next_step")
            created = datetime.fromisoformat(c.get("created", "2026-09-01T10:00:00+03:00"))
            rows.append(
                {
                    "id": c["id"],
                    "name": f"Клиент {c['id']}",
                    "stage": c["stage"],
                    "stage_since": created,
                    "owner_id": owner_ids.get(c.get("owner")),
                    "card": card,
                    "potential": c.get("potential"),
                    "timezone": zone,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                    "contacts_count": 1 if c.get("last_contact") else 0,
                    "last_contact_at": datetime.fromisoformat(c["last_contact"])
                    if c.get("last_contact")
                    else None,
                    "next_action": (step or {}).get("action", "Позвонить") if step else None,
                    "next_due_date": date.fromisoformat(str(step["due_date"])) if step else None,
                    "next_due_time": time.fromisoformat(step["due_time"])
                    if step and step.get("due_time")
                    else None,
                    "abc": c.get("abc"),
                    "xyz": c.get("xyz"),
                    "average_sale": c.get("average_sale"),
                }
            )
        conn.execute(insert(CLIENT), rows)


def scalar_bucket(ws: Workspace, client: ClientState, at: datetime) -> str | None:
    prio = ws.regulation.priorities
    assert prio is not None
    facts = ws.runtime.facts(client, at)
    if not compile_condition(prio.scope)(facts):
        return None
    return next((b.id for b in prio.buckets if compile_condition(b.when)(facts)), None)


def workspace_for(case: dict[str, Any], ws: Workspace, tmp_path: Path) -> Workspace:
    if "regulation" not in case:
        return ws
    folder = overlay(Path(__file__).parent.parent / case["regulation"], tmp_path / "regulation")
    return Workspace(load_regulation(folder), ws.db, ws.clock)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_queue_follows_the_priorities(path: Path, ws: Workspace, tmp_path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    at = datetime.fromisoformat(case["at"])
    ws = workspace_for(case, ws, tmp_path)
    insert_clients(ws, case["clients"], at, case.get("base_card"))
    queue = call_queue(ws, manager=case.get("manager"), at=at, limit=None, lang="ru")
    assert [[r.client_id, r.bucket] for r in queue.rows] == case["expect"]
    queued = {r.client_id for r in queue.rows}
    assert not queued & set(case.get("absent", []))
    for client_id, words in case.get("reasons", {}).items():
        row = next(r for r in queue.rows if r.client_id == client_id)
        assert words in row.reason.replace("\xa0", " "), row.reason
    with ws.db.read() as conn:
        states = store.load_many(conn, [c["id"] for c in case["clients"]])
    for client in states.values():
        if case.get("manager") and client.owner != case["manager"]:
            continue
        expected = next((r.bucket for r in queue.rows if r.client_id == client.id), None)
        assert scalar_bucket(ws, client, at) == expected, client.id


def test_there_are_cases() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("limit", [1, 3, 1000])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_database_picks_the_same_first_rows(
    path: Path, limit: int, ws: Workspace, tmp_path: Path
) -> None:
    """The list that shows its first rows is made in SQL: the same rows, buckets and counts."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    at = datetime.fromisoformat(case["at"])
    ws = workspace_for(case, ws, tmp_path)
    insert_clients(ws, case["clients"], at, case.get("base_card"))
    columns = call_queue(ws, manager=case.get("manager"), at=at, limit=limit, lang="ru")
    database = call_queue(
        ws, manager=case.get("manager"), at=at, limit=limit, lang="ru", whole=False, in_sql=True
    )
    assert [r.as_dict() for r in database.rows] == [r.as_dict() for r in columns.rows]
    assert (database.total, database.by_bucket) == (columns.total, columns.by_bucket)
    assert database.quiet == columns.quiet
    if columns.total:
        assert "buckets and order (SQL)" in database.seconds, "the database made the list"
