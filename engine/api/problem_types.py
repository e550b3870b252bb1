"""Every kind of problem the API answers with: its status and the members it adds to an RFC 9457
problem. One specification each, read by the handlers (the status) and by the OpenAPI document
(one schema per kind, offered per status as a ``oneOf`` on ``type``)."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import cache, reduce
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from engine.api.derive import model_of
from engine.api.regulation_answers import DiagnosticOut
from engine.service import outcomes

BASE = "https://reglament.dev/problems/"
MEDIA = "application/problem+json"


class ProblemError(BaseModel):
    pointer: str = Field(description="JSON pointer into the request body, or the parameter's name.")
    field: str = ""
    code: str = ""
    message: str


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    status: int
    extra: dict[str, Any] = field(default_factory=dict)
    """The members it adds: name → (type, pydantic Field)."""


Reason: Any = model_of(outcomes.Reason)


class FailedScenario(BaseModel):
    file: str = Field(description="The scenario file, e.g. tests/funnel.yaml.")
    line: int
    name: str
    problems: list[str] = Field(description="What the scenario missed, in the request's language.")


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("invalid-request", 400),
        Kind("unauthorized", 401),
        Kind("forbidden", 403),
        Kind("not-found", 404),
        Kind("method-not-allowed", 405),
        Kind("conflict", 409),
        Kind("cursor-too-old", 410),
        Kind(
            "move-refused",
            409,
            {
                "trigger": (str, Field(description="The trigger that was fired.")),
                "stage": (str, Field(description="The client's stage (id).")),
                "reasons": (list[Reason], Field(description="Every unmet requirement, with its clause.")),
            },
        ),
        Kind("regulation-changed", 409),
        Kind("stages-left-behind", 409),
        Kind("published-in-force", 409),
        Kind("precondition-failed", 412, {"current_version": (int | None, Field(None))}),
        Kind("payload-too-large", 413),
        Kind("invalid-input", 422),
        Kind("segmentation-refused", 422),
        Kind("export-failed", 422),
        Kind("idempotency-key-reused", 422),
        Kind("regulation-invalid", 422, {"diagnostics": (list[DiagnosticOut], Field(default_factory=list))}),
        Kind("scenarios-failed", 422, {"scenarios": (list[FailedScenario], Field(default_factory=list))}),
        Kind("precondition-required", 428),
        Kind("internal", 500),
        Kind("database-unavailable", 503),
        Kind("timeout", 503),
        Kind("pdf-unavailable", 503),
    )
}


def status_of(kind: str) -> int:
    return KINDS[kind].status


@cache
def model(kind: str) -> type[BaseModel]:
    """The problem schema of one kind: ``type`` fixed to its URI, plus its own members."""
    spec = KINDS[kind]
    name = "Problem" + "".join(part.title() for part in kind.split("-"))
    fields: dict[str, Any] = {
        "type": (Literal[BASE + kind], Field(description="Stable per kind of problem.")),
        "title": (str, Field(description="The kind of problem, in the request's language.")),
        "status": (Literal[spec.status], ...),
        "detail": (str, Field("", description="What went wrong and what to do, in the request's language.")),
        "instance": (str, ""),
        "errors": (list[ProblemError], Field(default_factory=list)),
        **spec.extra,
    }
    built: type[BaseModel] = create_model(name, __config__=ConfigDict(extra="forbid"), **fields)
    return built


def responses(*kinds: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these kinds: per status, the kinds' schemas as problem+json."""
    by_status: dict[int, list[str]] = {}
    for kind in kinds:
        by_status.setdefault(KINDS[kind].status, []).append(kind)
    out: dict[int | str, dict[str, Any]] = {}
    for status, names in sorted(by_status.items()):
        schemas = [model(n) for n in names]
        schema: Any = schemas[0] if len(schemas) == 1 else _union(schemas)
        out[status] = {"model": schema, "description": " / ".join(names), "content": {MEDIA: {}}}
    return out


def _union(schemas: list[type[BaseModel]]) -> Any:
    return Annotated[reduce(operator.or_, schemas), Field(discriminator="type")]
