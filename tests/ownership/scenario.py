"""Run an ownership scenario file: managers, then steps (create, move, sales, segment,
deactivate, away, apply-rules), each checked against what the file expects."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from engine.cli import main
from engine.model.ownership import Assignment, Load, Strategy
from engine.segmentation.run import segment
from engine.service import clients, moves, staff
from engine.service.errors import Refused
from engine.service.listing import add_manager, list_clients
from engine.service.ownership import apply_rules
from engine.service.workspace import Workspace
from engine.store.ownership_tables import HANDOVER
from engine.store.tables import CLIENT
from engine.values.client import NextStep
from tests.answers import seen

STEP = NextStep("Созвониться", date(2026, 12, 1))


class Scenario:
    def __init__(self, ws: Workspace, tmp_path: Path) -> None:
        self.ws, self.tmp = ws, tmp_path
        self.ids: dict[str, int] = {}

    def run(self, case: dict[str, Any]) -> None:
        if "strategies" in case:  # the bundled regulation with other assignment rules for some roles
            reg = self.ws.regulation
            roles = tuple(
                replace(
                    r,
                    assignment=Assignment(
                        Strategy(s["strategy"]),
                        Load(s.get("load", "open_clients")),
                        s.get("region_field", ""),
                    ),
                )
                if (s := case["strategies"].get(r.id))
                else r
                for r in reg.roles
            )
            self.ws = Workspace(replace(reg, roles=roles), self.ws.db, self.ws.clock)
        for m in case.get("managers", []):
            add_manager(
                self.ws,
                m["login"],
                m.get("name", m["login"]),
                m["role"],
                m.get("timezone"),
                region=m.get("region"),
            )
        for number, step in enumerate(case["steps"], 1):
            ((verb, args),) = step.items()
            try:
                getattr(self, "do_" + verb)(args or {})
            except AssertionError as failed:
                raise AssertionError(f"step {number} ({verb}): {failed}") from None

    def client(self, name: str) -> dict[str, Any]:
        return dict(seen(clients.show(self.ws, self.ids[name])))

    def do_create(self, a: dict[str, Any]) -> None:
        made = seen(
            clients.create(
                self.ws,
                a.get("by", "head"),
                a["card"],
                owner=a.get("owner"),
                external_id=a.get("code"),
                timezone=a.get("timezone"),
            )
        )
        self.ids[a["name"]] = made["client"]["id"]
        if "expect_owner" in a:
            assert made["client"]["owner"] == a["expect_owner"], made["client"]["owner"]

    def do_move(self, a: dict[str, Any]) -> None:
        before = self.client(a["client"])
        try:
            done = seen(
                moves.move(
                    self.ws,
                    a.get("by", "head"),
                    self.ids[a["client"]],
                    a["trigger"],
                    card=a.get("card"),
                    note=a.get("note"),
                    next_step=STEP,
                    reason=a.get("reason"),
                )
            )
        except Refused as refused:
            codes = sorted(str(r.code) for r in refused.reasons)
            assert a.get("refused") is not None, f"refused: {codes}"
            assert codes == sorted(a["refused"]), codes
            after = self.client(a["client"])
            assert (after["owner"], after["stage"]["id"], after["version"]) == (
                before["owner"],
                before["stage"]["id"],
                before["version"],
            ), "a refused move changed the client"
            return
        assert a.get("refused") is None, "the move was expected to be refused"
        if "expect_owner" in a:
            assert done["client"]["owner"] == a["expect_owner"], done["client"]["owner"]
        if "expect_rule" in a:
            assert done["assigned"]["rule"] == a["expect_rule"], done["assigned"]

    def do_import_clients(self, a: dict[str, Any]) -> None:
        path = self.tmp / "clients.csv"
        path.write_text("\n".join(a["lines"]) + "\n", encoding="utf-8")
        assert main(["import", "clients", str(path), "--db", self.ws.db.url]) == 0
        found = list_clients(self.ws, limit=1000)
        for name, code in a["names"].items():
            self.ids[name] = next(c.id for c in found if c.external_id == str(code))

    def do_possible(self, a: dict[str, Any]) -> None:
        shown = seen(moves.possible(self.ws, self.ids[a["client"]]), "en")
        option = next(m for m in shown["moves"] if m["trigger"] == a["trigger"])
        assert sorted(r["code"] for r in option["missing"]) == sorted(a["missing"]), option

    def do_sales(self, a: dict[str, Any]) -> None:
        path = self.tmp / "sales.csv"
        lines = ["Клиент;Дата;Сумма", *(f"{code};{day};{amount}" for code, day, amount in a["lines"])]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["import", "sales", str(path), "--db", self.ws.db.url]) == 0

    def do_segment(self, a: dict[str, Any]) -> None:
        done = segment(self.ws, "head", datetime.fromisoformat(a["at"]))
        if "expect_reassigned" in a:
            assert done.reassigned == a["expect_reassigned"], done.reassigned

    def do_deactivate(self, a: dict[str, Any]) -> None:
        done = staff.deactivate(self.ws, "head", a["login"])
        assert done.reassigned == a["expect_spread"], done.reassigned
        assert done.stranded == [self.ids[n] for n in a.get("expect_stranded", [])]

    def do_away(self, a: dict[str, Any]) -> None:
        since, until = a.get("from"), a.get("until")
        staff.mark_away(
            self.ws,
            a["login"],
            date.fromisoformat(since) if since else None,
            date.fromisoformat(until) if until else None,
        )

    def do_apply_rules(self, a: dict[str, Any]) -> None:
        done = apply_rules(self.ws, "head", apply=a.get("apply", True))
        assert len(done.misfits) == a["expect_misfits"], done.misfits

    def do_expect(self, a: dict[str, Any]) -> None:
        for name, owner in a.get("owners", {}).items():
            assert self.client(name)["owner"] == owner, (name, self.client(name)["owner"])
        if "counts" in a:
            found: dict[str, int] = {}
            for cid in self.ids.values():
                owner = seen(clients.show(self.ws, cid))["owner"]
                found[owner] = found.get(owner, 0) + 1
            for login, n in a["counts"].items():
                assert found.get(login, 0) == n, (login, found)
        if "handed_over" in a:  # the clients handed over so far: logged and marked for the call list
            with self.ws.db.read() as conn:
                logged = set(conn.execute(select(HANDOVER.c.client_id)).scalars())
                marked = set(
                    conn.execute(select(CLIENT.c.id).where(CLIENT.c.handed_over_at.is_not(None))).scalars()
                )
            wanted = {self.ids[name] for name in a["handed_over"]}
            assert logged == wanted and marked == wanted, (logged, marked, wanted)


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "steps" not in data:
        pytest.fail(f"{path.name}: a scenario holds managers and steps")
    return data
