"""What keeps a contact from being recorded: an unknown kind or result, a refusal without a
valid reason, a missing next step the stage demands. No storage here: the scenario tests use it
as the service does."""

from __future__ import annotations

from engine import i18n
from engine.model.funnel import StageKind
from engine.model.labels import Thing, label_text
from engine.model.regulation import Regulation
from engine.runtime.facts import Runtime
from engine.service.errors import Problem, problem
from engine.values.client import NextStep


def contact_problems(
    reg: Regulation,
    runtime: Runtime,
    stage_id: str,
    kind: str,
    result: str,
    next_step: NextStep | None,
    reason: str | None,
) -> list[Problem]:
    """What keeps a contact from being recorded on a client at ``stage_id`` (none: it may be)."""
    stage = runtime.stages[stage_id]
    out = []
    if reg.contact_kind(kind) is None:
        out.append(
            problem(
                "kind",
                "error.unknown_contact_kind",
                kind=kind,
                known=i18n.Joined(tuple(k.label for k in reg.contact_kinds), "or"),
            )
        )
    outcome = reg.contact_result(result)
    if outcome is None:
        out.append(
            problem(
                "result",
                "error.unknown_contact_result",
                result=result,
                known=i18n.Joined(tuple(r.label for r in reg.contact_results), "or"),
            )
        )
        return out
    if outcome.refusal or reason is not None:
        valid = [r for r in (reg.funnel.reason(x) for x in stage.refusal_reasons) if r is not None]
        if reason is None or reason not in stage.refusal_reasons:
            said = i18n.Message.of(
                "refusal.reason_required" if reason is None else "refusal.reason_not_valid",
                stage=stage.label,
                reason=label_text(reg, Thing.REASON, reason) if reason else "",
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
