"""Who acts: an identity recorded in the history, a scope for idempotency keys, and — for a
manager — the restriction to their own clients, checked inside the write transaction."""

from __future__ import annotations

from dataclasses import dataclass

from engine.service.errors import NotFound
from engine.values.client import ClientState


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    """Recorded as the actor of history entries and contacts: a manager's login, ``token:N`` for
    another API token, or the CLI user."""
    scope: str
    """Whose idempotency keys these are: ``manager:N``, ``token:N`` or the CLI user."""
    manager: str | None = None
    """Set for a manager's token: it may act on the clients this manager owns only."""

    @classmethod
    def named(cls, name: str) -> Actor:
        """A person at the command line, trusted as named."""
        return cls(name, name)

    def may_touch(self, client: ClientState) -> None:
        """Raise not-found (the client's existence is not revealed) unless the actor may act on it."""
        if self.manager is not None and client.owner != self.manager:
            raise NotFound("client_not_found", client=client.id)


def as_actor(actor: Actor | str) -> Actor:
    return actor if isinstance(actor, Actor) else Actor.named(actor)
