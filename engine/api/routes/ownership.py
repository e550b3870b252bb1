"""Ownership over HTTP: managers deactivated, brought back, marked away (/v1/managers/{login}/…),
the compliance list of owners and its fix (/v1/ownership), the hand-over report (/v1/handovers)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from engine.api.auth import Staff, active, state, under_regulation
from engine.api.derive import model_of
from engine.api.models import ApplyRulesIn, AwayIn, Day
from engine.api.problems import documented, language
from engine.i18n import plain
from engine.runtime.facts import zone
from engine.service import handovers, ownership, staff
from engine.service.workspace import Workspace

router = APIRouter(prefix="/v1", tags=["ownership"])
Login = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]+$")]

DeactivatedOut = model_of(staff.Deactivated)
MisfitsOut: Any = list[model_of(ownership.MisfitAnswer)]  # type: ignore[misc]
RulesAppliedOut = model_of(ownership.RulesApplied)
HandoversOut = model_of(handovers.HandoverReport)
ManagerStateOut = model_of(staff.ManagerState)


@router.post(
    "/managers/{login}/deactivate",
    response_model=DeactivatedOut,
    responses=documented("forbidden", "invalid-input", "regulation-changed"),
)
def deactivate_manager(login: Login, request: Request, who: Staff) -> Any:
    """Deactivate a manager: in one transaction their clients go to other managers by the
    ownership rules (of the manager's own role where no rule speaks); the answer says to whom."""
    api = state(request)
    done = under_regulation(request, lambda ws: staff.deactivate(ws, who.actor.id, login, api.clock()))
    return plain(done, language(request))


@router.post(
    "/managers/{login}/activate",
    response_model=ManagerStateOut,
    responses=documented("forbidden", "invalid-input"),
)
def activate_manager(login: Login, request: Request, who: Staff) -> Any:
    """Bring a deactivated manager back: clients are dealt to them again."""
    return plain(staff.activate(active(request).ws, login), language(request))


@router.put(
    "/managers/{login}/away",
    response_model=ManagerStateOut,
    responses=documented("forbidden", "invalid-input"),
)
def manager_away(login: Login, body: AwayIn, request: Request, who: Staff) -> Any:
    """Mark a manager away (both days included; no dates: back at work). An away manager keeps
    their clients and gets no new ones meanwhile."""
    return plain(staff.mark_away(active(request).ws, login, body.since, body.until), language(request))


@router.get("/ownership", response_model=MisfitsOut, responses=documented("forbidden"))
def ownership_compliance(request: Request, who: Staff) -> Any:
    """Clients whose owner does not fit the ownership rules: none, deactivated, or of another role
    than their stage's or cell's."""
    return plain(ownership.compliance(active(request).ws), language(request))


@router.post(
    "/ownership/apply",
    response_model=RulesAppliedOut,
    responses=documented("forbidden", "invalid-input", "regulation-changed"),
)
def apply_ownership_rules(body: ApplyRulesIn, request: Request, who: Staff) -> Any:
    """Reassign every misfit by the rules (``apply``: false shows what would happen, writes nothing)."""
    api = state(request)

    def run(ws: Workspace) -> ownership.RulesApplied:
        return ownership.apply_rules(ws, who.actor.id, apply=body.apply, at=api.clock())

    return plain(under_regulation(request, run), language(request))


@router.get("/handovers", response_model=HandoversOut, responses=documented("forbidden", "invalid-input"))
def handover_report(
    request: Request,
    who: Staff,
    since: Annotated[Day | None, Query(alias="from", description="First day (default: 30 days ago).")] = None,
    until: Annotated[Day | None, Query(description="Last day, included (default: today).")] = None,
) -> Any:
    """Per sending department and manager: what was handed over in the period and what became of it."""
    ws = active(request).ws
    today: date = state(request).clock().astimezone(zone(ws.regulation.timezone)).date()
    last = until or today
    first = since or last - timedelta(days=29)
    return plain(handovers.report(ws, first, last), language(request))
