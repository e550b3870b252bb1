"""Commands on a real database: what is written, what is refused, and that a refusal writes nothing."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select, text

from engine.service import clients, contacts, moves
from engine.service.errors import Conflict, InvalidInput, NotFound, Refused
from engine.service.workspace import Workspace
from engine.store.tables import Contact, HistoryEntry, RegulationVersion, Task
from engine.values.client import NextStep
from tests.answers import seen
from tests.dbfixtures import Clock

CARD = {"company_name": "Стройбаза Север", "phone": "8 (495) 123-45-67"}
STEP = NextStep("Позвонить закупщику", date(2026, 11, 25), time(14, 0))


def count(ws: Workspace, table: object, **where: object) -> int:
    t = table.__table__  # type: ignore[attr-defined]
    with ws.db.read() as conn:
        statement = select(func.count()).select_from(t)
        for name, value in where.items():
            statement = statement.where(t.c[name] == value)
        return int(conn.execute(statement).scalar_one())


def new_client(ws: Workspace, **card: str) -> int:
    return int(seen(clients.create(ws, "ivanov", {**CARD, **card}))["client"]["id"])


def test_a_new_client_starts_at_the_entry_stage_with_a_normalized_card(ws: Workspace) -> None:
    view = seen(clients.create(ws, "ivanov", {**CARD, "employees": "1 200"}))["client"]
    assert view["stage"]["id"] == "new" and view["version"] == 1
    assert view["card"] == {"company_name": "Стройбаза Север", "phone": "+74951234567", "employees": 1200}
    assert view["potential"]["id"] == "medium", "1,200 employees: 2 indirect points"
    [row] = clients.client_history(ws, view["id"])
    assert row["kind"] == "created" and row["to_stage"] == "new" and row["regulation"] == ws.tag
    assert count(ws, RegulationVersion, tag=ws.tag) == 1


def test_creation_refuses_missing_and_invalid_values_naming_each(ws: Workspace) -> None:
    with pytest.raises(InvalidInput) as caught:
        seen(clients.create(ws, "ivanov", {"company_name": "X", "inn": "1234567890", "colour": "red"}))
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["colour", "inn", "phone"]
    assert "ИНН" in caught.value.message("ru") and "INN" in caught.value.message("en")
    assert count(ws, HistoryEntry) == 0


def test_a_refused_move_names_every_reason_and_writes_nothing(ws: Workspace, clock: Clock) -> None:
    client_id = new_client(ws)
    with pytest.raises(Refused) as caught:
        seen(moves.move(ws, "ivanov", client_id, "qualify", card={"competitor": "Петрович"}))
    assert [r.code for r in caught.value.reasons] == ["missing_field", "next_step_required"]
    assert "stages.yaml:" in caught.value.message("ru")
    view = seen(clients.show(ws, client_id))
    assert view["version"] == 1 and "competitor" not in view["card"], (
        "card changes given with a refused move are not kept"
    )
    assert count(ws, HistoryEntry) == 1


def test_a_move_writes_stage_task_and_history(ws: Workspace, clock: Clock) -> None:
    client_id = new_client(ws)
    clock.advance(hours=2)
    data = seen(
        moves.move(ws, "ivanov", client_id, "qualify", card={"contact_person": "Пётр"}, next_step=STEP)
    )
    view = data["client"]
    assert data["outcome"] == {
        "trigger": "qualify",
        "moved": True,
        "from": "new",
        "to": "qualification",
        "reasons": [],
    }
    assert view["stage"]["id"] == "qualification" and view["version"] == 2
    assert view["stage"]["since"].startswith("2026-11-23T11:00")
    assert view["next_step"] == {"action": STEP.action, "due_date": "2026-11-25", "due_time": "14:00"}
    kinds = [(r["kind"], r["trigger"]) for r in clients.client_history(ws, client_id)]
    assert kinds == [("created", None), ("card", None), ("transition", "qualify")]
    assert count(ws, Task, client_id=client_id, status="open") == 1


def test_moving_to_a_lost_stage_records_the_reason_and_cancels_the_task(ws: Workspace) -> None:
    client_id = new_client(ws, contact_person="Пётр")
    seen(moves.move(ws, "ivanov", client_id, "qualify", next_step=STEP))
    seen(moves.move(ws, "ivanov", client_id, "lose", reason="has_supplier"))
    view = seen(clients.show(ws, client_id))
    assert view["stage"]["id"] == "lost" and view["next_step"] is None
    refusals = [r for r in clients.client_history(ws, client_id) if r["kind"] == "refusal"]
    assert refusals[0]["data"] == {"reason": "has_supplier", "stage": "qualification", "trigger": "lose"}
    assert count(ws, Task, client_id=client_id, status="cancelled") == 1


def test_a_contact_needs_a_next_step_where_the_stage_demands_it(ws: Workspace) -> None:
    client_id = new_client(ws)
    with pytest.raises(InvalidInput) as caught:
        seen(contacts.record(ws, "ivanov", client_id, kind="call", result="reached"))
    assert [p.field for p in caught.value.problems] == ["next_step"]
    seen(contacts.record(ws, "ivanov", client_id, kind="call", result="no_answer", next_step=STEP))
    later = NextStep("Повторить звонок", date(2026, 11, 26))
    view = seen(
        contacts.record(
            ws, "ivanov", client_id, kind="call", result="reached", comment="договорились", next_step=later
        )
    )["client"]
    assert view["contacts_count"] == 2 and view["next_step"]["action"] == "Повторить звонок"
    assert count(ws, Task, client_id=client_id, status="done") == 1
    assert count(ws, Task, client_id=client_id, status="open") == 1
    assert count(ws, Contact, client_id=client_id) == 2


def test_a_refusal_contact_needs_a_reason_valid_at_the_stage(ws: Workspace) -> None:
    client_id = new_client(ws)
    with pytest.raises(InvalidInput) as caught:
        seen(contacts.record(ws, "ivanov", client_id, kind="call", result="refusal", reason="price"))
    assert "Не целевой клиент" in caught.value.message("ru")
    seen(contacts.record(ws, "ivanov", client_id, kind="call", result="refusal", reason="not_target"))
    kinds = [r["kind"] for r in clients.client_history(ws, client_id)]
    assert kinds == ["created", "contact", "refusal"]


def test_card_update_is_checked_and_logged_with_old_and_new_values(ws: Workspace) -> None:
    client_id = new_client(ws)
    with pytest.raises(InvalidInput):
        seen(clients.update_card(ws, "ivanov", client_id, {"discount_pct": "150", "inn": "7707083893"}))
    assert seen(clients.show(ws, client_id))["version"] == 1, "all or nothing"
    data = seen(
        clients.update_card(
            ws, "ivanov", client_id, {"inn": "7707083893", "annual_purchase_volume": "7 000 000"}
        )
    )
    assert (
        data["changed"] == ["annual_purchase_volume", "inn"]
        and data["client"]["potential"]["id"] == "perspective"
    )
    row = clients.client_history(ws, client_id)[-1]
    assert row["data"]["changes"]["inn"] == [None, "7707083893"]


def test_a_field_the_stage_required_cannot_be_cleared(ws: Workspace) -> None:
    client_id = new_client(ws, contact_person="Пётр")
    seen(moves.move(ws, "ivanov", client_id, "qualify", next_step=STEP))
    with pytest.raises(InvalidInput) as caught:
        seen(clients.update_card(ws, "ivanov", client_id, {"contact_person": None, "phone": None}))
    assert sorted(p.field for p in caught.value.problems) == ["contact_person", "phone"]


def test_a_stale_version_is_a_conflict_and_nothing_is_written(ws: Workspace) -> None:
    client_id = new_client(ws)
    seen(clients.update_card(ws, "ivanov", client_id, {"city": "Пермь"}, expected_version=1))
    with pytest.raises(Conflict) as caught:
        seen(clients.update_card(ws, "petrov", client_id, {"city": "Казань"}, expected_version=1))
    assert "версия 1, теперь 2" in caught.value.message("ru")
    assert seen(clients.show(ws, client_id))["card"]["city"] == "Пермь"
    assert [r["actor"] for r in clients.client_history(ws, client_id)] == ["ivanov", "ivanov"]


def test_unknown_client(ws: Workspace) -> None:
    with pytest.raises(NotFound):
        seen(clients.show(ws, 999))


def test_history_cannot_be_changed_or_deleted(ws: Workspace) -> None:
    new_client(ws)
    for statement in ("UPDATE history SET actor = 'someone'", "DELETE FROM history"):
        with pytest.raises(Exception, match="append-only"), ws.db.write() as conn:
            conn.execute(text(statement))
    assert count(ws, HistoryEntry) == 1


def test_timestamps_come_back_as_the_same_aware_instant(ws: Workspace, clock: Clock) -> None:
    client_id = new_client(ws)
    view = seen(clients.show(ws, client_id))
    assert view["created_at"] == clock.now.isoformat()


def test_a_batch_applies_allowed_moves_and_answers_refused_ones(ws: Workspace) -> None:
    from engine.service.batch import MoveRequest, move_batch

    ready = new_client(ws, contact_person="Пётр")
    not_ready = new_client(ws)
    outcomes = move_batch(
        ws,
        "ivanov",
        [
            MoveRequest(ready, "qualify", next_step=STEP),
            MoveRequest(not_ready, "qualify", next_step=STEP),
            MoveRequest(ready, "lose", reason="no_need"),
        ],
    )
    assert [o.moved for o in outcomes] == [True, False, True]
    assert [r.code for r in outcomes[1].reasons] == ["missing_field"]
    assert (
        seen(clients.show(ws, ready))["stage"]["id"] == "lost"
        and seen(clients.show(ws, ready))["version"] == 3
    )
    assert seen(clients.show(ws, not_ready))["version"] == 1
    kinds = [r["kind"] for r in clients.client_history(ws, ready)]
    assert kinds == ["created", "transition", "transition", "refusal"]
    assert count(ws, Task, client_id=ready, status="cancelled") == 1
