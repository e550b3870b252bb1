"""Administration: /v1/tokens, /v1/managers, and the public /v1/health."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Path, Request, Response

from engine.api.answers import Health, ManagerOut, TokenIssued, TokenOut
from engine.api.auth import Admin, Staff, active, state
from engine.api.models import MAX_ID, ManagerIn, TokenIn
from engine.api.problems import documented
from engine.api.state import ApiState
from engine.service import listing, tokens
from engine.store.database import DatabaseError, ping

router = APIRouter(prefix="/v1", tags=["admin"])


@router.post(
    "/tokens", status_code=201, response_model=TokenIssued, responses=documented("forbidden", "invalid-input")
)
def issue_token(body: TokenIn, request: Request, who: Admin) -> Any:
    """Issue a token; the answer is the only time it is shown."""
    api = state(request)
    token = tokens.issue(api.db, body.name, body.role, body.manager, api.clock())
    return {
        "token": token,
        "name": body.name,
        "role": body.role,
        "manager": body.manager if body.role == "manager" else None,
    }


@router.get("/tokens", response_model=list[TokenOut], responses=documented("forbidden"))
def list_tokens(request: Request, who: Admin) -> Any:
    """Every token issued, without the secrets."""
    return tokens.listing(state(request).db)


@router.delete(
    "/tokens/{token_id}",
    status_code=204,
    response_class=Response,
    responses=documented("forbidden", "not-found", "conflict"),
)
def revoke_token(token_id: Annotated[int, Path(ge=1, le=MAX_ID)], request: Request, who: Admin) -> Response:
    """Revoke a token: it stops working at once, on every server process."""
    api = state(request)
    tokens.revoke(api.db, token_id, api.clock())
    return Response(status_code=204)


@router.get("/managers", response_model=list[ManagerOut], responses=documented("forbidden"))
def list_managers(request: Request, who: Staff) -> Any:
    """The sales team: logins clients are owned by."""
    return listing.managers(active(request).ws)


@router.post(
    "/managers",
    status_code=201,
    response_model=ManagerOut,
    responses=documented("forbidden", "invalid-input"),
)
def add_manager(body: ManagerIn, request: Request, who: Admin) -> Any:
    """Add a manager (the role is one of the regulation's roles)."""
    api = state(request)
    return listing.add_manager(
        active(request).ws, body.login, body.name, body.role, body.timezone, api.clock()
    )


HEALTH_SECONDS = 2.0
_HEALTH_THREADS = anyio.CapacityLimiter(2)  # its own threads: a stuck database cannot starve it


@router.get("/health", response_model=Health, responses=documented("database-unavailable"))
async def health(request: Request) -> Any:
    """Liveness and readiness: the database answers and a regulation is in force, within two
    seconds (else 503). No token needed; names nothing about the server."""
    api = state(request)
    with anyio.move_on_after(HEALTH_SECONDS):
        tag = await anyio.to_thread.run_sync(_ready, api, limiter=_HEALTH_THREADS, abandon_on_cancel=True)
        return {"status": "ok", "regulation": tag}
    raise DatabaseError("no_answer", seconds=int(HEALTH_SECONDS))


def _ready(api: ApiState) -> str:
    ping(api.db)
    return api.active().ws.tag
