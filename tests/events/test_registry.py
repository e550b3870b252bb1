"""The event types have one specification (engine/service/events.py): each is emitted by some
command of a real scenario, documented in docs/EVENTS.md, and carries its payload's fields."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from engine.demo import build_demo
from engine.importing.clients import import_clients
from engine.importing.sales import ReadOptions
from engine.segmentation.policies import plan_contacts
from engine.segmentation.run import segment
from engine.service import owners
from engine.service.events import TYPES
from engine.service.listing import add_manager
from engine.service.regulations import Regulations
from engine.service.workspace import Workspace
from engine.store.event_tables import EVENT
from tests.answers import seen
from tests.paths import BUNDLED, ROOT

ANCHOR = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _names(payload: type) -> set[str]:
    return {f.metadata.get("json", f.name) for f in dataclasses.fields(payload)}


def test_a_working_day_emits_every_event_type_with_its_payloads_fields(ws: Workspace, tmp_path: Path) -> None:
    build_demo(ws, clients=60, seed=3, anchor=ANCHOR)
    segment(ws, "head", ANCHOR)
    plan_contacts(ws, "planner", ANCHOR)
    add_manager(ws, "sidorov", "Сидоров", "sales_manager")
    with ws.db.read() as conn:
        some_client = conn.execute(select(EVENT.c.client_id).where(EVENT.c.client_id.is_not(None))).scalar()
    seen(owners.assign(ws, "head", int(some_client), "sidorov"))
    path = tmp_path / "clients.csv"
    path.write_bytes("Код;Наименование;Телефон\n9001;ООО «Новое»;+79120001122\n".encode("cp1251"))
    import_clients(ws, path, ReadOptions(), actor="import")  # type: ignore[call-arg]
    files = {p.name: p.read_bytes() for p in BUNDLED.iterdir() if p.suffix == ".yaml"}
    Regulations(ws.db, ws).publish(files, "admin")
    with ws.db.read() as conn:
        rows = conn.execute(select(EVENT.c.type, EVENT.c.data, EVENT.c.client_version)).all()
    emitted = {r.type for r in rows}
    assert emitted == set(TYPES), f"never emitted: {set(TYPES) - emitted}; unknown: {emitted - set(TYPES)}"
    for row in rows:
        assert set(row.data) <= _names(TYPES[row.type].payload), row
        assert (row.client_version is not None) == TYPES[row.type].client, row


def test_every_event_type_is_documented_and_nothing_else() -> None:
    text = (ROOT / "docs" / "EVENTS.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z_.]+)`", text, flags=re.MULTILINE))
    assert documented == set(TYPES)
    for kind, spec in TYPES.items():
        section = text.split(f"### `{kind}`", 1)[1].split("\n### ", 1)[0]
        for name in _names(spec.payload):
            assert f"`{name}`" in section, f"{kind}: the field {name} is not described"
