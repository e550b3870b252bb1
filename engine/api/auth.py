"""Who is calling: a bearer token with a role, and what each role may see.

Every route but ``/v1/health`` needs a valid token (else 401 with ``WWW-Authenticate``). A
route that names roles answers 403 to the others. A manager sees only the clients they own:
any other client is answered as not found, so its existence does not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from engine.api.problems import problem
from engine.api.state import Active, ApiState
from engine.service import tokens
from engine.service.errors import NotFound, RegulationChanged
from engine.service.tokens import Principal
from engine.service.workspace import Workspace
from engine.store.clients import owner_login

T = TypeVar("T")

bearer = HTTPBearer(
    auto_error=False, description="An API token from `reglament token add` or POST /v1/tokens."
)


def state(request: Request) -> ApiState:
    found: ApiState = request.app.state.api
    return found


def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    if credentials is None:
        raise problem("unauthorized", "no_token", {"WWW-Authenticate": "Bearer"})
    api = state(request)
    with api.db.read() as conn:  # one transaction for the token and the regulation in force
        who = tokens.lookup_in(conn, credentials.credentials)
        if who is not None:
            request.state.active = api.active(conn)
    if who is None:
        raise problem("unauthorized", "bad_token", {"WWW-Authenticate": 'Bearer error="invalid_token"'})
    return who


def active(request: Request) -> Active:
    """The regulation in force for this request (read with the token)."""
    found = getattr(request.state, "active", None)
    return found if isinstance(found, Active) else state(request).active()


def under_regulation(request: Request, command: Callable[[Workspace], T]) -> T:
    """Run a write under the regulation in force; if another was published meanwhile (nothing
    was written), run it once more under the new one."""
    try:
        return command(active(request).ws)
    except RegulationChanged:
        request.state.active = state(request).active()
        return command(active(request).ws)


def role(*allowed: str) -> Callable[[Principal], Principal]:
    """A dependency that lets only ``allowed`` roles through (403 for the others)."""

    def check(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if who.role not in allowed:
            raise problem("forbidden", "role", needed=" / ".join(allowed), role=who.role)
        return who

    return check


Anyone = Annotated[Principal, Depends(principal)]
Staff = Annotated[Principal, Depends(role("head", "admin"))]
Admin = Annotated[Principal, Depends(role("admin"))]


def may_see(api: ApiState, who: Principal, client_id: int) -> None:
    """Raise not-found unless ``who`` may see the client (managers: only their own)."""
    if who.role != "manager":
        return
    with api.db.read() as conn:
        owner = owner_login(conn, client_id)
    if owner is None or owner != who.manager:
        raise NotFound("client_not_found", client=client_id)


def own_manager(who: Principal, asked: str | None) -> str | None:
    """The manager a request is about: a manager's token may only ask about itself."""
    if who.role != "manager":
        return asked
    if asked is not None and asked != who.manager:
        raise problem("forbidden", "own_only")
    return who.manager
