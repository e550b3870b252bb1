"""/v1/regulation/versions: the numbered publications, one with its files, and a rollback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from engine.api.answers import RegulationOut, regulation_out
from engine.api.auth import Admin, Staff, state
from engine.api.derive import model_of
from engine.api.models import MAX_ID, RollbackIn
from engine.api.problems import documented, language
from engine.api.routes.regulation import rejected
from engine.service import versions
from engine.service.regulations import RegulationRejected
from engine.service.versions import Publication

router = APIRouter(prefix="/v1/regulation/versions", tags=["regulation"])
PublicationOut: Any = model_of(Publication)
Number = Annotated[int, Path(ge=1, le=MAX_ID, description="The publication's number.")]


@router.get("", response_model=list[PublicationOut], responses=documented("forbidden"))
def list_versions(
    request: Request,
    who: Staff,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many, newest first.")] = 100,
) -> Any:
    """Every publication, newest first: number, version tag, who, when, the note, the version it
    replaced, and whether it is in force (the files: `GET /v1/regulation/versions/{n}`)."""
    with state(request).db.read() as conn:
        return versions.listing(conn, limit)


@router.get("/{n}", response_model=PublicationOut, responses=documented("forbidden", "not-found"))
def get_version(n: Number, request: Request, who: Staff) -> Any:
    """One publication with its files (file name → YAML text)."""
    with state(request).db.read() as conn:
        return versions.one(conn, n)


@router.post(
    "/{n}/rollback",
    response_model=RegulationOut,
    responses=documented("forbidden", "not-found", "conflict", "regulation-invalid", "invalid-input"),
)
def rollback(n: Number, body: RollbackIn, request: Request, who: Admin) -> Any:
    """Put publication `n`'s version in force again, as a new publication (with the note). It is
    refused like any publication if it drops a stage that still holds clients (422), and answers
    409 when that version is already in force."""
    lang = language(request)
    try:
        ws = versions.rollback(state(request), n, who.actor.id, body.note)
    except RegulationRejected as err:
        raise rejected(err, lang) from None
    return regulation_out(ws.regulation, lang, "published", None)
