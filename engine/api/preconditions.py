"""Optimistic concurrency and safe retries over HTTP: ETag / If-Match and Idempotency-Key.

A client's ETag is its version, ``"7"``. Every write to a client needs ``If-Match``: without it
the answer is 428; with a stale tag, 412 and nothing is written. ``If-Match: *`` means "whatever
the version" (for a front-end that knowingly overwrites). ``Idempotency-Key`` makes a retried
command answer from storage instead of applying twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Header, Request, Response

from engine import i18n
from engine.api.problems import ApiProblem, language, problem
from engine.i18n import plain
from engine.service.errors import Conflict

_TAG = re.compile(r'^\s*(W/)?"(\d{1,9})"\s*$')
"""An entity tag; If-Match compares strongly, so a weak one (W/"7") never matches."""
ANY = -1

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description='The client\'s ETag from your last read, e.g. "7"; * for any version. Required.',
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="Any unique string (a UUID): a retry with the same key is answered from storage.",
    ),
]


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version the writer read: ``None`` for ``*``; 428 when the header is missing."""
    if if_match is None:
        raise problem("precondition-required", "if_match_missing")
    if if_match.strip() == "*":
        return None
    tags = [_TAG.match(part) for part in if_match.split(",")]
    if len(tags) != 1 or tags[0] is None:
        raise problem("invalid-request", "if_match_unclear", given=if_match)
    if tags[0].group(1):
        raise problem("precondition-failed", "if_match_weak", given=if_match)
    return int(tags[0].group(2))


def guarded(request: Request, response: Response, call: Callable[[], Any]) -> Any:
    """Run a client write; a version mismatch becomes 412, success sets the new ETag; the
    answer comes back in the request's language."""
    try:
        answer = call()
    except Conflict as err:
        if err.code != "conflict":  # not about the version (e.g. a concurrent duplicate)
            raise
        actual = err.args_.get("actual")
        raise ApiProblem(
            "precondition-failed",
            i18n.Message.of("api.changed", version=actual),
            {"ETag": etag(int(actual))} if isinstance(actual, int) else {},
            current_version=actual if isinstance(actual, int) else None,
        ) from None
    client = getattr(answer, "client", None)
    if client is not None:
        response.headers["ETag"] = etag(client.version)
    return plain(answer, language(request))
