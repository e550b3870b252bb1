"""/v1/events (the feed, a long poll) and /v1/webhooks (subscriptions, replay, delivery log)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Path, Query, Request, Response

from engine.api.auth import Admin, Anyone, state
from engine.api.events import (
    MAX_EVENT,
    MAX_LIMIT,
    AttemptOut,
    EventPage,
    Replayed,
    ReplayIn,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
)
from engine.api.models import MAX_ID
from engine.api.problems import documented
from engine.service import feed, webhooks

router = APIRouter(prefix="/v1", tags=["events"])
WebhookId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _types(raw: str | None) -> list[str]:
    return [t.strip() for t in (raw or "").split(",") if t.strip()]


@router.get("/events", response_model=EventPage, responses=documented("invalid-input", "cursor-too-old"))
async def events(
    request: Request,
    who: Anyone,
    after: Annotated[
        int, Query(ge=0, le=MAX_EVENT, description="The id of the last event read (0: from the oldest kept).")
    ] = 0,
    types: Annotated[
        str | None,
        Query(
            max_length=2000,
            pattern=r"^[^\x00]*$",
            description="Event types, comma-separated (client.moved,contact.recorded); all when left out.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    wait: Annotated[
        float, Query(ge=0, le=feed.MAX_WAIT, description="Seconds to wait for a first event (a long poll).")
    ] = 0,
) -> Any:
    """Events after the cursor, oldest first, in the order they were committed. A manager's
    token sees the events of its own clients, and regulation.published. With ``wait`` the
    answer waits until an event arrives or the time is up; ask again with ``after=next``."""
    api = state(request)
    manager_id = who.manager_id if who.role == "manager" else None
    chosen = _types(types)
    deadline = time.monotonic() + min(wait, getattr(request.app.state, "events_max_wait", feed.MAX_WAIT))
    while True:
        page = await anyio.to_thread.run_sync(
            lambda: feed.read(api.db, after, types=chosen, limit=limit, manager_id=manager_id)
        )
        if page.events or time.monotonic() >= deadline:
            return {"events": [e.as_dict() for e in page.events], "next": page.next}
        await anyio.sleep(feed.POLL_SECONDS)


@router.get("/webhooks", response_model=list[WebhookOut], responses=documented("forbidden"))
def list_webhooks(request: Request, who: Admin) -> Any:
    """Every webhook subscription: its state (paused ones say why) and its deliveries waiting or failed."""
    return webhooks.listing(state(request).db)


@router.post(
    "/webhooks",
    status_code=201,
    response_model=WebhookCreated,
    responses=documented("forbidden", "invalid-input"),
)
def create_webhook(body: WebhookIn, request: Request, who: Admin) -> Any:
    """Subscribe a URL to event types. The answer holds the signing secret, shown only once;
    events committed from now on are sent (replay sends older ones)."""
    api = state(request)
    return webhooks.create(api.db, body.url, body.types, api.clock(), body.description)


@router.get(
    "/webhooks/{webhook_id}", response_model=WebhookOut, responses=documented("forbidden", "not-found")
)
def get_webhook(webhook_id: WebhookId, request: Request, who: Admin) -> Any:
    return webhooks.show(state(request).db, webhook_id)


@router.delete(
    "/webhooks/{webhook_id}",
    status_code=204,
    response_class=Response,
    responses=documented("forbidden", "not-found"),
)
def delete_webhook(webhook_id: WebhookId, request: Request, who: Admin) -> Response:
    """Remove a subscription with its deliveries and their log."""
    webhooks.remove(state(request).db, webhook_id)
    return Response(status_code=204)


@router.post(
    "/webhooks/{webhook_id}/pause", response_model=WebhookOut, responses=documented("forbidden", "not-found")
)
def pause_webhook(webhook_id: WebhookId, request: Request, who: Admin) -> Any:
    """Stop sending; events keep being queued for it."""
    api = state(request)
    return webhooks.pause(api.db, webhook_id, api.clock())


@router.post(
    "/webhooks/{webhook_id}/resume", response_model=WebhookOut, responses=documented("forbidden", "not-found")
)
def resume_webhook(webhook_id: WebhookId, request: Request, who: Admin) -> Any:
    """Send again: what waited is delivered, in order."""
    api = state(request)
    return webhooks.resume(api.db, webhook_id, api.clock())


@router.post(
    "/webhooks/{webhook_id}/replay",
    response_model=Replayed,
    responses=documented("forbidden", "not-found", "invalid-input"),
)
def replay_webhook(webhook_id: WebhookId, body: ReplayIn, request: Request, who: Admin) -> Any:
    """Send one event again, or every event of the subscription's types in a time range, with
    their original webhook-id."""
    api = state(request)
    count = webhooks.replay(
        api.db, webhook_id, api.clock(), event_id=body.event, since=_utc(body.since), until=_utc(body.until)
    )
    return {"replayed": count}


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    response_model=list[AttemptOut],
    responses=documented("forbidden", "not-found"),
)
def webhook_deliveries(
    webhook_id: WebhookId,
    request: Request,
    who: Admin,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> Any:
    """The delivery log, newest first: each attempt's status code (or error) and duration."""
    return webhooks.log(state(request).db, webhook_id, limit)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
