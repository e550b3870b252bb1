"""/v1/regulation: the regulation in force; check a draft; publish a new version."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field, StrictBool

from engine import i18n
from engine.api.auth import Admin, Anyone, Staff, active, state
from engine.api.models import PublishIn, RegulationFiles
from engine.api.problems import ApiProblem, documented, language
from engine.api.regulation_answers import CheckOut, RegulationOut, regulation_out
from engine.api.scenario_files import ScenarioName, ScenarioText, named_texts
from engine.api.state import RegulationRejected
from engine.language.diagnostics import has_errors
from engine.language.loader import load_files
from engine.scenarios.gate import gate
from engine.service.versions import scenarios_in_force

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


class PublishTestedIn(PublishIn):
    tests: dict[ScenarioName, ScenarioText] = Field(
        default_factory=dict,
        max_length=100,
        description="The regulation's scenario files (file name → YAML text, as for "
        "/v1/regulation/test; left out: the ones the publication in force ran, kept with it): "
        "publishing is refused (422 `scenarios-failed`) if one fails.",
        json_schema_extra=named_texts,
    )
    force: StrictBool = Field(
        False, description="Publish although scenarios fail; the failing ones are kept with the publication."
    )


@router.put(
    "",
    response_model=RegulationOut,
    responses=documented("forbidden", "regulation-invalid", "scenarios-failed", "invalid-input"),
)
def publish(body: PublishTestedIn, request: Request, who: Admin) -> Any:
    """Publish a new version; every server process sharing the database uses it from the next
    request. A draft with errors is refused (422 ``regulation-invalid`` with its diagnostics), so
    is one whose scenarios (`tests`; left out: those the publication in force ran) fail unless
    `force` (422 ``scenarios-failed``, each named at its file and line), and one that drops a
    stage that still holds clients. Files left out stay as they are. The version in force
    already is answered as it is (`unchanged`), nothing written. Every publication is kept,
    numbered, with the note (`GET /v1/regulation/versions`)."""
    api = state(request)
    lang = language(request)
    sent = {f"tests/{name}": text for name, text in body.tests.items()}
    texts = sent or scenarios_in_force(api)  # left out: the ones the publication in force ran
    tests = gate({name: text.encode("utf-8") for name, text in texts.items()})
    try:
        done = api.publish(
            _with_current(request, body),
            who.actor.id,
            body.note,
            gate=tests,
            force=body.force,
            scenarios=texts,
        )
    except RegulationRejected as err:
        raise rejected(err, lang) from None
    out = regulation_out(done.ws.regulation, lang, "published", None)
    out.warnings = [w.render(lang) for w in done.ws.warnings]
    out.publication, out.unchanged, out.forced = done.number, done.unchanged, list(done.forced)
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
