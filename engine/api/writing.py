"""A write to one client, as every write route does it: only a client the caller may see, only
at the version it names (If-Match), once per Idempotency-Key, under the regulation in force; the
answer carries the new ETag and speaks the request's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request, Response

from engine.api.auth import Anyone, Staff, may_see, state, under_regulation
from engine.api.models import MAX_ID
from engine.api.preconditions import IdempotencyKey, IfMatch, expected_version, guarded
from engine.service.actors import Actor
from engine.service.tokens import Principal
from engine.service.workspace import Workspace

ClientId = Annotated[int, Path(ge=1, le=MAX_ID, description="The client's number.")]


@dataclass(frozen=True, slots=True)
class Writing:
    request: Request
    response: Response
    who: Principal
    client_id: int
    version: int | None
    key: str | None

    @property
    def actor(self) -> Actor:
        return self.who.actor

    def __call__(self, command: Callable[[Workspace], Any]) -> Any:
        may_see(state(self.request), self.who, self.client_id)
        return guarded(self.request, self.response, lambda: under_regulation(self.request, command))

    def change(self, command: Callable[..., Any], *args: Any, **options: Any) -> Any:
        """Run a service command on this client, as this caller, at the version and with the key
        the request names: ``command(ws, actor, client_id, *args, **options, expected_version=…,
        key=…)``."""
        return self(
            lambda ws: command(
                ws, self.actor, self.client_id, *args, **options, expected_version=self.version, key=self.key
            )
        )


def _dependency(role: Any) -> Callable[..., Writing]:
    """The route dependency for writes by ``role`` (a principal dependency)."""

    def writing(
        who: Principal,
        client_id: ClientId,
        request: Request,
        response: Response,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Writing:
        return Writing(request, response, who, client_id, expected_version(if_match), idempotency_key)

    writing.__annotations__["who"] = role  # the role's dependency decides who may write
    return writing


Write = Annotated[Writing, Depends(_dependency(Anyone))]
StaffWrite = Annotated[Writing, Depends(_dependency(Staff))]
