"""/v1/regulation/test: the scenarios a head writes, run against a draft or the regulation in
force, without writing anything — like `reglament test`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field

from engine.api.auth import Staff, active, state
from engine.api.models import FileName, RegulationFiles, Storable
from engine.api.problems import documented, language
from engine.api.routes.versions import loaded
from engine.api.scenario_files import ScenarioName, ScenarioText, named_texts
from engine.scenarios import run_all
from engine.scenarios.reading import read_file
from engine.scenarios.report import as_dict

router = APIRouter(prefix="/v1/regulation", tags=["regulation"])


class ScenariosIn(RegulationFiles):
    files: dict[FileName, Annotated[Storable, Field(max_length=2_000_000)]] = Field(
        default_factory=dict,
        description="A draft's files (file name → YAML text); left out: the regulation in force.",
    )
    tests: dict[ScenarioName, ScenarioText] = Field(
        min_length=1,
        max_length=100,
        description='The scenario files: file name → YAML text, e.g. {"calls.yaml": "scenarios: ..."}.',
        json_schema_extra=named_texts,
    )


@router.post("/test", responses=documented("forbidden", "regulation-invalid"))
def run_scenarios(body: ScenariosIn, request: Request, who: Staff) -> dict[str, Any]:
    """Run the scenario files (`tests`) on the regulation in force, or on a draft of it (`files`:
    files left out are taken from the regulation in force): each scenario passed or failed with
    what it missed, in words, and the stages, transitions, buckets and cells no scenario
    exercises. `ok` is false when any scenario failed or could not be read."""
    api = state(request)
    lang = language(request)
    current = {n: t.encode("utf-8") for n, t in api.files(active(request).ws).items()}
    reg = loaded({**current, **body.as_bytes()}, lang)
    scenarios = [
        found
        for name, text in sorted(body.tests.items())
        for found in read_file(text.encode("utf-8"), f"tests/{name}", reg)
    ]
    return as_dict(run_all(reg, scenarios), lang)
