"""The hand-over report on a hand-built history (clients, hand-overs, contacts, refusals written
straight into the tables), against figures computed by hand in each case file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import insert

from engine.reports.period import filters
from engine.reports.runner import run
from engine.service.handovers import report
from engine.service.listing import add_manager
from engine.service.workspace import Workspace
from engine.store.ownership_tables import HANDOVER
from engine.store.tables import CLIENT, CONTACT, HISTORY
from tests.answers import seen

CASES = sorted((Path(__file__).parent / "handovers").glob("*.yaml"))


def build(ws: Workspace, case: dict[str, Any]) -> None:
    for login, role in case["managers"].items():
        add_manager(ws, login, login, role)
    ids: dict[str, int] = {}
    with ws.db.write() as conn:
        for number, (name, stage) in enumerate(case["clients"].items(), 1):
            at = datetime.fromisoformat("2026-10-01T09:00:00+03:00")
            row = {"id": number, "name": name, "stage": stage, "stage_since": at, "card": {}}
            row |= {"timezone": "Europe/Moscow", "created_at": at, "updated_at": at}
            conn.execute(insert(CLIENT).values(**row))
            ids[name] = number
        for h in case["handovers"]:
            at = datetime.fromisoformat(h["at"])
            conn.execute(
                insert(HANDOVER).values(
                    client_id=ids[h["client"]],
                    at=at,
                    from_manager=h["from"],
                    from_role=h["from_role"],
                    to_manager=h["to"],
                    to_role=h["to_role"],
                    rule=h.get("rule", "stage:needs"),
                    stage="needs",
                    actor="t",
                )
            )
        for c in case.get("contacts", []):
            conn.execute(
                insert(CONTACT).values(
                    client_id=ids[c["client"]],
                    manager=c["manager"],
                    kind="call",
                    result="reached",
                    at=datetime.fromisoformat(c["at"]),
                    stage="needs",
                )
            )
        for r in case.get("refusals", []):
            conn.execute(
                insert(HISTORY).values(
                    client_id=ids[r["client"]],
                    at=datetime.fromisoformat(r["at"]),
                    actor="t",
                    kind="refusal",
                    regulation="t",
                    data={"reason": r["reason"], "stage": "needs"},
                )
            )


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_report_gives_the_figures_computed_by_hand(path: Path, ws: Workspace) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    build(ws, case)
    period = case["period"]
    shown = seen(report(ws, date.fromisoformat(period["since"]), date.fromisoformat(period["until"])))
    for key, lines in (("departments", shown["departments"]), ("managers", shown["managers"])):
        got = {(line["manager"] or line["department"]): _plain(line) for line in lines}
        assert got == case["expect"][key], key
    # the same figures through the reports' registry (reglament report handovers)
    chosen = filters(datetime(2026, 12, 5, tzinfo=UTC), ws.regulation.timezone, period=period["since"][:7])
    table = run(ws.db, ws.regulation, "handovers", chosen).table("managers")
    figures = {row[1]: row[2:] for row in table.rows}
    assert figures == {
        who: (e["handed"], e["won"], e["lost"], e["open"], e["contacted"], e["first_contact_hours"])
        for who, e in case["expect"]["managers"].items()
    }


def _plain(line: dict[str, Any]) -> dict[str, Any]:
    return {
        "handed": line["handed"],
        "won": line["won"],
        "lost": line["lost"],
        "open": line["open"],
        "stages": {c["id"]: c["clients"] for c in line["stages"]},
        "lost_reasons": {c["id"]: c["clients"] for c in line["lost_reasons"]},
        "contacted": line["contacted"],
        "first_contact_hours": line["first_contact_hours"],
    }
