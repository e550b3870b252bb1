"""/v1/clients: create, read, list, change the card, move through the funnel, record contacts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from engine.api.auth import Anyone, active, may_see, own_manager, state, under_regulation
from engine.api.history import HistoryEntry
from engine.api.models import (
    MAX_ID,
    CardPatch,
    ClientChanged,
    ClientIn,
    ClientOut,
    ClientPage,
    ContactDone,
    ContactIn,
    Id,
    Moment,
    Moved,
    MoveIn,
    OwnerIn,
    Possible,
    Reassigned,
    step,
)
from engine.api.preconditions import IdempotencyKey, etag
from engine.api.problems import documented, language, problem
from engine.api.state import at_or_now
from engine.api.writing import ClientId, StaffWrite, Write
from engine.i18n import plain
from engine.service import clients, contacts, listing, moves, owners
from engine.service.outcomes import Page

router = APIRouter(prefix="/v1/clients", tags=["clients"])
WRITE = documented(
    "not-found",
    "precondition-failed",
    "precondition-required",
    "conflict",
    "regulation-changed",
    "invalid-input",
    "idempotency-key-reused",
)


@router.post(
    "",
    status_code=201,
    response_model=ClientOut,
    responses=documented(
        "forbidden", "invalid-input", "idempotency-key-reused", "conflict", "regulation-changed"
    ),
)
def create_client(
    body: ClientIn, request: Request, response: Response, who: Anyone, idempotency_key: IdempotencyKey = None
) -> Any:
    """Create a client at the funnel's entry stage. A manager's token always owns what it creates."""
    if who.role == "manager" and body.owner not in (None, who.manager):
        raise problem("forbidden", "owner_is_you")
    owner = who.manager if who.role == "manager" else body.owner
    answer = under_regulation(
        request,
        lambda ws: clients.create(
            ws,
            who.actor,
            body.card,
            owner=owner,
            timezone=body.timezone,
            external_id=body.external_id,
            next_step=step(body.next_step),
            key=idempotency_key,
        ),
    )
    client = answer.client
    response.headers["Location"] = f"/v1/clients/{client.id}"
    response.headers["ETag"] = etag(client.version)
    return plain(client, language(request))


@router.get("", response_model=ClientPage, responses=documented("forbidden", "invalid-input"))
def list_clients(
    request: Request,
    who: Anyone,
    stage: Annotated[
        Id | None,
        Query(description="Only clients at this stage (id or label; one the regulation lacks: 422)."),
    ] = None,
    owner: Annotated[Id | None, Query(description="Only this manager's clients.")] = None,
    segment: Annotated[
        str | None, Query(pattern="^[ABC][XYZ]?$", description="ABC class or cell: A, AX…")
    ] = None,
    q: Annotated[
        Id | None,
        Query(
            description="Search: part of the name (any case), the external id, "
            "or 5+ digits of a phone or INN."
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> Any:
    """Clients, newest first; a manager's token lists only its own."""
    items = listing.list_clients(
        active(request).ws,
        stage=stage,
        owner=own_manager(who, owner),
        segment=segment,
        search=q,
        limit=limit,
        offset=offset,
    )
    return plain(Page(items, limit, offset), language(request))


@router.get("/{client_id}", response_model=ClientOut, responses=documented("not-found"))
def get_client(client_id: ClientId, request: Request, response: Response, who: Anyone) -> Any:
    """The client's card, stage and next step; the ETag header is its version."""
    api = state(request)
    may_see(api, who, client_id)
    client = clients.show(active(request).ws, client_id)
    response.headers["ETag"] = etag(client.version)
    return plain(client, language(request))


@router.patch("/{client_id}", response_model=ClientChanged, responses=WRITE)
def update_card(body: CardPatch, write: Write) -> Any:
    """Change card fields (null clears one); fields the stage demands cannot be cleared."""
    return write.change(clients.update_card, body.card)


@router.put("/{client_id}/owner", response_model=Reassigned, responses={**WRITE, **documented("forbidden")})
def assign(body: OwnerIn, write: StaffWrite) -> Any:
    """Hand the client to another manager (heads and admins): its calls, tasks and reports follow."""
    return write.change(owners.assign, body.owner)


@router.get("/{client_id}/moves", response_model=Possible, responses=documented("not-found"))
def possible_moves(client_id: ClientId, request: Request, who: Anyone, at: Moment | None = None) -> Any:
    """Every move from the client's stage: whether it is ready now, and if not, what is missing."""
    api = state(request)
    may_see(api, who, client_id)
    ws = active(request).ws
    return plain(moves.possible(ws, client_id, at_or_now(api, ws, at)), language(request))


@router.post(
    "/{client_id}/moves",
    response_model=Moved,
    responses=documented(
        "not-found",
        "precondition-failed",
        "precondition-required",
        "conflict",
        "move-refused",
        "regulation-changed",
        "invalid-input",
        "idempotency-key-reused",
    ),
)
def move(body: MoveIn, write: Write) -> Any:
    """Fire a trigger. Refused moves answer 409 ``move-refused`` with every reason and its clause."""
    return write.change(
        moves.move,
        body.trigger,
        reason=body.reason,
        next_step=step(body.next_step),
        card=body.card,
        note=body.note,
    )


@router.post("/{client_id}/contacts", status_code=201, response_model=ContactDone, responses=WRITE)
def record_contact(body: ContactIn, write: Write) -> Any:
    """Record a call or meeting: its result, the next step the stage demands, a refusal's reason."""
    return write.change(
        contacts.record,
        kind=body.kind,
        result=body.result,
        comment=body.comment,
        next_step=step(body.next_step),
        reason=body.reason,
    )


@router.get("/{client_id}/history", response_model=list[HistoryEntry], responses=documented("not-found"))
def history(
    client_id: ClientId,
    request: Request,
    who: Anyone,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> Any:
    """What happened to the client, oldest first: creation, card changes, moves, contacts, segments."""
    api = state(request)
    may_see(api, who, client_id)
    return clients.client_history(active(request).ws, client_id, limit)
