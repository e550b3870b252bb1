"""Events and webhooks in the OpenAPI document: an event is a ``oneOf`` by ``type``, each with
its typed ``data`` (the payload records of :mod:`engine.service.events`); the inputs of the
webhook routes."""

from __future__ import annotations

import operator
from datetime import datetime
from functools import reduce
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, Tag, create_model

from engine.api.derive import model_of
from engine.api.models import Moment, Storable, Strict
from engine.service import feed, webhooks
from engine.service.events import TYPES

OTHER = "other"
MAX_EVENT = 2**53 - 1
"""The largest event id the API takes: an integer JSON keeps exactly."""


class _Event(BaseModel):
    id: int = Field(description="The event's id: the feed's cursor and the webhook-id (evt_<id>).")
    at: datetime
    actor: str = Field(description="A manager's login, token:N for an API token, or a CLI user.")
    regulation: str = Field(description="The tag of the regulation in force.")
    client_id: int | None = Field(None, description="The client the event is about.")
    client_version: int | None = Field(None, description="The client's version after the change.")


def _member(kind: str, payload: type) -> Any:
    name = "Event" + "".join(part.title() for part in kind.replace(".", "_").split("_"))
    fields: dict[str, Any] = {"type": (Literal[kind], ...), "data": (model_of(payload), ...)}
    model = create_model(name, __base__=_Event, __doc__=payload.__doc__, **fields)
    return Annotated[model, Tag(kind)]


class EventOther(_Event):
    """An event of a type this version does not describe (written by a newer engine)."""

    type: str = Field(json_schema_extra={"not": {"enum": list(TYPES)}})
    data: dict[str, Any]


def _tag(event: Any) -> str:
    kind = event.get("type") if isinstance(event, dict) else getattr(event, "type", None)
    return kind if kind in TYPES else OTHER


_MEMBERS = [_member(kind, spec.payload) for kind, spec in TYPES.items()] + [Annotated[EventOther, Tag(OTHER)]]
EventOut: Any = Annotated[reduce(operator.or_, _MEMBERS), Discriminator(_tag)]


class EventPage(BaseModel):
    events: list[EventOut]
    next: int = Field(description="The cursor to ask with next: after=<next>.")


class WebhookIn(Strict):
    url: Annotated[Storable, Field(min_length=1, max_length=2000)] = Field(
        description="Where to POST the events: an http:// or https:// URL."
    )
    types: list[Annotated[Storable, Field(max_length=100)]] = Field(
        default_factory=lambda: ["*"], max_length=50, description="Event types to send; * for all."
    )
    description: Annotated[Storable, Field(max_length=500)] = ""


class ReplayIn(Strict):
    event: int | None = Field(None, ge=1, le=MAX_EVENT, description="One event's id to send again.")
    since: Moment | None = Field(None, description="Send again the events from this moment…")
    until: Moment | None = Field(None, description="…up to this one (either may be left out).")


class Replayed(BaseModel):
    replayed: int = Field(description="How many events will be sent again.")


WebhookOut: Any = model_of(webhooks.Subscription)
WebhookCreated: Any = model_of(webhooks.Created)
AttemptOut: Any = model_of(webhooks.Attempt)
MAX_LIMIT = feed.MAX_LIMIT
