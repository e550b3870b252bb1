"""/v1/regulation: the regulation in force; check a draft; publish a new version."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from engine import i18n
from engine.api.auth import Admin, Anyone, Staff, active, state
from engine.api.models import PublishIn, RegulationFiles
from engine.api.problems import ApiProblem, documented, language
from engine.api.regulation_answers import CheckOut, RegulationOut, regulation_out
from engine.api.state import RegulationRejected
from engine.language.diagnostics import has_errors
from engine.language.loader import load_files

router = APIRouter(prefix="/v1/regulation", tags=["regulation"])


@router.get("", response_model=RegulationOut)
def get_regulation(
    request: Request,
    who: Anyone,
    files: Annotated[bool, Query(description="Include the YAML texts.")] = False,
) -> Any:
    """The regulation in force: stages, transitions, card fields, contact kinds and results."""
    current = active(request)
    texts = state(request).files(current.ws) if files else None
    return regulation_out(current.ws.regulation, language(request), current.source, texts)


@router.post("/check", response_model=CheckOut, responses=documented("forbidden"))
def check_draft(body: RegulationFiles, request: Request, who: Staff) -> Any:
    """Check a draft like `reglament check`: every finding with file, line, column and a hint.
    Files left out are taken from the regulation in force, so one changed file is enough."""
    result = load_files(_with_current(request, body))
    lang = language(request)
    ok = result.regulation is not None and not has_errors(result.diagnostics)
    tag = result.regulation.version_tag if ok and result.regulation else None
    return {"ok": ok, "tag": tag, "diagnostics": [d.as_dict(lang) for d in result.diagnostics]}


@router.put(
    "", response_model=RegulationOut, responses=documented("forbidden", "regulation-invalid", "invalid-input")
)
def publish(body: PublishIn, request: Request, who: Admin) -> Any:
    """Publish a new version; every server process sharing the database uses it from the next
    request. A draft with errors is refused (422 ``regulation-invalid`` with its diagnostics), and
    so is one that drops a stage that still holds clients. Files left out stay as they are. Every
    publication is kept, numbered, with the note (`GET /v1/regulation/versions`)."""
    api = state(request)
    lang = language(request)
    try:
        ws = api.publish(_with_current(request, body), who.actor.id, body.note)
    except RegulationRejected as err:
        raise rejected(err, lang) from None
    out = regulation_out(ws.regulation, lang, "published", None)
    out.warnings = [w.render(lang) for w in ws.warnings]
    return out


def rejected(err: RegulationRejected, lang: str) -> ApiProblem:
    """A regulation refused for its errors: 422 ``regulation-invalid`` with its diagnostics."""
    found = [d.as_dict(lang) for d in err.result.diagnostics]
    errors = [
        {"pointer": d["pointer"], "field": d["file"], "code": d["code"], "message": d["message"]}
        for d in found
        if d["severity"] == "error"
    ]
    return ApiProblem(
        "regulation-invalid",
        i18n.Message.of("api.regulation_invalid", n=len(errors)),
        errors=errors,
        diagnostics=found,
    )


def _with_current(request: Request, body: RegulationFiles) -> dict[str, bytes]:
    current = state(request).files(active(request).ws)
    return {**{n: t.encode("utf-8") for n, t in current.items()}, **body.as_bytes()}
