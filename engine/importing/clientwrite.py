"""Writing what a client row changes: new clients in bulk, updates one versioned write each,
every one recorded in the client's history with the file's name and row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.importing.clientrows import ClientRow
from engine.service import cards, rules
from engine.service.clients import potential_of
from engine.store import clients as store
from engine.store import history, imports, tasks
from engine.values.client import ClientState, NextStep

if TYPE_CHECKING:
    from engine.importing.clientsync import ClientSync


@dataclass(frozen=True, slots=True)
class Change:
    """What a row changes on an existing client; empty when the base already says it all."""

    card: Mapping[str, Any]
    diff: Mapping[str, list[Any]] = field(default_factory=dict)
    stage: str | None = None
    owner: tuple[str | None, str, int] | None = None
    zone: str | None = None
    external_id: str | None = None
    next_step: NextStep | None = None

    @classmethod
    def of(
        cls, client: ClientState, row: ClientRow, card: Mapping[str, Any], stage: str, owner: int | None
    ) -> Change:
        return cls(
            card=card,
            diff=cards.changes(client.card, card),
            stage=stage if stage != client.stage else None,
            owner=(client.owner, row.owner, owner)
            if owner and row.owner and row.owner != client.owner
            else None,
            zone=row.zone if row.zone and row.zone != client.timezone else None,
            external_id=row.code if row.code and client.external_id is None else None,
            next_step=row.next_step if row.next_step and row.next_step != client.next_step else None,
        )

    @property
    def empty(self) -> bool:
        return not (self.diff or self.stage or self.owner or self.zone or self.external_id or self.next_step)


def write_update(sync: ClientSync, client: ClientState, change: Change, row: int) -> None:
    ctx, at = sync.ctx, sync.at
    ctx.ws.register(ctx.conn)
    values: dict[str, Any] = {"updated_at": at}
    data: dict[str, Any] = {"file": ctx.report.file, "row": row}
    if change.diff:
        values["card"] = dict(change.card)
        values["potential"] = potential_of(ctx.ws, client, change.card, at)
        data.update(changes=dict(change.diff), potential=values["potential"])
    if change.stage:
        values.update(stage=change.stage, stage_since=at)
    if change.owner:
        values["owner_id"] = change.owner[2]
        data["owner"] = [change.owner[0], change.owner[1]]
    if change.zone:
        values["timezone"] = change.zone
        data["timezone"] = [client.timezone, change.zone]
    if change.external_id:
        values["external_id"] = change.external_id
        data["external_id"] = change.external_id
    if change.next_step:
        step = change.next_step
        values.update(
            tasks.replace_next_step(ctx.conn, client.id, step, at=at, actor=ctx.actor, status="replaced")
        )
        data["next_step"] = step.as_dict()
    store.write(ctx.conn, client.id, client.version, values)
    entry = history.entry(
        client.id,
        at,
        ctx.actor,
        "import",
        ctx.ws.tag,
        from_stage=client.stage if change.stage else None,
        to_stage=change.stage,
        data=data,
    )
    history.append(ctx.conn, [entry])


def write_new(sync: ClientSync, rows: Sequence[ClientRow]) -> None:
    ctx, at, reg = sync.ctx, sync.at, sync.ctx.ws.regulation
    ctx.ws.register(ctx.conn)
    values = []
    for r in rows:
        stage, zone = r.stage or reg.funnel.entry, r.zone or reg.timezone
        name = str(r.card.get(sync.name_field) or r.code or r.inn or "")
        probe = ClientState(0, name, stage, at, at, zone, r.card)
        step = r.next_step
        values.append(
            {
                **dict.fromkeys(
                    ("external_id", "name", "stage", "owner_id", "card", "potential", "timezone")
                ),
                "external_id": r.code,
                "name": name,
                "stage": stage,
                "stage_since": at,
                "card": r.card,
                "owner_id": sync.owners.get(r.owner or ""),
                "timezone": zone,
                "created_at": at,
                "updated_at": at,
                "version": 1,
                "contacts_count": 0,
                "potential": potential_of(ctx.ws, probe, r.card, at),
                "next_action": step.action if step else None,
                "next_due_date": step.due_date if step else None,
                "next_due_time": step.due_time if step else None,
            }
        )
    ids = imports.insert_clients(ctx.conn, values)
    tasks = [
        {"client_id": i, "kind": "next_step", "action": r.next_step.action, "due_date": r.next_step.due_date}
        | {"due_time": r.next_step.due_time, "status": "open", "created_at": at, "created_by": ctx.actor}
        for i, r in zip(ids, rows, strict=True)
        if r.next_step is not None
    ]
    imports.insert_tasks(ctx.conn, tasks)
    entries = [
        history.entry(
            i,
            at,
            ctx.actor,
            "imported",
            ctx.ws.tag,
            to_stage=str(v["stage"]),
            data={"file": ctx.report.file, "row": r.number, "card": r.card, "owner": r.owner},
        )
        for i, r, v in zip(ids, rows, values, strict=True)
    ]
    history.append(ctx.conn, entries)
    unowned = [i for i, v in zip(ids, values, strict=True) if v["owner_id"] is None]
    if unowned:  # clients arriving without a manager get one by the ownership rules
        found = rules.misfits(ctx.ws, ctx.conn, unowned)
        sync.assigned += len(rules.reassign(ctx.ws, ctx.conn, at, ctx.actor, found, fresh=True).placed)
