"""Cell policies at work: planned contacts, and the compliance report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from engine.segmentation.policies import compliance, plan_contacts
from engine.service import clients
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.store.clients import CLIENT
from tests.answers import seen

AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def client(
    ws: Workspace,
    client_id: int,
    cell: str | None,
    last_days: int | None,
    owner: str = "ivanov",
    stage: str = "customer",
    due: date | None = None,
) -> dict[str, object]:
    with ws.db.read() as conn:
        owner_id = store.owner_id(conn, owner)
    return {
        "id": client_id,
        "name": f"c{client_id}",
        "stage": stage,
        "stage_since": AT,
        "owner_id": owner_id,
        "card": {},
        "timezone": "Asia/Vladivostok",
        "created_at": AT,
        "updated_at": AT,
        "version": 1,
        "contacts_count": 0 if last_days is None else 1,
        "abc": cell[0] if cell else None,
        "xyz": cell[1] if cell else None,
        "next_due_date": due,
        "next_action": "x" if due else None,
        "last_contact_at": None if last_days is None else AT - timedelta(days=last_days),
    }


def setup(ws: Workspace) -> None:
    add_manager(ws, "ivanov", "Иванов", "sales_manager")
    add_manager(ws, "petrova", "Петрова", "sales_manager")
    rows = [
        client(ws, 1, "AX", 10),
        client(ws, 2, "AX", 3),
        client(ws, 3, "CZ", 10),
        client(ws, 4, "AX", None),
        client(ws, 5, "AX", 30, due=date(2026, 11, 25)),
        client(ws, 6, "AX", 30, stage="lost"),
        client(ws, 7, None, 400),
        client(ws, 8, "BY", 40, owner="petrova"),
    ]
    with ws.db.write() as conn:
        conn.execute(insert(CLIENT), rows)


def test_due_clients_without_a_next_step_get_a_planned_contact_once(ws: Workspace) -> None:
    setup(ws)
    assert plan_contacts(ws, "policy", AT) == 3  # 1 (10 d > 7 d), 4 (never), 8 (40 d > 21 d)
    with ws.db.read() as conn:
        planned = dict(
            conn.execute(
                select(CLIENT.c.id, CLIENT.c.next_due_date).where(
                    CLIENT.c.next_action.like("По плану ячейки%")
                )
            ).all()
        )
    assert planned == {1: date(2026, 11, 23), 4: date(2026, 11, 23), 8: date(2026, 11, 23)}, (
        "the client's own date"
    )
    assert [r["kind"] for r in clients.client_history(ws, 1)] == ["task"]
    assert seen(clients.show(ws, 1))["version"] == 2
    assert plan_contacts(ws, "policy", AT) == 0, "nothing twice"


def test_compliance_counts_on_time_late_and_never(ws: Workspace) -> None:
    setup(ws)
    report = compliance(ws, AT).as_dict()
    assert report["by_manager"]["ivanov"] == {
        "on_time": 2,
        "late": 2,
        "never": 1,
        "total": 5,
        "on_time_share": 0.4,
        "median_days_late": 13,
    }
    assert report["by_cell"]["AX"]["late"] == 2 and report["by_cell"]["CZ"]["on_time"] == 1
    assert report["by_manager"]["petrova"]["late"] == 1


def test_the_cell_policy_is_shown_with_the_client(ws: Workspace) -> None:
    setup(ws)
    policy = ws.regulation.segments.policy("AX") if ws.regulation.segments else None
    assert policy is not None
    role = ws.regulation.role(policy.owner_role)
    shown = seen(clients.show(ws, 1), "en")["segment"]
    assert (shown["cell"], shown["policy"]["label"]) == ("AX", policy.label.get("en"))
    assert shown["policy"]["owner_role"] == {
        "id": policy.owner_role,
        "label": role.label.get("en") if role else "",
    }
    assert shown["policy"]["price_terms"] == policy.price_terms.get("en") != ""
    assert shown["policy"]["contact_interval"] == "1 week"  # the bundled AX interval, 7d, in words
    assert seen(clients.show(ws, 7))["segment"] is None, "not segmented yet"
