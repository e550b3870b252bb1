"""/v1/regulation/versions: the numbered publications, one with its files, a rollback; and
/v1/regulation/diff: what a draft changes, in words."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from engine import i18n
from engine.api.auth import Admin, Staff, active, state
from engine.api.derive import model_of
from engine.api.models import MAX_ID, DiffIn, ImpactIn, RollbackIn
from engine.api.problems import documented, language
from engine.api.regulation_answers import RegulationOut, regulation_out
from engine.api.routes.regulation import rejected
from engine.api.state import at_or_now
from engine.diffing import compare
from engine.impact import Impact, measure
from engine.language.loader import load_files
from engine.model.regulation import Regulation
from engine.service import versions
from engine.service.regulations import RegulationRejected
from engine.service.versions import Publication
from engine.service.workspace import Workspace

router = APIRouter(prefix="/v1/regulation", tags=["regulation"])
PublicationOut: Any = model_of(Publication)
ImpactOut: Any = model_of(Impact)
Number = Annotated[int, Path(ge=1, le=MAX_ID, description="The publication's number.")]


@router.get("/versions", response_model=list[PublicationOut], responses=documented("forbidden"))
def list_versions(
    request: Request,
    who: Staff,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many, newest first.")] = 100,
) -> Any:
    """Every publication, newest first: number, version tag, who, when, the note, the version it
    replaced, and whether it is in force (the files: `GET /v1/regulation/versions/{n}`)."""
    with state(request).db.read() as conn:
        return versions.listing(conn, limit)


@router.get("/versions/{n}", response_model=PublicationOut, responses=documented("forbidden", "not-found"))
def get_version(n: Number, request: Request, who: Staff) -> Any:
    """One publication with its files (file name → YAML text)."""
    with state(request).db.read() as conn:
        return versions.one(conn, n)


@router.post(
    "/versions/{n}/rollback",
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


@router.post("/diff", responses=documented("forbidden", "not-found", "regulation-invalid"))
def diff_draft(body: DiffIn, request: Request, who: Staff) -> dict[str, Any]:
    """What a draft changes against a published version (`against`: its number; default the one
    in force), by concept and in words, each change with the clause on both sides — like
    `reglament diff`. Files left out of the draft are taken from the regulation in force."""
    api = state(request)
    lang = language(request)
    with api.db.read() as conn:
        base = versions.one(conn, body.against) if body.against is not None else None
    old_files = base.files if base is not None and base.files else api.files(active(request).ws)
    current = {n: t.encode("utf-8") for n, t in api.files(active(request).ws).items()}
    old = loaded({n: t.encode("utf-8") for n, t in old_files.items()}, lang)
    new = loaded({**current, **body.as_bytes()}, lang)
    changes = compare(old, new)
    name = f"#{base.n} ({base.tag})" if base is not None else active(request).ws.tag
    said = i18n.plain(changes, lang)
    return {"old": name, "new": new.version_tag, "count": len(changes), "changes": said}


def loaded(files: dict[str, bytes], lang: str) -> Regulation:
    result = load_files(files)
    if not result.ok or result.regulation is None:
        raise rejected(RegulationRejected(result), lang)
    return result.regulation


@router.post(
    "/impact",
    response_model=ImpactOut,
    responses=documented("forbidden", "regulation-invalid"),
)
def impact(body: ImpactIn, request: Request, who: Staff) -> Any:
    """What publishing a draft would do to the base, without writing: clients on stages it
    drops or renames (carried by its map, or stranded), clients lacking what their stage now
    requires, moves that disappear, each manager's call list (top 20) and each cell's planned
    contacts and compliance, before and after — like `reglament impact`. Files left out of the
    draft are taken from the regulation in force."""
    api = state(request)
    lang = language(request)
    current = active(request).ws
    files = {**{n: t.encode("utf-8") for n, t in api.files(current).items()}, **body.as_bytes()}
    draft = Workspace(loaded(files, lang), api.db, api.clock, draft=True)
    return i18n.plain(measure(current, draft, at_or_now(api, current, body.at)), lang)
