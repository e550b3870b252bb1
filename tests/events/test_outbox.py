"""The outbox: every committed change writes its events in its own transaction; a refused,
conflicting or replayed command writes none."""

from __future__ import annotations

import contextlib
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import select

from engine.service import clients, contacts, moves, owners
from engine.service.errors import Conflict, Refused
from engine.service.workspace import Workspace
from engine.store.event_tables import EVENT
from engine.values.client import NextStep
from tests.answers import seen

CARD = {"company_name": "Стройбаза Север", "phone": "8 (495) 123-45-67"}
STEP = NextStep("Позвонить закупщику", date(2026, 11, 25), time(14, 0))


def events(ws: Workspace) -> list[dict[str, Any]]:
    with ws.db.read() as conn:
        return [dict(r._mapping) for r in conn.execute(select(EVENT).order_by(EVENT.c.id))]


def new_client(ws: Workspace) -> int:
    return int(seen(clients.create(ws, "ivanov", dict(CARD)))["client"]["id"])


def test_each_committed_command_writes_its_events_with_the_clients_new_version(ws: Workspace) -> None:
    client_id = new_client(ws)
    seen(moves.move(ws, "ivanov", client_id, "qualify", card={"contact_person": "Пётр"}, next_step=STEP))
    seen(contacts.record(ws, "ivanov", client_id, kind="call", result="no_answer", next_step=STEP))
    written = events(ws)
    assert [e["type"] for e in written] == [
        "client.created",
        "client.card_changed",
        "client.moved",
        "contact.recorded",
    ]
    assert [e["client_version"] for e in written] == [1, 2, 2, 3]
    assert all(e["client_id"] == client_id and e["regulation"] == ws.tag for e in written)
    moved = written[2]["data"]
    assert (moved["from"], moved["to"], moved["trigger"]) == ("new", "qualification", "qualify")
    assert written[1]["data"]["changes"] == {"contact_person": [None, "Пётр"]}
    assert written[0]["actor"] == "ivanov" and written[0]["data"]["stage"] == "new"


def test_a_refused_move_emits_nothing(ws: Workspace) -> None:
    client_id = new_client(ws)
    with pytest.raises(Refused):
        seen(moves.move(ws, "ivanov", client_id, "qualify", card={"competitor": "Петрович"}))
    assert [e["type"] for e in events(ws)] == ["client.created"]


def test_a_conflicting_write_emits_nothing(ws: Workspace) -> None:
    client_id = new_client(ws)
    seen(clients.update_card(ws, "ivanov", client_id, {"city": "Пермь"}, expected_version=1))
    with pytest.raises(Conflict):
        seen(clients.update_card(ws, "ivanov", client_id, {"city": "Тула"}, expected_version=1))
    assert [e["type"] for e in events(ws)] == ["client.created", "client.card_changed"]


def test_a_replayed_command_emits_nothing_again(ws: Workspace) -> None:
    client_id = new_client(ws)
    for _ in range(2):
        seen(clients.update_card(ws, "ivanov", client_id, {"city": "Пермь"}, key="k-1"))
    assert [e["type"] for e in events(ws)] == ["client.created", "client.card_changed"]


def test_reassigning_a_client_emits_client_assigned(ws: Workspace) -> None:
    client_id = new_client(ws)
    listing_add(ws)
    seen(owners.assign(ws, "head", client_id, "petrov"))
    last = events(ws)[-1]
    assert last["type"] == "client.assigned" and last["data"]["to"] == "petrov"


def listing_add(ws: Workspace) -> None:
    from engine.service import listing

    for login in ("ivanov", "petrov"):
        with contextlib.suppress(Exception):
            listing.add_manager(ws, login, login.title(), "sales_manager", None, ws.now())


def test_an_event_committed_late_with_a_smaller_id_is_not_skipped_by_a_cursor(ws: Workspace) -> None:
    """PostgreSQL: T1 writes first (smaller id) but commits after T2; a reader that passed T2's
    event still gets T1's, because events are numbered when committed."""
    if ws.db.is_sqlite:
        pytest.skip("SQLite writes one transaction at a time")
    from datetime import UTC, datetime

    from engine.service import feed
    from engine.store import outbox

    def event(name: str) -> dict[str, Any]:
        return {"type": "regulation.published", "at": datetime.now(UTC), "actor": name}

    def row(name: str) -> dict[str, Any]:
        return {**event(name), "regulation": "t", "client_id": None, "data": {"tag": name}}

    slow = ws.db.engine.connect()
    slow_tx = slow.begin()
    outbox.add(slow, [row("first-written")])
    with ws.db.write() as conn:
        outbox.add(conn, [row("second-written")])
    seen_first = feed.read(ws.db, 0)
    slow_tx.commit()
    slow.close()
    seen_next = feed.read(ws.db, seen_first.next)
    assert [e.data["tag"] for e in seen_first.events] == ["second-written"]
    assert [e.data["tag"] for e in seen_next.events] == ["first-written"]
    assert seen_next.events[0].id > seen_first.events[0].id


def test_an_import_refused_for_a_bad_row_emits_nothing(ws: Workspace, tmp_path: Any) -> None:
    from engine.importing.clients import import_clients
    from engine.importing.sales import ReadOptions

    path = tmp_path / "c.csv"
    path.write_bytes("Код;Наименование;Телефон\n7;А;+79120001122\n8;Б;нет\n".encode("cp1251"))
    report = import_clients(ws, path, ReadOptions(), actor="import")  # type: ignore[call-arg]
    assert report.errors and not report.written
    assert events(ws) == []
    report = import_clients(ws, path, ReadOptions(skip_bad=True), actor="import")  # type: ignore[call-arg]
    assert [e["type"] for e in events(ws)] == ["client.created", "import.completed"]
    assert events(ws)[1]["data"]["skipped_rows"] == 1
