"""The manager's day and the head's reports: /v1/calls, /v1/segments, /v1/compliance."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from engine.api.answers import CallQueueOut, ComplianceOut, SegmentRunOut
from engine.api.auth import Anyone, Staff, active, own_manager, state, under_regulation
from engine.api.models import Id, Moment, SegmentRunIn
from engine.api.problems import documented, language
from engine.api.state import at_or_now
from engine.queue import call_queue
from engine.segmentation.policies import compliance as compliance_report
from engine.segmentation.policies import plan_contacts
from engine.segmentation.run import SegmentationResult, last_run
from engine.segmentation.run import segment as run_segment
from engine.service.errors import NotFound
from engine.service.workspace import Workspace

router = APIRouter(prefix="/v1", tags=["day"])


@router.get("/calls", response_model=CallQueueOut, responses=documented("forbidden", "invalid-input"))
def calls(
    request: Request,
    who: Anyone,
    manager: Annotated[Id | None, Query(description="Whose calls (a manager's token: its own).")] = None,
    at: Annotated[
        Moment | None, Query(description="The moment (default: now); no offset: the regulation's zone.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> Any:
    """The ordered, coloured call list at a moment, with why each client is where it is."""
    api = state(request)
    ws = active(request).ws
    whom = own_manager(who, manager)
    # Only the rows shown and the counts are answered (as_dict): the database may pick them.
    queue = call_queue(
        ws, manager=whom, at=at_or_now(api, ws, at), limit=limit, lang=language(request), whole=False
    )
    return queue.as_dict()


@router.post(
    "/segments",
    response_model=SegmentRunOut,
    responses=documented("forbidden", "regulation-changed", "segmentation-refused"),
)
def segment(body: SegmentRunIn, request: Request, who: Staff) -> Any:
    """Run ABC-XYZ over the sales, store every client's class, plan the contacts cells call for."""
    api = state(request)

    def classify(ws: Workspace) -> tuple[Workspace, SegmentationResult, int]:
        when = at_or_now(api, ws, body.at)
        result = run_segment(ws, who.actor.id, when, force=body.force)
        return ws, result, plan_contacts(ws, who.actor.id, when, language(request)) if body.plan else 0

    ws, result, planned = under_regulation(request, classify)
    when = result.at
    return {
        "at": when.isoformat(),
        "actor": who.actor.id,
        "regulation": ws.tag,
        "periods": [result.first_period, result.last_period],
        "classified": result.classified,
        "changed": result.changed,
        "planned_contacts": planned,
        "matrix": result.matrix.as_dict(),
    }


@router.get("/segments", response_model=SegmentRunOut, responses=documented("forbidden", "not-found"))
def last_segmentation(request: Request, who: Staff) -> Any:
    """The last ABC-XYZ run: its 3×3 matrix of clients and volume."""
    run = last_run(active(request).ws)
    if run is None:
        raise NotFound("no_segmentation")
    return run


@router.get("/compliance", response_model=ComplianceOut, responses=documented("forbidden"))
def compliance(
    request: Request,
    who: Staff,
    at: Annotated[Moment | None, Query(description="The moment (default: now).")] = None,
) -> Any:
    """Who keeps to the cells' contact intervals: on time, late, never — per manager and per cell."""
    api = state(request)
    ws = active(request).ws
    return compliance_report(ws, at_or_now(api, ws, at)).as_dict()
