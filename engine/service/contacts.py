"""Recording a contact: its result, the next step the stage demands, a refusal's reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from engine import i18n
from engine.model.funnel import StageKind
from engine.service.answers import ContactDone, client_answer
from engine.service.clients import check_version, get
from engine.service.errors import InvalidInput, Problem, problem
from engine.service.runner import run
from engine.service.workspace import Workspace
from engine.store import Tx, history, tasks
from engine.store import clients as store
from engine.values.client import NextStep


def record(
    ws: Workspace,
    actor: str,
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
    reg = ws.regulation

    def body(conn: Tx, moment: datetime) -> ContactDone:
        client = get(ws, conn, client_id, for_update=True)
        check_version(client, expected_version)
        stage = ws.runtime.stages[client.stage]
        problems = _problems(ws, stage.id, kind, result, next_step, reason)
        if problems:
            raise InvalidInput(problems)
        mirror = tasks.replace_next_step(conn, client.id, next_step, at=moment, actor=actor)
        contact_id = tasks.add_contact(
            conn,
            {
                "client_id": client.id,
                "manager": actor,
                "kind": kind,
                "result": result,
                "comment": comment,
                "at": moment,
                "stage": stage.id,
                "refusal_reason": reason,
            },
        )
        version = store.write(
            conn,
            client.id,
            client.version,
            {
                **mirror,
                "last_contact_at": moment,
                "contacts_count": client.contacts_count + 1,
                "updated_at": moment,
            },
        )
        data = {
            "contact": contact_id,
            "kind": kind,
            "result": result,
            "comment": comment,
            "next_step": next_step.as_dict() if next_step else None,
        }
        entries = [history.entry(client.id, moment, actor, "contact", ws.tag, from_stage=stage.id, data=data)]
        if reason is not None:
            entries.append(
                history.entry(
                    client.id,
                    moment,
                    actor,
                    "refusal",
                    ws.tag,
                    from_stage=stage.id,
                    data={"reason": reason, "stage": stage.id, "contact": contact_id},
                )
            )
        history.append(conn, entries)
        after = replace(
            client,
            last_contact_at=moment,
            contacts_count=client.contacts_count + 1,
            next_step=next_step,
            version=version,
        )
        return ContactDone(contact_id, client_answer(reg, after))

    payload = {
        "op": "contact",
        "client": client_id,
        "kind": kind,
        "result": result,
        "comment": comment,
        "reason": reason,
        "next_step": next_step.as_dict() if next_step else None,
        "version": expected_version,
    }
    return run(ws, actor, body, answer=ContactDone, key=key, at=at, payload=payload)


def _problems(
    ws: Workspace,
    stage_id: str,
    kind: str,
    result: str,
    next_step: NextStep | None,
    reason: str | None,
) -> list[Problem]:
    reg = ws.regulation
    stage = ws.runtime.stages[stage_id]
    out = []
    if reg.contact_kind(kind) is None:
        out.append(
            problem(
                "kind",
                "error.unknown_contact_kind",
                kind=kind,
                known=", ".join(k.id for k in reg.contact_kinds),
            )
        )
    outcome = reg.contact_result(result)
    if outcome is None:
        out.append(
            problem(
                "result",
                "error.unknown_contact_result",
                result=result,
                known=", ".join(r.id for r in reg.contact_results),
            )
        )
        return out
    if outcome.refusal or reason is not None:
        valid = [r for r in (reg.funnel.reason(x) for x in stage.refusal_reasons) if r is not None]
        if reason is None or reason not in stage.refusal_reasons:
            said = i18n.Message.of(
                "refusal.reason_required" if reason is None else "refusal.reason_not_valid",
                stage=stage.label,
                reason=reason or "",
                valid=i18n.Joined(tuple(r.label for r in valid), "or"),
            )
            out.append(Problem("reason", said, "refusal.reason_required"))
    demands_step = (
        stage.kind is StageKind.OPEN and stage.next_step_required and outcome.next_step == "required"
    )
    if demands_step and next_step is None:
        out.append(
            problem(
                "next_step",
                "error.next_step_required",
                stage=stage.label,
            )
        )
    return out
