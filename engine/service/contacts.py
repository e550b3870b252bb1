"""Recording a contact: its result, the next step the stage demands, a refusal's reason."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from engine.service.actors import Actor, as_actor
from engine.service.answers import client_answer
from engine.service.contact_rules import contact_problems
from engine.service.errors import InvalidInput
from engine.service.lookup import check_version, get
from engine.service.names import Thing, names
from engine.service.outcomes import ContactDone
from engine.service.runner import run
from engine.service.workspace import Workspace
from engine.store import Tx, history, tasks
from engine.store import clients as store
from engine.values.client import ClientState, NextStep


@dataclass(frozen=True, slots=True)
class ContactInput:
    """A contact as a manager reports it."""

    kind: str
    result: str
    comment: str = ""
    next_step: NextStep | None = None
    reason: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "result": self.result,
            "comment": self.comment,
            "reason": self.reason,
            "next_step": self.next_step.as_dict() if self.next_step else None,
        }


def record(
    ws: Workspace,
    actor: Actor | str,
    client_id: int,
    *,
    kind: str,
    result: str,
    comment: str = "",
    next_step: NextStep | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
    key: str | None = None,
    at: datetime | None = None,
) -> ContactDone:
    """Record a contact with its result; the stage may demand a next step, a refusal a reason."""
    who = as_actor(actor)
    reg = ws.regulation
    kind = names(reg, Thing.CONTACT_KIND).require(kind, "kind")
    result = names(reg, Thing.CONTACT_RESULT).require(result, "result")
    reason = names(reg, Thing.REASON).require(reason, "reason") if reason is not None else None
    given = ContactInput(kind, result, comment, next_step, reason)

    def body(conn: Tx, moment: datetime) -> ContactDone:
        client = get(ws, conn, client_id, for_update=True, actor=who)
        check_version(client, expected_version)
        problems = contact_problems(ws.regulation, ws.runtime, client.stage, kind, result, next_step, reason)
        if problems:
            raise InvalidInput(problems)
        return _write(ws, conn, who.id, client, given, moment)

    payload = {"op": "contact", "client": client_id, "version": expected_version, **given.payload()}
    return run(ws, who, body, answer=ContactDone, key=key, at=at, payload=payload)


def _write(
    ws: Workspace, conn: Tx, actor: str, client: ClientState, given: ContactInput, moment: datetime
) -> ContactDone:
    mirror = tasks.replace_next_step(conn, client.id, given.next_step, at=moment, actor=actor)
    contact_id = tasks.add_contact(
        conn,
        {
            "client_id": client.id,
            "manager": actor,
            "kind": given.kind,
            "result": given.result,
            "comment": given.comment,
            "at": moment,
            "stage": client.stage,
            "refusal_reason": given.reason,
        },
    )
    counted = {"last_contact_at": moment, "contacts_count": client.contacts_count + 1}
    version = store.write(conn, client.id, client.version, {**mirror, **counted, "updated_at": moment})
    data = {"contact": contact_id, **given.payload()}
    data.pop("reason")
    entries = [history.entry(client.id, moment, actor, "contact", ws.tag, from_stage=client.stage, data=data)]
    if given.reason is not None:
        refused = {"reason": given.reason, "stage": client.stage, "contact": contact_id}
        entries.append(
            history.entry(client.id, moment, actor, "refusal", ws.tag, from_stage=client.stage, data=refused)
        )
    history.append(conn, entries)
    after = replace(
        client,
        next_step=given.next_step,
        version=version,
        last_contact_at=moment,
        contacts_count=client.contacts_count + 1,
    )
    return ContactDone(contact_id, client_answer(ws.regulation, after))
